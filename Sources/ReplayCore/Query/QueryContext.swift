/// What a query is evaluated against: one event and the states around it.
///
/// Building one costs a few reference-count increments (the states are copy-on-write
/// values), so it is cheap to make per event. Callers may leave out what the query does
/// not need (``Query/needsState``, ``Query/needsStateBefore``, ``Query/needsParsedEvent``):
/// a query that reads only `@index`, `@kind`, `@name` and `@lane` is answered from an event holding
/// those alone, and `changed()` is false when ``stateBefore`` is nil.
public struct QueryContext: Sendable {
    /// The event, at its index in the trace.
    public var event: Event
    /// The state after the event (position `event.index + 1`).
    public var state: JSONValue
    /// The state before the event (position `event.index`), for `changed()`.
    public var stateBefore: JSONValue?
    /// Instead of ``stateBefore``: the values before the event at the query's
    /// `changed()` pointers, by slot (nil for absent), so that a search need not keep a
    /// whole second state, whose sharing would make every change copy the containers it
    /// touches.
    var valuesBefore: [JSONValue?] = []

    public init(event: Event, state: JSONValue, stateBefore: JSONValue? = nil) {
        self.event = event
        self.state = state
        self.stateBefore = stateBefore
    }
}
