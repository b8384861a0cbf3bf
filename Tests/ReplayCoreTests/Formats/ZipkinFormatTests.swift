import Testing
@testable import ReplayCore

private let samples = fixturesDirectory + "spans/"

private func load(_ text: String) throws(TraceError) -> Trace {
    try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
}

private func span(_ id: String, parent: String? = nil, service: String = "api", start: Int = 1_000, duration: Int = 10, more: String = "") -> String {
    let parentId = parent.map { #", "parentId": "\#($0)""# } ?? ""
    return #"{"traceId": "00000000000000aa", "id": "\#(id)"\#(parentId), "name": "op-\#(id)", "timestamp": \#(start), "duration": \#(duration), "localEndpoint": {"serviceName": "\#(service)"}\#(more)}"#
}

@Suite struct ZipkinFormatTests {
    // MARK: The SDK sample (spans/make_sdk_samples.py)

    @Test func sdkSampleOpensWithItsSpansErrorsAndServices() throws {
        let trace = try TraceLoader.load(path: samples + "zipkin/checkout.json")
        let events = try events(trace)
        #expect(trace.format == .zipkin)
        #expect(trace.count == 2 * 9)
        #expect(trace.meta["spanCount"] == 9)
        #expect(trace.meta["traceCount"] == 2)
        #expect(trace.meta["services"] == ["frontend", "checkout", "inventory", "payments"])
        #expect(trace.meta["resources"]?.arrayValue?.count == 4)
        #expect(events.filter { $0.error != nil }.map(\.name) == ["charge", "POST payments/charge", "place_order"])
        #expect(events.compactMap(\.error) == ["card declined; ValueError: card declined: insufficient funds", "402 Payment Required", "STATUS_CODE_ERROR"])
        #expect(trace.crash == Crash(index: 9, reason: "card declined; ValueError: card declined: insufficient funds", inferred: true))
        let charge = try #require(events[9].payload)
        #expect(charge["kind"] == "SPAN_KIND_SERVER")
        #expect(charge["events"]?.arrayValue?.first?["name"] == "exception")
        #expect(events[9].extra["localEndpoint"] == ["serviceName": "payments", "ipv4": "10.0.0.13", "port": 8080])
    }

    /// The same spans through the Zipkin encoder and as OTLP JSON lines give the same
    /// events, names, times, errors, services and parents (Zipkin's times are whole
    /// microseconds, and these are).
    @Test func sdkSampleAgreesWithTheOTLPLines() throws {
        let zipkin = try events(TraceLoader.load(path: samples + "zipkin/checkout.json"))
        let otlp = try events(TraceLoader.load(path: samples + "otlp-jsonl/checkout.jsonl"))
        #expect(zipkin.map(\.kind) == otlp.map(\.kind))
        #expect(zipkin.map(\.name) == otlp.map(\.name))
        #expect(zipkin.map(\.t) == otlp.map(\.t))
        #expect(zipkin.map(\.error) == otlp.map(\.error))
        #expect(zipkin.map { $0.payload?["service"] } == otlp.map { $0.payload?["service"] })
        #expect(zipkin.map { $0.payload?["parentSpanId"] } == otlp.map { $0.payload?["parentSpanId"] })
    }

    // MARK: Mapping

    @Test func anErrorTagOfAnyValueFailsTheSpan() throws {
        let trace = try load("[" + span("01", more: #", "tags": {"error": ""}"#) + "," + span("02", more: #", "tags": {"error": "boom", "http.status_code": "500"}"#) + "]")
        // Equal ends: the later-started span ends first, so spans nest.
        #expect(try events(trace).compactMap(\.error) == ["boom", "STATUS_CODE_ERROR"])
    }

    @Test func annotationsBecomeEventsAndEndpointsAreKept() throws {
        let more = #", "kind": "CLIENT", "remoteEndpoint": {"serviceName": "db", "port": 5432}, "annotations": [{"timestamp": 1002, "value": "ws"}, {"timestamp": 1004, "value": "{\"retry\": {\"attempt\": 2}}"}]"#
        let trace = try load("[" + span("01", more: more) + "]")
        let end = try events(trace)[1]
        #expect(end.payload?["kind"] == "SPAN_KIND_CLIENT")
        #expect(end.payload?["events"] == [
            ["name": "ws", "timeUnixNano": "1002000", "atMs": .number(JSONNumber(literal: "0.002")!)],
            ["name": "retry", "attributes": ["attempt": 2], "timeUnixNano": "1004000", "atMs": .number(JSONNumber(literal: "0.004")!)],
        ])
        #expect(end.extra["remoteEndpoint"] == ["serviceName": "db", "port": 5432])
    }

    @Test func anArrayOfTracesIsRead() throws {
        let trace = try load("[[" + span("01") + "], [" + span("02", parent: "01", service: "db", start: 1_003) + "]]")
        #expect(trace.count == 4)
        #expect(trace.meta["services"] == ["api", "db"])
    }

    @Test(arguments: [
        (span("01").replacing(#""timestamp": 1000, "#, with: ""), "[0]: the span has no 'timestamp'"),
        (span("01", more: #", "tags": {"n": 1}"#), "[0]: tag 'n' must be a string, found number"),
        (span("01", more: #", "annotations": [{"timestamp": 1}]"#), "[0].annotations[0]: the annotation has no 'value'"),
        (span("01", duration: -1), "[0]: 'duration' must be a whole number of microseconds from 0 to 18446744073709551, found -1"),
    ])
    func malformedSpansAreErrorsThatNameThem(_ span: String, _ message: String) {
        let error = #expect(throws: TraceError.self) { try load("[" + span + "]") }
        #expect(error?.message == message)
    }

    // MARK: Recognition

    @Test func recognizesAnArrayOfSpansOnly() throws {
        #expect(ZipkinFormat.recognizes(try parse(#"[{"traceId": "aa", "id": "bb"}]"#)))
        #expect(ZipkinFormat.recognizes(try parse(#"[[{"traceId": "aa", "id": "bb"}]]"#)))
        #expect(!ZipkinFormat.recognizes(try parse(#"[]"#)))
        #expect(!ZipkinFormat.recognizes(try parse(#"[{"traceID": "aa", "spanID": "bb"}]"#)))
        #expect(!ZipkinFormat.recognizes(try parse(#"{"traceId": "aa", "id": "bb"}"#)))
    }
}
