/// Answers "what is the state after the first p events" for any position p, deterministically.
///
/// Position 0 is the initial state and position `count` has every event applied. The
/// replayer keeps a full-state checkpoint every ``checkpointInterval`` events, filled in as
/// replay passes them, plus states near the last positions asked for: the positions
/// themselves and stepping stones every ``stoneSpacing`` events before them. `state(at:)`
/// starts from the nearest of those at or before p (or from a full `state` snapshot event,
/// which needs no history) and applies events forward, as rr reverses execution: stepping
/// back is a seek, and the stones make it replay at most ``stoneSpacing`` events.
///
/// Law (tested on random traces): `state(at: p)` equals folding the first p events over the
/// initial state, for every p, whatever positions were visited before.
///
/// States share structure (copy-on-write), so a checkpoint costs roughly the parts of the
/// state that changed since the previous one. Not thread-safe: use one replayer per thread.
public final class Replayer {
    /// The smallest spacing between checkpoints, chosen by measurement (docs/architecture.md):
    /// replaying 256 events of a typical trace takes about 0.5 ms, so a seek or a step back
    /// costs at most that.
    public static let minimumCheckpointInterval = 256

    /// The most checkpoints kept: past 128k events the spacing grows instead, so that
    /// checkpoint memory stays bounded on huge traces.
    public static let maximumCheckpoints = 512

    /// A spacing for one-shot questions, where checkpoints would only cost memory.
    public static let noCheckpoints = Int.max

    /// The spacing used for `trace` when none is given.
    public static func automaticInterval(eventCount: Int) -> Int {
        var interval = minimumCheckpointInterval
        while eventCount / interval > maximumCheckpoints { interval *= 2 }
        return interval
    }

    /// The spacing of the stepping stones a replay leaves behind the position it reaches.
    static let stoneSpacing = 32
    /// How many states near the last position asked for are kept besides the checkpoints:
    /// stones covering the 2,048 events before it, and positions visited.
    static let nearbyCapacity = 72

    public let trace: Trace
    public let checkpointInterval: Int
    /// `checkpoints[k]` is the state at position `k * checkpointInterval`, once replay has passed it.
    private var checkpoints: [JSONValue?]
    /// States near the positions last asked for, by position (see ``nearbyCapacity``).
    private var nearby: [Int: JSONValue] = [:]

    /// A replayer for `trace`; `checkpointInterval` defaults to ``automaticInterval(eventCount:)``.
    public init(trace: Trace, checkpointInterval: Int? = nil) {
        let checkpointInterval = checkpointInterval ?? Replayer.automaticInterval(eventCount: trace.count)
        precondition(checkpointInterval > 0, "checkpointInterval must be positive")
        self.trace = trace
        self.checkpointInterval = checkpointInterval
        checkpoints = Array(repeating: nil, count: trace.count / checkpointInterval + 1)
        checkpoints[0] = trace.initialState
    }

    /// A replayer for `trace`, which holds this one's events and more after them (a trace
    /// being followed): the checkpoints filled so far and the recent states carry over, as
    /// they stay true. The spacing stays too, unless the grown trace would need more than
    /// ``maximumCheckpoints``: then it doubles, keeping the checkpoints that fall on it.
    public func extended(to trace: Trace) -> Replayer {
        var interval = checkpointInterval
        while trace.count / interval > Self.maximumCheckpoints { interval *= 2 }
        let grown = Replayer(trace: trace, checkpointInterval: interval)
        for (slot, state) in checkpoints.enumerated() {
            let position = slot * checkpointInterval
            guard let state, position % grown.checkpointInterval == 0 else { continue }
            grown.checkpoints[position / grown.checkpointInterval] = state
        }
        grown.nearby = nearby
        return grown
    }

