import ArgumentParser
import ReplayCore

/// `replay-tui history TRACE POINTER [--json] [--syntax json|elixir]`.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List every event that changed the value at a JSON pointer.",
        discussion: """
            One line per change, oldest first: `#I NAME old -> new`, `#I NAME + new` when the \
            event created the value, `#I NAME - old` when it removed it. A change of anything \
            under the pointer is a change of its value. NAME is the event's name, or its kind \
            when it has none. With --json, one object a line: {index, name, old, new}, `old` \
            or `new` left out when there was no value, `name` null when the event has none. \
            When no event changed the value nothing is printed on standard output (a note \
            says so on standard error) and the status is 0.
            """
    )

    @OptionGroup var input: TraceArgument

    @OptionGroup var path: PointerArgument

    @Flag(help: "Print one JSON object a line: index, name, old, new.")
    var json = false

    @Option(help: SyntaxOption.help)
    var syntax: SyntaxOption?

    func run() throws {
        let pointer = try path.parsed()
        try input.reportingErrors { () throws(TraceError) in
            let trace = try input.load()
            let writer = ValueText(syntax, for: trace)
            var failure: TraceError?
            var count = 0
            _ = try PathHistory(trace: trace, touches: nil).forEachChange(of: pointer) { change in
                count += 1
                guard failure == nil else { return }
                do throws(TraceError) {
                    Output.line(try line(for: change, at: pointer, in: trace, writer: writer))
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            if count == 0, !json {
                Output.error("no event changed the value at \(pointer.shown)")
            }
        }
    }

    private func line(for change: PathChange, at pointer: JSONPointer, in trace: Trace, writer: ValueText) throws(TraceError) -> String {
        let summary = trace.events.summary(change.index)
        let what = "the value at \(pointer.shown)"
        if json {
            var object: JSONObject = ["index": JSONValue(integerLiteral: change.index), "name": summary.name.map(JSONValue.string) ?? .null]
            if let old = change.old { object["old"] = try writer.json(old, what, at: .event(change.index)) }
            if let new = change.new { object["new"] = try writer.json(new, what, at: .event(change.index)) }
            return JSONValue.object(object).jsonText(.compact)
        }
        let head = "#\(change.index) \(summary.name ?? summary.kind)"
        switch (change.old, change.new) {
        case (nil, let new?): return "\(head) + \(try writer.text(new, what, at: .event(change.index)))"
        case (let old?, nil): return "\(head) - \(try writer.text(old, what, at: .event(change.index)))"
        case (let old?, let new?):
            return "\(head) \(try writer.text(old, what, at: .event(change.index))) -> \(try writer.text(new, what, at: .event(change.index)))"
        case (nil, nil): return head
        }
    }
}

/// The POINTER argument of `history` and `blame`; a malformed one is a usage error.
struct PointerArgument: ParsableArguments {
    @Argument(help: "The JSON pointer (RFC 6901) into the state, e.g. /accounts/0/balance; \"\" is the whole state.")
    var pointer: String

    func validate() throws {
        _ = try parsed()
    }

    /// The pointer the argument spells.
    func parsed() throws(ValidationError) -> JSONPointer {
        do throws(JSONPointerError) {
            return try JSONPointer(parsing: pointer)
        } catch {
            throw ValidationError(error.description)
        }
    }

}
