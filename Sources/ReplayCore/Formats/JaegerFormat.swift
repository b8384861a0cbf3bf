/// Reads Jaeger traces as its query API and its UI's "Download" write them: `{"data": [trace,
/// …]}`, or one bare trace:
///
/// ```json
/// {"traceID": "4bf92f3577b34da6", "processes": {"p1": {"serviceName": "api", "tags": []}},
///  "spans": [{"traceID": "4bf92f3577b34da6", "spanID": "00f067aa0ba902b7", "operationName": "GET /orders",
///             "references": [{"refType": "CHILD_OF", "traceID": "4bf92f3577b34da6", "spanID": "53995c3f42cd8ad8"}],
///             "startTime": 1485467191639875, "duration": 5120, "processID": "p1",
///             "tags": [{"key": "error", "type": "bool", "value": true}],
///             "logs": [{"timestamp": 1485467191640000, "fields": [{"key": "event", "type": "string", "value": "exception"}]}]}],
///  "warnings": null}
/// ```
///
/// The spans are mapped as ``OTLPFormat`` maps OTLP spans (two events a span, exact
/// millisecond `t`, the state per service, the first failed span as the inferred crash),
/// from these fields:
/// - `startTime` and `duration` are microseconds; `operationName` is the name; the service
///   is the `serviceName` of the process `processID` names in the trace's `processes` (or of
///   the span's own `process`, as the UI's span objects have it).
/// - `tags` become `attributes`, typed: `string`, `bool` (true or the string `"true"`),
///   `int64` (a number, or a string kept as that exact number), `float64`, `binary` (its
///   base64 text). The `span.kind` tag gives `kind` (`server` is `SPAN_KIND_SERVER`).
/// - A span whose `error` tag is true (the boolean or the string `"true"`) fails; its error is
///   the `otel.status_description` tag, then the last `exception` log's type and message, else
///   `STATUS_CODE_ERROR`, as OTLP's.
/// - `logs` become the span's `events`: `name` is the log's `event` field (`log` without one),
///   `attributes` its fields.
/// - `references` become `links` (`{traceId, spanId, refType}`, every one kept, also those to
///   spans not in the file); the parent is the first `CHILD_OF` reference in the span's trace,
///   else its first `FOLLOWS_FROM` there.
/// - Duplicate span ids are kept (each span is its own pair of events). Span `warnings`
///   stay in the span's extra fields with `flags`; the traces' `warnings` become the trace's
///   warnings; neither is fatal.
/// - `meta`: the summary keys of ``OTLPFormat``, `resources` being the processes
///   (`{serviceName, tags}`, tags as an object).
public enum JaegerFormat: TraceFormat {
    public static let name = TraceFormatName.jaeger

    /// `{"data": [...]}` whose first trace has `traceID` and `spans`, or such a trace itself.
    public static func recognizes(_ document: JSONValue) -> Bool {
        if let traces = document["data"]?.arrayValue {
            return traces.first.map(isTrace) ?? false
        }
        return isTrace(document)
    }

    private static func isTrace(_ value: JSONValue) -> Bool {
        value["traceID"]?.stringValue != nil && value["spans"]?.arrayValue != nil
    }

    public static func read(_ document: JSONValue) throws(TraceError) -> Trace {
        let traces: [(String, JSONValue)]
        if let data = document["data"] {
            guard let elements = data.arrayValue else {
                throw TraceError(.file, "'data' must be an array of traces, found \(data.typeName)")
            }
            traces = elements.enumerated().map { ("data[\($0.offset)]", $0.element) }
        } else {
            traces = [("", document)]
        }
        var spans: [SpanRecord] = []
        var resources: [JSONValue] = []
        var warnings: [TraceError] = []
        for (location, trace) in traces {
            let prefix = location.isEmpty ? "" : location + "."
            guard let members = trace.objectValue else {
                throw TraceError(.file, "\(location.isEmpty ? "a Jaeger trace" : location) must be an object, found \(trace.typeName)")
            }
            let processes = try self.processes(members["processes"], at: prefix + "processes")
            for process in processes.values where !resources.contains(process.resource) {
                resources.append(process.resource)
            }
            guard let spansValue = members["spans"], let spanValues = spansValue.arrayValue else {
                throw TraceError(.file, "\(prefix)spans: a Jaeger trace needs a 'spans' array")
            }
            for (s, value) in spanValues.enumerated() {
                var warning: String?
                spans.append(try span(value, at: "\(prefix)spans[\(s)]", processes: processes, warning: &warning))
                if let warning { warnings.append(TraceError(.file, warning)) }
            }
            for case .string(let text) in (members["warnings"]?.arrayValue ?? []) {
                warnings.append(TraceError(.file, "\(location.isEmpty ? "the trace" : location) warns: \(text)"))
            }
        }
        let trace = try OTLPFormat.trace(
            of: spans, resources: resources, meta: [:], format: name, noSpan: "the Jaeger traces hold no span")
        return warnings.reversed().reduce(trace) { $0.adding(warning: $1) }
    }

