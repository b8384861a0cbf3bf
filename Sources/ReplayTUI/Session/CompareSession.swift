import ReplayCore

/// Two runs side by side: the comparison (computed by the worker), one playhead over the
/// rows of its alignment, and how B's state differs from A's at the row.
///
/// The rows are the alignment's: a pair of corresponding events, a changed event facing its
/// counterpart, or an event only one side has. Playing moves along the rows and stops at the
/// start of each divergence, as a single trace's playback stops on the crash.
public struct CompareSession {
    public let traceA: Trace
    public let traceB: Trace
    public let nameA: String
    public let nameB: String
    public let ignores: CompareIgnores
    /// Nil until the worker has compared the runs.
    public private(set) var comparison: TraceComparison?
    /// Why the runs could not be compared, when they could not.
    public private(set) var failure: String?
    /// The row the playhead is on.
    public private(set) var row = 0
    /// Where the states after the row differ: B's value against A's.
    public private(set) var differences: [ValueDifference] = []
    public private(set) var isPlaying = false
    public private(set) var speedIndex = Playhead.speeds.firstIndex(of: 1) ?? 0
    /// Rows owed to playback from the time that has passed, below one row.
    private var owed = 0.0
    /// True once the comparison job has been asked for.
    var requested = false
    /// The diff pane's scroll, and whether it has the focus (else the event lists do).
    public var diffScroll = 0
    public var diffFocused = false
    /// Values are written in A's syntax when B shares it, else in JSON.
    public let syntax: ValueSyntax
    private let replayerA: Replayer
    private let replayerB: Replayer

    /// Playback moves this many rows a second at 1x.
    static let rowsPerSecond = 10.0

    public init(a: Trace, nameA: String, b: Trace, nameB: String, ignores: CompareIgnores = .none) {
        traceA = a
        traceB = b
        self.nameA = nameA
        self.nameB = nameB
        self.ignores = ignores
        syntax = ValueSyntax(comparing: a, with: b)
        replayerA = Replayer(trace: a)
        replayerB = Replayer(trace: b)
    }

    public var rowCount: Int { comparison?.alignment.rowCount ?? 0 }

    /// The row the playhead is on, once the runs are compared and have events.
    public var current: Alignment.Row? {
        guard let comparison, row < comparison.alignment.rowCount else { return nil }
        return comparison.alignment.row(row)
    }

    /// The divergence the row is in, if any.
    public var divergenceHere: Divergence? {
        divergence(containing: row)
    }

    /// The divergence holding `row`, if any.
    public func divergence(containing row: Int) -> Divergence? {
        guard let divergences = comparison?.divergences else { return nil }
        var low = 0
        var high = divergences.count
        while low < high {
            let middle = (low + high) / 2
            if divergences[middle].rows.upperBound <= row { low = middle + 1 } else { high = middle }
        }
        return low < divergences.count && divergences[low].rows.contains(row) ? divergences[low] : nil
    }

    /// The first row of the next divergence after the row (`forward`) or of the one before
    /// it, if any.
    public func divergenceStart(forward: Bool) -> Int? {
        guard let divergences = comparison?.divergences else { return nil }
        if forward { return divergences.first { $0.rows.lowerBound > row }?.rows.lowerBound }
        return divergences.last { $0.rows.lowerBound < row }?.rows.lowerBound
    }

    /// Takes the worker's answer: the comparison, opened on the first row.
    mutating func take(_ result: Result<TraceComparison, CompareError>) {
        switch result {
        case .success(let comparison):
            self.comparison = comparison
            row = 0
            refresh()
        case .failure(let error):
            failure = error.error.rendered(path: error.side == .a ? nameA : nameB)
        }
    }

    /// Moves the playhead to `row` (kept inside the rows), pausing; false when it is there already.
    @discardableResult
    mutating func move(to target: Int) -> Bool {
        isPlaying = false
        let clamped = max(min(target, rowCount - 1), 0)
        guard clamped != row else { return false }
        row = clamped
        refresh()
        return true
    }

    mutating func togglePlaying() {
        isPlaying = comparison != nil && !isPlaying && row < rowCount - 1
        owed = 0
    }

    mutating func faster() { speedIndex = min(speedIndex + 1, Playhead.speeds.count - 1) }
    mutating func slower() { speedIndex = max(speedIndex - 1, 0) }
    public var speed: Double { Playhead.speeds[speedIndex] }

    /// The replay the row `target` needs on one run when it applies more than `threshold`
    /// events (run A's first, then B's): to run on the worker (``take(_:side:)`` keeps what it
    /// passes). Nil when both are short, or when replay meets a data error before it starts
    /// (the move itself reports it).
    func farReplay(toRow target: Int, longerThan threshold: Int) -> ReplayRequest? {
        guard let comparison, (0..<rowCount).contains(target) else { return nil }
        let row = comparison.alignment.row(target)
        if let far = try? replayerA.farReplay(to: row.positionA, longerThan: threshold) { return ReplayRequest(far, side: .a) }
        if let far = try? replayerB.farReplay(to: row.positionB, longerThan: threshold) { return ReplayRequest(far, ofRunB: traceB) }
        return nil
    }

    /// Keeps the states a far replay of one run passed.
    mutating func take(_ passed: FarReplay.Passed, side: CompareSide) {
        (side == .a ? replayerA : replayerB).take(passed)
    }

    /// A data error a far replay of one run met: the split view shows it.
    mutating func fail(with error: TraceError, side: CompareSide) {
        failure = error.rendered(path: side == .a ? nameA : nameB)
    }

    /// Plays on for `milliseconds`: one row at a time, stopping at the start of a divergence
    /// and at the last row. Returns the divergence it stopped at, if any.
    mutating func advance(byMilliseconds milliseconds: Double) -> Divergence? {
        guard isPlaying else { return nil }
        owed += milliseconds / 1_000 * Self.rowsPerSecond * speed
        var moved = false
        defer { if moved { refresh() } }
        while owed >= 1 {
            owed -= 1
            guard row < rowCount - 1 else { break }
            row += 1
            moved = true
            if let divergence = divergence(containing: row), divergence.rows.lowerBound == row {
                isPlaying = false
                return divergence
            }
        }
        if row >= rowCount - 1 { isPlaying = false }
        return nil
    }

    /// True once the runs are compared while checkpoints remain to fill: seeks, and so `x`
    /// and `X` across a long run, are quick once they are.
    public var hasIdleWork: Bool {
        comparison != nil && failure == nil && !(replayerA.isFullyCheckpointed && replayerB.isFullyCheckpointed)
    }

    /// Fills the next checkpoints of one side: about 10 ms of replay.
    mutating func fillCheckpoints() {
        let (replayer, name) = replayerA.isFullyCheckpointed ? (replayerB, nameB) : (replayerA, nameA)
        do throws(TraceError) {
            try replayer.fillCheckpoints(replayingAbout: 16_384)
        } catch {
            failure = error.rendered(path: name)
        }
    }

    /// The differences of the states after the row.
    private mutating func refresh() {
        diffScroll = 0
        guard let current else {
            differences = []
            return
        }
        do throws(TraceError) {
            let stateA = try replayerA.state(at: current.positionA)
            do throws(TraceError) {
                let stateB = try replayerB.state(at: current.positionB)
                differences = ValueComparison(stateA, stateB, ignoring: ignores.state).differences
            } catch {
                failure = error.rendered(path: nameB)
            }
        } catch {
            failure = error.rendered(path: nameA)
        }
    }
}
