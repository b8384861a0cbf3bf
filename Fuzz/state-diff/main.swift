// state-diff: two JSON documents A and B, separated by the input's first NUL byte (JSON
// text cannot contain one). Without a NUL, A is the whole input and B each of its first
// few members or elements in turn.
//
// Properties, both ways round and with the array-diff budget both default and tiny (which
// forces the positional fallback): StateDiff.changes(from: A, to: B) applied to A gives
// exactly B (key order included), step by step and as one patch read back from its JSON
// text; each change's `old` is the value it replaces; equal documents have no changes.
// When B reads as an RFC 6902 patch, applying it to A either works or leaves A exactly as
// it was. B as an RFC 7386 merge patch on A is idempotent.
import FuzzSupport
import ReplayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    var pairs: [(JSONValue, JSONValue)] = []
    if let split = bytes.firstIndex(of: 0) {
        guard let a = parseOrNil(UnsafeRawBufferPointer(rebasing: bytes[..<split])),
            let b = parseOrNil(UnsafeRawBufferPointer(rebasing: bytes[(split + 1)...]))
        else { return 0 }
        pairs.append((a, b))
    } else {
        guard let a = parseOrNil(bytes) else { return 0 }
        var parts: [JSONValue] = [.null]
        switch a {
        case .array(let elements): parts += elements.prefix(4)
        case .object(let members): parts += members.values.prefix(4)
        default: break
        }
        pairs += parts.map { (a, $0) }
    }
    for (a, b) in pairs {
        guard isSmall(a), isSmall(b) else { continue }
        for limits in [DiffLimits.default, DiffLimits(maxLCSCells: 1)] {
            checkDiff(from: a, to: b, limits: limits, what: "diff a->b (maxLCSCells \(limits.maxLCSCells))")
            checkDiff(from: b, to: a, limits: limits, what: "diff b->a (maxLCSCells \(limits.maxLCSCells))")
        }
        checkDiff(from: a, to: a, what: "diff a->a")

        // B as a JSON Patch on A.
        do throws(PatchFailure) {
            let operations = try JSONPatch.operations(from: b)
            if let patched = checkPatchAtomicity(operations, to: a, what: "patch b on a"), isSmall(patched) {
                checkDiff(from: a, to: patched, what: "diff a->(a patched by b)")
            }
        } catch {
            _ = error.description
        }

        // B as a JSON Merge Patch on A: applying it twice is applying it once.
        var once = a
        MergePatch.apply(b, to: &once)
        var twice = once
        MergePatch.apply(b, to: &twice)
        fuzzCheck(once == twice, "merge patch is not idempotent\n  a: \(brief(a))\n  b: \(brief(b))\n  once:  \(brief(once))\n  twice: \(brief(twice))")
    }
    return 0
}
