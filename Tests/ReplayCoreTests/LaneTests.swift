import Testing
@testable import ReplayCore

/// Lanes: where in a distributed run each event happened, from the native `lane` field or
/// an importer (a span's service, the node a Replayx message came from).
@Suite struct LaneTests {
    private func load(_ text: String) throws(TraceError) -> Trace {
        try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
    }

    private let ndjson = """
        {"format": "replay-trace", "version": 1}
        {"kind": "call", "name": "a", "lane": "api"}
        {"kind": "call", "name": "b", "lane": "db"}
        {"kind": "call", "name": "c"}
        {"kind": "call", "name": "d", "lane": "api"}

        """

    @Test func theNativeLaneFieldIsReadIndexedAndCounted() throws {
        let trace = try load(ndjson)
        #expect(try events(trace).map(\.lane) == ["api", "db", nil, "api"])
        #expect((0..<trace.count).map { trace.events.summary($0).lane } == ["api", "db", nil, "api"])
        #expect(trace.events.overview().lanes.map { "\($0.lane)=\($0.count)" } == ["api=2", "db=1"])
        #expect(try trace.events.event(0).nativeJSON == ["kind": "call", "name": "a", "lane": "api"])
    }

    @Test func aLaneThatIsNoStringIsAnError() {
        let error = #expect(throws: TraceError.self) { try load(#"{"format": "replay-trace", "events": [{"kind": "a", "lane": 3}]}"#) }
        #expect(error?.message.contains("'lane' must be a string or null, found a number") == true)
    }

    /// Parts of a large trace are indexed on another core; their lanes join the reader's.
    @Test func aSplitReadCountsLanesAsOnePassDoes() throws {
        var text = #"{"format": "replay-trace", "version": 1, "events": ["#
        for i in 0..<400 { text += (i > 0 ? "," : "") + #"{"kind": "k", "lane": "n\#(i % 3 == 0 ? i % 7 : 1)"}"# }
        text += "]}"
        let bytes = Array(text.utf8)
        let split = try NativeFormat.read(TraceData(bytes: bytes), splitAbove: 64)
        let whole = try NativeFormat.read(TraceData(bytes: bytes), splitAbove: .max)
        #expect(split.events.overview().lanes.map { "\($0.lane)=\($0.count)" } == whole.events.overview().lanes.map { "\($0.lane)=\($0.count)" })
        #expect((0..<400).map { split.events.summary($0).lane } == (0..<400).map { whole.events.summary($0).lane })
    }

    @Test func spansTakeTheirServiceAsLaneAndConvertKeepsIt() throws {
        let trace = try TraceLoader.load(path: fixturesDirectory + "spans/zipkin/checkout.json")
        #expect(TraceOverview(trace).lanes.map { "\($0.lane)=\($0.count)" } == ["frontend=6", "checkout=6", "inventory=4", "payments=2"])
        #expect(try events(trace).allSatisfy { $0.lane == $0.payload?["service"]?.stringValue })
        var text = ""
        try NativeFormat.write(trace, ndjson: true) { text += $0 }
        let converted = try load(text)
        #expect(try events(converted).map(\.lane) == events(trace).map(\.lane))
    }

    @Test func replayxMessagesTakeTheNodeTheyCameFrom() throws {
        let trace = try TraceLoader.load(path: fixturesDirectory + "replayx/a_bank_crash.json")
        let events = try events(trace)
        #expect(events.allSatisfy { $0.lane == $0.extra["from_node"]?.stringValue })
    }
}