    /// The state after the first `position` events (0 = the initial state).
    public func state(at position: Int) throws(TraceError) -> JSONValue {
        guard (0...trace.count).contains(position) else {
            throw TraceError(.file, "position \(position) is outside 0...\(trace.count)")
        }
        var (current, state) = nearestKnownState(atOrBefore: position)
        if let snapshot = try lastSnapshot(from: current, before: position) {
            (current, state) = snapshot
        }
        try replay(&state, from: current, to: position, leavingStonesAfter: position - Self.stoneSpacing * (Self.nearbyCapacity - 8))
        remember(position, state)
        return state
    }

    /// True once every checkpoint is filled: from then on, a seek anywhere replays at most
    /// ``checkpointInterval`` events.
    public var isFullyCheckpointed: Bool { !checkpoints.contains { $0 == nil } }

    /// Fills the first checkpoints not yet filled, replaying about `budget` events (at least
    /// up to the next checkpoint), so that later seeks far ahead are short. The debugger
    /// calls it while it waits for input; answers never depend on it.
    public func fillCheckpoints(replayingAbout budget: Int) throws(TraceError) {
        guard let slot = checkpoints.firstIndex(where: { $0 == nil }), var state = checkpoints[slot - 1] else { return }
        let start = (slot - 1) * checkpointInterval
        try replay(&state, from: start, to: min(max(start + budget, slot * checkpointInterval), trace.count), leavingStonesAfter: nil)
    }

    /// Applies events `start..<end` to `state`, filling the checkpoints it passes and, past
    /// `firstStone`, leaving stepping stones before `end`.
    private func replay(_ state: inout JSONValue, from start: Int, to end: Int, leavingStonesAfter firstStone: Int?) throws(TraceError) {
        var current = start
        while current < end {
            try trace.events.effect(current).apply(to: &state, event: current)
            current += 1
            if current % checkpointInterval == 0, checkpoints[current / checkpointInterval] == nil {
                checkpoints[current / checkpointInterval] = state
            }
            if let firstStone, current % Self.stoneSpacing == 0, current > firstStone, current < end {
                nearby[current] = state
            }
        }
    }

    /// What event `index` changed: the diff from the state before it to the state after it.
    public func changes(ofEvent index: Int) throws(TraceError) -> [StateChange] {
        guard (0..<trace.count).contains(index) else {
            throw TraceError(.file, "event #\(index) is outside #0...#\(trace.count - 1)")
        }
        let before = try state(at: index)
        let after = try state(at: index + 1)
        return StateDiff.changes(from: before, to: after)
    }

    /// The checkpoints filled in so far (for tests and diagnostics).
    public var checkpointCount: Int {
        checkpoints.lazy.filter { $0 != nil }.count
    }

    /// The latest checkpoint or recent state at or before `position`.
    private func nearestKnownState(atOrBefore position: Int) -> (Int, JSONValue) {
        var slot = position / checkpointInterval
        while checkpoints[slot] == nil { slot -= 1 }
        var best = (slot * checkpointInterval, checkpoints[slot]!)
        for (known, state) in nearby where known <= position && known > best.0 {
            best = (known, state)
        }
        return best
    }

    /// The state after the last full-snapshot event in `start..<position`, which makes every
    /// event before it irrelevant, or nil when there is none.
    private func lastSnapshot(from start: Int, before position: Int) throws(TraceError) -> (Int, JSONValue)? {
        var index = position - 1
        while index >= start {
            if trace.events.summary(index).effect == .snapshot,
                case .snapshot(let state) = try trace.events.effect(index)
            {
                return (index + 1, state)
            }
            index -= 1
        }
        return nil
    }

    /// Keeps `state` as the state at `position`, forgetting the nearby states farthest from
    /// it when there are too many.
    private func remember(_ position: Int, _ state: JSONValue) {
        nearby[position] = state
        guard nearby.count > Self.nearbyCapacity else { return }
        let farthest = nearby.keys.sorted { abs($0 - position) > abs($1 - position) }
        for known in farthest.prefix(nearby.count - Self.nearbyCapacity) { nearby[known] = nil }
    }
}
