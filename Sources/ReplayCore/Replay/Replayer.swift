/// Answers "what is the state after the first p events" for any position p, deterministically.
///
/// Position 0 is the initial state and position `count` has every event applied. The
/// replayer keeps a full-state checkpoint every ``checkpointInterval`` events, filled in as
/// replay passes them, plus a few recently visited states. `state(at:)` starts from the
/// nearest of those at or before p (or from a full `state` snapshot event, which needs no
/// history) and applies events forward, as rr reverses execution: stepping back is a seek.
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

    /// The most checkpoints kept: past 512k events the spacing grows instead, so that
    /// checkpoint memory stays bounded on huge traces.
    public static let maximumCheckpoints = 2_048

    /// A spacing for one-shot questions, where checkpoints would only cost memory.
    public static let noCheckpoints = Int.max

    /// The spacing used for `trace` when none is given.
    public static func automaticInterval(eventCount: Int) -> Int {
        var interval = minimumCheckpointInterval
        while eventCount / interval > maximumCheckpoints { interval *= 2 }
        return interval
    }

    /// How many recently visited states are kept besides the checkpoints.
    static let recentCapacity = 8

    public let trace: Trace
    public let checkpointInterval: Int
    /// `checkpoints[k]` is the state at position `k * checkpointInterval`, once replay has passed it.
    private var checkpoints: [JSONValue?]
    private var recent: [(position: Int, state: JSONValue)] = []

    /// A replayer for `trace`; `checkpointInterval` defaults to ``automaticInterval(eventCount:)``.
    public init(trace: Trace, checkpointInterval: Int? = nil) {
        let checkpointInterval = checkpointInterval ?? Replayer.automaticInterval(eventCount: trace.count)
        precondition(checkpointInterval > 0, "checkpointInterval must be positive")
        self.trace = trace
        self.checkpointInterval = checkpointInterval
        checkpoints = Array(repeating: nil, count: trace.count / checkpointInterval + 1)
        checkpoints[0] = trace.initialState
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
        while current < position {
            try trace.events.effect(current).apply(to: &state, event: current)
            current += 1
            if current % checkpointInterval == 0, checkpoints[current / checkpointInterval] == nil {
                checkpoints[current / checkpointInterval] = state
            }
        }
        remember(position, state)
        return state
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
        for entry in recent where entry.position <= position && entry.position > best.0 {
            best = (entry.position, entry.state)
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

    private func remember(_ position: Int, _ state: JSONValue) {
        recent.removeAll { $0.position == position }
        recent.append((position, state))
        if recent.count > Self.recentCapacity { recent.removeFirst() }
    }
}
