/// The events that may have changed one pointer, found without an index by parsing every
/// change in a range: the first half on this thread, the second on another.
enum CandidateScan {
    /// Ranges shorter than this are scanned on this thread alone.
    static let splitThreshold = 65_536

    /// The events in `range` whose change may have changed the value at `pointer`, in
    /// order; nil when `shouldContinue` (called with the events done about every 2,048
    /// events) said no. An unreadable change is an error; the earliest one is reported.
    static func candidates(
        in trace: Trace, for pointer: JSONPointer, in range: Range<Int>, splittingFrom threshold: Int = splitThreshold,
        shouldContinue: (Int) -> Bool
    ) throws(TraceError) -> [Int]? {
        guard range.count >= threshold else {
            return try scan(trace, pointer, range, isCancelled: { !shouldContinue($0) }, progress: { _ in })
        }
        let middle = range.lowerBound + range.count / 2
        let slot = ResultSlot<Result<[Int]?, TraceError>>()
        let secondHalf = OtherThread.start { other in
            slot.value = Result { () throws(TraceError) in
                try scan(trace, pointer, middle..<range.upperBound, isCancelled: { _ in other.isCancelled }, progress: other.report)
            }
        }
        guard let secondHalf else {
            return try scan(trace, pointer, range, isCancelled: { !shouldContinue($0) }, progress: { _ in })
        }
        let first: [Int]?
        do throws(TraceError) {
            first = try scan(trace, pointer, range.lowerBound..<middle, isCancelled: { done in
                !shouldContinue(done + secondHalf.progress)
            }, progress: { _ in })
        } catch {
            secondHalf.cancel()
            throw error
        }
        guard let first else {
            secondHalf.cancel()
            return nil
        }
        let done = middle - range.lowerBound
        guard secondHalf.join(shouldContinue: { shouldContinue(done + $0) }), let rest = try slot.value?.get() else { return nil }
        return first + rest
    }

    /// One thread's part: `isCancelled` is asked with the events done every 2,048 events.
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
