import OrderedCollections

/// Reads OpenTelemetry traces as OTLP/JSON, the way SDK exporters, the collector's file
/// exporter and OTLP/HTTP JSON bodies write them:
///
/// ```json
/// {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "api"}}]},
///   "scopeSpans": [{"scope": {"name": "my.lib", "version": "1.0.0"},
///     "spans": [{"traceId": "5b8efff7…", "spanId": "eee19b7e…", "parentSpanId": "",
///                "name": "GET /orders", "kind": 2,
///                "startTimeUnixNano": "1544712660000000000", "endTimeUnixNano": "1544712661000000000",
///                "attributes": [{"key": "http.status_code", "value": {"intValue": "200"}}],
///                "events": [{"timeUnixNano": "…", "name": "exception", "attributes": […]}],
///                "links": [], "status": {"code": 2, "message": "lookup failed"}}]}]}]}
/// ```
///
/// The mapping:
/// - Every span is two events: `span.start` at its start time and `span.end` at its end time,
///   both named after the span. `t` is milliseconds since the earliest span start, exact:
///   built from the integer nanoseconds (`1288994` ns is `1.288994`), never through a double.
/// - Order: by time; at equal times starts come before ends (so a span that takes no time
///   starts before it ends, and a span that starts as another ends overlaps it for an
///   instant). Starts at equal times go parents first (by depth in the trace), then in file
///   order; ends at equal times go in the reverse order of their starts, so children end
///   before their parents and spans nest. A span is never moved for causality: a child whose
///   clock runs ahead of its parent's may start before it.
/// - Both events' lane is the span's service.
/// - The payload of both events: `service` (the resource's `service.name`, else
///   `unknown_service`), `traceId`, `spanId`, `parentSpanId` (null for a root), `kind`
///   (`SPAN_KIND_SERVER` etc., a number the enum does not know kept as written), `scope`
///   (`{name, version, attributes}` when recorded), `attributes` (the key/value list as a
///   plain object, see below), `links` and `startTimeUnixNano`. The end event adds `events`
///   (the span's events, each with its attributes as an object and `atMs`, milliseconds
///   since the earliest start), `status` (`{code: "STATUS_CODE_…", message?}`),
///   `endTimeUnixNano` and `durationMs`. Times stay as OTLP writes int64s: decimal strings.
///   Span fields this reader does not map (`traceState`, `flags`, `dropped…Count`, …) are
///   kept in both events' `extra`.
/// - Attribute values become plain JSON: `stringValue` a string, `intValue` a number whose
///   literal is the int64 exactly as written (`"9007199254740993"` stays that number),
///   `doubleValue` a number (or the string `NaN`/`Infinity`/`-Infinity`), `boolValue` a
///   boolean, `arrayValue` an array, `kvlistValue` an object, `bytesValue` its base64 string,
///   an empty value null. A value of another shape is kept as written. Duplicate keys: the
///   last wins, in the place of the first.
/// - Ids: hex ids are lower-cased (OTLP hex is case-insensitive); others are kept as written.
/// - State: per service, the spans in flight and how many spans ended:
///   `{"services": {"<service>": {"in_flight": {"<spanId>": {"name", "started_at_ms"}},
///   "finished": n, "failed": m}}}`, services in the order they first start a span. A start
///   adds the span to `in_flight` (or adds the service's entry, with zero counts, when it is
///   the service's first span); an end removes it and replaces one count: `failed` when the
///   span failed, else `finished` (so in flight + finished + failed = spans started). Every
///   change is an RFC 6902 patch. A span id that is already in flight in the same service
///   (a span exported twice) is keyed `<spanId>#2`, `#3`, ….
/// - Errors: a span whose status code is 2 (`STATUS_CODE_ERROR`, as the number or the enum
///   name) fails: its end event carries the error: the status message, then the last
///   `exception` span event's `exception.type: exception.message` (unless the status message
///   already says the same), joined by `; `; `STATUS_CODE_ERROR` when there is neither. The
///   crash is the first error event, inferred (no OTLP field marks a crash).
/// - `meta`: `spanCount`, `traceCount`, `services` (names, in order of first start),
///   `startTimeUnixNano` (where `t` is 0), `endTimeUnixNano` (the latest end) and `resources`
///   (each distinct resource's attributes as an object).
/// - A span that ends before it starts is placed at its start (its payload keeps the
///   recorded times) and noted in the trace's warnings.
///
/// Malformed input is a ``TraceError`` that names the span, e.g.
/// `resourceSpans[0].scopeSpans[1].spans[2]: 'startTimeUnixNano' must be …`. A document
/// with no span at all is an error. Logs and metrics (`resourceLogs`, `resourceMetrics`)
/// are not traces and are not recognised.
public enum OTLPFormat: TraceFormat {
    public static let name = TraceFormatName.otlp

