/// Reads Zipkin v2 JSON: an array of spans, as Zipkin's `/api/v2/trace/{id}` returns and its
/// UI downloads a trace, as instrumentation posts to `/api/v2/spans`, and as OpenTelemetry's
/// Zipkin JSON exporter writes (an array of such arrays, `/api/v2/traces`, is read too):
///
/// ```json
/// [{"traceId": "4bf92f3577b34da6a3ce929d0e0e00a1", "id": "5eed000000001007", "parentId": "5eed000000001006",
///   "name": "charge", "kind": "SERVER", "timestamp": 1767225600014000, "duration": 7000,
///   "localEndpoint": {"serviceName": "payments", "ipv4": "10.0.0.13", "port": 8080},
///   "tags": {"payment.currency": "EUR", "error": "card declined"},
///   "annotations": [{"timestamp": 1767225600020000, "value": "{\"exception\": {\"exception.type\": \"ValueError\"}}"}]}]
/// ```
///
/// The spans are mapped as ``OTLPFormat`` maps OTLP spans (two events a span, exact
/// millisecond `t`, the state per service, the first failed span as the inferred crash),
/// from these fields:
/// - `timestamp` and `duration` are microseconds (no `duration`: the span takes no time);
///   `name` is the name; `localEndpoint.serviceName` the service (`unknown_service` without one).
/// - `kind` (`CLIENT`, `SERVER`, `PRODUCER`, `CONSUMER`) becomes the OTLP enum name
///   (`SPAN_KIND_SERVER`), none `SPAN_KIND_UNSPECIFIED`; `parentId` is the parent.
/// - `tags` are the `attributes`. A span with an `error` tag (whatever its value, as Zipkin
///   reads it) fails; its error is the tag's text, then the last `exception` annotation's
///   type and message, else `STATUS_CODE_ERROR`, as OTLP's.
/// - `annotations` become the span's `events`: `name` is the annotation's `value`, or, when the
///   value is JSON text of one object holding an object (`{"exception": {…}}`, as
///   OpenTelemetry's exporter writes span events), that key with the inner object as the
///   event's `attributes`.
/// - `localEndpoint`, `remoteEndpoint`, `debug`, `shared` and any other member are kept in
///   the events' extra fields.
/// - `meta`: the summary keys of ``OTLPFormat``, `resources` being the distinct local endpoints.
public enum ZipkinFormat: TraceFormat {
    public static let name = TraceFormatName.zipkin

    /// An array whose first element is a span with `traceId` and `id` (or an array of such).
    public static func recognizes(_ document: JSONValue) -> Bool {
        guard let first = document.arrayValue?.first else { return false }
        let span = first.arrayValue?.first ?? first
        return span["traceId"]?.stringValue != nil && span["id"]?.stringValue != nil
    }

    public static func read(_ document: JSONValue) throws(TraceError) -> Trace {
        guard let elements = document.arrayValue else {
            throw TraceError(.file, "Zipkin spans must be an array, found \(document.typeName)")
        }
        var spans: [SpanRecord] = []
        var resources: [JSONValue] = []
        for (i, element) in elements.enumerated() {
            // `/api/v2/traces` answers an array of traces, each an array of spans.
            let list = element.arrayValue.map { trace in trace.enumerated().map { ("[\(i)][\($0.offset)]", $0.element) } }
                ?? [("[\(i)]", element)]
            for (location, value) in list {
                let span = try self.span(value, at: location)
                if let endpoint = span.extra["localEndpoint"], !resources.contains(endpoint) { resources.append(endpoint) }
                spans.append(span)
            }
        }
        return try OTLPFormat.trace(of: spans, resources: resources, meta: [:], format: name, noSpan: "the Zipkin array holds no span")
    }

    private static func span(_ value: JSONValue, at location: String) throws(TraceError) -> SpanRecord {
        let fields = try SpanFieldReader(value, at: location)
        let traceId = try fields.id("traceId", required: true) ?? ""
        let spanId = try fields.id("id", required: true) ?? ""
        let start = try fields.microseconds("timestamp")
        let end = try fields.end(start: start, duration: fields.microseconds("duration", fallback: 0))
        let service = try fields.object("localEndpoint")?["serviceName"]?.stringValue ?? "unknown_service"

        var tags = JSONObject()
        for (key, tag) in try fields.object("tags") ?? [:] {
            guard tag.stringValue != nil else {
                throw fields.fail("tag '\(key)' must be a string, found \(tag.typeName)")
            }
            tags[key] = tag
        }
        var events: [SpanEventRecord] = []
        for (a, annotation) in try fields.array("annotations").enumerated() {
            let entry = try SpanFieldReader(annotation, at: "\(location).annotations[\(a)]", what: "the annotation")
            let time = try entry.microseconds("timestamp")
            let text = try entry.string("value", required: true) ?? ""
            var members: JSONObject = ["name": .string(text)]
            if let object = try? JSONValue(parsing: text).objectValue, object.count == 1,
                let event = object.elements.first, event.value.objectValue != nil
            {
                members = ["name": .string(event.key), "attributes": event.value]
            }
            members["timeUnixNano"] = .string(String(time))
            events.append(SpanEventRecord(members: members, time: time))
        }

        let errorTag = tags["error"]?.stringValue
        var status: JSONObject = ["code": .string(SpanCollector.statusCodes[errorTag == nil ? 0 : 2])]
        if let errorTag, !errorTag.isEmpty { status["message"] = .string(errorTag) }
        return SpanRecord(
            location: location, service: service, traceId: traceId, spanId: spanId, parentSpanId: try fields.id("parentId"),
            name: try fields.string("name") ?? "", kind: SpanFieldReader.kind(named: try fields.string("kind")), scope: nil,
            start: start, end: end, attributes: tags, events: events, links: [], status: status,
            error: errorTag == nil ? nil : SpanCollector.error(status: status, events: events),
            extra: Event.extra(from: fields.members, mapped: mappedSpanKeys))
    }

    static let mappedSpanKeys = ["traceId", "id", "parentId", "name", "kind", "timestamp", "duration", "tags", "annotations"]
}
