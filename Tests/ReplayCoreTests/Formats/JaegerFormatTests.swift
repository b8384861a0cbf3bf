import Testing
@testable import ReplayCore

private let samples = fixturesDirectory + "spans/jaeger/"

private func load(_ text: String) throws(TraceError) -> Trace {
    try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
}

/// A bare Jaeger trace of one process `p1` (service `api`) holding `spans` (JSON text).
private func trace(_ spans: String) -> String {
    #"{"traceID": "00000000000000aa", "processes": {"p1": {"serviceName": "api", "tags": [{"key": "hostname", "type": "string", "value": "h1"}]}}, "spans": [\#(spans)]}"#
}

private func span(_ id: String, start: Int = 1_000, duration: Int = 10, more: String = "") -> String {
    #"{"traceID": "00000000000000aa", "spanID": "\#(id)", "operationName": "op-\#(id)", "startTime": \#(start), "duration": \#(duration), "processID": "p1"\#(more)}"#
}

@Suite struct JaegerFormatTests {
    // MARK: Jaeger's own fixtures (Fixtures/spans/SOURCES.md)

    /// internal/uimodel/converter/v1/json/fixtures/ui_01.json: a bare trace with duplicate span
    /// ids, typed tags, logs, references to a span of another trace, span and trace warnings.
    @Test func uiFixtureOpensWithItsSpansErrorAndServices() throws {
        let trace = try TraceLoader.load(path: samples + "ui_01.json")
        let events = try events(trace)
        #expect(trace.format == .jaeger)
        #expect(trace.count == 2 * 5)
        #expect(trace.meta["spanCount"] == 5)
        #expect(trace.meta["traceCount"] == 1)
        #expect(trace.meta["services"] == ["service-x", "service-y"])
        #expect(events.filter { $0.error != nil }.map(\.name) == ["some-operation"])
        #expect(trace.crash?.inferred == true)
        #expect(trace.crash?.reason == "STATUS_CODE_ERROR")
        #expect(trace.warnings.map(\.message) == ["the trace warns: some trace warning"])

        let failed = try #require(events.first { $0.error != nil }?.payload)
        #expect(failed["service"] == "service-x")
        #expect(failed["attributes"] == [
            "peer.service": "service-y", "peer.ipv4": 23456, "error": true, "temperature": .number(JSONNumber(literal: "72.5")!),
            "javascript_limit": .number(JSONNumber(literal: "9223372036854775222")!), "blob": "AAAwOQ==",
        ])
        #expect(failed["durationMs"] == .number(JSONNumber(literal: "0.005")!))

        let starts = events.filter { $0.kind == "span.start" }
        let first = try #require(starts.first { $0.name == "test-general-conversion" }?.payload)
        #expect(first["spanId"] == "0000000000000002")
        let withLogs = try #require(events.first { $0.kind == "span.end" && $0.name == "test-general-conversion" }?.payload)
        #expect(withLogs["events"]?.arrayValue?.map { $0["name"] } == ["some-event", "log"])
        #expect(withLogs["events"]?.arrayValue?.last?["attributes"] == ["x": "y"])

        let referencing = try #require(starts.first { $0.name == "reference-test" })
        #expect(referencing.payload?["parentSpanId"] == "0000000000000002")
        #expect(referencing.payload?["links"]?.arrayValue?.count == 3)
        #expect(referencing.payload?["links"]?.arrayValue?.first == ["traceId": "00000000000000ff", "spanId": "00000000000000ff", "refType": "CHILD_OF"])
        #expect(referencing.extra["warnings"] == ["some span warning"])
        // The two spans with id 2 are both in flight at once, each under its own key.
        let state = try Replayer(trace: trace).state(at: 2)
        #expect(state["services"]?["service-x"]?["in_flight"]?.objectValue?.keys.elements == ["0000000000000002", "0000000000000002#2"])
    }

    /// cmd/jaeger/internal/extension/jaegerquery/internal/fixture/otlp2jaeger-out.json: the query
    /// API's `{"data": [...]}`, two spans with the same id.
    @Test func queryAPIFixtureOpens() throws {
        let trace = try TraceLoader.load(path: samples + "otlp2jaeger-out.json")
        let events = try events(trace)
        #expect(trace.format == .jaeger)
        #expect(trace.count == 2 * 2)
        #expect(trace.meta["services"] == ["telemetrygen"])
        #expect(trace.crash == nil)
        #expect(events.first?.payload?["kind"] == "SPAN_KIND_SERVER")
        #expect(events.first?.payload?["parentSpanId"] == "909541b92cf05311")
        #expect(trace.meta["resources"] == [["serviceName": "telemetrygen", "tags": [:]]])
    }

    // MARK: Mapping

    @Test func microsecondsBecomeExactMilliseconds() throws {
        let trace = try load(trace(span("01", start: 1_000, duration: 2_500) + "," + span("02", start: 1_250, duration: 1)))
        #expect(try events(trace).map { $0.t?.literal } == ["0", "0.25", "0.251", "2.5"])
    }

    @Test func theErrorTagAsAStringAndTheExceptionLog() throws {
        let tags = #", "tags": [{"key": "error", "type": "string", "value": "true"}, {"key": "otel.status_description", "type": "string", "value": "timeout"}]"#
        let logs = #", "logs": [{"timestamp": 1005, "fields": [{"key": "event", "type": "string", "value": "exception"}, {"key": "exception.type", "type": "string", "value": "IOError"}, {"key": "exception.message", "type": "string", "value": "no route"}]}]"#
        let trace = try load(trace(span("01", more: tags + logs) + "," + span("02", more: #", "tags": [{"key": "error", "type": "bool", "value": false}]"#)))
        #expect(try events(trace).compactMap(\.error) == ["timeout; IOError: no route"])
    }

    @Test func followsFromIsTheParentWhenThereIsNoChildOf() throws {
        let refs = #", "references": [{"refType": "FOLLOWS_FROM", "traceID": "00000000000000aa", "spanID": "01"}]"#
        let trace = try load(trace(span("01") + "," + span("02", more: refs)))
        #expect(try events(trace)[1].payload?["parentSpanId"] == "01")
    }

    @Test func anUnknownProcessIsAWarning() throws {
        let trace = try load(trace(span("01").replacing(#""processID": "p1""#, with: #""processID": "p9""#)))
        #expect(try events(trace)[0].payload?["service"] == "unknown_service")
        #expect(trace.warnings.map(\.message) == ["spans[0]: processID 'p9' names no process of the trace; its service is unknown_service"])
    }

    @Test(arguments: [
        (span("01").replacing(#""startTime": 1000"#, with: #""startTime": -5"#), "spans[0]: 'startTime' must be a whole number of microseconds from 0 to 18446744073709551, found -5"),
        (span("01").replacing(#""spanID": "01", "#, with: ""), "spans[0]: the span has no 'spanID'"),
        (span("01", more: #", "tags": [{"type": "string", "value": "x"}]"#), "spans[0].tags[0]: the tag has no 'key'"),
        (span("01", more: #", "logs": [{"fields": []}]"#), "spans[0].logs[0]: the log has no 'timestamp'"),
        ("7", "spans[0] must be an object, found number"),
    ])
    func malformedSpansAreErrorsThatNameThem(_ span: String, _ message: String) {
        let error = #expect(throws: TraceError.self) { try load(trace(span)) }
        #expect(error?.message == message)
    }

    @Test func noSpanIsAnError() {
        let error = #expect(throws: TraceError.self) { try JaegerFormat.read(parse(#"{"data": [{"traceID": "aa", "spans": []}]}"#)) }
        #expect(error?.message == "the Jaeger traces hold no span")
    }

    // MARK: Recognition

    @Test func recognizesTheQueryResultAndABareTraceOnly() throws {
        #expect(JaegerFormat.recognizes(try parse(#"{"data": [{"traceID": "aa", "spans": []}], "total": 0}"#)))
        #expect(JaegerFormat.recognizes(try parse(#"{"traceID": "aa", "spans": [], "processes": {}}"#)))
        #expect(!JaegerFormat.recognizes(try parse(#"{"data": []}"#)))
        #expect(!JaegerFormat.recognizes(try parse(#"{"resourceSpans": []}"#)))
        #expect(!JaegerFormat.recognizes(try parse(#"[{"traceId": "aa", "id": "bb"}]"#)))
    }
}
