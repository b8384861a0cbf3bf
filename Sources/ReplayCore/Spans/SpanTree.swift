/// The spans of a span trace (OTLP, Jaeger, Zipkin: each span a `span.start` and a
/// `span.end` event) as trees, one a trace id, with the critical path marked.
///
/// The critical path is Jaeger's: the chain of spans that sets the trace's end-to-end
/// latency. It starts at a root; from a span, the child that finished last is on it, then,
/// before that child started, the child that finished last before then, and so on, each
/// child's own children the same way (a child running past the moment looked at counts up to
/// that moment only).
public struct SpanTree: Equatable, Sendable {
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
    /// Each span's index in ``spans`` under its trace id, in tree order.
    private let traces: [String: [Int]]
    /// Every span event, ascending, with the index in ``spans`` of the span it starts or ends.
    private let spanEvents: [(event: Int, span: Int)]

    /// Trees of the same spans are the same trees (the rest is made from them).
    public static func == (left: SpanTree, right: SpanTree) -> Bool {
        left.spans == right.spans
    }

    /// The spans of `trace`; empty for a trace with no span events.
    public init(_ trace: Trace) throws(TraceError) {
        // Never stopped, so always built.
        self = try Self.build(trace, shouldContinue: { _ in true })!
    }

    /// The spans of `trace`, or nil when `shouldContinue`, asked every 2,048 events with
    /// how many have been read, says to stop.
    public static func build(_ trace: Trace, shouldContinue: (Int) -> Bool) throws(TraceError) -> SpanTree? {
        var spans: [Span] = []
        /// The spans started under each trace id and span id, oldest first (an id may repeat).
        var byID: [String: [Int]] = [:]
        // An end pairs only with a start before it: the events before the first start (all
        // of them in a trace without spans) are not read one by one.
        let first = trace.events.firstIndex(ofKind: "span.start") ?? trace.count
        for index in first..<trace.count {
            if (index - first) % 2_048 == 0, !shouldContinue(index) { return nil }
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
        return SpanTree(spans: spans)
    }

    /// The trees of `spans` (paired, in the order their start events came), laid out depth
    /// first with depths and the critical path set.
    init(spans: [Span]) {
        self.spans = Self.ordered(spans)
        var traces: [String: [Int]] = [:]
        var spanEvents: [(event: Int, span: Int)] = []
        for (index, span) in self.spans.enumerated() {
            traces[span.traceID, default: []].append(index)
            spanEvents.append((span.startEvent, index))
            if let end = span.endEvent { spanEvents.append((end, index)) }
        }
        self.traces = traces
        self.spanEvents = spanEvents.sorted { $0.event < $1.event }
    }

    /// The indices in ``spans`` of the spans of one trace id, in tree order.
    public func indices(ofTrace traceID: String) -> [Int] {
        traces[traceID] ?? []
    }

    /// The index in ``spans`` of the span that event `index` starts or ends; for any other
    /// event, the span of the last span event before it. Nil when no span event comes at or
    /// before `index` (or `index` is nil: no event yet).
    public func span(atOrBefore index: Int?) -> Int? {
        guard let index else { return nil }
        // The first span event after `index`; the one before it is the answer.
        var (low, high) = (0, spanEvents.count)
        while low < high {
            let middle = (low + high) / 2
            if spanEvents[middle].event <= index { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : spanEvents[low - 1].span
    }

    /// The spans of one trace id.
    public func spans(ofTrace traceID: String) -> [Span] {
        indices(ofTrace: traceID).map { spans[$0] }
    }

    /// The trees laid out depth first, with depths and the critical path set. Both walks keep
    /// their own stacks, so a chain of any depth is laid out without deep recursion.
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
        let critical = criticalPath(of: spans, roots: roots, children: children)
        // Trees in the order of their first span; a trace's roots in start order.
        var order: [Span] = []
        order.reserveCapacity(spans.count)
        var stack: [(index: Int, depth: Int)] = roots.reversed().map { ($0, 0) }
        while let (index, depth) = stack.popLast() {
            var span = spans[index]
            span.depth = depth
            span.isCritical = critical.contains(index)
            order.append(span)
            for child in (children[span.traceID + "/" + span.spanID] ?? []).reversed() { stack.append((child, depth + 1)) }
        }
        return order
    }

    /// The spans on the critical path of each root's tree. A span on it, looked at up to a
    /// moment (`limit`), puts on it the child that finished last before that moment, then the
    /// one that finished last before that child started, and so on; each of those children is
    /// looked at up to the moment it was chosen at.
    private static func criticalPath(of spans: [Span], roots: [Int], children: [String: [Int]]) -> Set<Int> {
        var critical = Set<Int>()
        var pending: [(index: Int, limit: Double)] = roots.map { ($0, .infinity) }
        while let (index, limit) = pending.popLast() {
            critical.insert(index)
            var cursor = min(spans[index].end ?? spans[index].start, limit)
            var candidates = children[spans[index].traceID + "/" + spans[index].spanID] ?? []
            // The child that finished last before the cursor (clipped to it).
            while let next = candidates.filter({ spans[$0].start < cursor })
                .max(by: { min(spans[$0].end ?? spans[$0].start, cursor) < min(spans[$1].end ?? spans[$1].start, cursor) }) {
                pending.append((next, cursor))
                cursor = spans[next].start
                candidates.removeAll { $0 == next }
            }
        }
        return critical
    }
}
