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
        abstract: "Open the debugger on a trace (the default: replay-tui TRACE), or two runs side by side (replay-tui A B).",
        discussion: "Press ? inside for every key; docs/keys.md lists them too. With two traces, x and X jump between divergences (docs/compare.md)."
    )

    @OptionGroup var input: TraceArgument

    @Argument(help: "A second run to compare with the first, side by side.", completion: .file())
    var other: String?

    @Option(help: "With two runs: leave this state path (or @payload/... field) out of the comparison; repeatable.")
    var ignore: [String] = []
    @OptionGroup var look: ThemeOption

    @Option(parsing: .unconditional, help: "Open at: start (the default), I (at event #I), crash, or end.", transform: TracePosition.argument)
    var at: TracePosition = .start

    @Flag(name: [.customShort("f"), .long], help: "Follow the trace as it is written (native NDJSON or OpenTelemetry JSON lines): new events arrive live; F in the debugger toggles it. Implied for - when standard input is a pipe.")
    var follow = false

    func validate() throws {
        if other != nil, at != .start { throw ValidationError("--at opens one trace at a position; the split view of two runs opens on their first row") }
        if other == nil, !ignore.isEmpty { throw ValidationError("--ignore is for two runs side by side: replay-tui A B --ignore POINTER") }
        if other != nil, follow { throw ValidationError("--follow follows one trace; two runs side by side are read whole") }
    }

    func run() throws {
        let theme = try look.resolve()
        // A trace from a pipe is read as it arrives, the keys come from the terminal itself.
        let piped = input.trace == "-" && isatty(STDIN_FILENO) != 1
        guard piped || (isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1) else {
            Output.error("replay-tui: the debugger needs a terminal; for scripts use info, state, diff, events or render")
            throw ExitCode(1)
        }
        let following = follow || (piped && other == nil)
        var trace: Trace?
        var follower: TraceFollower?
        var index: (BackgroundIndex, fraction: Double)?
        var checkpoints: SavedCheckpoints?
        var saving: BackgroundSave?
        defer { saving?.wait() }
        try input.reportingErrors { () throws(TraceError) in
            if following {
                let opened = try TraceFollower(path: input.trace)
                follower = opened
                trace = opened.trace
            } else if other == nil, at == .start {
                // A large trace opens on its first events while the rest is indexed.
                let first = try input.loadFirstEvents()
                trace = first.trace
                index = first.index.map { ($0, first.fraction) }
                checkpoints = first.checkpoints
                saving = first.saving
            } else {
                trace = try input.load()
            }
        }
        var opening = 0
        try input.reportingErrors { () throws(TraceError) in
            if let trace { opening = try at.resolve(in: trace) }
        }
        guard let trace else { return }
        let ignores: CompareIgnores
        do throws(JSONPointerError) {
            ignores = try CompareIgnores(parsing: ignore)
        } catch {
            throw ValidationError("--ignore: \(error)")
        }
        var second: Trace?
        if let other {
            let input = TracePath(trace: other, cache: self.input.cache)
            try input.reportingErrors { () throws(TraceError) in second = try input.load() }
        }
        guard let terminal = CursesTerminal(theme: theme, terminalPath: piped ? "/dev/tty" : nil) else {
            Output.error("replay-tui: the debugger needs a terminal, and /dev/tty cannot be opened; for scripts use info, state, diff, events or render")
            throw ExitCode(1)
        }
        let size = terminal.size
        var start: Model
        if let second, let other {
            start = Model(comparing: trace, fileName: baseName(input.displayPath), with: second, fileName: baseName(other == "-" ? "<stdin>" : other),
                          ignoring: ignores, width: size.width, height: size.height)
        } else {
            start = Model(trace: trace, fileName: baseName(input.displayPath), width: size.width, height: size.height).moved(to: opening)
        }
        if let index { start.ui.indexing = Indexing(fraction: index.fraction) }
        if let checkpoints { start.adopt(checkpoints) }
        if following {
            start.ui.following = Following()
            if at == .start, trace.count > 0 { start = start.moved(to: trace.count) }
        }
        let path = input.trace
        let openFollower: () throws(TraceError) -> TraceFollower = { () throws(TraceError) -> TraceFollower in
            if let follower { return follower }
            guard path != "-" else { throw TraceError(.file, "standard input was read to its end") }
            return try TraceFollower(path: path)
        }
        let (model, signal) = RunLoop.run(start, on: terminal, follow: openFollower, index: index?.0)
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
