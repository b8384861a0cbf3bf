import ArgumentParser
import ReplayCore

/// The trace every subcommand reads, and the one way they all report a data error.
struct TraceArgument: ParsableArguments {
    @Argument(help: "The trace file, or - to read standard input.")
    var trace: String

    /// The path as messages name it.
    var displayPath: String { trace == "-" ? "<stdin>" : trace }

    /// Loads the trace, printing its warnings on stderr.
    func load() throws(TraceError) -> Trace {
        let loaded = try TraceLoader.load(path: trace)
        for warning in loaded.warnings {
            Output.error(warning.rendered(path: displayPath))
        }
        return loaded
    }

    /// Runs `body`; a data error is printed as `path:line:col: message` and exits 1.
    func reportingErrors(_ body: () throws(TraceError) -> Void) throws(ExitCode) {
        do throws(TraceError) {
            try body()
            Output.flush()
        } catch {
            Output.flush()
            Output.error(error.rendered(path: displayPath))
            throw ExitCode(1)
        }
    }
}

/// A `--at`/`--from`/`--to` value: `start`, `crash`, `end` or an event index.
extension TracePosition: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
