/// One change of the value at a pointer: event ``index`` left a different value there than
/// it found (see ``JSONValue/isSameValue(as:)``).
public struct PathChange: Equatable, Sendable {
    /// The event that changed it.
    public let index: Int
    /// The value before the event; nil when there was none (the event created it).
    public let old: JSONValue?
    /// The value after the event; nil when there is none (the event removed it).
    public let new: JSONValue?

    public init(index: Int, old: JSONValue?, new: JSONValue?) {
        self.index = index
        self.old = old
        self.new = new
    }
}

/// The history of the value at a JSON Pointer, and its blame: which events changed it.
///
/// Only the events that may have changed the pointer are visited: the ``TouchIndex``'s
/// candidates, or, without an index, the events whose change touches it (each change parsed
/// once, no replay). The value at the pointer is followed from the initial state by applying
/// each candidate's change to it alone; replay (``Replayer``) is asked for the state only
/// where that cannot decide (a copy from elsewhere in the state, an array shifting above the
/// pointer). A candidate is a change when the values before and after differ.
///
/// Not thread-safe (it may keep a replayer): one per thread; the trace and index are shared.
public struct PathHistory {
    public let trace: Trace
    public let touches: TouchIndex?
    private let states: FallbackStates
    /// Without an index: ranges from this many events on are scanned on two threads, and
    /// blame scans this many events back alone before that (tests make them small).
    var splitThreshold = EventHalves.splitThreshold
    var nearEvents = 32_768

    /// A history over `trace`, with its touch index when there is one; without, each
    /// question parses the changes of the events it passes.
    public init(trace: Trace, touches: TouchIndex?) {
        precondition(touches.map { $0.count == trace.count } ?? true, "the touch index is another trace's")
        self.trace = trace
        self.touches = touches
        states = FallbackStates(trace: trace)
    }

    /// Every change of the value at `pointer` (created, removed or replaced, anything under
    /// it included), oldest first. `found` sees each as it is found; `shouldContinue` is
    /// called with the number of events done about every 2,048 events, and the answer is nil
    /// as soon as it says no.
    public func changes(
        of pointer: JSONPointer, shouldContinue: (Int) -> Bool = { _ in true }, found: (PathChange) -> Void = { _ in }
    ) throws(TraceError) -> [PathChange]? {
        var changes: [PathChange] = []
        let finished = try forEachChange(of: pointer, shouldContinue: shouldContinue) { change in
            changes.append(change)
            found(change)
        }
        return finished ? changes : nil
    }

    /// ``changes(of:shouldContinue:found:)`` without keeping them: `body` sees each change,
    /// oldest first, and only the current value is held (the history of a large value
    /// changed by every event can be far larger than the trace). False when stopped.
    public func forEachChange(
        of pointer: JSONPointer, shouldContinue: (Int) -> Bool = { _ in true }, _ body: (PathChange) -> Void
    ) throws(TraceError) -> Bool {
        let tracker = PointerTracker(pointer: pointer)
        var value = pointer.resolve(in: trace.initialState)
        var nextReport = 0
        var stopped = false
        try forEachCandidate(of: pointer, in: 0..<trace.count, descending: false, shouldContinue: { done in
            stopped = !shouldContinue(done)
            return !stopped
        }) { (index, effect) throws(TraceError) in
            if index >= nextReport {
                guard shouldContinue(index) else {
                    stopped = true
                    return false
                }
                nextReport = index - index % 2_048 + 2_048
            }
            let after = try self.value(after: index, effect, tracker, before: value)
            if !JSONValue.isSame(value, after) { body(PathChange(index: index, old: value, new: after)) }
            value = after
            return true
        }
        return !stopped && shouldContinue(trace.count)
    }

