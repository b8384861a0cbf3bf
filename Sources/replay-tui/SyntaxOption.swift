import ArgumentParser
import ReplayCore

/// `--syntax json|elixir`: the language `state`, `events` and `diff` write values in.
enum SyntaxOption: String, ExpressibleByArgument, CaseIterable {
    case json, elixir

    static let help: ArgumentHelp = """
        Write values as json, or as elixir: Elixir's inspect text of the terms they stand \
        for (a Replayx trace's terms; for other traces, objects are maps with string keys).
        """
}

/// Writes a trace's values in the chosen syntax: JSON as it is, or the Elixir text of the
/// term each value stands for (``ErlangTermJSON``, read as the trace's format asks).
struct ValueText {
    let syntax: SyntaxOption
    let reading: ErlangTermJSON.Reading

    init(_ syntax: SyntaxOption, for trace: Trace) {
        self.syntax = syntax
        reading = ErlangTermJSON.Reading(for: trace)
    }

    /// The value on one line. `what` names it in the error for a value that is no Elixir
    /// term (a number beyond float range), e.g. `the state at 3`.
    func text(_ value: JSONValue, _ what: @autoclosure () -> String, at location: TraceError.Location = .file) throws(TraceError) -> String {
        guard syntax == .elixir else { return value.jsonText(.compact) }
        do throws(ErlangTermJSONError) {
            return try value.elixirText(reading: reading)
        } catch {
            throw TraceError(location, "\(what()) cannot be written in Elixir: \(error)")
        }
    }

    /// The value for a JSON output: itself, or a string of its Elixir text.
    func json(_ value: JSONValue, _ what: @autoclosure () -> String, at location: TraceError.Location = .file) throws(TraceError) -> JSONValue {
        syntax == .elixir ? .string(try text(value, what(), at: location)) : value
    }
}
