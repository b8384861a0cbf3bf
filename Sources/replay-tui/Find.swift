import ArgumentParser
import ReplayCore

/// `replay-tui find TRACE EXPR [--from I] [--all] [--json]`: the events after which a query
/// holds (docs/queries.md).
struct Find: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find the first event (or with --all every event) after which an expression holds.",
        discussion: """
            EXPR is a query (docs/queries.md), e.g. '/accounts/1/balance < 0' or \
            'changed(/stats/failed) and @kind == "call"'. Prints #I NAME a match; when none is \
            found, says so on stderr and exits 1. A malformed EXPR is a usage error: \
            expression:1:COL: message.
            """
    )

    @OptionGroup var input: TraceArgument

    @Argument(help: "The expression, e.g. '/accounts/1/balance < 0'.")
    var expression: String

    @Option(parsing: .unconditional, help: "Search the events after this position: I (from #I+1 on), crash (after the crash), start (the default) or end.", transform: TracePosition.argument)
    var from: TracePosition = .start

    @Flag(help: "Print every event after which EXPR holds, not just the first.")
    var all = false

    @Flag(help: "Print one JSON object a line: {\"index\": I, \"name\": NAME}.")
    var json = false

    func run() throws {
        let query: Query
        do throws(QueryError) {
            query = try Query(expression)
        } catch {
            throw ValidationError(error.description)
        }
        var matches = 0
        try input.reportingErrors { () throws(TraceError) in
            let trace = try input.load()
            let start = try from.resolve(in: trace)
            try query.search(trace, events: start..<trace.count) { index in
                matches += 1
                let name = trace.events.summary(index).name
                if json {
                    let line: JSONObject = ["index": JSONValue(integerLiteral: index), "name": name.map(JSONValue.string) ?? .null]
                    Output.line(JSONValue.object(line).jsonText(.compact))
                } else {
                    Output.line("#\(index) \(name ?? "-")")
                }
                return all
            }
        }
        guard matches == 0 else { return }
        let after = from == .start ? "" : " after \(from)"
        Output.error("no event\(after) where \(expression) holds")
        throw ExitCode(1)
    }
}
