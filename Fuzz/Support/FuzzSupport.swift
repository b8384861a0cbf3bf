// The FuzzSupport module, shared by every fuzz target: scripts/fuzz.sh compiles Fuzz/Support
// once and links it into each Fuzz/<target>/main.swift. A target's main.swift only defines
// LLVMFuzzerTestOneInput and the properties that are its own; the checks every trace format
// shares live here, so a target for a new importer is a few lines (docs/reliability.md).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplayCore

// MARK: Failing

/// Reports a broken property and aborts, so that libFuzzer saves the input as a crash.
public func fuzzFail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    var text = "==FUZZ== property failed at \(file):\(line): \(message)\n"
    text.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
    abort()
}

/// Aborts with `message` when `condition` is false.
@inline(__always)
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fuzzFail(message(), file: file, line: line) }
}

/// A value shortened for a failure message.
public func brief(_ value: JSONValue?) -> String {
    guard let value else { return "nil" }
    let text = value.jsonText(.compact)
    return text.utf8.count <= 300 ? text : String(decoding: text.utf8.prefix(297), as: UTF8.self) + "..."
}

// MARK: Bounding the work

/// How big a value is, to keep the checks of one input cheap: states built by replay can
/// share structure (a patch `copy` of the root doubles the logical size in one operation),
/// so anything that walks a state is only done when it is small.
public struct Shape {
    /// Nodes counted, up to the cap given (then `nodes > cap`).
    public var nodes = 0
    /// The deepest nesting seen among the nodes counted.
    public var depth = 0

    /// Walks `value` without recursion, stopping once more than `cap` nodes are seen.
    public init(_ value: JSONValue, cap: Int) {
        var stack: [(JSONValue, Int)] = [(value, 1)]
        while let (node, level) = stack.popLast() {
            nodes += 1
            depth = max(depth, level)
            if nodes > cap { return }
            switch node {
            case .array(let elements):
                for element in elements { stack.append((element, level + 1)) }
            case .object(let members):
                for member in members.values { stack.append((member, level + 1)) }
            default:
                break
            }
        }
    }
}

/// States and documents up to this many nodes get the expensive checks (equality, diffs).
public let smallValueNodes = 20_000
/// Nesting beyond what the parser accepts (replay can build deeper states than any document).
public let smallValueDepth = JSONParser.maxDepth

/// True when `value` is small enough to compare, diff and print in a fuzz iteration.
public func isSmall(_ value: JSONValue) -> Bool {
    let shape = Shape(value, cap: smallValueNodes)
    return shape.nodes <= smallValueNodes && shape.depth <= smallValueDepth
}

// MARK: JSON

/// Parses `bytes`, or nil on a syntax error.
public func parseOrNil(_ bytes: UnsafeRawBufferPointer) -> JSONValue? {
    do throws(JSONSyntaxError) {
        return try JSONParser.parse(bytes)
    } catch {
        return nil
    }
}

/// Parses text that the library itself wrote, which must be valid JSON.
public func reparse(_ text: String, what: String) -> JSONValue {
    do throws(JSONSyntaxError) {
        return try JSONValue(parsing: text)
    } catch {
        fuzzFail("\(what) wrote text that does not parse (\(error.message) at offset \(error.offset)): \(text.prefix(300))")
    }
}

/// `value` written in both styles must parse back equal, and writing is a fixed point.
public func checkRoundTrip(_ value: JSONValue, what: String) {
    for style in [JSONWriter.Style.compact, .pretty] {
        let text = value.jsonText(style)
        let again = reparse(text, what: "\(what) jsonText(\(style))")
        fuzzCheck(again == value, "\(what): jsonText(\(style)) parses back to a different value\n  before: \(brief(value))\n  after:  \(brief(again))")
        fuzzCheck(again.hashValue == value.hashValue, "\(what): equal values with different hashes after a round trip: \(brief(value))")
        fuzzCheck(again.jsonText(style) == text, "\(what): jsonText(\(style)) is not a fixed point: \(brief(value))")
    }
}

// MARK: Diffs and patches

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

// MARK: Traces