    /// An object with a `resourceSpans` array.
    public static func recognizes(_ document: JSONValue) -> Bool {
        document["resourceSpans"]?.arrayValue != nil
    }

    public static func read(_ document: JSONValue) throws(TraceError) -> Trace {
        try read([Source(label: nil, document: document)], meta: [:])
    }

    /// One OTLP/JSON document and the name its errors are prefixed with (a session's file).
    struct Source {
        var label: String?
        var document: JSONValue
    }

    /// Reads the spans of every source as one trace of `format`. `meta`'s members come first
    /// in the trace's meta; the span summary fills in the keys it does not have.
    static func read(_ sources: [Source], meta baseMeta: JSONObject, format: TraceFormatName = name) throws(TraceError) -> Trace {
        var collector = SpanCollector()
        for source in sources {
            try collector.collect(source)
        }
        let whose = switch format {
        case .otlpJSONLines: "the lines hold"
        default: sources.contains { $0.label != nil } ? "the session's traces files hold" : "the OTLP document holds"
        }
        return try trace(
            of: collector.spans, resources: collector.resources, meta: baseMeta, format: format,
            noSpan: "\(whose) no span: 'resourceSpans' has none")
    }

    /// Spans of any span format mapped onto a trace of `format`, as documented on this type:
    /// the one mapping every span format (OTLP, Jaeger, Zipkin) shares. `resources` are the
    /// distinct resources (or processes) for `meta`; no span is the error `noSpan`.
    static func trace(
        of spans: [SpanRecord], resources: [JSONValue], meta baseMeta: JSONObject, format: TraceFormatName, noSpan: String
    ) throws(TraceError) -> Trace {
        guard let earliest = spans.lazy.map(\.start).min() else {
            throw TraceError(.file, noSpan)
        }
        var warnings: [TraceError] = []
        for span in spans where span.end < span.start {
            warnings.append(TraceError(.file, "\(span.location): the span ends before it starts; its end is placed at its start"))
        }

        let order = timeline(spans)
        var events: [Event] = []
        events.reserveCapacity(order.count)
        var services = OrderedDictionary<String, ServiceCount>()
        var inFlightKey = [Int: String]()
        for point in order {
            let span = spans[point.span]
            let t = milliseconds(point.time - earliest)
            let service = JSONPointer(tokens: ["services", span.service])
            var operations: [PatchOperation] = []
            // The counts are changed in place: a copy would copy the in-flight set each time.
            if !point.isEnd {
                let isNewService = services[span.service] == nil
                let key = services[span.service]?.uniqueKey(for: span.spanId) ?? span.spanId
                inFlightKey[point.span] = key
                let entry: JSONValue = .object(["name": .string(span.name), "started_at_ms": .number(t)])
                if isNewService {
                    operations.append(PatchOperation(kind: .add, path: service, value: .object([
                        "in_flight": .object([key: entry]), "finished": 0, "failed": 0,
                    ])))
                } else {
                    operations.append(PatchOperation(kind: .add, path: service.appending("in_flight").appending(key), value: entry))
                }
                services[span.service, default: ServiceCount()].inFlight.insert(key)
            } else {
                if let key = inFlightKey.removeValue(forKey: point.span) {
                    services[span.service, default: ServiceCount()].inFlight.remove(key)
                    operations.append(PatchOperation(kind: .remove, path: service.appending("in_flight").appending(key)))
                }
                let counter = span.error != nil ? "failed" : "finished"
                let count: Int
                if span.error != nil {
                    services[span.service, default: ServiceCount()].failed += 1
                    count = services[span.service]?.failed ?? 0
                } else {
                    services[span.service, default: ServiceCount()].finished += 1
                    count = services[span.service]?.finished ?? 0
                }
                operations.append(PatchOperation(kind: .replace, path: service.appending(counter), value: .number(JSONNumber(count))))
            }
            events.append(Event(
                index: events.count, t: t, kind: point.isEnd ? "span.end" : "span.start", name: span.name,
                payload: .object(payload(of: span, isEnd: point.isEnd, earliest: earliest)),
                error: point.isEnd ? span.error : nil, lane: span.service, effect: .patch(operations), extra: span.extra))
        }

        var meta = baseMeta
        let summary = summary(of: spans, earliest: earliest, services: services.keys, resources: resources)
        for (key, value) in summary where meta[key] == nil { meta[key] = value }
        let list = EventList(events)
        let crash = try Crash.locate(in: list, marked: nil)
        return Trace(format: format, meta: meta, initialState: ["services": [:]], events: list, crash: crash, warnings: warnings)
    }

