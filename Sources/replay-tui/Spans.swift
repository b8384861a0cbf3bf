import ArgumentParser
import ReplayCore

/// `replay-tui spans TRACE [--trace ID] [--json]`: a span trace's spans as trees, with the
/// critical path marked.
struct Spans: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spans",
        abstract: "Print a span trace's spans as trees, the critical path marked.",
        discussion: """
            One line a span: indented under its parent, service, name, start (from its \
            trace's first span) and duration in milliseconds, ✖ for an error span, * on the \
            critical path (the chain of spans that sets the trace's latency). For OTLP, \
            OTLP JSON lines, Jaeger and Zipkin traces, or any trace with span.start and \
            span.end events.
            """
    )

    @OptionGroup var input: TraceArgument

    @Option(name: .customLong("trace"), help: "Only the spans of this trace id.")
    var traceID: String?

    @Flag(help: "Print one JSON object a line: traceId, spanId, parentId, depth, service, name, startMs, durationMs, error, critical, startEvent, endEvent.")
    var json = false

    func run() throws {
        var found = true
        try input.reportingErrors { () throws(TraceError) in
            let tree = try SpanTree(try input.load())
            let spans = traceID.map { tree.spans(ofTrace: $0) } ?? tree.spans
            guard !spans.isEmpty else {
                found = false
                return
            }
            var firstStart: [String: Double] = [:]
            for span in spans { firstStart[span.traceID] = min(firstStart[span.traceID] ?? span.start, span.start) }
            var lastTrace: String?
            for span in spans {
                let offset = span.start - (firstStart[span.traceID] ?? 0)
                if json {
                    Output.line(Self.json(span, offset: offset).jsonText(.compact))
                    continue
                }
                if span.traceID != lastTrace {
                    let count = spans.lazy.filter { $0.traceID == span.traceID }.count
                    Output.line("trace \(span.traceID.isEmpty ? "(no id)" : span.traceID): \(count.counted("span"))")
                    lastTrace = span.traceID
                }
                var line = String(repeating: "  ", count: span.depth + 1) + (span.service.map { $0 + "  " } ?? "") + span.name
                line += "  +" + Self.milliseconds(offset) + "  " + (span.duration.map(Self.milliseconds) ?? "unfinished")
                if span.isError { line += "  ✖" }
                if span.isCritical { line += "  *" }
                Output.line(line)
            }
        }
        guard found else {
            Output.error(traceID.map { "replay-tui: \(input.displayPath): no spans in trace \($0)" }
                ?? "replay-tui: \(input.displayPath): no spans: the trace has no span.start events")
            throw ExitCode(1)
        }
    }

    /// `12.5 ms`: milliseconds with at most three decimals.
    static func milliseconds(_ value: Double) -> String {
        var text = String((value * 1_000).rounded() / 1_000)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text + " ms"
    }

    /// Milliseconds to the nanosecond, as JSON.
    static func number(_ milliseconds: Double) -> JSONValue {
        JSONNumber((milliseconds * 1_000_000).rounded() / 1_000_000).map(JSONValue.number) ?? .null
    }

    static func json(_ span: SpanTree.Span, offset: Double) -> JSONValue {
        .object([
            "traceId": .string(span.traceID), "spanId": .string(span.spanID), "parentId": span.parentID.map(JSONValue.string) ?? .null,
            "depth": JSONValue(integerLiteral: span.depth), "service": span.service.map(JSONValue.string) ?? .null, "name": .string(span.name),
            "startMs": number(offset), "durationMs": span.duration.map(number) ?? .null,
            "error": .bool(span.isError), "critical": .bool(span.isCritical),
            "startEvent": JSONValue(integerLiteral: span.startEvent), "endEvent": span.endEvent.map { JSONValue(integerLiteral: $0) } ?? .null,
        ])
    }
}
