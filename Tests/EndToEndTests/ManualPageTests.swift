import Foundation
import Testing

/// The man page and the shell completions, both written from the commands themselves.
@Suite struct ManualPageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The man page is written from the commands (`replay-tui manual`); the checked-in copy
    /// must be what it writes today.
    @Test func theCheckedInManPageIsCurrent() throws {
        let written = try CLI.run(["manual"])
        #expect(written.status == 0, "\(written.stderr)")
        let checkedIn = try String(contentsOf: Self.repository.appendingPathComponent("docs/replay-tui.1"), encoding: .utf8)
        #expect(written.stdout == checkedIn, "docs/replay-tui.1 is out of date with the commands: regenerate it with `swift run replay-tui manual -o docs/replay-tui.1`")
    }

    /// Trace arguments complete file names; --theme, --format and --syntax their values.
    @Test func completionsKnowTheValues() throws {
        let zsh = try CLI.run(["--generate-completion-script", "zsh"])
        #expect(zsh.status == 0)
        for expected in [
            "':trace:_files'",
            "___theme=('dark' 'light' 'mono')",
            "___format=('replay-trace' 'phoenix-replay' 'victauri' 'redux-devtools' 'otlp' 'otlp-jsonl' 'jaeger' 'zipkin' 'replayx')",
            "___syntax=('json' 'elixir')",
        ] {
            #expect(zsh.stdout.contains(expected), "zsh completions lack \(expected)")
        }
        let bash = try CLI.run(["--generate-completion-script", "bash"])
        #expect(bash.stdout.contains("__replay-tui_add_completions -W 'dark'$'\\n''light'$'\\n''mono'"))
        #expect(!bash.stdout.contains("manual"), "the hidden manual command is offered")
    }
}
