/// The events that may have changed one pointer, found without an index by parsing every
/// change in a range: the first half on this thread, the second on another.
enum CandidateScan {
    /// The events in `range` whose change may have changed the value at `pointer`, in
    /// order; nil when `shouldContinue` (called with the events done about every 2,048
    /// events) said no. An unreadable change is an error; the earliest one is reported.
    static func candidates(
        in trace: Trace, for pointer: JSONPointer, in range: Range<Int>, splittingFrom threshold: Int = EventHalves.splitThreshold,
        shouldContinue: (Int) -> Bool
    ) throws(TraceError) -> [Int]? {
        try EventHalves.run(range, splittingFrom: threshold, shouldContinue: shouldContinue) { range, isCancelled, progress throws(TraceError) in
            try scan(trace, pointer, range, isCancelled: isCancelled, progress: progress)
        }?.flatMap { $0 }
    }

    /// One thread's part.
    private static func scan(
        _ trace: Trace, _ pointer: JSONPointer, _ range: Range<Int>, isCancelled: (Int) -> Bool, progress: (Int) -> Void
    ) throws(TraceError) -> [Int]? {
        var found: [Int] = []
        for index in range {
            let done = index - range.lowerBound
            if done % 2_048 == 0 {
                if isCancelled(done) { return nil }
                progress(done)
            }
            guard trace.events.summary(index).effect != .none else { continue }
            if try trace.events.effect(index).mayChange(pointer) { found.append(index) }
        }
        return found
    }
}