/// Everything a trace promises, exercised with bounded work: every event read and checked
/// against its summary, replay at several positions checked against folding the events
/// (the replayer's law), and conversion to the native format read back the same.
public func exerciseTrace(_ trace: Trace) {
    for warning in trace.warnings { _ = warning.description }
    _ = brief(.object(trace.meta))
    let count = trace.count
    fuzzCheck(count >= 0, "negative event count \(count)")
    if let crash = trace.crash {
        fuzzCheck((0..<count).contains(crash.index), "crash index \(crash.index) is outside 0..<\(count)")
    }

    // Every event: the index's summary and the effect read alone agree with the full parse.
    var events: [Event?] = []
    events.reserveCapacity(count)
    for index in 0..<count {
        let summary = trace.events.summary(index)
        var parsed: Event?
        do throws(TraceError) {
            parsed = try trace.events.event(index)
        } catch {
            _ = error.description
        }
        var effect: EventEffect?
        var effectError: TraceError?
        do throws(TraceError) {
            effect = try trace.events.effect(index)
        } catch {
            effectError = error
        }
        if let event = parsed {
            fuzzCheck(event.index == index, "event(\(index)) has index \(event.index)")
            let full = event.summary
            fuzzCheck(summary.kind == full.kind, "event #\(index): the index says kind \(summary.kind), the event says \(full.kind)")
            fuzzCheck(summary.name == full.name, "event #\(index): the index says name \(String(describing: summary.name)), the event says \(String(describing: full.name))")
            fuzzCheck(summary.hasError == full.hasError, "event #\(index): the index says hasError \(summary.hasError), the event says \(full.hasError) (error \(String(describing: event.error)))")
            fuzzCheck(summary.effect == full.effect, "event #\(index): the index says effect \(summary.effect), the event says \(full.effect)")
            fuzzCheck(sameTime(summary.t, full.t), "event #\(index): the index says t \(String(describing: summary.t)), the event says \(String(describing: full.t)) (literal \(event.t?.literal ?? "nil"))")
            if let effectError {
                fuzzFail("event #\(index) parses, but its effect alone does not: \(effectError)")
            }
            fuzzCheck(effect == event.effect, "event #\(index): effect(\(index)) differs from event(\(index)).effect")
        }
        events.append(parsed)
    }

    // Replay: fold the events from the start, remembering the state at a few positions.
    var positions = Set([0, count, count / 2, count / 3, 1, count - 1, 2 * count / 3].filter { (0...count).contains($0) })
    if let crash = trace.crash { positions.insert(crash.index + 1) }
    var expected: [Int: JSONValue] = [:]
    var state = trace.initialState
    var foldable = isSmall(state)
    if foldable, positions.contains(0) { expected[0] = state }
    var position = 0
    while foldable, position < count, let event = events[position] {
        do throws(TraceError) {
            try event.apply(to: &state)
        } catch {
            _ = error.description
            break
        }
        position += 1
        if !isSmall(state) { foldable = false; break }
        if positions.contains(position) { expected[position] = state }
    }

    // The replayer, asked out of order with checkpoints every few events, must agree.
    let replayer = Replayer(trace: trace, checkpointInterval: 3)
    let ordered = positions.sorted()
    for position in ordered.reversed() + ordered + ordered.reversed() {
        var got: JSONValue?
        do throws(TraceError) {
            got = try replayer.state(at: position)
        } catch {
            _ = error.description
        }
        if let want = expected[position] {
            guard let got else { fuzzFail("state(at: \(position)) throws, but folding the first \(position) events works") }
            fuzzCheck(got == want, "state(at: \(position)) differs from folding the first \(position) events\n  replay: \(brief(got))\n  fold:   \(brief(want))")
        }
    }
    for bad in [-1, count + 1] {
        do throws(TraceError) {
            _ = try replayer.state(at: bad)
            fuzzFail("state(at: \(bad)) did not throw for a trace of \(count) events")
        } catch {
            _ = error.description
        }
    }

    // What the UI shows for an event: the diff it made, which must apply.
    let defaultReplayer = Replayer(trace: trace)
    for index in Set([0, count - 1, trace.crash?.index ?? 0]) where (0..<count).contains(index) {
        guard let before = expected[index], let after = expected[index + 1] else { continue }
        do throws(TraceError) {
            let changes = try defaultReplayer.changes(ofEvent: index)
            fuzzCheck(changes == StateDiff.changes(from: before, to: after), "changes(ofEvent: \(index)) differs from the diff of the folded states")
        } catch {
            fuzzFail("changes(ofEvent: \(index)) throws \(error), but folding works")
        }
        checkDiff(from: before, to: after, what: "event #\(index)'s diff")
    }

    checkConversion(trace, events: events, expected: expected)
}

