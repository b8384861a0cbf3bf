import Foundation

/// Runs the built `replay-tui` binary as a user would, capturing what it prints.
enum CLI {
    typealias Result = Subprocess.Result

    /// The directory the test bundle was built into; the binary sits beside it.
    static let productsDirectory: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("replay-tui").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return executable.deletingLastPathComponent()
    }()

    static var binary: URL { productsDirectory.appendingPathComponent("replay-tui") }

    /// A file of the core's test fixtures, Tests/ReplayCoreTests/Fixtures/`path`, found from
    /// this file's path (samples of other recorders the end-to-end tests read too).
    static func coreFixture(_ path: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ReplayCoreTests/Fixtures/\(path)").path
    }

    /// The path of a file in Tests/CLITests/Fixtures.
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
    }

    /// Runs `replay-tui arguments...`, feeding `input` on stdin, and waits for it.
    static func run(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        try Subprocess.run([binary.path] + arguments, input: input, environment: environment)
    }
}
