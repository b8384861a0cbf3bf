import ArgumentParser
import ReplayCore

/// `replay-tui info TRACE [--json]`: what a trace holds, at a glance.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a trace's format, event count, crash, errors, duration, kinds and lanes.",
        discussion: "A recording that stopped without crashing (a Replayx :normal or shutdown stop) also says how: stopped: :normal, or \"stopped\" with --json."
    )

    @OptionGroup var input: TraceArgument

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    func run() throws {
        try input.reportingErrors { () throws(TraceError) in
            let trace = try input.load()
            let facts = TraceFacts(trace)
            if json {
                Output.line(facts.jsonValue(path: input.displayPath).jsonText())
            } else {
                Output.write(facts.text(path: input.displayPath))
            }
        }
    }
}

/// The facts `info` reports, as text or JSON.
struct TraceFacts {
    let trace: Trace
    let overview: TraceOverview

    init(_ trace: Trace) {
        self.trace = trace
        overview = TraceOverview(trace)
    }

    func jsonValue(path: String) -> JSONValue {
        var object: JSONObject = [
            "format": .string(trace.format.rawValue),
            "events": JSONValue(integerLiteral: trace.count),
            "crash": crashValue,
            "errors": JSONValue(integerLiteral: overview.errors.count),
            "error_indices": .array(overview.errors.map { JSONValue(integerLiteral: $0) }),
            "duration_ms": overview.durationMilliseconds.flatMap(JSONNumber.init).map(JSONValue.number) ?? .null,
            "kinds": .object(JSONObject(uniqueKeysWithValues: overview.kinds.map { ($0.kind, JSONValue(integerLiteral: $0.count)) })),
            "lanes": .array(overview.lanes.map { ["name": .string($0.lane), "events": JSONValue(integerLiteral: $0.count)] }),
        ]
        for key in ["title", "source"] {
            if let value = trace.meta[key] { object[key] = value }
        }
        if let stop = trace.normalStop { object["stopped"] = .string(stop) }
        if !trace.warnings.isEmpty {
            object["warnings"] = .array(trace.warnings.map { .string($0.rendered(path: path)) })
        }
        return .object(object)
    }

    private var crashValue: JSONValue {
        guard let crash = trace.crash else { return .null }
        return [
            "index": JSONValue(integerLiteral: crash.index),
            "reason": crash.reason.map(JSONValue.string) ?? .null,
            "inferred": .bool(crash.inferred),
        ]
    }

    func text(path: String) -> String {
        var rows: [(String, String)] = [("file", path), ("format", trace.format.rawValue)]
        if let title = trace.meta["title"]?.stringValue { rows.append(("title", title)) }
        rows.append(("events", String(trace.count)))
        if let crash = trace.crash {
            // The exception line and where, not the reason's first physical line.
            let payload = (try? trace.events.event(crash.index))?.payload
            let reason = crash.reason.map { ": " + CrashReport(error: $0, payload: payload).summary } ?? ""
            rows.append(("crash", "#\(crash.index)\(reason)\(crash.inferred ? " (inferred: first error)" : "")"))
        } else {
            rows.append(("crash", "none"))
        }
        if let stop = trace.normalStop { rows.append(("stopped", stop)) }
        let shown = overview.errors.prefix(10).map { "#\($0)" }.joined(separator: ", ")
        let more = overview.errors.count > 10 ? ", ..." : ""
        rows.append(("errors", overview.errors.isEmpty ? "0" : "\(overview.errors.count) (\(shown)\(more))"))
        rows.append(("duration", overview.durationMilliseconds.map(formatDuration) ?? "unknown (no event has a time)"))
        rows.append(("kinds", overview.kinds.map { "\($0.kind) \($0.count)" }.joined(separator: ", ")))
        if !overview.lanes.isEmpty {
            rows.append(("lanes", overview.lanes.map { "\($0.lane) \($0.count)" }.joined(separator: ", ")))
        }
        return rows.map { label, value in label.padding(to: 10) + value + "\n" }.joined()
    }
}

/// `1234.5` ms as `1.235 s (1234.5 ms)`.
func formatDuration(_ milliseconds: Double) -> String {
    let exact = JSONNumber(milliseconds)?.literal ?? "\(milliseconds)"
    guard milliseconds >= 1000 else { return "\(exact) ms" }
    let seconds = (milliseconds / 1000 * 1000).rounded() / 1000
    return "\(seconds) s (\(exact) ms)"
}

extension String {
    /// The string followed by spaces up to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
