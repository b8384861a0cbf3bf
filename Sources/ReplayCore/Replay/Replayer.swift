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
    /// Replays of at least this many events read the changes ahead on a second core
    /// (``EffectPipeline``); tests lower it to exercise the pipeline on small traces.
    var pipelineThreshold = EffectPipeline.threshold
    /// `checkpoints[k]` is the state at position `k * checkpointInterval`, once replay has
    /// passed it or it is read from ``saved``.
    private var checkpoints: [JSONValue?]
    /// Checkpoints the index cache saved (``restore(_:)``), read into ``checkpoints`` when
    /// first needed; `isSaved[k]` says whether slot `k` has one.
    private var saved: SavedStates?
    private var isSaved: [Bool]
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
        isSaved = Array(repeating: false, count: checkpoints.count)
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
        var (current, state) = try startingPoint(for: position)
        try replay(&state, from: current, to: position, leavingStonesAfter: firstStone(before: position))
        remember(position, state)
        return state
    }

    /// The replay to `position` as a ``FarReplay`` to run on another thread, when it would
    /// apply more than `threshold` events; nil when it is shorter (ask ``state(at:)``).
    public func farReplay(to position: Int, longerThan threshold: Int) throws(TraceError) -> FarReplay? {
        guard (0...trace.count).contains(position) else {
            throw TraceError(.file, "position \(position) is outside 0...\(trace.count)")
        }
        let (start, state) = try startingPoint(for: position)
        guard position - start > threshold else { return nil }
        let kept = KeptStates(checkpointInterval: checkpointInterval, firstStone: firstStone(before: position), end: position)
        return FarReplay(target: position, start: start, state: state, kept: kept)
    }

    /// Keeps what a ``FarReplay`` passed as if this replayer had replayed it: the checkpoints
    /// on its spacing not filled yet and, once the replay arrived, the stepping stones and
    /// the state at its target. States past the end of the trace are left out.
    public func take(_ passed: FarReplay.Passed) {
        for checkpoint in passed.checkpoints where checkpoint.position <= trace.count && checkpoint.position % checkpointInterval == 0 {
            let slot = checkpoint.position / checkpointInterval
            if checkpoints[slot] == nil { checkpoints[slot] = checkpoint.state }
        }
        guard let target = passed.arrival.last, target.position <= trace.count else { return }
        for stone in passed.arrival.dropLast() { nearby[stone.position] = stone.state }
        remember(target.position, target.state)
    }

    /// Where a replay to `position` starts, and the state there: the latest checkpoint or
    /// recent state at or before it, or the state after a full snapshot in between.
    private func startingPoint(for position: Int) throws(TraceError) -> (Int, JSONValue) {
        let known = nearestKnownState(atOrBefore: position)
        return try lastSnapshot(from: known.0, before: position) ?? known
    }

    /// Where the stepping stones a replay to `position` leaves begin.
    private func firstStone(before position: Int) -> Int {
        position - Self.stoneSpacing * (Self.nearbyCapacity - 8)
    }

    /// True once every checkpoint is filled (or saved): from then on, a seek anywhere replays
    /// at most ``checkpointInterval`` events.
    public var isFullyCheckpointed: Bool { firstUnfilledSlot == nil }

    private var firstUnfilledSlot: Int? {
        checkpoints.indices.first { checkpoints[$0] == nil && !isSaved[$0] }
    }

    /// Fills the first checkpoints not yet filled, replaying about `budget` events (at least
    /// up to the next checkpoint), so that later seeks far ahead are short. The debugger
    /// calls it while it waits for input; answers never depend on it.
    public func fillCheckpoints(replayingAbout budget: Int) throws(TraceError) {
        guard let slot = firstUnfilledSlot else { return }
        let nearest = nearestCheckpoint(atOrBefore: slot - 1)
        var state = nearest.state
        let start = nearest.slot * checkpointInterval
        try replay(&state, from: start, to: min(max(start + budget, slot * checkpointInterval), trace.count), leavingStonesAfter: nil)
    }

    /// Applies events `start..<end` to `state`, filling the checkpoints it passes and, past
    /// `firstStone`, leaving stepping stones before `end`.
    private func replay(_ state: inout JSONValue, from start: Int, to end: Int, leavingStonesAfter firstStone: Int?) throws(TraceError) {
        let kept = KeptStates(checkpointInterval: checkpointInterval, firstStone: firstStone, end: end)
        var checkpoint = kept.firstCheckpoint(after: start)
        try EffectPipeline.apply(trace.events, in: start..<end, to: &state, threshold: pipelineThreshold) { index, state in
            let current = index + 1
            if current == checkpoint {
                if checkpoints[current / checkpointInterval] == nil { checkpoints[current / checkpointInterval] = state }
                checkpoint += checkpointInterval
            }
            if kept.isStone(current) { nearby[current] = state }
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

    /// The checkpoints filled or restored so far past the start, in order: what the index
    /// cache saves (``IndexCache/Entry/saveCheckpoints(_:eventCount:)``). Restored ones are
    /// read now.
    public var filledCheckpoints: [Checkpoint] {
        checkpoints.indices.dropFirst().compactMap { slot in
            checkpoint(slot).map { Checkpoint(position: slot * checkpointInterval, state: $0) }
        }
    }

    /// Takes checkpoints the index cache saved for this trace as its own: those on this
    /// replayer's spacing and inside the trace (the others are left out). Each is read when
    /// a seek first needs it.
    public func restore(_ saved: SavedStates) {
        self.saved = saved
        for position in saved.positions where (1...trace.count).contains(position) && position % checkpointInterval == 0 {
            isSaved[position / checkpointInterval] = true
        }
    }

    /// The state at checkpoint `slot`, reading it from the saved ones the first time; nil
    /// when it is neither filled nor saved (or its saved text does not read).
    private func checkpoint(_ slot: Int) -> JSONValue? {
        if let state = checkpoints[slot] { return state }
        guard isSaved[slot] else { return nil }
        isSaved[slot] = false
        checkpoints[slot] = saved?.state(at: slot * checkpointInterval)
        return checkpoints[slot]
    }

    /// The last checkpoint at or before `slot` (slot 0, the initial state, always is one).
    private func nearestCheckpoint(atOrBefore slot: Int) -> (slot: Int, state: JSONValue) {
        var slot = slot
        while true {
            if let state = checkpoint(slot) { return (slot, state) }
            slot -= 1
        }
    }

    /// The checkpoints filled in so far (for tests and diagnostics).
    public var checkpointCount: Int {
        checkpoints.lazy.filter { $0 != nil }.count
    }

    /// The latest checkpoint or recent state at or before `position`.
    private func nearestKnownState(atOrBefore position: Int) -> (Int, JSONValue) {
        let (slot, state) = nearestCheckpoint(atOrBefore: position / checkpointInterval)
        var best = (slot * checkpointInterval, state)
        for (known, state) in nearby where known <= position && known > best.0 {
            best = (known, state)
        }
        return best
    }

    /// The state after the last full-snapshot event in `start..<position`, which makes every
    /// event before it irrelevant, or nil when there is none.
    private func lastSnapshot(from start: Int, before position: Int) throws(TraceError) -> (Int, JSONValue)? {
        guard let index = trace.events.lastIndex(withEffect: .snapshot, in: start..<position),
            case .snapshot(let state) = try trace.events.effect(index)
        else { return nil }
        return (index + 1, state)
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

/// The state after the first `position` events, kept by a ``Replayer`` and saved by the
/// index cache.
public struct Checkpoint: Equatable, Sendable {
    public let position: Int
    public let state: JSONValue

    public init(position: Int, state: JSONValue) {
        self.position = position
        self.state = state
    }
}
