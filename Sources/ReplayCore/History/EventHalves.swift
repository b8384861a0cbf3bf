/// A pass over a range of events split in two: the first half on this thread, the second
/// on another, for the touch index and the candidate scan.
enum EventHalves {
    /// Ranges shorter than this are passed over on this thread alone.
    static let splitThreshold = 65_536

    /// One half's work over `range`: `isCancelled` is asked with the events done about every
    /// 2,048 events (nil result: stopped), `progress` told them.
    typealias Work<Part> = @Sendable (
        _ range: Range<Int>, _ isCancelled: (Int) -> Bool, _ progress: (Int) -> Void
    ) throws(TraceError) -> Part?

    /// The parts `work` makes of `range`, in order: one, or two when the range has
    /// `threshold` events or more and a second thread can be had. Nil when
    /// `shouldContinue` (called with the events done in all) said no. Of two errors, the
    /// first half's (the earlier event) is thrown.
    static func run<Part: Sendable>(
        _ range: Range<Int>, splittingFrom threshold: Int = splitThreshold, shouldContinue: (Int) -> Bool,
        _ work: @escaping Work<Part>
    ) throws(TraceError) -> [Part]? {
        let middle = range.lowerBound + range.count / 2
        let slot = ResultSlot<Result<Part?, TraceError>>()
        let second = range.count < threshold ? nil : OtherThread.start { other in
            slot.value = Result { () throws(TraceError) in
                try work(middle..<range.upperBound, { _ in other.isCancelled }, other.report)
            }
        }
        guard let second else {
            return try work(range, { !shouldContinue($0) }, { _ in }).map { [$0] }
        }
        let first: Part?
        do throws(TraceError) {
            first = try work(range.lowerBound..<middle, { !shouldContinue($0 + second.progress) }, { _ in })
        } catch {
            second.cancel()
            throw error
        }
        guard let first else {
            second.cancel()
            return nil
        }
        let done = middle - range.lowerBound
        guard second.join(shouldContinue: { shouldContinue(done + $0) }), let rest = try slot.value?.get() else { return nil }
        return [first, rest]
    }
}
