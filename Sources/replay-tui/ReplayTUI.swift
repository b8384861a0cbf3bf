import ArgumentParser

/// The `replay-tui` command: a time-travel debugger for recorded runs, and the headless
/// subcommands that answer the same questions for scripts and tests.
@main
struct ReplayTUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-tui",
        abstract: "Step through a recorded run of a program, forwards and backwards.",
        discussion: """
            Traces are read, never modified. TRACE is a file path or - for standard input; \
            gzip-compressed traces are recognised by their content.
            """,
        version: "replay-tui 0.19.0",
        subcommands: [Open.self, Info.self, State.self, Diff.self, Events.self, History.self, Blame.self, Find.self, Compare.self, Spans.self, Validate.self, Render.self, Convert.self, Manual.self],
        defaultSubcommand: Open.self
    )

    static func main() {
        Output.ignoreBrokenPipes()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // `compare` exits as cmp does: any trouble is 2, a usage error included (other
            // commands keep the usage errors' 64).
            if arguments.first == Compare._commandName, exitCode(for: error) == .validationFailure {
                Output.error(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