    /// A process: its service and its tags as a resource.
    private struct Process {
        var service: String
        var resource: JSONValue
    }

    private static func processes(_ value: JSONValue?, at location: String) throws(TraceError) -> [String: Process] {
        guard let value, value != .null else { return [:] }
        guard let members = value.objectValue else {
            throw TraceError(.file, "\(location) must be an object, found \(value.typeName)")
        }
        var processes: [String: Process] = [:]
        for (id, process) in members {
            processes[id] = try self.process(process, at: "\(location).\(id)")
        }
        return processes
    }

    private static func process(_ value: JSONValue, at location: String) throws(TraceError) -> Process {
        let fields = try SpanFieldReader(value, at: location, what: "the process")
        let service = try fields.string("serviceName") ?? "unknown_service"
        let tags = try self.tags(fields.array("tags"), at: location + ".tags")
        return Process(service: service, resource: ["serviceName": .string(service), "tags": .object(tags)])
    }

    private static func span(
        _ value: JSONValue, at location: String, processes: [String: Process], warning: inout String?
    ) throws(TraceError) -> SpanRecord {
        let fields = try SpanFieldReader(value, at: location)
        let traceId = try fields.id("traceID", required: true) ?? ""
        let spanId = try fields.id("spanID", required: true) ?? ""
        let start = try fields.microseconds("startTime")
        let end = try fields.end(start: start, duration: fields.microseconds("duration", fallback: 0))
        let tags = try self.tags(fields.array("tags"), at: location + ".tags")

        var service = "unknown_service"
        if let processID = try fields.string("processID") {
            if let process = processes[processID] {
                service = process.service
            } else {
                warning = "\(location): processID '\(processID)' names no process of the trace; its service is unknown_service"
            }
        } else if let process = fields.members["process"], process != .null {
            service = try self.process(process, at: location + ".process").service
        }

        var links: [JSONValue] = []
        var parent: (childOf: String?, followsFrom: String?) = (nil, nil)
        for (r, reference) in try fields.array("references").enumerated() {
            let ref = try SpanFieldReader(reference, at: "\(location).references[\(r)]", what: "the reference")
            let refTrace = try ref.id("traceID") ?? traceId
            let refSpan = try ref.id("spanID", required: true) ?? ""
            let type = try ref.string("refType") ?? "CHILD_OF"
            if refTrace == traceId {
                if type == "CHILD_OF", parent.childOf == nil { parent.childOf = refSpan }
                if type == "FOLLOWS_FROM", parent.followsFrom == nil { parent.followsFrom = refSpan }
            }
            links.append(["traceId": .string(refTrace), "spanId": .string(refSpan), "refType": .string(type)])
        }

        var events: [SpanEventRecord] = []
        for (l, log) in try fields.array("logs").enumerated() {
            let entry = try SpanFieldReader(log, at: "\(location).logs[\(l)]", what: "the log")
            let time = try entry.microseconds("timestamp")
            let attributes = try self.tags(entry.array("fields"), at: "\(location).logs[\(l)].fields")
            events.append(SpanEventRecord(members: [
                "name": .string(attributes["event"]?.stringValue ?? "log"),
                "timeUnixNano": .string(String(time)),
                "attributes": .object(attributes),
            ], time: time))
        }

        let failed = tags["error"] == true || tags["error"] == "true"
        var status: JSONObject = ["code": .string(SpanCollector.statusCodes[failed ? 2 : 0])]
        if let description = tags["otel.status_description"]?.stringValue { status["message"] = .string(description) }
        return SpanRecord(
            location: location, service: service, traceId: traceId, spanId: spanId,
            parentSpanId: parent.childOf ?? parent.followsFrom, name: try fields.string("operationName") ?? "",
            kind: SpanFieldReader.kind(named: tags["span.kind"]?.stringValue), scope: nil, start: start, end: end,
            attributes: tags, events: events, links: links, status: status,
            error: failed ? SpanCollector.error(status: status, events: events) : nil,
            extra: Event.extra(from: fields.members, mapped: mappedSpanKeys))
    }

    static let mappedSpanKeys = [
        "traceID", "spanID", "operationName", "references", "startTime", "duration", "tags", "logs", "processID", "process",
    ]

    /// Typed tags (`[{key, type, value}]`) as an object of plain values.
    private static func tags(_ pairs: [JSONValue], at location: String) throws(TraceError) -> JSONObject {
        var object = JSONObject()
        for (k, pair) in pairs.enumerated() {
            let tag = try SpanFieldReader(pair, at: "\(location)[\(k)]", what: "the tag")
            let key = try tag.string("key", required: true) ?? ""
            let value = tag.members["value"] ?? .null
            switch (try tag.string("type")?.lowercased(), value) {
            case ("bool", .string(let text)) where text == "true" || text == "false":
                object[key] = .bool(text == "true")
            case ("int64", .string(let text)), ("float64", .string(let text)):
                object[key] = JSONNumber(literal: text).map(JSONValue.number) ?? value
            default:
                object[key] = value
            }
        }
        return object
    }
}