    // MARK: - Timeline

    /// A span's start or end, placed in time.
    struct Point {
        var span: Int
        var isEnd: Bool
        /// Nanoseconds since the epoch; an end before its start is placed at the start.
        var time: UInt64
        /// The span's depth in its trace: 0 for a root or a span whose parent is not recorded.
        var depth: Int
    }

    /// Every span's start and end, in the order documented on ``OTLPFormat``.
    static func timeline(_ spans: [SpanRecord]) -> [Point] {
        let depths = depths(of: spans)
        let starts = spans.indices.map { Point(span: $0, isEnd: false, time: spans[$0].start, depth: depths[$0]) }
            .sorted { a, b in
                if a.time != b.time { return a.time < b.time }
                if a.depth != b.depth { return a.depth < b.depth }
                return a.span < b.span
            }
        var rank = [Int](repeating: 0, count: spans.count)
        for (position, point) in starts.enumerated() { rank[point.span] = position }
        let ends = spans.indices.map { Point(span: $0, isEnd: true, time: max(spans[$0].start, spans[$0].end), depth: depths[$0]) }
            .sorted { a, b in a.time != b.time ? a.time < b.time : rank[a.span] > rank[b.span] }
        // Merge, starts first at equal times.
        var points: [Point] = []
        points.reserveCapacity(spans.count * 2)
        var e = 0
        for start in starts {
            while e < ends.count, ends[e].time < start.time {
                points.append(ends[e])
                e += 1
            }
            points.append(start)
        }
        points.append(contentsOf: ends[e...])
        return points
    }

    /// How many recorded ancestors each span has, following `parentSpanId` within its trace.
    static func depths(of spans: [SpanRecord]) -> [Int] {
        var byId: [SpanID: Int] = [:]
        for (i, span) in spans.enumerated() where byId[SpanID(trace: span.traceId, span: span.spanId)] == nil {
            byId[SpanID(trace: span.traceId, span: span.spanId)] = i
        }
        var depths = [Int?](repeating: nil, count: spans.count)
        for i in spans.indices where depths[i] == nil {
            // Walk up to a span of known depth or a root, then fill the path in; a cycle
            // (malformed ids) stops the walk where it closes.
            var path: [Int] = []
            var onPath = Set<Int>()
            var current = i
            var base = -1
            while true {
                if let known = depths[current] {
                    base = known
                    break
                }
                path.append(current)
                onPath.insert(current)
                guard let parentId = spans[current].parentSpanId,
                    let parent = byId[SpanID(trace: spans[current].traceId, span: parentId)],
                    !onPath.contains(parent)
                else { break }
                current = parent
            }
            for (offset, index) in path.reversed().enumerated() {
                depths[index] = base + 1 + offset
            }
        }
        return depths.map { $0 ?? 0 }
    }

    struct SpanID: Hashable {
        var trace: String
        var span: String
    }

    /// What the state says about one service, kept while the patches are made.
    struct ServiceCount {
        var inFlight = Set<String>()
        var finished = 0
        var failed = 0

        /// `spanId`, or `spanId#k` with the smallest k ≥ 2 not in flight.
        func uniqueKey(for spanId: String) -> String {
            guard inFlight.contains(spanId) else { return spanId }
            var k = 2
            while inFlight.contains("\(spanId)#\(k)") { k += 1 }
            return "\(spanId)#\(k)"
        }
    }

    // MARK: - Payloads and meta

    static func payload(of span: SpanRecord, isEnd: Bool, earliest: UInt64) -> JSONObject {
        var payload: JSONObject = [
            "service": .string(span.service),
            "traceId": .string(span.traceId),
            "spanId": .string(span.spanId),
            "parentSpanId": span.parentSpanId.map(JSONValue.string) ?? .null,
            "kind": span.kind,
        ]
        if let scope = span.scope { payload["scope"] = .object(scope) }
        payload["attributes"] = .object(span.attributes)
        payload["links"] = .array(span.links)
        payload["startTimeUnixNano"] = .string(String(span.start))
        guard isEnd else { return payload }
        payload["events"] = .array(span.events.map { event in
            var members = event.members
            if let time = event.time { members["atMs"] = .number(signedMilliseconds(from: earliest, to: time)) }
            return .object(members)
        })
        payload["status"] = .object(span.status)
        payload["endTimeUnixNano"] = .string(String(span.end))
        payload["durationMs"] = .number(signedMilliseconds(from: span.start, to: span.end))
        return payload
    }

