extension Query {
    /// Finds the events in `events` after which this query holds, in order, replaying the
    /// trace once: each event's change is applied in place to a running state, and for
    /// `changed()` only the values at its pointers before the event are kept. No state
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
        // One context for the whole pass, changed in place: the running state is its
        // `state`, so applying a change never copies it, and the event's fields are set
        // rather than a new event built for every index.
        var context = QueryContext(event: Event(index: events.lowerBound, kind: ""), state: .null)
        if needsState, !events.isEmpty {
            context.state = try (replayer ?? Replayer(trace: trace, checkpointInterval: Replayer.noCheckpoints)).state(at: events.lowerBound)
        }
        for index in events {
            if (index - events.lowerBound) % 2048 == 0, !checkIn(index) { return }
            if needsParsedEvent {
                context.event = try trace.events.event(index)
            } else {
                context.event.index = index
                if needsEvent {
                    let summary = trace.events.summary(index)
                    context.event.kind = summary.kind
                    context.event.name = summary.name
                    context.event.lane = summary.lane
                }
            }
            if needsState {
                if needsStateBefore { rememberValuesBefore(&context) }
                let effect = needsParsedEvent ? context.event.effect : try trace.events.effect(index)
                try effect.apply(to: &context.state, event: index)
            }
            if holds(context), !found(index) { return }
        }
    }

    /// Keeps the values at the `changed()` pointers in the state before the event.
    private func rememberValuesBefore(_ context: inout QueryContext) {
        if context.valuesBefore.count != changedPointers.count {
            context.valuesBefore = Array(repeating: nil, count: changedPointers.count)
        }
        for (slot, pointer) in changedPointers.enumerated() {
            context.valuesBefore[slot] = pointer.resolve(in: context.state)
        }
    }
}
