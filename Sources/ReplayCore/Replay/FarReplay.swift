/// A replay too long for a key press, made to run on another thread
/// (``Replayer/farReplay(to:longerThan:)``): from a state the replayer knows to a position
/// far past it, with the states the replayer keeps picked up on the way. The replayer takes
/// them back with ``Replayer/take(_:)``, after which a seek to the position is short.
///
/// The replay reads only the trace, which is safe to share, and its own copy of the start
/// state: the replayer is left to the thread that asked.
public struct FarReplay: Equatable, Sendable {
    /// The position replayed to: events before it are applied.
    public let target: Int
    /// Where the replay starts, and the state there.
    public let start: Int
    let state: JSONValue
    /// Which states the replayer keeps.
    let kept: KeptStates

    /// States a far replay passed, for ``Replayer/take(_:)``.
    public struct Passed: Equatable, Sendable {
        /// States on the replayer's checkpoint spacing.
        public var checkpoints: [Checkpoint] = []
        /// Once the replay reached ``FarReplay/target``: the stepping stones before it and,
        /// last, the state at the target. Empty in the reports made on the way.
        public var arrival: [Checkpoint] = []
    }

    /// The most events a far replay applies between reports of what it passed; a shorter
    /// replay reports about 64 times, so that its progress moves smoothly.
    public static let eventsBetweenReports = 65_536

    /// How many events this replay applies between reports.
    var eventsBetweenReports: Int {
        min(Self.eventsBetweenReports, max((target - start) / 64, 1))
    }

    /// Applies the events from ``start`` to ``target`` of `trace` (the trace the replayer was
    /// made for, or a longer one holding its events). After every ``ReadAhead/chunkSize``
    /// events `continuing` says whether to go on, and once `reportingEvery` events (by
    /// default ``eventsBetweenReports``) have passed since the last report, `report` gets
    /// the checkpoints passed since then and the fraction done (0...1). The answer is nil
    /// when `continuing` said no before the target, else the checkpoints not yet reported
    /// and the arrival.
    public func run(
        in trace: Trace, reportingEvery: Int? = nil, while continuing: () -> Bool, report: (Passed, Double) -> Void
    ) throws(TraceError) -> Passed? {
        let reportingEvery = reportingEvery ?? eventsBetweenReports
        var state = self.state
        var passed = Passed()
        var reached = start
        var reported = start
        var checkpoint = kept.firstCheckpoint(after: start)
        try EffectPipeline.apply(trace.events, in: start..<target, to: &state) { index, state in
            reached = index + 1
            if reached == checkpoint {
                passed.checkpoints.append(Checkpoint(position: reached, state: state))
                checkpoint += kept.checkpointInterval
            }
            if kept.isStone(reached) { passed.arrival.append(Checkpoint(position: reached, state: state)) }
        } while: {
            guard continuing() else { return false }
            if reached - reported >= reportingEvery {
                report(passed, Double(reached - start) / Double(target - start))
                passed.checkpoints = []
                reported = reached
            }
            return true
        }
        guard reached == target else { return nil }
        passed.arrival.append(Checkpoint(position: target, state: state))
        return passed
    }
}

/// The states a ``Replayer`` keeps from a replay that ends at `end`: checkpoints every
/// `checkpointInterval` events, and stepping stones every ``Replayer/stoneSpacing`` events
/// after `firstStone` and before `end` (none when `firstStone` is nil).
struct KeptStates: Equatable, Sendable {
    let checkpointInterval: Int
    let firstStone: Int?
    let end: Int

    /// The first checkpoint's position after `position`. Replay counts its way from one to
    /// the next rather than asking after every event: the interval is not a constant, so
    /// each answer was a division on the applying core, the busier one.
    func firstCheckpoint(after position: Int) -> Int {
        (position / checkpointInterval + 1) * checkpointInterval
    }

    func isStone(_ position: Int) -> Bool {
        guard let firstStone else { return false }
        return position % Replayer.stoneSpacing == 0 && position > firstStone && position < end
    }
}
