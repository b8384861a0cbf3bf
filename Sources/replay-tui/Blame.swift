import ArgumentParser
import ReplayCore

/// `replay-tui blame TRACE POINTER --at I|crash|end [--json] [--syntax json|elixir]`.
struct Blame: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "Name the last event at or before a position that changed the value at a JSON pointer.",
        discussion: """
            Prints `#J NAME  value`: the event and the value it left, which is the value at \
            the position; `initial state  value` when no event changed it; `(absent)` when \
            there is no value there. NAME is the event's name, or its kind when it has none. \
            With --json: {index, name, value}, index and name null for the initial state, \
            `value` left out when there is none.
            """
    )

    @OptionGroup var input: TraceArgument

    @OptionGroup var path: PointerArgument

    @Option(parsing: .unconditional, help: "Where: start, I (events #0...#I applied), crash, or end.", transform: TracePosition.argument)
    var at: TracePosition

    @Flag(help: "Print one JSON object: index, name, value.")
    var json = false

    @Option(help: SyntaxOption.help)
    var syntax: SyntaxOption?

    func run() throws {
        let pointer = try path.parsed()
        try input.reportingErrors { () throws(TraceError) in
            let trace = try input.load()
            let position = try at.resolve(in: trace)
            let history = PathHistory(trace: trace, touches: nil)
            let change = try history.lastChange(of: pointer, atOrBefore: position - 1)
            let value = change.map(\.new) ?? pointer.resolve(in: trace.initialState)
            let writer = ValueText(syntax, for: trace)
            let what = "the value at \(pointer.shown)"
            let name = change.map { trace.events.summary($0.index) }
            if json {
                var object: JSONObject = [
                    "index": change.map { JSONValue(integerLiteral: $0.index) } ?? .null,
                    "name": name?.name.map(JSONValue.string) ?? .null,
                ]
                if let value { object["value"] = try writer.json(value, what) }
                Output.line(JSONValue.object(object).jsonText(.compact))
            } else {
                let who = change.map { "#\($0.index) \(name?.name ?? name?.kind ?? "")" } ?? "initial state"
                Output.line("\(who)  \(try value.map { (value: JSONValue) throws(TraceError) in try writer.text(value, what) } ?? "(absent)")")
            }
        }
    }
}
