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
    public static let name = "otlp"

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

    /// Reads the spans of every source as one trace. `meta`'s members come first in the
    /// trace's meta; the span summary fills in the keys it does not have.
    static func read(_ sources: [Source], meta baseMeta: JSONObject) throws(TraceError) -> Trace {
        var collector = SpanCollector()
        for source in sources {
            try collector.collect(source)
        }
        let spans = collector.spans
        guard let earliest = spans.lazy.map(\.start).min() else {
            let whose = sources.contains { $0.label != nil } ? "the session's traces files hold" : "the OTLP document holds"
            throw TraceError(.file, "\(whose) no span: 'resourceSpans' has none")
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
                error: point.isEnd ? span.error : nil, effect: .patch(operations), extra: span.extra))
        }

        var meta = baseMeta
        let summary = summary(of: spans, earliest: earliest, services: services.keys, resources: collector.resources)
        for (key, value) in summary where meta[key] == nil { meta[key] = value }
        let list = EventList(events)
        let crash = try Crash.locate(in: list, marked: nil)
        return Trace(format: name, meta: meta, initialState: ["services": [:]], events: list, crash: crash, warnings: warnings)
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

/// One span as read, before it is placed in time.
struct SpanRecord {
    var location: String
    var service: String
    var traceId: String
    var spanId: String
    var parentSpanId: String?
    var name: String
    var kind: JSONValue
    var scope: JSONObject?
    var start: UInt64
    var end: UInt64
    var attributes: JSONObject
    var events: [SpanEventRecord]
    var links: [JSONValue]
    var status: JSONObject
    /// The error the end event carries, when the span failed.
    var error: String?
    /// Span members this reader does not map.
    var extra: JSONObject
}

struct SpanEventRecord {
    /// The event's members, attributes as an object.
    var members: JSONObject
    var time: UInt64?
}

/// Walks OTLP/JSON documents and collects their spans, checking shapes as it goes.
struct SpanCollector {
    var spans: [SpanRecord] = []
    /// Each distinct resource's attributes.
    var resources: [JSONValue] = []

    static let mappedSpanKeys: Set<String> = [
        "traceId", "spanId", "parentSpanId", "name", "kind", "startTimeUnixNano", "endTimeUnixNano",
        "attributes", "events", "links", "status",
    ]

    mutating func collect(_ source: OTLPFormat.Source) throws(TraceError) {
        let prefix = source.label.map { "\($0): " } ?? ""
        func fail(_ where: String, _ message: String) -> TraceError {
            TraceError(.file, "\(prefix)\(`where`)\(`where`.isEmpty ? "" : ": ")\(message)")
        }
        guard let root = source.document.objectValue else {
            throw fail("", "an OTLP trace document must be an object, found \(source.document.typeName)")
        }
        guard let resourceSpansValue = root["resourceSpans"] else {
            let other = ["resourceLogs": "logs", "resourceMetrics": "metrics", "resourceProfiles": "profiles"]
                .first { root[$0.key] != nil }
            if let other { throw fail("", "this OTLP document holds \(other.value) ('\(other.key)'), not traces ('resourceSpans')") }
            throw fail("", "an OTLP trace document needs a 'resourceSpans' array")
        }
        let resourceSpans = try array(resourceSpansValue, "resourceSpans", fail)
        for (r, resourceSpan) in resourceSpans.enumerated() {
            let at = "resourceSpans[\(r)]"
            let members = try object(resourceSpan, at, fail)
            var resourceAttributes = JSONObject()
            if let resourceValue = members["resource"], resourceValue != .null {
                let resource = try object(resourceValue, "\(at).resource", fail)
                resourceAttributes = try attributes(resource["attributes"], "\(at).resource", fail)
            }
            let resource = JSONValue.object(resourceAttributes)
            if !resources.contains(resource) { resources.append(resource) }
            let service: String
            switch resourceAttributes["service.name"] {
            case .string(let text)?: service = text
            case nil, .null?: service = "unknown_service"
            case let other?: service = other.jsonText(.compact)
            }
            // `instrumentationLibrarySpans` is the name before OTLP 0.15.
            let (scopesKey, scopeKey) = members["scopeSpans"] == nil && members["instrumentationLibrarySpans"] != nil
                ? ("instrumentationLibrarySpans", "instrumentationLibrary") : ("scopeSpans", "scope")
            guard let scopeSpansValue = members[scopesKey], scopeSpansValue != .null else { continue }
            for (s, scopeSpan) in try array(scopeSpansValue, "\(at).\(scopesKey)", fail).enumerated() {
                let scopeAt = "\(at).\(scopesKey)[\(s)]"
                let scopeMembers = try object(scopeSpan, scopeAt, fail)
                var scope: JSONObject?
                if let scopeValue = scopeMembers[scopeKey], scopeValue != .null {
                    var fields = try object(scopeValue, "\(scopeAt).\(scopeKey)", fail)
                    if fields["attributes"] != nil {
                        fields["attributes"] = .object(try attributes(fields["attributes"], "\(scopeAt).\(scopeKey)", fail))
                    }
                    if !fields.isEmpty { scope = fields }
                }
                guard let spansValue = scopeMembers["spans"], spansValue != .null else { continue }
                for (p, spanValue) in try array(spansValue, "\(scopeAt).spans", fail).enumerated() {
                    spans.append(try span(spanValue, at: "\(scopeAt).spans[\(p)]", service: service, scope: scope, prefix: prefix))
                }
            }
        }
    }

