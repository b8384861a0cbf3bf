import ReplayCore

/// `replay-bench pipeline TRACE [ROUNDS]`: the two halves of a long replay measured apart,
/// then together. Replay reads each event's change on one core (``EventStore/prepareEffects(_:)``)
/// while it applies the changes read on the other (``EventStore/apply(_:from:to:after:)``,
/// ``EffectPipeline``); the slower half bounds the pipeline, so each half's own time shows
/// which one a change to replay has to shorten. Last, the same replay as a ``FarReplay`` (what
/// `End` runs on the debugger's worker), which also keeps a checkpoint every interval.
enum PipelineBench {
    static func run(path: String, rounds: Int, clock: ContinuousClock) throws {
        let trace = try TraceLoader.load(path: path)
        let events = trace.events
        print("\(path): \(events.count) events, median of \(rounds) rounds")
        var reads: [Duration] = []
        var applies: [Duration] = []
        var pipelines: [Duration] = []
        var farReplays: [Duration] = []
        for _ in 0..<rounds {
            let (read, apply) = try halves(of: trace, clock: clock)
            reads.append(read)
            applies.append(apply)
            var state = trace.initialState
            let start = clock.now
            try EffectPipeline.apply(events, in: 0..<events.count, to: &state)
            pipelines.append(clock.now - start)
            let far = try Replayer(trace: trace).farReplay(to: events.count, longerThan: 0)
            let farStart = clock.now
            _ = try far?.run(in: trace, while: { true }, report: { _, _ in })
            farReplays.append(clock.now - farStart)
        }
        let perEvent = { (duration: Duration) in "\(Int((Measure.seconds(duration) * 1e9 / Double(max(events.count, 1))).rounded())) ns an event" }
        for (label, samples) in [("read (one core)", reads), ("apply (one core)", applies), ("pipelined (two cores)", pipelines), ("far replay (End)", farReplays)] {
            let median = Measure.percentile(samples, 0.5)
            let time = Measure.format(median)
            print(label + String(repeating: " ", count: max(24 - label.count, 1)) + time + String(repeating: " ", count: max(10 - time.count, 1)) + perEvent(median))
        }
    }

    /// The time spent reading the changes and the time spent applying them, one chunk of
    /// ``ReadAhead/chunkSize`` events after another on this thread.
    private static func halves(of trace: Trace, clock: ContinuousClock) throws -> (read: Duration, apply: Duration) {
        var read = Duration.zero
        var apply = Duration.zero
        var state = trace.initialState
        var start = 0
        while start < trace.count {
            let range = start..<min(start + ReadAhead.chunkSize, trace.count)
            let readStart = clock.now
            let (prepared, failure) = trace.events.prepareEffects(range)
            read += clock.now - readStart
            if let failure { throw failure }
            let applyStart = clock.now
            try trace.events.apply(prepared, from: start, to: &state) { _, _ in }
            apply += clock.now - applyStart
            start = range.upperBound
        }
        return (read, apply)
    }
}
