import ReplayCore

/// The debugger's search: from the current event, the next (or previous) event that the
/// core's ``EventSearch`` matches (name, kind, whole payload or error containing a text,
/// ignoring case; the same test as `events --grep`), wrapping around the trace.
public struct TraceSearch: Equatable, Sendable {
    /// What was typed after `/`.
    public let text: String
    /// The event the search starts after (before, going back); nil at the start.
    public let from: Int?
    public let forward: Bool
    /// How payloads are written for matching: as the views show them.
    public let syntax: ValueSyntax

    public init(text: String, from: Int?, forward: Bool, syntax: ValueSyntax) {
        self.text = text
        self.from = from
        self.forward = forward
        self.syntax = syntax
    }

    /// An event found.
    public struct Hit: Equatable, Sendable {
        public let index: Int
        /// True when the search went past the end (or the start) to find it.
        public let wrapped: Bool
    }

    /// Visits every event once, in search order: the first that matches, nil when none does.
    func run(in trace: Trace, context: JobContext) throws(JobCancelled) -> Hit? {
        let matcher = EventSearch(text, syntax: syntax)
        let count = trace.count
        guard count > 0 else { return nil }
        let current = from ?? (forward ? -1 : count)
        for step in 1...count {
            try context.checkIn(done: step, of: count)
            let index = ((current + (forward ? step : -step)) % count + count) % count
            guard let event = try? trace.events.event(index), matcher.matches(event) else { continue }
            return Hit(index: index, wrapped: forward ? index <= current : index >= current)
        }
        return nil
    }
}
