import ArgumentParser
import ReplayCore

/// `replay-tui convert IN -o OUT [--ndjson]`: any readable trace as a native one.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write any readable trace as a native replay-trace, with the same state at every position.",
        discussion: "The output is written whole or not at all (a temporary file renamed over OUT)."
    )

    @OptionGroup var input: TraceArgument

    @Option(name: .shortAndLong, help: "The native trace to write.", completion: .file())
    var output: String

    @Flag(help: "Write the NDJSON form: a header line, then one event a line.")
    var ndjson = false

    func run() throws {
        var trace: Trace?
        try input.reportingErrors { () throws(TraceError) in trace = try input.load() }
        guard let trace else { return }
        var dataError: TraceError?
        do {
            try AtomicFile.write(to: output) { (file: inout AtomicFile.Writer) throws(AtomicFileError) in
                do {
                    try NativeFormat.write(trace, ndjson: ndjson) { try file.write($0) }
                } catch let error as TraceError {
                    dataError = error
                    throw AtomicFileError(path: output, reason: "the trace could not be read to its end")
                } catch let error as AtomicFileError {
                    throw error
                } catch {
                    throw AtomicFileError(path: output, reason: "\(error)")
                }
            }
        } catch {
            Output.error(dataError?.rendered(path: input.displayPath) ?? "replay-tui: \(error)")
            throw ExitCode(1)
        }
    }
}
