import ArgumentParser
import ReplayCore

/// `replay-tui events TRACE [--kind K] [--name N] [--lane L] [--grep TEXT] [--errors] [--json] [--syntax elixir]`.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List events as a table, or as NDJSON with --json.",
        discussion: "Rows marked ! carry an error; the row marked X is the crash."
    )

    @OptionGroup var input: TraceArgument

    @Option(help: "Only events of this kind.")
    var kind: String?

    @Option(help: "Only events with this name.")
    var name: String?

    @Option(help: "Only events in this lane (a span's service, the node a message came from).")
    var lane: String?

    @Option(help: "Only events whose name, kind, payload (as --syntax writes it) or error contains TEXT (ignoring case).")
    var grep: String?

    @Flag(help: "Only events that carry an error.")
    var errors = false

    @Flag(help: "Print one JSON object a line: index, seq, t, kind, name, lane, payload, error.")
    var json = false

    @Option(help: SyntaxOption.help)
    var syntax: SyntaxOption?

    func run() throws {
        try input.reportingErrors { () throws(TraceError) in
            let trace = try input.load()
            let table = EventTable(trace: trace)
            let writer = ValueText(syntax, for: trace)
            let search = grep.map { EventSearch($0, syntax: writer.syntax) }
            for index in 0..<trace.count {
                let summary = trace.events.summary(index)
                if let kind, summary.kind != kind { continue }
                if let name, summary.name != name { continue }
                if let lane, summary.lane != lane { continue }
                if errors && !summary.hasError { continue }
                let event = try trace.events.event(index)
                if let search, !search.matches(event) { continue }
                if json {
                    Output.line(try event.writingValues(writer).listingJSON.jsonText(.compact))
                } else {
                    let payload = try event.payload.map { (payload: JSONValue) throws(TraceError) in
                        try writer.text(payload, "the payload", at: .event(index))
                    }
                    Output.line(table.row(event, payload: payload))
                }
            }
        }
    }
}

/// Lays out `events` rows in aligned columns sized from the whole trace.
struct EventTable {
    let crashIndex: Int?
    let indexWidth: Int
    let kindWidth: Int
    let nameWidth: Int

    init(trace: Trace) {
        crashIndex = trace.crash?.index
        indexWidth = String(max(trace.count - 1, 0)).count + 1
        var kindWidth = 4
        var nameWidth = 4
        for index in 0..<trace.count {
            let summary = trace.events.summary(index)
            kindWidth = max(kindWidth, summary.kind.count)
            nameWidth = max(nameWidth, summary.name?.count ?? 0)
        }
        self.kindWidth = min(kindWidth, 16)
        self.nameWidth = min(nameWidth, 24)
    }

    /// The event's row, `payload` being the payload's text.
    func row(_ event: Event, payload: String?) -> String {
        let mark = event.index == crashIndex ? "X" : event.error != nil ? "!" : " "
        let number = "#\(event.index)"
        let t = event.t?.literal ?? "-"
        var line = mark + " " + String(repeating: " ", count: max(indexWidth - number.count, 0)) + number
        line += "  " + String(repeating: " ", count: max(10 - t.count, 0)) + t
        line += "  " + event.kind.padding(to: kindWidth) + "  " + (event.name ?? "-").padding(to: nameWidth)
        if let payload { line += "  " + payload.truncated(to: 60) }
        if let error = event.error { line += "  ! " + error.firstLineTruncated }
        while line.last == " " { line.removeLast() }
        return line
    }
}

extension Event {
    /// The event with its payload and extra fields as `writer` writes them: unchanged for
    /// JSON, strings of Elixir text for Elixir.
    func writingValues(_ writer: ValueText) throws(TraceError) -> Event {
        guard writer.syntax != .json else { return self }
        var shown = self
        if let payload { shown.payload = try writer.json(payload, "the payload", at: .event(index)) }
        for (key, value) in extra { shown.extra[key] = try writer.json(value, "'\(key)'", at: .event(index)) }
        return shown
    }

    /// The event as an `events --json` line; unknown fields follow under `extra`.
    var listingJSON: JSONValue {
        var object: JSONObject = [
            "index": JSONValue(integerLiteral: index),
            "seq": seq ?? .null,
            "t": t.map(JSONValue.number) ?? .null,
            "kind": .string(kind),
            "name": name.map(JSONValue.string) ?? .null,
            "lane": lane.map(JSONValue.string) ?? .null,
            "payload": payload ?? .null,
            "error": error.map(JSONValue.string) ?? .null,
        ]
        if !extra.isEmpty { object["extra"] = .object(extra) }
        return .object(object)
    }
}
