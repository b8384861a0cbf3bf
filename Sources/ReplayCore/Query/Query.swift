/// A condition on an event and the state after it, written in the query language of
/// docs/queries.md: `/accounts/1/balance < 0`, `changed(/stats/failed) and @kind == "call"`.
///
/// The same queries drive `replay-tui find`, conditional breakpoints (`B`) and filters (`f`).
/// Parsing compiles everything once (regexes included); ``holds(_:)`` never fails: a path
/// that names nothing makes its comparison false.
public struct Query: Sendable, Equatable, CustomStringConvertible {
    /// The expression as written.
    public let text: String
    let expression: QueryExpression
    /// The distinct pointers of the query's `changed()` calls.
    let changedPointers: [JSONPointer]

    /// The query reads the state after the event (a pointer such as `/accounts`).
    public let needsState: Bool
    /// The query uses `changed()`, which compares the state before the event with the state after.
    public let needsStateBefore: Bool
    /// The query reads `@payload`, `@t` or `@error`, which need the event parsed; without
    /// them an event holding only its index, kind and name is enough.
    public let needsParsedEvent: Bool
    /// The query reads some event field; when it does not, the event's index is enough.
    let needsEvent: Bool

    /// Parses `text`; a malformed expression throws the column and what was expected.
    public init(_ text: String) throws(QueryError) {
        self.text = text
        (expression, changedPointers) = try QueryParser.parse(text)
        let operands = expression.operands
        needsStateBefore = expression.usesChanged
        needsState = needsStateBefore || operands.contains { $0.readsState }
        needsParsedEvent = operands.contains { $0.readsParsedEvent }
        needsEvent = operands.contains { $0.readsEvent }
    }

    /// True when the query holds for `context`'s event and states.
    public func holds(_ context: QueryContext) -> Bool {
        expression.holds(context)
    }

    public var description: String { text }

    /// Queries written alike are the same query (parsing is deterministic).
    public static func == (lhs: Query, rhs: Query) -> Bool {
        lhs.text == rhs.text
    }
}
