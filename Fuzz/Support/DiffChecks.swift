// Properties of StateDiff and JSON Patch.

import ReplayCore

/// `StateDiff.changes(from: a, to: b)` applied to `a` gives exactly `b`, both as operations
/// and after a trip through JSON text; each change's `old` is the value it replaces.
public func checkDiff(from a: JSONValue, to b: JSONValue, limits: DiffLimits = .default, what: String) {
    let changes = StateDiff.changes(from: a, to: b, limits: limits)
    if a == b {
        fuzzCheck(changes.isEmpty, "\(what): equal values have \(changes.count) changes: \(brief(a))")
        return
    }
    fuzzCheck(!changes.isEmpty, "\(what): different values have no changes\n  a: \(brief(a))\n  b: \(brief(b))")
    let describe = { () -> String in
        "\n  a: \(brief(a))\n  b: \(brief(b))\n  changes: \(brief(.array(changes.map(\.jsonValue))))"
    }

    // Step by step: every old value is what is there before the change.
    var document = a
    for (index, change) in changes.enumerated() {
        let pointerText = change.path.description
        fuzzCheck(!change.readableLine.isEmpty, "\(what): change #\(index) has no readable line")
        do throws(JSONPointerError) {
            let reparsed = try JSONPointer(parsing: pointerText)
            fuzzCheck(reparsed == change.path, "\(what): change #\(index)'s pointer \(pointerText) parses back as \(reparsed.tokens), not \(change.path.tokens)\(describe())")
        } catch {
            fuzzFail("\(what): change #\(index)'s pointer does not parse: \(error)\(describe())")
        }
        switch change.op {
        case .add:
            fuzzCheck(change.old == nil && change.new != nil, "\(what): change #\(index) is an add with old \(brief(change.old)), new \(brief(change.new))")
        case .remove:
            fuzzCheck(change.old != nil && change.new == nil, "\(what): change #\(index) is a remove with old \(brief(change.old)), new \(brief(change.new))")
        case .replace:
            fuzzCheck(change.old != nil && change.new != nil, "\(what): change #\(index) is a replace with old \(brief(change.old)), new \(brief(change.new))")
        }
        if let old = change.old {
            let current = change.path.resolve(in: document)
            fuzzCheck(current == old, "\(what): change #\(index) (\(change.op) \(pointerText)) says the old value is \(brief(old)), but it is \(brief(current))\(describe())")
        }
        do throws(PatchFailure) {
            try JSONPatch.apply([change.patchOperation], to: &document)
        } catch {
            fuzzFail("\(what): change #\(index) does not apply: \(error)\(describe())")
        }
    }
    fuzzCheck(document == b, "\(what): applying the changes gives \(brief(document)) instead of b\(describe())")

    // All at once, read back from the patch's JSON text, as `diff --json` users would.
    let patchText = JSONValue.array(changes.map(\.patchOperation.jsonValue)).jsonText(.compact)
    let operations: [PatchOperation]
    do throws(PatchFailure) {
        operations = try JSONPatch.operations(from: reparse(patchText, what: "\(what) patch"))
    } catch {
        fuzzFail("\(what): the diff's patch text does not read back: \(error)\(describe())")
    }
    fuzzCheck(operations == changes.map(\.patchOperation), "\(what): the diff's patch reads back differently\(describe())")
    var whole = a
    do throws(PatchFailure) {
        try JSONPatch.apply(operations, to: &whole)
    } catch {
        fuzzFail("\(what): the diff's patch does not apply at once: \(error)\(describe())")
    }
    fuzzCheck(whole == b, "\(what): applying the whole patch gives \(brief(whole)) instead of b\(describe())")
}

/// Applies an arbitrary patch: on failure the document must be left exactly as it was.
/// Returns the patched document when the patch applied.
@discardableResult
public func checkPatchAtomicity(_ operations: [PatchOperation], to document: JSONValue, what: String) -> JSONValue? {
    var patched = document
    do throws(PatchFailure) {
        try JSONPatch.apply(operations, to: &patched)
        return patched
    } catch {
        _ = error.description
        fuzzCheck(patched == document, "\(what): a failed patch (\(error)) changed the document\n  before: \(brief(document))\n  after:  \(brief(patched))")
        return nil
    }
}
