#if canImport(Glibc)
import TestSupport
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import ReplayCore

private let fixtures = fixturesDirectory + "otlp/"

private let seedSession = fixtures + "otel-ai/sessions/seed-basic-topology-1727300000000"
private let splitSession = fixtures + "otel-ai/sessions/sdk-split-1767225610000"

/// A fixture's JSON document, gunzipped first when it is gzip, as the loader does.
private func document(_ name: String) throws -> JSONValue {
    try fixtureDocument(at: fixtures + name)
}

private func number(_ literal: String) -> JSONValue {
    .number(JSONNumber(literal: literal)!)
}

/// An OTLP/JSON document with one resource of service `service` holding `spans` (JSON text).
private func otlp(_ spans: String, service: String = "svc") throws -> JSONValue {
    try parse(#"""
        {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "\#(service)"}}]},
          "scopeSpans": [{"scope": {"name": "test"}, "spans": [\#(spans)]}]}]}
        """#)
}

/// A span's JSON text.
private func span(
    _ id: String, parent: String = "", name: String? = nil, start: String, end: String, trace: String = "0af7651916cd43dd8448eb211c80319c",
    more: String = ""
) -> String {
    #"{"traceId": "\#(trace)", "spanId": "\#(id)", "parentSpanId": "\#(parent)", "name": "\#(name ?? id)", "kind": 1, "startTimeUnixNano": \#(start), "endTimeUnixNano": \#(end)\#(more)}"#
}

@Suite struct OTLPFormatTests {
    static let sdkSample = "otlp_with_error.json"

    static let traceDocuments = [
        "otlp_with_error.json", "trace.json", "otel-ai/otlp-trace.fixture.json", "otel-ai/seed-trace.reconstructed.pretty.json",
    ]
    /// OTLP logs and metrics (`events.json` is log records that are events), and session metadata.
    static let otherDocuments = ["logs.json", "metrics.json", "events.json", "otel-ai/metadata.fixture.json", "otlp_with_error.expected.json"]

    // MARK: Recognition

    @Test(arguments: traceDocuments)
    func recognizesTraces(_ name: String) throws {
        #expect(OTLPFormat.recognizes(try document(name)))
    }

    @Test(arguments: otherDocuments)
    func doesNotRecognizeLogsMetricsOrMetadata(_ name: String) throws {
        #expect(!OTLPFormat.recognizes(try document(name)))
    }

    @Test func recognizesOnlyAResourceSpansArray() throws {
        #expect(OTLPFormat.recognizes(try parse(#"{"resourceSpans": []}"#)))
        #expect(!OTLPFormat.recognizes(try parse(#"{"resourceSpans": {}}"#)))
        #expect(!OTLPFormat.recognizes(try parse(#"[{"resourceSpans": []}]"#)))
        #expect(!OTLPFormat.recognizes(try parse(#"{"format": "replay-trace", "version": 1, "events": []}"#)))
    }

    @Test(arguments: ["logs.json", "metrics.json", "events.json"])
    func readingLogsOrMetricsSaysWhatTheyAre(_ name: String) throws {
        let error = #expect(throws: TraceError.self) { try OTLPFormat.read(document(name)) }
        #expect(error?.message.contains("not traces ('resourceSpans')") == true)
    }

    // MARK: The SDK sample

    @Test func sdkSampleMatchesItsExpectedFacts() throws {
        let expected = try document("otlp_with_error.expected.json")
        let trace = try OTLPFormat.read(document(Self.sdkSample))
        let events = try events(trace)
        let spanCount = try #require(expected["span_count"]?.numberValue?.intValue)
        #expect(trace.format == .otlp)
        #expect(trace.count == 2 * spanCount)
        #expect(events.filter { $0.kind == "span.start" }.count == spanCount)
        #expect(events.filter { $0.kind == "span.end" }.count == spanCount)
        #expect(trace.meta["spanCount"] == expected["span_count"])
        #expect(trace.meta["traceCount"] == expected["trace_count"])
        #expect(trace.meta["startTimeUnixNano"] == expected["earliest_start_unix_nano"])
        #expect(trace.meta["endTimeUnixNano"] == expected["latest_end_unix_nano"])
        #expect(trace.meta["resources"]?.arrayValue?.count == expected["resource_spans_count"]?.numberValue?.intValue)
        let services = try #require(trace.meta["services"]?.arrayValue)
        #expect(services.compactMap(\.stringValue).sorted() == expected["service_names"]?.arrayValue?.compactMap(\.stringValue))
        // Services in the order they first start a span.
        #expect(services == ["api-gateway", "inventory-service", "orders-service"])

        let errors = events.filter { $0.error != nil }
        #expect(errors.count == expected["error_span_count"]?.numberValue?.intValue)
        #expect(errors.map { JSONValue.string($0.name ?? "") } == expected["error_span_names"]?.arrayValue)
        let ends = events.filter { $0.kind == "span.end" }
        #expect(ends.filter { $0.payload?["events"]?.arrayValue?.isEmpty == false }.count == expected["spans_with_events"]?.numberValue?.intValue)
        #expect(ends.filter { $0.payload?["links"]?.arrayValue?.isEmpty == false }.count == expected["spans_with_links"]?.numberValue?.intValue)
        #expect(trace.warnings.isEmpty)
    }

    @Test func theErrorSpansEndCarriesStatusMessageAndException() throws {
        let trace = try OTLPFormat.read(document(Self.sdkSample))
        let events = try events(trace)
        let failing = try #require(events.first { $0.error != nil })
        #expect(failing.index == 22)
        #expect(failing.kind == "span.end")
        #expect(failing.name == "orders process")
        #expect(failing.error == "lookup failed for order 1; ValueError: order 1 not found in shard 0")
        let payload = try #require(failing.payload)
        #expect(payload["service"] == "orders-service")
        #expect(payload["spanId"] == "bc01bfce6a27e0df")
        #expect(payload["parentSpanId"] == "5186ee32ee8d7ee9")
        #expect(payload["traceId"] == "770348a05d300cb90706a045defc044a")
        #expect(payload["kind"] == "SPAN_KIND_CONSUMER")
        #expect(payload["status"] == ["code": "STATUS_CODE_ERROR", "message": "lookup failed for order 1"])
        #expect(payload["attributes"] == ["span.index": 4, "component": "orders-service"])
        let exception = try #require(payload["events"]?.arrayValue?.first)
        #expect(exception["name"] == "exception")
        #expect(exception["timeUnixNano"] == "1767225612003418716")
        #expect(exception["atMs"] == number("2003.418716"))
        #expect(exception["attributes"]?["exception.type"] == "ValueError")
        #expect(exception["attributes"]?["exception.message"] == "order 1 not found in shard 0")
        #expect(exception["attributes"]?["exception.handled"] == false)
        #expect(payload["startTimeUnixNano"] == "1767225612002752432")
        #expect(payload["endTimeUnixNano"] == "1767225612003419716")
        #expect(payload["durationMs"] == number("0.667284"))
        #expect(failing.extra == ["flags": 256])
        // The start of the same span is not an error and does not carry the span's outcome.
        let start = try #require(events.first { $0.kind == "span.start" && $0.payload?["spanId"] == "bc01bfce6a27e0df" })
        #expect(start.error == nil)
        #expect(start.payload?["status"] == nil)
        #expect(start.payload?["events"] == nil)
        #expect(start.payload?["attributes"] == payload["attributes"])
    }

    @Test func theCrashIsTheFailedSpansEndInferred() throws {
        let trace = try OTLPFormat.read(document(Self.sdkSample))
        #expect(trace.crash == Crash(index: 22, reason: "lookup failed for order 1; ValueError: order 1 not found in shard 0", inferred: true))
    }

    @Test func eventsAreInTimeOrderWithExactMilliseconds() throws {
        let trace = try OTLPFormat.read(document(Self.sdkSample))
        let events = try events(trace)
        #expect(events.map(\.index) == Array(0..<30))
        #expect(events.prefix(4).map { $0.t?.literal } == ["0", "1", "1.288994", "1.489298"])
        #expect(events.last?.t?.literal == "2058")
        let times = events.map { $0.t?.doubleValue ?? -1 }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        // Every span starts before it ends.
        var started = Set<String>()
        for event in events {
            let id = try #require(event.payload?["spanId"]?.stringValue)
            if event.kind == "span.start" { started.insert(id) } else { #expect(started.contains(id)) }
        }
        #expect(events.prefix(3).map(\.name) == ["GET /api/orders/{id}", "inventory-service handle", "inventory-service handle"])
        #expect(events.prefix(3).map(\.kind) == ["span.start", "span.start", "span.end"])
    }

    @Test func statesShowSpansInFlightAndCountsPerService() throws {
        let trace = try OTLPFormat.read(document(Self.sdkSample))
        let states = try states(trace)
        #expect(trace.initialState == ["services": [:]])
        #expect(states[0] == ["services": [:]])
        #expect(states[1] == ["services": [
            "api-gateway": ["in_flight": ["177219d30e7a269f": ["name": "GET /api/orders/{id}", "started_at_ms": 0]], "finished": 0, "failed": 0],
        ]])
        #expect(states[21] == ["services": [
            "api-gateway": ["in_flight": ["5186ee32ee8d7ee9": ["name": "GET /api/orders/{id}", "started_at_ms": 2000]], "finished": 1, "failed": 0],
            "inventory-service": ["in_flight": ["829a48d422fe99a2": ["name": "orders publish", "started_at_ms": number("2002.361422")]], "finished": 4, "failed": 0],
            "orders-service": ["in_flight": ["bc01bfce6a27e0df": ["name": "orders process", "started_at_ms": number("2002.752432")]], "finished": 4, "failed": 0],
        ]])
        #expect(states[23]["services"]?["orders-service"] == ["in_flight": [:], "finished": 4, "failed": 1])
        #expect(states[30] == ["services": [
            "api-gateway": ["in_flight": [:], "finished": 2, "failed": 0],
            "inventory-service": ["in_flight": [:], "finished": 7, "failed": 0],
            "orders-service": ["in_flight": [:], "finished": 5, "failed": 1],
        ]])
    }

    @Test func changesArePatchesThatReadWell() throws {
        let trace = try OTLPFormat.read(document(Self.sdkSample))
        let events = try events(trace)
        func ops(_ i: Int) -> [JSONValue] {
            guard case .patch(let operations) = events[i].effect else { return [] }
            return operations.map(\.jsonValue)
        }
        #expect(ops(0) == [["op": "add", "path": "/services/api-gateway", "value": [
            "in_flight": ["177219d30e7a269f": ["name": "GET /api/orders/{id}", "started_at_ms": 0]], "finished": 0, "failed": 0,
        ]]])
        #expect(ops(14) == [["op": "add", "path": "/services/api-gateway/in_flight/5186ee32ee8d7ee9",
                             "value": ["name": "GET /api/orders/{id}", "started_at_ms": 2000]]])
        #expect(ops(13) == [
            ["op": "remove", "path": "/services/api-gateway/in_flight/177219d30e7a269f"],
            ["op": "replace", "path": "/services/api-gateway/finished", "value": 1],
        ])
        #expect(ops(22) == [
            ["op": "remove", "path": "/services/orders-service/in_flight/bc01bfce6a27e0df"],
            ["op": "replace", "path": "/services/orders-service/failed", "value": 1],
        ])
    }

    @Test func attributeValuesBecomePlainJSON() throws {
        let trace = try OTLPFormat.read(document(Self.sdkSample))
        let events = try events(trace)
        let root = try #require(events.first)
        #expect(root.payload?["attributes"] == [
            "http.request.method": "GET", "http.route": "/api/orders/{id}", "http.response.status_code": 200,
            "url.full": "https://shop.example.com/api/orders/0", "server.port": 443, "trace.index": 0,
        ])
        let arrays = try #require(events.first { $0.payload?["attributes"]?["attr.int_array"] != nil })
        #expect(arrays.payload?["attributes"]?["attr.string_array"] == ["a", "b", "c7"])
        #expect(arrays.payload?["attributes"]?["attr.bool_array"] == [true, false, true])
        #expect(arrays.payload?["attributes"]?["attr.double_array"] == [number("0.5"), number("1.5"), number("-2.25")])
        let linked = try #require(events.first { $0.payload?["links"]?.arrayValue?.isEmpty == false })
        #expect(linked.payload?["links"] == [[
            "traceId": "d95bafc8f2a4d27bdcf4bb99f4bea973", "spanId": "177219d30e7a269f",
            "attributes": ["link.reason": "follows-from"], "flags": 256,
        ]])
        #expect(root.payload?["scope"] == ["name": "fixtures.api_gateway", "version": "1.0.0"])
    }

    @Test func int64AttributesStayExact() throws {
        let trace = try OTLPFormat.read(otlp(span("a1", start: #""1000""#, end: #""2000""#, more: #"""
            , "attributes": [
              {"key": "big", "value": {"intValue": "9007199254740993"}},
              {"key": "min", "value": {"intValue": "-9223372036854775808"}},
              {"key": "max", "value": {"intValue": 9223372036854775807}},
              {"key": "nested", "value": {"kvlistValue": {"values": [
                {"key": "ids", "value": {"arrayValue": {"values": [{"intValue": "18446744073709551615"}, {"doubleValue": "NaN"}]}}},
                {"key": "blob", "value": {"bytesValue": "AAEC"}}, {"key": "none", "value": {}}]}}},
              {"key": "odd", "value": {"mysteryValue": 1}}]
            """#)))
        let attributes = try events(trace)[0].payload?["attributes"]
        #expect(attributes?["big"] == number("9007199254740993"))
        #expect(attributes?["min"] == number("-9223372036854775808"))
        #expect(attributes?["max"] == number("9223372036854775807"))
        #expect(attributes?["nested"] == ["ids": [number("18446744073709551615"), "NaN"], "blob": "AAEC", "none": nil])
        #expect(attributes?["odd"] == ["mysteryValue": 1])
    }

    @Test func timesAreExactAsStringsOrNumbers() throws {
        let trace = try OTLPFormat.read(otlp([
            span("b1", start: "1767225610000000001", end: #""1767225610000000002""#),
            span("b2", start: #""1767225610000000000""#, end: "18446744073709551615"),
        ].joined(separator: ",")))
        let events = try events(trace)
        #expect(events.map { $0.t?.literal } == ["0", "0.000001", "0.000002", "16679518463709.551615"])
        #expect(events.map(\.name) == ["b2", "b1", "b1", "b2"])
        #expect(trace.meta["startTimeUnixNano"] == "1767225610000000000")
        #expect(trace.meta["endTimeUnixNano"] == "18446744073709551615")
    }

    @Test func tiesPutStartsFirstParentsBeforeChildrenAndChildrenEndFirst() throws {
        // p and c start at 10 and end at 20; z takes no time at 20; e ends at 20 in another service.
        let trace = try OTLPFormat.read(otlp([
            span("cc", parent: "pp", start: "10", end: "20"),
            span("zz", parent: "cc", start: "20", end: "20"),
            span("pp", start: "10", end: "20"),
            span("ee", start: "5", end: "20"),
        ].joined(separator: ",")))
        let events = try events(trace)
        #expect(events.map { "\($0.kind == "span.start" ? "+" : "-")\($0.name ?? "")" } == ["+ee", "+pp", "+cc", "+zz", "-zz", "-cc", "-pp", "-ee"])
        #expect(events.map { $0.t?.literal } == ["0", "0.000005", "0.000005", "0.000015", "0.000015", "0.000015", "0.000015", "0.000015"])
        #expect(try states(trace).last == ["services": ["svc": ["in_flight": [:], "finished": 4, "failed": 0]]])
    }

    @Test func aStatusErrorWrittenAsTheEnumNameFails() throws {
        let trace = try OTLPFormat.read(otlp([
            span("c1", start: "1", end: "5", more: #", "kind": "SPAN_KIND_SERVER", "status": {"code": "STATUS_CODE_ERROR"}"#),
            span("c2", start: "2", end: "3", more: #", "status": {"code": 1, "message": "fine"}"#),
            span("c3", start: "3", end: "4", more: #", "status": {"code": 2, "message": "boom"}, "events": [{"timeUnixNano": "4", "name": "exception", "attributes": [{"key": "exception.type", "value": {"stringValue": "Boom"}}, {"key": "exception.message", "value": {"stringValue": "boom"}}]}]"#),
        ].joined(separator: ",")))
        let events = try events(trace)
        #expect(events.map(\.error) == [nil, nil, nil, nil, "boom", "STATUS_CODE_ERROR"])
        #expect(events[5].payload?["status"] == ["code": "STATUS_CODE_ERROR"])
        #expect(events[5].payload?["kind"] == "SPAN_KIND_SERVER")
        #expect(events[3].payload?["status"] == ["code": "STATUS_CODE_OK", "message": "fine"])
        #expect(trace.crash == Crash(index: 4, reason: "boom", inferred: true))
        #expect(try states(trace).last == ["services": ["svc": ["in_flight": [:], "finished": 1, "failed": 2]]])
    }

    @Test func aSpanIdInFlightTwiceGetsItsOwnKey() throws {
        let trace = try OTLPFormat.read(otlp([
            span("d1", start: "1", end: "10"),
            span("d1", start: "2", end: "8"),
        ].joined(separator: ",")))
        let states = try states(trace)
        #expect(states[2]["services"]?["svc"]?["in_flight"] == ["d1": ["name": "d1", "started_at_ms": 0], "d1#2": ["name": "d1", "started_at_ms": number("0.000001")]])
        #expect(states[4]["services"]?["svc"] == ["in_flight": [:], "finished": 2, "failed": 0])
    }

    @Test func aSpanThatEndsBeforeItStartsIsPlacedAtItsStartWithAWarning() throws {
        let trace = try OTLPFormat.read(otlp(span("e1", start: "100", end: "40")))
        let events = try events(trace)
        #expect(events.map { $0.t?.literal } == ["0", "0"])
        #expect(events[1].payload?["durationMs"] == number("-0.00006"))
        #expect(events[1].payload?["endTimeUnixNano"] == "40")
        #expect(trace.warnings.count == 1)
        #expect(trace.warnings.first?.message.contains("resourceSpans[0].scopeSpans[0].spans[0]") == true)
    }

    @Test func missingServiceNameAndUpperCaseIdsAndOldScopeNames() throws {
        let trace = try OTLPFormat.read(document("trace.json"))
        let events = try events(trace)
        #expect(events.map(\.kind) == ["span.start", "span.end"])
        #expect(events[0].payload?["spanId"] == "eee19b7ec3c1b174")
        #expect(events[0].payload?["parentSpanId"] == "eee19b7ec3c1b173")
        #expect(events[0].payload?["service"] == "my.service")
        #expect(events[0].payload?["scope"] == ["name": "my.library", "version": "1.0.0", "attributes": ["my.scope.attribute": "some scope attribute"]])
        #expect(events[1].t?.literal == "1000")

        let old = try OTLPFormat.read(parse(#"""
            {"resourceSpans": [{"instrumentationLibrarySpans": [{"instrumentationLibrary": {"name": "old"},
              "spans": [{"traceId": "01", "spanId": "02", "name": "x", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}]}]}]}
            """#))
        let first = try old.events.event(0)
        #expect(first.payload?["service"] == "unknown_service")
        #expect(first.payload?["scope"] == ["name": "old"])
        #expect(first.payload?["parentSpanId"] == .null)
        #expect(first.payload?["kind"] == "SPAN_KIND_UNSPECIFIED")
    }

    @Test func otelAIFixtureReads() throws {
        let trace = try OTLPFormat.read(document("otel-ai/otlp-trace.fixture.json"))
        let events = try events(trace)
        #expect(events.map(\.kind) == ["span.start", "span.end"])
        #expect(events[0].payload?["parentSpanId"] == .null)
        #expect(events[1].payload?["events"] == [["timeUnixNano": "1704110400500000000", "name": "test-event", "attributes": [:], "atMs": 500]])
        #expect(trace.crash == nil)
    }

    // MARK: Malformed input

    static let malformed: [String] = [
        #"[]"#,
        #"{"resourceSpans": {}}"#,
        #"{"resourceSpans": []}"#,
        #"{"resourceSpans": [{"scopeSpans": []}]}"#,
        #"{"resourceSpans": [{"scopeSpans": [{"spans": []}]}]}"#,
        #"{"resourceSpans": [3]}"#,
        #"{"resourceSpans": [{"resource": [], "scopeSpans": []}]}"#,
        #"{"resourceSpans": [{"resource": {"attributes": {}}, "scopeSpans": []}]}"#,
        #"{"resourceSpans": [{"scopeSpans": {}}]}"#,
        #"{"resourceSpans": [{"scopeSpans": [{"spans": {}}]}]}"#,
        #"{"resourceSpans": [{"scopeSpans": [{"spans": ["span"]}]}]}"#,
        #"{"resourceSpans": [{"scopeSpans": [{"scope": "x", "spans": []}]}]}"#,
        #"{"resourceLogs": []}"#,
        #"{"resourceMetrics": []}"#,
        #"{}"#,
    ]

    static let malformedSpans: [String] = [
        #"{"spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}"#,
        #"{"traceId": 1, "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "abc", "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "-5", "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": -5, "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": 1.5, "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": 1e3, "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "", "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "18446744073709551616", "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": true, "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": {}, "endTimeUnixNano": "2"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "name": 7}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "kind": true}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "attributes": "x"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "attributes": [{"value": {}}]}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "attributes": [{"key": 1}]}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "attributes": [5]}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "events": {}}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "events": [1]}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "events": [{"timeUnixNano": "x"}]}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "events": [{"attributes": 3}]}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "links": 3}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "links": [{"spanId": 3}]}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "status": "ERROR"}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "status": {"code": []}}"#,
        #"{"traceId": "01", "spanId": "01", "startTimeUnixNano": "1", "endTimeUnixNano": "2", "status": {"code": 2, "message": 5}}"#,
    ]

    @Test(arguments: malformed)
    func malformedDocumentsAreErrors(_ text: String) throws {
        let document = try parse(text)
        #expect(throws: TraceError.self) { try OTLPFormat.read(document) }
    }

    @Test(arguments: malformedSpans)
    func malformedSpansAreErrorsThatNameTheSpan(_ text: String) throws {
        let document = try otlp(span("ok", start: "1", end: "2") + "," + text)
        let error = #expect(throws: TraceError.self) { try OTLPFormat.read(document) }
        #expect(error?.location == .file)
        #expect(error?.message.hasPrefix("resourceSpans[0].scopeSpans[0].spans[1]") == true)
    }

    @Test func errorsSayWhatIsWrong() throws {
        let bad = try otlp(span("f1", start: #""12x""#, end: "2"))
        let error = #expect(throws: TraceError.self) { try OTLPFormat.read(bad) }
        #expect(error?.message == #"resourceSpans[0].scopeSpans[0].spans[0]: 'startTimeUnixNano' must be a whole number of nanoseconds from 0 to 18446744073709551615, found "12x""#)
        let empty = #expect(throws: TraceError.self) { try OTLPFormat.read(parse(#"{"resourceSpans": []}"#)) }
        #expect(empty?.message == "the OTLP document holds no span: 'resourceSpans' has none")
    }

    @Test func randomlyDamagedDocumentsNeverTrap() throws {
        // Replace values deep inside the sample with values of other types: each read either
        // succeeds or throws a TraceError.
        let sample = try document(Self.sdkSample)
        let pointers = RandomJSON.pointers(in: sample).filter { !$0.tokens.isEmpty }
        var random = SeededRandom(seed: 0x07E1)
        for _ in 0..<300 {
            var damaged = sample
            let pointer = random.pick(pointers)
            let replacement = RandomJSON.value(&random)
            try JSONPatch.apply([PatchOperation(kind: .replace, path: pointer, value: replacement)], to: &damaged)
            do {
                let trace = try OTLPFormat.read(damaged)
                _ = try states(trace)
            } catch is TraceError {
            }
        }
    }
}

// MARK: - otel-ai sessions

/// A fresh empty folder under the system's temporary folder.
private func temporaryFolder() throws -> String {
    var template = Array("/tmp/otlp-session-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
    try #require(made != nil)
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

private func makeFolder(_ path: String) {
    mkdir(path, 0o755)
}

private func write(_ path: String, _ bytes: [UInt8]) throws {
    let file = try #require(fopen(path, "wb"))
    defer { fclose(file) }
    #expect(fwrite(bytes, 1, bytes.count, file) == bytes.count)
}

private func readBytes(_ path: String) throws -> [UInt8] {
    try TraceData(contentsOf: path).withBytes { Array($0) }
}

private func inflated(_ path: String) throws -> [UInt8] {
    let data = try TraceData(contentsOf: path)
    return try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in try Gzip.inflate(bytes) }.bytes
}

private let protobufFile = splitSession + "/raw/2026-01-01/00/traces-1767225610100-0b6f1c2e-5a7d-4e1f-9c3b-2d4e6f8a0b1c.otlp.gz"

/// A session folder with `metadata` and traces files named `files` holding `contents`,
/// given to `body` and removed after it.
private func withSession(metadata: String = #"{"sessionId": "t"}"#, files: [(String, [UInt8])], _ body: (String) throws -> Void) throws {
    let folder = try temporaryFolder()
    let hour = folder + "/raw/2026-01-01/00"
    defer {
        for (name, _) in files { unlink(hour + "/" + name) }
        for path in [hour, folder + "/raw/2026-01-01", folder + "/raw"] { rmdir(path) }
        unlink(folder + "/metadata.json")
        rmdir(folder)
    }
    try write(folder + "/metadata.json", Array(metadata.utf8))
    makeFolder(folder + "/raw")
    makeFolder(folder + "/raw/2026-01-01")
    makeFolder(hour)
    for (name, bytes) in files {
        try write(hour + "/" + name, bytes)
    }
    try body(folder)
}

@Suite struct OTLPSessionTests {
    @Test func recognizesSessionFolders() throws {
        #expect(OTelSession.isSession(directory: seedSession))
        #expect(OTelSession.isSession(directory: seedSession + "/"))
        #expect(OTelSession.isSession(directory: splitSession))
        #expect(!OTelSession.isSession(directory: fixtures))
        #expect(!OTelSession.isSession(directory: fixtures + "otel-ai"))
        #expect(!OTelSession.isSession(directory: seedSession + "/metadata.json"))
        #expect(!OTelSession.isSession(directory: fixtures + "no-such-folder"))
    }

    @Test func theSeedSessionLoadsAsOneTrace() throws {
        let trace = try OTelSession.load(directory: seedSession)
        #expect(trace.format == .otlp)
        #expect(trace.count == 4)
        let events = try events(trace)
        #expect(events.map { "\($0.kind == "span.start" ? "+" : "-")\($0.name ?? "")" } == ["+POST /checkout", "+processPayment", "-processPayment", "-POST /checkout"])
        #expect(events.map { $0.t?.literal } == ["0", "17", "184", "313"])
        #expect(events[3].error == "STATUS_CODE_ERROR")
        #expect(events[3].payload?["attributes"]?["http.status_code"] == 200)
        #expect(trace.crash == Crash(index: 3, reason: "STATUS_CODE_ERROR", inferred: true))
        #expect(trace.meta["sessionId"] == "seed-basic-topology-1727300000000")
        #expect(trace.meta["status"] == "completed")
        #expect(trace.meta["traceFiles"] == ["raw/2024-09-25/21/traces-1727300000004-6b1f4c1e-2d7a-4f0e-9a3b-1c2d3e4f5a6b.otlp.gz"])
        #expect(trace.meta["services"] == ["seed-basic-frontend", "seed-basic-payment"])
        #expect(trace.meta.keys.first == "sessionId")
        #expect(try states(trace)[2] == ["services": [
            "seed-basic-frontend": ["in_flight": ["a1b2c3d4e5f60718": ["name": "POST /checkout", "started_at_ms": 0]], "finished": 0, "failed": 0],
            "seed-basic-payment": ["in_flight": ["0f1e2d3c4b5a6978": ["name": "processPayment", "started_at_ms": 17]], "finished": 0, "failed": 0],
        ]])
    }

    @Test func aSessionOfProtobufAndJSONFilesEqualsTheSingleDocument() throws {
        let single = try OTLPFormat.read(document("otlp_with_error.json"))
        let merged = try OTelSession.load(directory: splitSession)
        #expect(merged.count == single.count)
        #expect(try events(merged) == events(single))
        #expect(merged.crash == single.crash)
        #expect(merged.meta["traceFiles"]?.arrayValue?.count == 2)
        #expect(merged.meta["traceFiles"]?.arrayValue?.first?.stringValue?.contains("traces-1767225610100-") == true)
        for key in ["spanCount", "traceCount", "services", "startTimeUnixNano", "endTimeUnixNano", "resources"] {
            #expect(merged.meta[key] == single.meta[key], "meta \(key)")
        }
        #expect(merged.meta["sessionId"] == "sdk-split-1767225610000")
    }

    @Test func protobufDecodesToTheJSONShape() throws {
        let protobuf = try inflated(protobufFile)
        #expect(protobuf.first == 0x0A)
        let document = try protobuf.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws(TraceError) in
            try OTelSession.decodeTraces(buffer, label: "protobuf")
        }
        let resource = try #require(document["resourceSpans"]?.arrayValue?.first)
        #expect(resource["resource"]?["attributes"]?.arrayValue?.first == ["key": "telemetry.sdk.language", "value": ["stringValue": "python"]])
        #expect(resource["scopeSpans"]?.arrayValue?.first?["scope"] == ["name": "fixtures.inventory_service", "version": "1.0.0"])
        let span = try #require(resource["scopeSpans"]?.arrayValue?.first?["spans"]?.arrayValue?.first)
        #expect(span["traceId"] == "d95bafc8f2a4d27bdcf4bb99f4bea973")
        #expect(span["spanId"] == "2b491044d5e34124")
        #expect(span["parentSpanId"] == "177219d30e7a269f")
        #expect(span["name"] == "inventory-service handle")
        #expect(span["kind"] == 2)
        #expect(span["startTimeUnixNano"] == "1767225610001000000")
        #expect(span["endTimeUnixNano"] == "1767225610001288994")
        #expect(span["attributes"]?.arrayValue?.first == ["key": "span.index", "value": ["intValue": "1"]])
        #expect(span["status"] == [:])
        #expect(span["flags"] == 256)
    }

    @Test func filesAreReadInCaptureTimeOrder() throws {
        let later = Array(#"{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "01", "spanId": "0b", "name": "late", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}]}]}]}"#.utf8)
        let earlier = Array(#"{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "01", "spanId": "0a", "name": "early", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}]}]}]}"#.utf8)
        try withSession(files: [
            ("traces-200-b.otlp.gz", later), ("traces-30-a.otlp", earlier), ("metrics-10-c.otlp.gz", [1, 2, 3]), ("notes.txt", [0]),
        ]) { folder in
            let trace = try OTelSession.load(directory: folder)
            #expect(trace.meta["traceFiles"] == ["raw/2026-01-01/00/traces-30-a.otlp", "raw/2026-01-01/00/traces-200-b.otlp.gz"])
            // Equal times: file order decides; ends in the reverse order of the starts.
            #expect(try events(trace).map(\.name) == ["early", "late", "late", "early"])
        }
    }

    @Test func brokenSessionsAreErrors() throws {
        let good = try readBytes(protobufFile)
        let protobuf = try inflated(protobufFile)
        let cases: [(String, String, [(String, [UInt8])])] = [
            ("no traces files", #"{"sessionId": "t"}"#, []),
            ("metadata not an object", "[1]", [("traces-1-a.otlp.gz", good)]),
            ("metadata not JSON", "{", [("traces-1-a.otlp.gz", good)]),
            ("garbage", #"{}"#, [("traces-1-a.otlp.gz", [0xFF, 0x00, 0x13])]),
            ("bad JSON", #"{}"#, [("traces-1-a.otlp.gz", Array(#"{"resourceSpans": ["#.utf8))]),
            ("logs in a traces file", #"{}"#, [("traces-1-a.otlp.gz", Array(#"{"resourceLogs": []}"#.utf8))]),
            ("cut gzip", #"{}"#, [("traces-1-a.otlp.gz", Array(good.prefix(good.count / 2)))]),
            ("cut protobuf", #"{}"#, [("traces-1-a.otlp.gz", Array(protobuf.prefix(protobuf.count - 7)))]),
            ("empty file", #"{}"#, [("traces-1-a.otlp.gz", [])]),
        ]
        for (what, metadata, files) in cases {
            try withSession(metadata: metadata, files: files) { folder in
                let error = #expect(throws: TraceError.self, "\(what)") { try OTelSession.load(directory: folder) }
                #expect(error?.location == .file, "\(what)")
            }
        }
        try withSession(files: [("traces-1-a.otlp.gz", Array(#"{"resourceSpans": 3}"#.utf8))]) { folder in
            let error = #expect(throws: TraceError.self) { try OTelSession.load(directory: folder) }
            #expect(error?.message == "raw/2026-01-01/00/traces-1-a.otlp.gz: resourceSpans: must be an array, found number")
        }
        try withSession(files: [("traces-1-a.otlp.gz", [0xFF, 0x00])]) { folder in
            let error = #expect(throws: TraceError.self) { try OTelSession.load(directory: folder) }
            #expect(error?.message.hasPrefix("raw/2026-01-01/00/traces-1-a.otlp.gz:1:1: ") == true)
        }
        try withSession(files: [("traces-1-a.otlp.gz", [0x0A, 0x05, 0x0A])]) { folder in
            let error = #expect(throws: TraceError.self) { try OTelSession.load(directory: folder) }
            #expect(error?.message.hasPrefix("raw/2026-01-01/00/traces-1-a.otlp.gz: neither OTLP/JSON nor OTLP protobuf: ") == true)
        }
        try withSession(metadata: "{", files: []) { folder in
            let error = #expect(throws: TraceError.self) { try OTelSession.load(directory: folder) }
            #expect(error?.message.hasPrefix("metadata.json:1:2: ") == true)
        }
        #expect(throws: TraceError.self) { try OTelSession.load(directory: fixtures + "no-such-folder") }
        #expect(throws: TraceError.self) { try OTelSession.load(directory: fixtures) }
    }

    @Test func protobufWhoseLengthByteIsABraceAndJSONAfterANewline() throws {
        // A request whose first message is 123 bytes long: 0x0A 0x7B reads as "\n{".
        let hex = "0a7b0a190a170a0c736572766963652e6e616d6512070a056272616365125e125c0a100af7651916cd43dd8448eb211c80319c1208b7ad6b71692033312a256e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e3900e405425472861841f4e50542547286187a051201781802"
        var bytes: [UInt8] = []
        var digits = hex.utf8.makeIterator()
        while let high = digits.next(), let low = digits.next() {
            func value(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : c - 0x61 + 10 }
            bytes.append(value(high) << 4 | value(low))
        }
        #expect(bytes.prefix(2) == [0x0A, 0x7B])
        let document = try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws(TraceError) in
            try OTelSession.decodeTraces(buffer, label: "brace")
        }
        let trace = try OTLPFormat.read(document)
        let end = try trace.events.event(1)
        #expect(end.payload?["service"] == "brace")
        #expect(end.payload?["spanId"] == "b7ad6b7169203331")
        #expect(end.payload?["durationMs"] == number("0.0005"))
        #expect(end.error == "x")

        let json = Array("\n{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [\(span("c0", start: "1", end: "2"))]}]}]}".utf8)
        let parsed = try json.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws(TraceError) in
            try OTelSession.decodeTraces(buffer, label: "newline")
        }
        #expect(try OTLPFormat.read(parsed).count == 2)
    }

    @Test func damagedProtobufNeverTraps() throws {
        let protobuf = try inflated(protobufFile)
        var random = SeededRandom(seed: 0x0B0F)
        var decoded = 0
        for round in 0..<2_000 {
            var bytes = protobuf
            if round % 3 == 0 {
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
            } else {
                for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            }
            do {
                let document = try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws(TraceError) in
                    try OTelSession.decodeTraces(buffer, label: "damaged")
                }
                decoded += 1
                _ = try? OTLPFormat.read(document)
            } catch is TraceError {
            }
        }
        #expect(decoded > 0)
    }
}
