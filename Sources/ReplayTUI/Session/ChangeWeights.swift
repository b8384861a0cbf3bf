import ReplayCore

/// How much each event changed the state, for the timeline's density strip.
///
/// On traces small enough to replay while the debugger opens, an event weighs the number of
/// changes ``StateDiff`` finds between the states before and after it, so the strip shows
/// what really changed, whether the recorder kept patches or whole states. On larger traces
/// the weight comes from the index alone: 1 for a patch or a merge, 3 for a full snapshot,
/// read from the trace when the strip is laid out rather than kept, which would cost 20 MB
/// at 5M events.
struct ChangeWeights: Equatable {
    /// The most events replayed at open to weigh them.
    static let replayedEventLimit = 5_000

    /// The weights of the first events, measured; every later event weighs by its kind of
    /// change.
    private(set) var measured: [Int] = []
    /// False once a trace is too long to measure, or a change did not apply: the events after
    /// ``measured`` are weighed by kind from then on, even when more arrive.
    private var measuring = true

    /// The weights of `trace`'s events, replayed with `replayer` when it is short enough.
    init(_ trace: Trace, replayer: Replayer) {
        grow(to: trace, replayer: replayer, from: 0)
    }

    /// Weighs events `first..<trace.count`, which have just arrived (the trace is followed).
    mutating func grow(to trace: Trace, replayer: Replayer, from first: Int) {
        guard measuring, first == measured.count, trace.count <= Self.replayedEventLimit,
            let weights = Self.measured(trace, replayer: replayer, from: first)
        else {
            measuring = false
            return
        }
        measured += weights
    }

    /// Adds each of the first `count` events' weight to `sums[column(event)]`.
    func add(_ trace: Trace, count: Int, to sums: inout [Int], column: (Int) -> Int) {
        for (index, weight) in measured.prefix(count).enumerated() { sums[column(index)] += weight }
        var start = min(measured.count, count)
        while start < count {
            let end = min(start + 65_536, count)
            for (offset, effect) in trace.events.effectKinds(in: start..<end).enumerated() {
                sums[column(start + offset)] += Self.weight(of: effect)
            }
            start = end
        }
    }

    private static func weight(of effect: EffectKind) -> Int {
        switch effect {
        case .none: 0
        case .patch, .merge: 1
        case .snapshot: 3
        }
    }

    /// The number of changes each event made; nil on a data error, which the debugger
    /// reports when the user gets to it.
    private static func measured(_ trace: Trace, replayer: Replayer, from first: Int) -> [Int]? {
        guard var before = try? replayer.state(at: first) else { return nil }
        var weights: [Int] = []
        weights.reserveCapacity(trace.count - first)
        for index in first..<trace.count {
            guard let after = try? replayer.state(at: index + 1) else { return nil }
            weights.append(trace.events.summary(index).effect == .none ? 0 : StateDiff.changes(from: before, to: after).count)
            before = after
        }
        return weights
    }
}
