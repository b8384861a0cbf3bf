/// The spans of a span trace (OTLP, Jaeger, Zipkin: each span a `span.start` and a
/// `span.end` event) as trees, one a trace id, with the critical path marked.
///
/// The critical path is Jaeger's: the chain of spans that sets the trace's end-to-end
/// latency. It starts at a root; from a span, the child that finished last is on it, then,
/// before that child started, the child that finished last before then, and so on, each
/// child's own children the same way (a child running past the moment looked at counts up to
/// that moment only).
public struct SpanTree: Sendable {
    /// One span, from its start event and (when recorded) its end event.
    public struct Span: Equatable, Sendable {
        public var traceID: String
        public var spanID: String
        /// The parent's span id; nil for a root, or a parent that is not in the trace.
        public var parentID: String?
        public var name: String
        public var service: String?
        /// Milliseconds, as the events' `t`.
        public var start: Double
        public var end: Double?
        public var startEvent: Int
        public var endEvent: Int?
        public var isError: Bool
        /// Depth in its tree: 0 for a root.
        public var depth = 0
        public var isCritical = false

        public var duration: Double? { end.map { $0 - start } }
    }

    /// Every span, tree by tree (trace ids in order of their first span), each tree depth
    /// first with children in start order.
    public let spans: [Span]

    /// The spans of `trace`; empty for a trace with no span events.
    public init(_ trace: Trace) throws(TraceError) {
        var spans: [Span] = []
        /// The spans started under each trace id and span id, oldest first (an id may repeat).
        var byID: [String: [Int]] = [:]
        for index in 0..<trace.count {
            let summary = trace.events.summary(index)
            guard summary.kind == "span.start" || summary.kind == "span.end" else { continue }
            let event = try trace.events.event(index)
            guard let payload = event.payload, let spanID = payload["spanId"]?.stringValue else { continue }
            let traceID = payload["traceId"]?.stringValue ?? ""
            let key = traceID + "/" + spanID
            let t = event.t?.doubleValue ?? 0
            if summary.kind == "span.start" {
                byID[key, default: []].append(spans.count)
                spans.append(Span(
                    traceID: traceID, spanID: spanID, parentID: payload["parentSpanId"]?.stringValue, name: event.name ?? "",
                    service: summary.lane ?? payload["service"]?.stringValue, start: t, end: nil, startEvent: index, endEvent: nil,
                    isError: event.error != nil))
            } else if let slot = byID[key]?.first(where: { spans[$0].end == nil }) {
                spans[slot].end = t
                spans[slot].endEvent = index
                spans[slot].isError = spans[slot].isError || event.error != nil
            }
        }
        self.spans = Self.ordered(spans)
    }

    /// The spans of one trace id.
    public func spans(ofTrace traceID: String) -> [Span] {
        spans.filter { $0.traceID == traceID }
    }

    /// The trees laid out depth first, with depths and the critical path set.
    private static func ordered(_ spans: [Span]) -> [Span] {
        var children: [String: [Int]] = [:]
        var roots: [Int] = []
        let known = Set(spans.map { $0.traceID + "/" + $0.spanID })
        for (index, span) in spans.enumerated() {
            if let parent = span.parentID, known.contains(span.traceID + "/" + parent) {
                children[span.traceID + "/" + parent, default: []].append(index)
            } else {
                roots.append(index)
            }
        }
        var critical = Set<Int>()
        func markCritical(_ index: Int, until limit: Double) {
            critical.insert(index)
            var cursor = min(spans[index].end ?? spans[index].start, limit)
            var candidates = children[spans[index].traceID + "/" + spans[index].spanID] ?? []
            while true {
                // The child that finished last before the cursor (clipped to it).
                let next = candidates.filter { spans[$0].start < cursor }
                    .max { min(spans[$0].end ?? spans[$0].start, cursor) < min(spans[$1].end ?? spans[$1].start, cursor) }
                guard let next else { return }
                markCritical(next, until: cursor)
                cursor = spans[next].start
                candidates.removeAll { $0 == next }
            }
        }
        // Trees in the order of their first span; a trace's roots in start order.
        var order: [Span] = []
        func visit(_ index: Int, depth: Int) {
            var span = spans[index]
            span.depth = depth
            span.isCritical = critical.contains(index)
            order.append(span)
            for child in children[span.traceID + "/" + span.spanID] ?? [] { visit(child, depth: depth + 1) }
        }
        for root in roots {
            markCritical(root, until: .infinity)
            visit(root, depth: 0)
        }
        return order
    }
}
