import ArgumentParser
import ReplayCore
import ReplayTUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `replay-tui TRACE`: the full-screen debugger.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the debugger on a trace (the default: replay-tui TRACE).",
        discussion: "Press ? inside for every key; docs/keys.md lists them too."
    )

    @OptionGroup var input: TraceArgument
    @OptionGroup var look: ThemeOption

    @Option(parsing: .unconditional, help: "Open at: start (the default), I (at event #I), crash, or end.", transform: TracePosition.argument)
    var at: TracePosition = .start

    func run() throws {
        let theme = try look.resolve()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Output.error("replay-tui: the debugger needs a terminal; for scripts use info, state, diff, events or render")
            throw ExitCode(1)
        }
        var trace: Trace?
        try input.reportingErrors { () throws(TraceError) in trace = try input.load() }
        var opening = 0
        try input.reportingErrors { () throws(TraceError) in
            if let trace { opening = try at.resolve(in: trace) }
        }
        guard let trace else { return }
        let terminal = CursesTerminal(theme: theme)
        let size = terminal.size
        let start = Model(trace: trace, fileName: baseName(input.displayPath), width: size.width, height: size.height).moved(to: opening)
        let (model, signal) = RunLoop.run(start, on: terminal)
        if let failure = model.failure {
            Output.error(failure.rendered(path: input.displayPath))
            throw ExitCode(1)
        }
        if let signal { throw ExitCode(128 + signal) }
    }
}

/// `--theme NAME|PATH`, with `NO_COLOR` meaning mono unless a theme is named.
struct ThemeOption: ParsableArguments {
    @Option(help: "Colour theme: dark, light, mono, or a theme file (see Themes/). NO_COLOR set means mono.", completion: .list(Theme.builtInNames))
    var theme: String?

    func resolve() throws -> Theme {
        let name = theme ?? (getenv("NO_COLOR").map { String(cString: $0).isEmpty } == false ? "mono" : "dark")
        do {
            return try Theme.named(name)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// The last path component, as the header shows the file.
func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