    /// Blame: the last change of the value at `pointer` by an event at or before `index`;
    /// nil when no event changed it (the value there is the initial state's).
    ///
    /// Walks the candidates back from `index` until one sets the value whatever it was
    /// before (a replace or removal at or above the pointer, a snapshot), then follows the
    /// value forward from there, so a recent change is found without visiting the rest.
    public func lastChange(of pointer: JSONPointer, atOrBefore index: Int) throws(TraceError) -> PathChange? {
        let tracker = PointerTracker(pointer: pointer)
        // An event already seen that sets the value to `after`, whose value before is sought.
        var later: (index: Int, after: JSONValue?)?
        var cursor = min(index, trace.count - 1)
        while true {
            // The candidates back to the last one that sets the value (the anchor), newest first.
            var chunk: [(index: Int, effect: EventEffect)] = []
            var anchor: (index: Int, value: JSONValue?)?
            try forEachCandidate(of: pointer, in: 0..<(cursor + 1), descending: true) { (candidate, effect) throws(TraceError) in
                if case .known(let value)? = try? tracker.apply(effect, to: .unknown) {
                    anchor = (candidate, value)
                    return false
                }
                chunk.append((candidate, effect))
                return true
            }
            // Forward from the anchor (or the initial state) through the chunk.
            var value = anchor.map(\.value) ?? pointer.resolve(in: trace.initialState)
            var lastChange: PathChange?
            for (candidate, effect) in chunk.reversed() {
                let after = try self.value(after: candidate, effect, tracker, before: value)
                if !JSONValue.isSame(value, after) { lastChange = PathChange(index: candidate, old: value, new: after) }
                value = after
            }
            if let later, !JSONValue.isSame(value, later.after) {
                return PathChange(index: later.index, old: value, new: later.after)
            }
            if let lastChange { return lastChange }
            guard let anchor else { return nil }
            later = (anchor.index, anchor.value)
            cursor = anchor.index - 1
        }
    }

    /// The value at the pointer after event `index`, whose change is `effect`, given the
    /// value before it; replayed when the change cannot be applied to the pointer alone.
    private func value(after index: Int, _ effect: EventEffect, _ tracker: PointerTracker, before: JSONValue?) throws(TraceError) -> JSONValue? {
        do throws(NeedsState) {
            if case .known(let after) = try tracker.apply(effect, to: .known(before)) { return after }
        } catch {}
        return tracker.pointer.resolve(in: try states.state(at: index + 1))
    }

    /// Calls `body` with each event in `range` that may have changed the value at `pointer`,
    /// and its change, oldest or newest first, until `body` returns false. Without an index,
    /// a large range is scanned on two threads first (newest first: after the newest 32,768
    /// events, which recent changes are usually among); `shouldContinue` is asked then.
    private func forEachCandidate(
        of pointer: JSONPointer, in range: Range<Int>, descending: Bool, shouldContinue: (Int) -> Bool = { _ in true },
        _ body: (Int, EventEffect) throws(TraceError) -> Bool
    ) throws(TraceError) {
        func visit(_ candidates: [Int]) throws(TraceError) -> Bool {
            for index in descending ? Array(candidates.reversed()) : candidates {
                guard try body(index, try trace.events.effect(index)) else { return false }
            }
            return true
        }
        guard !range.isEmpty else { return }
        if let touches {
            _ = try visit(touches.candidates(for: pointer, in: range))
            return
        }
        var rest = range
        if descending {
            let near = max(range.upperBound - nearEvents, range.lowerBound)..<range.upperBound
            for index in near.reversed() where trace.events.summary(index).effect != .none {
                let effect = try trace.events.effect(index)
                if effect.mayChange(pointer) {
                    guard try body(index, effect) else { return }
                }
            }
            rest = range.lowerBound..<near.lowerBound
        }
        guard let candidates = try CandidateScan.candidates(in: trace, for: pointer, in: rest, splittingFrom: splitThreshold, shouldContinue: shouldContinue) else { return }
        _ = try visit(candidates)
    }
}

/// The replayer ``PathHistory`` falls back on, made when first needed.
private final class FallbackStates {
    let trace: Trace
    private var replayer: Replayer?

    init(trace: Trace) {
        self.trace = trace
    }

    func state(at position: Int) throws(TraceError) -> JSONValue {
        if replayer == nil { replayer = Replayer(trace: trace) }
        return try replayer!.state(at: position)
    }
}
