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

    /// What a search found: the event to go to, and every matching event.
    public struct Found: Equatable, Sendable {
        /// The first match in search order, nil when none.
        public let first: Hit?
        /// Every matching event, ascending; nil in the early answer given as soon as the
        /// first match is found, before the rest of the trace is counted.
        public let matches: [Int]?
    }

    /// Visits every event once, in search order, a part of ``JobContext/eventsBetweenChecks``
    /// events at a time: the core's byte prefilter picks the part's candidates, and only
    /// those whose name and kind (read from the index) do not match already are parsed and
    /// matched. As soon as the first match is found it is delivered
    /// through `context`, then the rest are counted.
    func run(in trace: Trace, context: JobContext) throws(JobCancelled) -> Found {
        let matcher = EventSearch(text, syntax: syntax)
        let count = trace.count
        guard count > 0 else { return Found(first: nil, matches: []) }
        let current = from ?? (forward ? -1 : count)
        var first: Hit?
        var matches: [Int] = []
        var done = 0
        // Whether each name and kind met so far contains the text: a trace holds few of them.
        var names: [String?: Bool] = [:]
        var kinds: [String?: Bool] = [:]
        for part in parts(count: count, current: current) {
            let candidates = matcher.candidates(in: trace, range: part)
            for index in forward ? candidates : candidates.reversed() {
                let summary = trace.events.summary(index)
                let named = Self.contains(summary.name, matcher, &names) || Self.contains(summary.kind, matcher, &kinds)
                guard named || (try? trace.events.event(index)).map(matcher.matches) == true else { continue }
                matches.append(index)
                if first == nil {
                    first = Hit(index: index, wrapped: forward ? index <= current : index >= current)
                    context.deliver(.searched(self, Found(first: first, matches: nil)))
                }
            }
            done += part.count
            if context.isCancelled() { throw JobCancelled() }
            if done < count { context.report(Double(done) / Double(count)) }
        }
        return Found(first: first, matches: matches.sorted())
    }

    /// Whether `text` contains the search's text, remembered in `known`.
    private static func contains(_ text: String?, _ matcher: EventSearch, _ known: inout [String?: Bool]) -> Bool {
        if let answer = known[text] { return answer }
        let answer = matcher.contains(text)
        known[text] = answer
        return answer
    }

    /// The events in search order from `current`, as ranges of at most
    /// ``JobContext/eventsBetweenChecks``: forward, those after it, then from the first to
    /// it; backward, those before it, then from the last down to it.
    private func parts(count: Int, current: Int) -> [Range<Int>] {
        let size = JobContext.eventsBetweenChecks
        if forward {
            let split = min(max(current + 1, 0), count)
            return [split..<count, 0..<split].flatMap { range in
                stride(from: range.lowerBound, to: range.upperBound, by: size).map { $0..<min($0 + size, range.upperBound) }
            }
        }
        let split = min(max(current, 0), count)
        return [0..<split, split..<count].flatMap { range in
            stride(from: range.upperBound, to: range.lowerBound, by: -size).map { max($0 - size, range.lowerBound)..<$0 }
        }
    }
}
