import ArgumentParser
import ReplayCore

/// `replay-tui manual [-o FILE]`: the man page, written from the commands themselves. Hidden:
/// it makes docs/replay-tui.1, which scripts/install.sh installs and a test keeps current.
struct Manual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Write the man page, replay-tui(1), in roff.",
        shouldDisplay: false
    )

    @Option(name: .shortAndLong, help: "Write to this file (whole or not at all) instead of standard output.", completion: .file())
    var output: String?

    func run() throws {
        let tool: JSONValue
        do {
            tool = try JSONValue(parsing: ReplayTUI._dumpHelp())
        } catch {
            Output.error("replay-tui: manual: the command-line parser's description is not JSON: \(error.message)")
            throw ExitCode(1)
        }
        let page = ManualPage(tool: tool, version: ReplayTUI.configuration.version).text
        guard let output else {
            Output.write(page)
            return Output.flush()
        }
        do {
            try AtomicFile.write(page, to: output)
        } catch {
            Output.error("replay-tui: \(error)")
            throw ExitCode(1)
        }
    }
}
