import ArgumentParser
import ReplayCore

/// `--syntax json|elixir`: the language `state`, `events`, `diff`, `history` and `blame`
/// write values in; without it, the trace's own.
enum SyntaxOption: String, ExpressibleByArgument, CaseIterable {
    case json, elixir

    static let help: ArgumentHelp = """
        Write values as json (lossless), or as elixir: Elixir's inspect text of the terms \
        they stand for (a Replayx trace's terms; for other traces, objects are maps with \
        string keys). Default: the trace's own, as the debugger shows it: elixir for \
        recordings of Erlang terms, json for the rest.
        """
}

/// Writes a trace's values in the chosen syntax through the core's ``ValueSyntax``, turning
/// a value Elixir cannot hold into an error that says where it is.
struct ValueText {
    let syntax: ValueSyntax

    /// `option`, or when it is not given the trace's own syntax (``ValueSyntax/init(for:)``).
    init(_ option: SyntaxOption?, for trace: Trace) {
        switch option {
        case .elixir?: syntax = ValueSyntax(elixirFor: trace)
        case .json?: syntax = .json
        case nil: syntax = ValueSyntax(for: trace)
        }
    }

    /// The value on one line. `what` names it in the error for a value that is no Elixir
    /// term (a number beyond float range), e.g. `the state at 3`.
    func text(_ value: JSONValue, _ what: @autoclosure () -> String, at location: TraceError.Location = .file) throws(TraceError) -> String {
        do throws(ErlangTermJSONError) {
            return try syntax.text(value)
        } catch {
            throw TraceError(location, "\(what()) cannot be written in Elixir: \(error)")
        }
    }

    /// The value for a JSON output: itself, or a string of its Elixir text.
    func json(_ value: JSONValue, _ what: @autoclosure () -> String, at location: TraceError.Location = .file) throws(TraceError) -> JSONValue {
        syntax == .json ? value : .string(try text(value, what(), at: location))
    }
}
