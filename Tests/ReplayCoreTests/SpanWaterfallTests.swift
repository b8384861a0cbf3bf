import Testing
@testable import ReplayCore

/// The span pane's questions, answered by the core: which trace an event belongs to, where
/// a span's bar goes on its trace's axis, and which spans are in flight at a position.
@Suite struct SpanWaterfallTests {
    /// Two traces interleaved, with a call event between their spans:
    /// #0 a.start #1 x.start #2 b.start #3 call #4 b.end #5 x.end #6 a.end
    static let twoTraces: Trace = {
        func span(_ kind: String, _ trace: String, _ id: String, _ parent: String?, _ t: Double) -> String {
            #"{"kind": "span.\#(kind)", "name": "\#(id)", "t": \#(t), "payload": {"traceId": "\#(trace)", "spanId": "\#(id)", "parentSpanId": \#(parent.map { "\"\($0)\"" } ?? "null")}}"#
        }
        let lines = [
            #"{"format": "replay-trace", "initial_state": {}}"#,
            span("start", "T1", "a", nil, 100), span("start", "T2", "x", nil, 105), span("start", "T1", "b", "a", 130),
            #"{"kind": "call", "name": "unrelated", "t": 140}"#,
            span("end", "T1", "b", "a", 190), span("end", "T2", "x", nil, 400), span("end", "T1", "a", nil, 200),
        ]
        return try! TraceLoader.load(TraceData(bytes: Array(lines.joined(separator: "\n").utf8)))
    }()

    @Test func theWaterfallIsTheTraceOfTheEventFocusedOnItsSpan() throws {
        let tree = try SpanTree(Self.twoTraces)
        let atX = try #require(tree.waterfall(atEvent: 5))
        #expect(atX.traceID == "T2")
        #expect(atX.spans.map(\.spanID) == ["x"])
        #expect(atX.focus == 0)
        let atB = try #require(tree.waterfall(atEvent: 2))
        #expect(atB.traceID == "T1")
        #expect(atB.spans.map(\.spanID) == ["a", "b"])
        #expect(atB.focus == 1)
        #expect((atB.start, atB.end) == (100, 200))
        // The call is not a span event: the span of the last span event before it.
        #expect(tree.waterfall(atEvent: 3)?.focus == 1)
        // Before any event: the first trace, no span focused.
        let atStart = try #require(tree.waterfall(atEvent: nil))
        #expect(atStart.traceID == "T1")
        #expect(atStart.focus == nil)
    }

    @Test func barsSitOnTheTracesOwnAxis() throws {
        let waterfall = try #require(SpanTree(Self.twoTraces).waterfall(atEvent: 0))
        #expect(waterfall.columns(of: 0, width: 10) == 0..<10)
        #expect(waterfall.columns(of: 1, width: 10) == 3..<9)
        #expect(waterfall.column(at: 150, width: 10) == 5)
        #expect(waterfall.column(at: 999, width: 10) == 9)
        // A span of no duration still gets a column.
        let instant = SpanWaterfall(traceID: "t", spans: [
            SpanTree.Span(traceID: "t", spanID: "r", name: "r", start: 0, end: 100, startEvent: 0, endEvent: 3, isError: false),
            SpanTree.Span(traceID: "t", spanID: "i", name: "i", start: 100, end: 100, startEvent: 1, endEvent: 2, isError: false),
        ])
        #expect(instant.columns(of: 1, width: 10) == 9..<10)
        // An unfinished span runs to the end of the axis; a trace of no duration fills it.
        let open = SpanWaterfall(traceID: "t", spans: [
            SpanTree.Span(traceID: "t", spanID: "r", name: "r", start: 5, end: nil, startEvent: 0, endEvent: nil, isError: false),
        ])
        #expect(open.columns(of: 0, width: 8) == 0..<8)
    }

    @Test func aSpanIsInFlightFromItsStartEventUntilItsEndEvent() throws {
        let waterfall = try #require(SpanTree(Self.twoTraces).waterfall(atEvent: 0))
        // b starts at #2 and ends at #4: in flight after #2 and #3, not after #4.
        #expect((0...7).filter { waterfall.isInFlight(1, at: $0) } == [3, 4])
        #expect((0...7).filter { waterfall.isInFlight(0, at: $0) } == [1, 2, 3, 4, 5, 6])
    }
}
