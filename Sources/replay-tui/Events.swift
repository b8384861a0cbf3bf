#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ReplayCore

/// `replay-tui events TRACE [--kind K] [--name N] [--lane L] [--grep TEXT] [--errors] [--json] [--syntax elixir] [--follow [--until-crash]]`.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
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

    @Flag(name: [.customShort("f"), .long], help: "Keep reading: print events as they are appended to the trace (native NDJSON or OpenTelemetry JSON lines; - for a pipe), like tail -f, until interrupted.")
    var follow = false

    @Flag(help: "With --follow: stop, with status 0, after printing the crash event.")
    var untilCrash = false

    func validate() throws {
        if untilCrash && !follow { throw ValidationError("--until-crash goes with --follow") }
    }

    func run() throws {
        if follow { return try runFollowing() }
        try input.reportingErrors { () throws(TraceError) in
            let trace = try input.load()
            var printer = EventPrinter(self, trace: trace)
            try printer.print(trace, from: 0)
        }
    }

    /// `--follow`: the events so far, then each one as it arrives, polling every 100 ms.
    private func runFollowing() throws {
        FollowSignals.install()
        try input.reportingErrors { () throws(TraceError) in
            let follower = try TraceFollower(path: input.trace)
            var printer = EventPrinter(self, trace: follower.trace)
            var printed = 0
            while !FollowSignals.stopRequested {
                let trace = follower.trace
                if printed < trace.count {
                    printer.table = printer.table.widened(for: trace, from: printed)
                    try printer.print(trace, from: printed)
                    printed = trace.count
                    Output.flush()
                    if untilCrash, printer.printedCrash { return }
                }
                switch try follower.poll() {
                case .grew, .none: break
                case .restarted(let reason):
                    Output.error("replay-tui: \(input.displayPath): \(reason); reading it from the start")
                    printed = 0
                case .ended(let reason):
                    let rest = follower.trace
                    if printed < rest.count { try printer.print(rest, from: printed) }
                    Output.flush()
                    Output.error("replay-tui: \(input.displayPath): \(reason)")
                    return
                }
                if follower.trace.count == printed { usleep(100_000) }
            }
        }
    }
}

/// Prints the events `events` selects, one row (or NDJSON line) each.
private struct EventPrinter {
    let options: Events
    var table: EventTable
    let writer: ValueText
    let search: EventSearch?
    /// True once the crash event was printed.
    private(set) var printedCrash = false

    init(_ options: Events, trace: Trace) {
        self.options = options
        table = EventTable(trace: trace)
        let writer = ValueText(options.syntax, for: trace)
        self.writer = writer
        search = options.grep.map { EventSearch($0, syntax: writer.syntax) }
    }

    /// The selected events of `trace` from `first` on; with `--grep`, only the events the
    /// search's byte prefilter lets through are parsed and matched.
    mutating func print(_ trace: Trace, from first: Int) throws(TraceError) {
        // Read once: an option's property wrapper is slow to read for every event.
        let (kind, name, lane, errorsOnly) = (options.kind, options.name, options.lane, options.errors)
        let filtered = kind != nil || name != nil || lane != nil || errorsOnly
        let selects: @Sendable (EventSummary) -> Bool = { summary in
            (kind == nil || summary.kind == kind) && (name == nil || summary.name == name) && (lane == nil || summary.lane == lane)
                && (!errorsOnly || summary.hasError)
        }
        if options.json, search == nil, writer.syntax == .json, !options.untilCrash {
            // Lines written from the events' bytes where the store can, half of them on the
            // second core.
            let events = trace.events
            try ReadAhead.run(first..<trace.count, threshold: 16_384, sharing: .alternate) { chunk in
                var lines: [UInt8] = []
                lines.reserveCapacity(chunk.count * 256)
                do throws(TraceError) {
                    try events.appendListingLines(chunk, where: { !filtered || selects(events.summary($0)) }, to: &lines)
                } catch {
                    return (lines, error)
                }
                return (lines, nil)
            } consume: { (lines: [UInt8]) throws(TraceError) in
                Output.write(lines)
            }
            return
        }
        let indices = search?.candidates(in: trace, range: first..<trace.count) ?? Array(first..<trace.count)
        for index in indices {
            if filtered, !selects(trace.events.summary(index)) { continue }
            let event = try trace.events.event(index)
            if let search, !search.matches(event) { continue }
            if options.json {
                Output.line(try event.writingValues(writer).listingJSON.jsonText(.compact))
            } else {
                let payload = try event.payload.map { (payload: JSONValue) throws(TraceError) in
                    try writer.text(payload, "the payload", at: .event(index))
                }
                Output.line(table.row(event, payload: payload))
            }
            if index == trace.crash?.index {
                printedCrash = true
                if options.untilCrash { return }
            }
        }
    }
}

/// Lays out `events` rows in aligned columns sized from the whole trace.
struct EventTable {
    private(set) var crashIndex: Int?
    private(set) var indexWidth: Int
    private(set) var kindWidth = 4
    private(set) var nameWidth = 4

    init(trace: Trace) {
        crashIndex = trace.crash?.index
        indexWidth = 2
        widen(for: trace, from: 0)
    }

    /// The table for a trace that grew: columns only ever widen, so rows printed before
    /// stay aligned with the new ones as far as they can.
    func widened(for trace: Trace, from first: Int) -> EventTable {
        var table = self
        table.crashIndex = trace.crash?.index
        table.widen(for: trace, from: first)
        return table
    }

    private mutating func widen(for trace: Trace, from first: Int) {
        indexWidth = max(indexWidth, String(max(trace.count - 1, 0)).count + 1)
        let (kinds, names) = trace.events.kindsAndNames(in: first..<trace.count)
        kindWidth = min(max(kindWidth, kinds.map(\.count).max() ?? 0), 16)
        nameWidth = min(max(nameWidth, names.map(\.count).max() ?? 0), 24)
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
}
