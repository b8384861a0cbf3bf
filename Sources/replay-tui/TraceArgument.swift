import ArgumentParser
import ReplayCore

/// Where a subcommand's trace comes from: a path (or `-`) and, optionally, its format.
protocol TraceInput {
    var trace: String { get }
    var formatName: String? { get }
    /// Where the trace's index is kept between runs; nil with `--no-cache`.
    var cache: IndexCache? { get }
}

/// `--no-cache`: the trace's index is neither read from nor saved to the cache.
struct CacheOption: ParsableArguments {
    @Flag(help: "Neither read nor save the trace's index and checkpoints in the index cache ($XDG_CACHE_HOME/replay-tui).")
    var noCache = false

    /// The cache the environment names, unless `--no-cache` is given.
    var cache: IndexCache? { noCache ? nil : IndexCache.standard() }
}

/// The trace every subcommand reads, with `--format` naming its format.
struct TraceArgument: ParsableArguments, TraceInput {
    @Argument(help: "The trace file, or - to read standard input.", completion: .file())
    var trace: String

    @Option(help: "Read the trace as this format instead of recognising it by content.", completion: .traceFormats)
    var format: String?

    @OptionGroup var caching: CacheOption

    var formatName: String? { format }
    var cache: IndexCache? { caching.cache }
}

/// The trace `render` reads: there `--format` is the picture's format, so the trace's is
/// `--trace-format`.
struct RenderTraceArgument: ParsableArguments, TraceInput {
    @Argument(help: "The trace file, or - to read standard input.", completion: .file())
    var trace: String

    @Option(help: "Read the trace as this format instead of recognising it by content.", completion: .traceFormats)
    var traceFormat: String?

    @OptionGroup var caching: CacheOption

    var formatName: String? { traceFormat }
    var cache: IndexCache? { caching.cache }
}

extension CompletionKind {
    /// The names `--format` takes: replay-trace, phoenix-replay, victauri, ….
    static var traceFormats: CompletionKind { .list(TraceFormatName.allCases.map(\.rawValue)) }
}

extension TraceInput {
    /// The path as messages name it.
    var displayPath: String { trace == "-" ? "<stdin>" : trace }

    /// Loads the trace, printing its warnings on stderr, with a progress bar there when
    /// indexing takes longer than half a second and stderr is a terminal. The index comes
    /// from the cache when it holds it, and is saved there when it was built.
    func load() throws(TraceError) -> Trace {
        try loadCached().trace
    }

    /// Loads the trace as ``load()`` does, with its place in the cache.
    func loadCached() throws(TraceError) -> CachedTrace {
        let bar = ProgressBar(label: "indexing \(displayPath)")
        let loaded = try TraceLoader.load(path: trace, format: formatName, cache: cache, progress: bar.map { bar in { bar.show($0) } })
        bar?.finish()
        loaded.saveIndex()
        printWarnings(of: loaded.trace)
        return loaded
    }

    /// Starts loading the trace in the background and waits for its first events: the
    /// trace so far with the index still at work on the rest, or the whole trace (its
    /// warnings printed) with none, as when its index comes from the cache, and the
    /// checkpoints the cache holds for it. A whole trace whose index was built now is being
    /// saved (`saving`, to wait for before exiting).
    func loadFirstEvents() throws(TraceError) -> (trace: Trace, index: BackgroundIndex?, fraction: Double, checkpoints: SavedCheckpoints?, saving: BackgroundSave?) {
        let index = BackgroundIndex(path: trace, format: formatName, cache: cache)
        let bar = ProgressBar(label: "indexing \(displayPath)")
        let first = index.first(progress: bar.map { bar in { bar.show($0) } })
        bar?.finish()
        switch first {
        case .grew(let trace, let fraction):
            return (trace, index, fraction, nil, nil)
        case .finished(let trace, let checkpoints):
            printWarnings(of: trace)
            return (trace, nil, 1, checkpoints, index.saveIndex())
        case .failed(let error):
            throw error
        }
    }

    private func printWarnings(of trace: Trace) {
        for warning in trace.warnings {
            Output.error(warning.rendered(path: displayPath))
        }
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
extension TracePosition {
    /// Reads a position option (`--at`, `--from`, `--to`), saying what is wrong with one it
    /// cannot read: the options take any value, so that `-1` reaches here rather than being
    /// read as an option's name.
    static func argument(_ text: String) throws -> TracePosition {
        if let position = TracePosition(text) { return position }
        if text.hasPrefix("-"), Int(text.dropFirst()) != nil {
            throw ValidationError("\(text) is a negative position: a position is start, crash, end or an event number from 0")
        }
        throw ValidationError("'\(text)' is not a position: a position is start, crash, end or an event number such as 12")
    }
}
