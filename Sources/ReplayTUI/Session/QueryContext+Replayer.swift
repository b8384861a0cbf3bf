import ReplayCore

extension QueryContext {
    /// The context for `query` at event `index`, with only what it reads: the event parsed
    /// or from its summary, the state after it and, for `changed()`, the state before.
    init(for query: Query, after index: Int, in trace: Trace, replayer: Replayer) throws(TraceError) {
        let event: Event
        if query.needsParsedEvent {
            event = try trace.events.event(index)
        } else {
            let summary = trace.events.summary(index)
            event = Event(index: index, kind: summary.kind, name: summary.name, lane: summary.lane)
        }
        let state = query.needsState ? try replayer.state(at: index + 1) : .null
        let before = query.needsStateBefore ? try replayer.state(at: index) : nil
        self.init(event: event, state: state, stateBefore: before)
    }
}
