import Testing
@testable import ReplayCore

/// Span trees and Jaeger's critical path, on spans written as native span events.
@Suite struct SpanTreeTests {
    /// A native trace of spans `(id, parent, name, start, end, error)` in one trace id.
    static func trace(_ spans: [(String, String?, String, Double, Double, Bool)]) -> Trace {
        var events: [(Double, String)] = []
        for (id, parent, name, start, end, error) in spans {
            let payload = #"{"traceId": "t1", "spanId": "\#(id)", "parentSpanId": \#(parent.map { "\"\($0)\"" } ?? "null"), "service": "svc-\#(id)"}"#
            events.append((start, #"{"kind": "span.start", "name": "\#(name)", "t": \#(start), "payload": \#(payload)}"#))
            events.append((end, #"{"kind": "span.end", "name": "\#(name)", "t": \#(end), "payload": \#(payload)\#(error ? #", "error": "failed""# : "")}"#))
        }
        let lines = events.sorted { $0.0 < $1.0 }.map(\.1)
        return try! TraceLoader.load(TraceData(bytes: Array(([#"{"format": "replay-trace", "initial_state": {}}"#] + lines).joined(separator: "\n").utf8)))
    }

    @Test func theCriticalPathIsTheChainThatSetsTheLatency() throws {
        let tree = try SpanTree(Self.trace([
            ("r", nil, "root", 0, 100, false),
            ("a", "r", "early", 10, 20, false),
            ("b", "r", "long", 30, 90, false),
            ("c", "b", "first half", 35, 60, false),
            ("d", "b", "second half", 50, 85, true),
            ("e", "r", "overlapped", 40, 50, false),
        ]))
        #expect(tree.spans.map(\.spanID) == ["r", "a", "b", "c", "d", "e"])
        #expect(tree.spans.map(\.depth) == [0, 1, 1, 2, 2, 1])
        #expect(tree.spans.filter(\.isCritical).map(\.spanID) == ["r", "a", "b", "c", "d"])
        #expect(tree.spans.filter(\.isError).map(\.spanID) == ["d"])
        #expect(tree.spans.first { $0.spanID == "b" }?.duration == 60)
        #expect(tree.spans.first?.service == "svc-r")
    }

    @Test func aSpanWhoseParentIsMissingIsARootAndAnUnfinishedOneHasNoDuration() throws {
        var trace = Self.trace([("x", "gone", "orphan", 0, 5, false)])
        #expect(try SpanTree(trace).spans.map(\.depth) == [0])
        trace = try TraceLoader.load(TraceData(bytes: Array((#"{"format": "replay-trace", "initial_state": {}}"# + "\n" + #"{"kind": "span.start", "name": "open", "t": 1, "payload": {"traceId": "t", "spanId": "s"}}"#).utf8)))
        let open = try SpanTree(trace).spans
        #expect(open.count == 1)
        #expect(open[0].duration == nil)
        #expect(open[0].isCritical)
    }

    @Test func aTraceWithoutSpansHasNone() throws {
        #expect(try SpanTree(TraceLoader.load(TraceData(bytes: Array(#"{"format": "replay-trace", "initial_state": {}, "events": [{"kind": "call"}]}"#.utf8)))).spans.isEmpty)
    }

    /// 100,000 spans each inside the one before: laid out and marked without running out of
    /// stack, every span on the critical path at its own depth.
    @Test func aChainOfAHundredThousandNestedSpans() {
        let count = 100_000
        let chain = (0..<count).map { index in
            SpanTree.Span(
                traceID: "t", spanID: "s\(index)", parentID: index == 0 ? nil : "s\(index - 1)", name: "level \(index)",
                start: Double(index), end: Double(2 * count - index), startEvent: index, endEvent: 2 * count - 1 - index, isError: false)
        }
        let spans = SpanTree(spans: chain).spans
        #expect(spans.count == count)
        #expect(spans.map(\.depth) == Array(0..<count))
        #expect(spans.allSatisfy { $0.isCritical })
        #expect(spans.last?.spanID == "s\(count - 1)")
    }

    /// Events before the first span start (other events, an end whose start was never
    /// recorded) are passed over: the tree is the spans from the first start on, with their
    /// events' indices, and a trace without spans has none.
    @Test func eventsBeforeTheFirstStartAreNoSpans() throws {
        let lines = [
            #"{"format": "replay-trace", "initial_state": {}}"#,
            #"{"kind": "call", "name": "boot", "t": 0}"#,
            #"{"kind": "span.end", "name": "lost", "t": 1, "payload": {"traceId": "t", "spanId": "s"}}"#,
            #"{"kind": "span.start", "name": "work", "t": 2, "payload": {"traceId": "t", "spanId": "s"}}"#,
            #"{"kind": "span.end", "name": "work", "t": 5, "payload": {"traceId": "t", "spanId": "s"}}"#,
        ]
        let trace = try TraceLoader.load(TraceData(bytes: Array(lines.joined(separator: "\n").utf8)))
        let spans = try SpanTree(trace).spans
        #expect(spans.map(\.name) == ["work"])
        #expect(spans.first?.startEvent == 2 && spans.first?.endEvent == 3)
        #expect(spans.first?.duration == 3)
        let none = try TraceLoader.load(TraceData(bytes: Array(lines.prefix(3).joined(separator: "\n").utf8)))
        #expect(try SpanTree(none).spans.isEmpty)
    }
}