/// Two optional times are the same, NaN and nil both meaning "none".
private func sameTime(_ a: Double?, _ b: Double?) -> Bool {
    let a = a.flatMap { $0.isNaN ? nil : $0 }
    let b = b.flatMap { $0.isNaN ? nil : $0 }
    return a == b
}

/// Converting a trace whose events all parse to the native format (as `convert` writes it)
/// and loading that back gives the same events, initial state and crash, and the same states.
private func checkConversion(_ trace: Trace, events: [Event?], expected: [Int: JSONValue]) {
    let complete = events.compactMap { $0 }
    guard complete.count == events.count, isSmall(trace.initialState) else { return }
    for ndjson in [false, true] {
        let form = ndjson ? "NDJSON" : "JSON"
        var text = ""
        do {
            try NativeFormat.write(trace, ndjson: ndjson) { text += $0 }
        } catch {
            fuzzFail("the trace cannot be written as native \(form), though every event parses: \(error)")
        }
        let loaded: Trace
        do throws(TraceError) {
            loaded = try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
        } catch {
            fuzzFail("the trace converted to native \(form) does not load: \(error)\n  converted: \(text.prefix(600))")
        }
        fuzzCheck(loaded.count == trace.count, "converted to native \(form): \(loaded.count) events instead of \(trace.count)")
        fuzzCheck(loaded.initialState == trace.initialState, "converted to native \(form): the initial state differs")
        fuzzCheck(loaded.crash == trace.crash, "converted to native \(form): crash \(String(describing: loaded.crash)) instead of \(String(describing: trace.crash))")
        for index in 0..<complete.count {
            do throws(TraceError) {
                let again = try loaded.events.event(index)
                fuzzCheck(again == complete[index], "converted to native \(form): event #\(index) reads back as \(brief(again.nativeJSON)) instead of \(brief(complete[index].nativeJSON))")
            } catch {
                fuzzFail("converted to native \(form): event #\(index) does not read back: \(error)")
            }
        }
        let replayer = Replayer(trace: loaded)
        for (position, want) in expected {
            do throws(TraceError) {
                let got = try replayer.state(at: position)
                fuzzCheck(got == want, "converted to native \(form): the state at \(position) differs")
            } catch {
                fuzzFail("converted to native \(form): state(at: \(position)) throws \(error)")
            }
        }
    }
}

/// The fuzz entry shared by trace formats: load `bytes` (as `format`, or recognised by
/// content when nil) and, when it loads, exercise the trace. Loading may fail with a
/// `TraceError`; it must never trap, hang or exhaust memory.
public func fuzzTraceLoad(_ data: UnsafePointer<UInt8>, _ size: Int, format: String? = nil, maxInflated: Int = 1 << 20) {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    // A gzip bomb is not a finding: a few kB may inflate to gigabytes, which the loader then
    // (correctly, slowly) reads. Keep each iteration fast by skipping large inflations.
    if Gzip.isGzip(bytes) {
        do throws(TraceError) {
            if try Gzip.inflate(bytes).bytes.count > maxInflated { return }
        } catch {
            _ = error.description
        }
    }
    let trace: Trace
    do throws(TraceError) {
        trace = try TraceLoader.load(TraceData(bytes: Array(bytes)), format: format)
    } catch {
        _ = error.description
        return
    }
    if let format, format != NativeFormat.name {
        fuzzCheck(trace.format == format, "loaded as \(format) but the trace says \(trace.format)")
    }
    exerciseTrace(trace)
}