    private func span(_ value: JSONValue, at: String, service: String, scope: JSONObject?, prefix: String) throws(TraceError) -> SpanRecord {
        func fail(_ where: String, _ message: String) -> TraceError {
            TraceError(.file, "\(prefix)\(`where`): \(message)")
        }
        let members = try object(value, at, fail)
        let traceId = try id(members["traceId"], "traceId", at: at, fail, required: true) ?? ""
        let spanId = try id(members["spanId"], "spanId", at: at, fail, required: true) ?? ""
        let parentSpanId = try id(members["parentSpanId"], "parentSpanId", at: at, fail, required: false)
        var name = ""
        if let nameValue = members["name"], nameValue != .null {
            guard let text = nameValue.stringValue else {
                throw fail(at, "'name' must be a string, found \(nameValue.typeName)")
            }
            name = text
        }
        let start = try nanoseconds(members["startTimeUnixNano"], "startTimeUnixNano", at: at, fail)
        let end = try nanoseconds(members["endTimeUnixNano"], "endTimeUnixNano", at: at, fail)
        let kind = try Self.kind(members["kind"], at: at, fail)
        let attributes = try attributes(members["attributes"], at, fail)

        var events: [SpanEventRecord] = []
        if let eventsValue = members["events"], eventsValue != .null {
            for (e, eventValue) in try array(eventsValue, "\(at).events", fail).enumerated() {
                let eventAt = "\(at).events[\(e)]"
                var fields = try object(eventValue, eventAt, fail)
                var time: UInt64?
                if let timeValue = fields["timeUnixNano"], timeValue != .null {
                    let parsed = try nanoseconds(timeValue, "timeUnixNano", at: eventAt, fail)
                    time = parsed
                    fields["timeUnixNano"] = .string(String(parsed))
                }
                if fields["attributes"] != nil {
                    fields["attributes"] = .object(try self.attributes(fields["attributes"], eventAt, fail))
                }
                events.append(SpanEventRecord(members: fields, time: time))
            }
        }

        var links: [JSONValue] = []
        if let linksValue = members["links"], linksValue != .null {
            for (l, linkValue) in try array(linksValue, "\(at).links", fail).enumerated() {
                let linkAt = "\(at).links[\(l)]"
                var fields = try object(linkValue, linkAt, fail)
                for key in ["traceId", "spanId"] {
                    if let normalized = try id(fields[key], key, at: linkAt, fail, required: false) {
                        fields[key] = .string(normalized)
                    }
                }
                if fields["attributes"] != nil {
                    fields["attributes"] = .object(try self.attributes(fields["attributes"], linkAt, fail))
                }
                links.append(.object(fields))
            }
        }

        let (status, failed) = try Self.status(members["status"], at: at, fail)
        var extra = members
        for key in Self.mappedSpanKeys { extra.removeValue(forKey: key) }
        return SpanRecord(
            location: prefix + at, service: service, traceId: traceId, spanId: spanId, parentSpanId: parentSpanId,
            name: name, kind: kind, scope: scope, start: start, end: end, attributes: attributes, events: events,
            links: links, status: status, error: failed ? Self.error(status: status, events: events) : nil, extra: extra)
    }

    // MARK: Fields

    static let spanKinds = [
        "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
        "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
    ]
    static let statusCodes = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"]

