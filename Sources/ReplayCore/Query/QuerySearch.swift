extension Query {
    /// Finds the events in `events` after which this query holds, in order, replaying the
    /// trace once: each event's change is applied in place to a running state, and the
    /// state before an event is kept only when the query uses `changed()`. Neither state
    /// is built when the query reads none, and events are parsed whole only when it reads
    /// `@payload`, `@t` or `@error`.
    ///
    /// `found` is called with each match's index and returns whether to go on. `checkIn`
    /// is called with the index about to be read every 2,048 events (for progress and
    /// cancellation) and returns whether to go on. `replayer` gives the state at
    /// `events.lowerBound` (one without checkpoints is made when nil). A change that does
    /// not apply throws, naming its event.
    public func search(
        _ trace: Trace, events: Range<Int>, replayer: Replayer? = nil,
        checkIn: (Int) -> Bool = { _ in true }, found: (Int) -> Bool
    ) throws(TraceError) {
        var state = JSONValue.null
        if needsState, !events.isEmpty {
            state = try (replayer ?? Replayer(trace: trace, checkpointInterval: Replayer.noCheckpoints)).state(at: events.lowerBound)
        }
        var before: JSONValue? = nil
        for index in events {
            if (index - events.lowerBound) % 2048 == 0, !checkIn(index) { return }
            let event: Event
            if needsParsedEvent {
                event = try trace.events.event(index)
            } else if !needsEvent {
                event = Event(index: index, kind: "")
            } else {
                let summary = trace.events.summary(index)
                event = Event(index: index, kind: summary.kind, name: summary.name)
            }
            if needsState {
                if needsStateBefore { before = state }
                let effect = needsParsedEvent ? event.effect : try trace.events.effect(index)
                try effect.apply(to: &state, event: index)
            }
            if holds(QueryContext(event: event, state: state, stateBefore: before)), !found(index) { return }
        }
    }
}
