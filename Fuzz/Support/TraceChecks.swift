// The checks every loaded trace gets, whatever its format, so that the target for an
// importer is a call of fuzzTraceLoad (docs/reliability.md, "Fuzzing").

import ReplayCore

/// Everything a trace promises, exercised with bounded work: every event read and checked
/// against its summary, replay at several positions checked against folding the events
/// (the replayer's law), and conversion to the native format read back the same.
func exerciseTrace(_ trace: Trace) {
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

    // What `info` prints, gathered from the index in one pass, agrees with the events.
    let overview = TraceOverview(trace)
    let summaries = (0..<count).map { trace.events.summary($0) }
    fuzzCheck(overview.errors == summaries.indices.filter { summaries[$0].hasError }, "TraceOverview.errors \(overview.errors) differ from the events' errors")
    fuzzCheck(overview.kinds.reduce(0) { $0 + $1.count } == count, "TraceOverview.kinds count \(overview.kinds.reduce(0) { $0 + $1.count }) events of \(count)")
    fuzzCheck(Set(overview.kinds.map(\.kind)).count == overview.kinds.count, "TraceOverview.kinds names a kind twice: \(overview.kinds.map(\.kind))")
    let latest = summaries.compactMap(\.t).filter { !$0.isNaN }.max()
    fuzzCheck(sameTime(overview.durationMilliseconds, latest), "TraceOverview.durationMilliseconds is \(String(describing: overview.durationMilliseconds)), the latest t \(String(describing: latest))")

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
        if trace.format == NativeFormat.name, nodeCount(state, cap: smallValueNodes) <= smallValueNodes {
            fuzzCheck(!state.nests(deeperThan: JSONParser.maxDepth), "replaying \(position) events nests the state deeper than \(JSONParser.maxDepth) levels")
        }
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
public func fuzzTraceLoad(_ data: UnsafePointer<UInt8>, _ size: Int, format: TraceFormatName? = nil, maxInflated: Int = 1 << 20) {
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
        trace = try TraceLoader.load(TraceData(bytes: Array(bytes)), format: format?.rawValue)
    } catch {
        _ = error.description
        return
    }
    if let format, format != .native {
        fuzzCheck(trace.format == format, "loaded as \(format) but the trace says \(trace.format)")
    }
    exerciseTrace(trace)
}
