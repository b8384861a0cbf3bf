import Testing
@testable import ReplayCore

private let samples = fixturesDirectory + "spans/otlp-jsonl/"

private func load(_ text: String, format: String? = nil) throws(TraceError) -> Trace {
    try TraceLoader.load(TraceData(bytes: Array(text.utf8)), format: format)
}

/// One line: a TracesData object with one span of `service`.
private func line(_ service: String, span id: String, start: Int, end: Int, error: Bool = false) -> String {
    let status = error ? #", "status": {"code": 2, "message": "boom"}"# : ""
    return #"{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "\#(service)"}}]}, "scopeSpans": [{"spans": [{"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "\#(id)", "name": "\#(id)", "startTimeUnixNano": "\#(start)", "endTimeUnixNano": "\#(end)"\#(status)}]}]}]}"#
}

@Suite struct OTLPJSONLinesFormatTests {
    // MARK: The SDK sample (spans/make_sdk_samples.py)

    @Test(arguments: ["checkout.jsonl", "checkout.jsonl.gz"])
    func sdkSampleOpensWithItsSpansErrorsAndServices(_ file: String) throws {
        let trace = try TraceLoader.load(path: samples + file)
        let events = try events(trace)
        #expect(trace.format == .otlpJSONLines)
        #expect(trace.count == 2 * 9)
        #expect(trace.meta["spanCount"] == 9)
        #expect(trace.meta["traceCount"] == 2)
        #expect(trace.meta["lines"] == 8)
        #expect(trace.meta["services"] == ["frontend", "checkout", "inventory", "payments"])
        #expect(events.filter { $0.error != nil }.map(\.name) == ["charge", "POST payments/charge", "place_order"])
        #expect(trace.crash == Crash(index: 9, reason: "card declined; ValueError: card declined: insufficient funds", inferred: true))
        #expect(events.first?.name == "POST /orders")
        #expect(events.map(\.t) == events.map(\.t).sorted { ($0?.doubleValue ?? 0) < ($1?.doubleValue ?? 0) })
        #expect(trace.warnings.isEmpty)
    }

    /// The lines' spans are mapped exactly as one document holding them all.
    @Test func linesMapAsOneDocumentOfAllTheirSpans() throws {
        let text = String(decoding: try TraceData(contentsOf: samples + "checkout.jsonl").withBytes { Array($0) }, as: UTF8.self)
        var merged: [JSONValue] = []
        for line in text.split(separator: "\n") {
            merged += try parse(String(line))["resourceSpans"]?.arrayValue ?? []
        }
        let document = try OTLPFormat.read(.object(["resourceSpans": .array(merged)]))
        let lines = try load(text)
        #expect(try events(lines) == events(document))
        #expect(lines.crash == document.crash)
        #expect(try Replayer(trace: lines).state(at: lines.count) == Replayer(trace: document).state(at: document.count))
    }

    @Test func aCutOffLastLineIsAWarning() throws {
        let trace = try TraceLoader.load(path: samples + "checkout.truncated.jsonl")
        #expect(trace.format == .otlpJSONLines)
        #expect(trace.meta["lines"] == 7)
        #expect(trace.count == 2 * 7)
        let warning = try #require(trace.warnings.first)
        #expect(warning.location == .text(line: 8, column: 624))
        #expect(warning.message.hasPrefix("the last line is cut off ("))
        #expect(warning.message.hasSuffix("); reading the 7 lines before it"))
    }

    // MARK: Lines and their errors

    @Test func linesInAnyOrderAndBlankLinesMergeInTimeOrder() throws {
        let trace = try load(line("db", span: "bb", start: 2_000_000, end: 3_000_000) + "\n\n"
            + line("api", span: "aa", start: 1_000_000, end: 5_000_000, error: true) + "\r\n")
        let events = try events(trace)
        #expect(events.map(\.kind) == ["span.start", "span.start", "span.end", "span.end"])
        #expect(events.map(\.name) == ["aa", "bb", "bb", "aa"])
        #expect(events.map { $0.t?.literal } == ["0", "1", "2", "4"])
        #expect(trace.meta["services"] == ["api", "db"])
        #expect(trace.crash == Crash(index: 3, reason: "boom", inferred: true))
    }

    @Test func aBrokenLineBeforeTheLastIsAnErrorWithItsLineAndColumn() {
        let text = line("a", span: "aa", start: 1, end: 2) + "\n{\"resourceSpans\": [}\n" + line("b", span: "bb", start: 1, end: 2) + "\n"
        let error = #expect(throws: TraceError.self) { try load(text) }
        #expect(error?.location == .text(line: 2, column: 20))
    }

    @Test func aBrokenLastLineThatIsNotCutOffIsAnError() {
        let text = line("a", span: "aa", start: 1, end: 2) + "\n{\"resourceSpans\": [] x}\n"
        let error = #expect(throws: TraceError.self) { try load(text) }
        #expect(error?.location == .text(line: 2, column: 22))
    }

    @Test func aSpanProblemNamesItsLine() {
        let text = line("a", span: "aa", start: 1, end: 2) + "\n" + line("b", span: "bb", start: 1, end: 2).replacing(#""startTimeUnixNano": "1""#, with: #""startTimeUnixNano": true"#)
        let error = #expect(throws: TraceError.self) { try load(text) }
        #expect(error?.message == "line 2: resourceSpans[0].scopeSpans[0].spans[0]: 'startTimeUnixNano' must be nanoseconds as a string or a number, found boolean")
    }

    // MARK: Recognition

    @Test func oneLineIsAnOTLPDocument() throws {
        #expect(try load(line("a", span: "aa", start: 1, end: 2) + "\n").format == .otlp)
        #expect(try load(line("a", span: "aa", start: 1, end: 2) + "\n", format: "otlp-jsonl").format == .otlpJSONLines)
    }

    @Test func nativeNDJSONAndOtherLinesAreNotOTLPLines() throws {
        let native = "{\"meta\": {}}\n{\"kind\": \"call\", \"name\": \"a\"}\n{\"kind\": \"call\", \"name\": \"b\"}\n"
        #expect(try load(native).format == .native)
        let bytes = Array("{\"resourceLogs\": []}\n{\"resourceLogs\": []}\n".utf8)
        #expect(!bytes.withUnsafeBytes(OTLPJSONLinesFormat.recognizes(lines:)))
    }
}