    /// The span kind's enum name; an unknown number or name is kept as written.
    private static func kind(_ value: JSONValue?, at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> JSONValue {
        switch value {
        case nil, .null?:
            return .string(spanKinds[0])
        case .number(let number)?:
            guard let code = number.intValue, spanKinds.indices.contains(code) else { return .number(number) }
            return .string(spanKinds[code])
        case .string(let text)?:
            return .string(text)
        case let other?:
            throw fail(at, "'kind' must be a number or an enum name, found \(other.typeName)")
        }
    }

    /// The status with its code as the enum name, and whether it is `STATUS_CODE_ERROR`.
    private static func status(_ value: JSONValue?, at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> (JSONObject, Bool) {
        guard let value, value != .null else { return (["code": .string(statusCodes[0])], false) }
        guard var fields = value.objectValue else {
            throw fail(at, "'status' must be an object, found \(value.typeName)")
        }
        var code: Int?
        switch fields["code"] {
        case nil, .null?:
            code = 0
        case .number(let number)?:
            code = number.intValue
        case .string(let text)?:
            let upper = text.uppercased()
            code = statusCodes.firstIndex(of: upper) ?? statusCodes.firstIndex(of: "STATUS_CODE_" + upper)
        case let other?:
            throw fail(at, "'status.code' must be a number or an enum name, found \(other.typeName)")
        }
        if let message = fields["message"], message != .null, message.stringValue == nil {
            throw fail(at, "'status.message' must be a string, found \(message.typeName)")
        }
        if let code, statusCodes.indices.contains(code) {
            fields["code"] = .string(statusCodes[code])
        } else if fields["code"] == nil {
            fields["code"] = .string(statusCodes[0])
        }
        // The code first, as the proto declares `message` before it but readers look for the code.
        if let index = fields.index(forKey: "code"), index != 0 {
            let (key, codeValue) = fields.remove(at: index)
            fields.updateValue(codeValue, forKey: key, insertingAt: 0)
        }
        return (fields, code == 2)
    }

    /// A failed span's error text (see ``OTLPFormat``).
    static func error(status: JSONObject, events: [SpanEventRecord]) -> String {
        var parts: [String] = []
        let message = status["message"]?.stringValue ?? ""
        if !message.isEmpty { parts.append(message) }
        if let exception = events.last(where: { $0.members["name"]?.stringValue == "exception" }) {
            let fields = exception.members["attributes"]?.objectValue ?? [:]
            func text(_ key: String) -> String? {
                guard let value = fields[key], value != .null else { return nil }
                let text = value.stringValue ?? value.jsonText(.compact)
                return text.isEmpty ? nil : text
            }
            let type = text("exception.type")
            let exceptionMessage = text("exception.message")
            let described = [type, exceptionMessage].compactMap { $0 }.joined(separator: ": ")
            if !described.isEmpty, described != message, exceptionMessage != message {
                parts.append(described)
            }
        }
        return parts.isEmpty ? statusCodes[2] : parts.joined(separator: "; ")
    }

    /// An id as a string: hex lower-cased, anything else as written; nil when absent or
    /// empty (a root's `parentSpanId`).
    private func id(
        _ value: JSONValue?, _ key: String, at: String, _ fail: (String, String) -> TraceError, required: Bool
    ) throws(TraceError) -> String? {
        switch value {
        case .string(let text)? where !text.isEmpty:
            let isHex = text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
            return isHex ? text.lowercased() : text
        case nil, .null?, .string?:
            if required { throw fail(at, "the span has no '\(key)'") }
            return nil
        case let other?:
            throw fail(at, "'\(key)' must be a hex string, found \(other.typeName)")
        }
    }

    /// A time in nanoseconds since the epoch: an unsigned integer, as a string or a number.
    private func nanoseconds(
        _ value: JSONValue?, _ key: String, at: String, _ fail: (String, String) -> TraceError
    ) throws(TraceError) -> UInt64 {
        let text: String
        switch value {
        case nil, .null?:
            throw fail(at, "the span has no '\(key)'")
        case .string(let written)?:
            text = written
        case .number(let number)?:
            text = number.literal
        case let other?:
            throw fail(at, "'\(key)' must be nanoseconds as a string or a number, found \(other.typeName)")
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let nanoseconds = UInt64(text) else {
            throw fail(at, "'\(key)' must be a whole number of nanoseconds from 0 to \(UInt64.max), found \(value?.jsonText(.compact) ?? "nothing")")
        }
        return nanoseconds
    }

    private func attributes(_ value: JSONValue?, _ at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> JSONObject {
        guard let value, value != .null else { return [:] }
        let pairs = try array(value, "\(at).attributes", fail)
        do throws(OTLPFormat.AttributeProblem) {
            return try OTLPFormat.attributes(pairs)
        } catch {
            throw fail("\(at).attributes", error.message)
        }
    }

    private func array(_ value: JSONValue, _ at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> [JSONValue] {
        guard let elements = value.arrayValue else {
            throw fail(at, "must be an array, found \(value.typeName)")
        }
        return elements
    }

    private func object(_ value: JSONValue, _ at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> JSONObject {
        guard let members = value.objectValue else {
            throw fail(at, "must be an object, found \(value.typeName)")
        }
        return members
    }
}
