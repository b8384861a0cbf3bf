import ReplayCore

/// How much each event changed the state, for the timeline's density strip.
///
/// On traces small enough to replay while the debugger opens, an event weighs the number of
/// changes ``StateDiff`` finds between the states before and after it, so the strip shows
/// what really changed, whether the recorder kept patches or whole states. On larger traces
/// the weight comes from the index alone: 1 for a patch or a merge, 3 for a full snapshot.
/// Weights are 32-bit: at 5M events a weight an event is 20 MB, and 40 MB as `Int`s.
enum ChangeWeights {
    /// The most events replayed at open to weigh them.
    static let replayedEventLimit = 5_000

    /// The weights of events `first..<trace.count` (all of them, or those that arrived
    /// while the trace is followed).
    static func of(_ trace: Trace, replayer: Replayer, from first: Int = 0) -> [UInt32] {
        if trace.count <= replayedEventLimit, let measured = measured(trace, replayer: replayer, from: first) { return measured }
        return trace.events.effectKinds(in: first..<trace.count).map { (effect: EffectKind) -> UInt32 in
            switch effect {
            case .none: 0
            case .patch, .merge: 1
            case .snapshot: 3
            }
        }
    }

    /// The number of changes each event made; nil on a data error, which the debugger
    /// reports when the user gets to it.
    private static func measured(_ trace: Trace, replayer: Replayer, from first: Int) -> [UInt32]? {
        guard var before = try? replayer.state(at: first) else { return nil }
        var weights: [UInt32] = []
        weights.reserveCapacity(trace.count - first)
        for index in first..<trace.count {
            guard let after = try? replayer.state(at: index + 1) else { return nil }
            weights.append(trace.events.summary(index).effect == .none ? 0 : UInt32(clamping: StateDiff.changes(from: before, to: after).count))
            before = after
        }
        return weights
    }
}
