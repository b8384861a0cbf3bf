import ArgumentParser
import ReplayCore

/// `replay-tui state TRACE --at I|start|crash|end [--path POINTER] [--compact] [--syntax elixir]`.
struct State: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Print the state at a position as JSON, numbers and key order exactly as recorded."
    )

    @OptionGroup var input: TraceArgument

    @Option(parsing: .unconditional, help: "Where: start (no event applied), I (events #0...#I applied), crash, or end.", transform: TracePosition.argument)
    var at: TracePosition = .end

    @Option(help: "Print only the value at this JSON pointer (RFC 6901), e.g. /accounts/0.")
    var path: String?

    @Flag(help: "Print compact JSON on one line.")
    var compact = false

    @Option(help: SyntaxOption.help)
    var syntax: SyntaxOption?

    func validate() throws {
        _ = try parsedPath()
    }

    /// `--path` read as a JSON pointer; a malformed one is a usage error of this command.
    private func parsedPath() throws(ValidationError) -> JSONPointer? {
        do throws(JSONPointerError) {
            return try path.map { text throws(JSONPointerError) in try JSONPointer(parsing: text) }
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let pointer = try parsedPath()
        try input.reportingErrors { () throws(TraceError) in
            let loaded = try input.loadCached()
            let trace = loaded.trace
            let position = try at.resolve(in: trace)
            let replay = loaded.replay()
            // The answer is written before the checkpoints it filled are saved.
            defer {
                Output.flush()
                replay.save()
            }
            let state = try replay.replayer.state(at: position)
            var value = state
            if let pointer {
                guard let found = pointer.resolve(in: state) else {
                    throw TraceError(.file, "the state at \(at) has no value at \(pointer)")
                }
                value = found
            }
            let writer = ValueText(syntax, for: trace)
            if writer.syntax != .json {
                Output.line(try writer.text(value, "the state at \(at)"))
            } else {
                Output.line(value.jsonText(compact ? .compact : .pretty))
            }
        }
    }
}