    static func summary(
        of spans: [SpanRecord], earliest: UInt64, services: OrderedSet<String>, resources: [JSONValue]
    ) -> JSONObject {
        var traces = Set<String>()
        var latest: UInt64 = 0
        for span in spans {
            traces.insert(span.traceId)
            latest = max(latest, span.end, span.start)
        }
        return [
            "spanCount": .number(JSONNumber(spans.count)),
            "traceCount": .number(JSONNumber(traces.count)),
            "services": .array(services.map(JSONValue.string)),
            "startTimeUnixNano": .string(String(earliest)),
            "endTimeUnixNano": .string(String(latest)),
            "resources": .array(resources),
        ]
    }

    /// `nanoseconds` as milliseconds, exactly: `1288994` is `1.288994`.
    static func milliseconds(_ nanoseconds: UInt64) -> JSONNumber {
        let whole = nanoseconds / 1_000_000
        let fraction = nanoseconds % 1_000_000
        guard fraction != 0 else { return JSONNumber(uncheckedLiteral: String(whole)) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.last == "0" { digits.removeLast() }
        return JSONNumber(uncheckedLiteral: "\(whole).\(digits)")
    }

    /// `to - from` in milliseconds, exactly, negative when `to` is earlier.
    static func signedMilliseconds(from: UInt64, to: UInt64) -> JSONNumber {
        guard to < from else { return milliseconds(to - from) }
        return JSONNumber(uncheckedLiteral: "-" + milliseconds(from - to).literal)
    }

    // MARK: - Attribute values

    /// An OTLP `AnyValue` as plain JSON (see ``OTLPFormat``).
    static func plain(_ anyValue: JSONValue, depth: Int = 0) -> JSONValue {
        guard let members = anyValue.objectValue else { return anyValue }
        guard let (key, value) = members.first(where: { valueKeys.contains($0.key) }) else {
            return members.isEmpty ? .null : anyValue
        }
        switch (key, value) {
        case ("stringValue", .string), ("boolValue", .bool), ("bytesValue", .string):
            return value
        case ("intValue", .number(let number)) where number.isInteger:
            return value
        case ("intValue", .string(let text)):
            guard let number = JSONNumber(literal: text), number.isInteger else { return value }
            return .number(number)
        case ("doubleValue", .number):
            return value
        case ("doubleValue", .string(let text)):
            // proto3 JSON writes non-finite doubles as strings, and may quote finite ones.
            guard let number = JSONNumber(literal: text) else { return value }
            return .number(number)
        case ("arrayValue", .object(let array)) where depth < maxValueDepth:
            guard let values = array["values"] else { return .array([]) }
            guard let elements = values.arrayValue else { return anyValue }
            return .array(elements.map { plain($0, depth: depth + 1) })
        case ("kvlistValue", .object(let list)) where depth < maxValueDepth:
            guard let values = list["values"] else { return .object([:]) }
            guard let pairs = values.arrayValue, let object = try? attributes(pairs, depth: depth + 1) else { return anyValue }
            return .object(object)
        default:
            return anyValue
        }
    }

    static let valueKeys: Set<String> = [
        "stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue",
    ]

    /// Nested arrays and lists deeper than this are kept as written (the parser bounds depth
    /// anyway; this bounds the recursion here).
    static let maxValueDepth = 64

    /// A `[{key, value}]` list as an object.
    static func attributes(_ pairs: [JSONValue], depth: Int = 0) throws(AttributeProblem) -> JSONObject {
        var object = JSONObject()
        object.reserveCapacity(pairs.count)
        for (k, pair) in pairs.enumerated() {
            guard let members = pair.objectValue else {
                throw AttributeProblem(message: "attribute [\(k)] must be an object, found \(pair.typeName)")
            }
            guard let keyValue = members["key"] else {
                throw AttributeProblem(message: "attribute [\(k)] has no 'key'")
            }
            guard let key = keyValue.stringValue else {
                throw AttributeProblem(message: "attribute [\(k)]'s 'key' must be a string, found \(keyValue.typeName)")
            }
            object[key] = members["value"].map { plain($0, depth: depth) } ?? .null
        }
        return object
    }

    struct AttributeProblem: Error {
        var message: String
    }
}
