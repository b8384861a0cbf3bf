import Foundation
import Testing

/// scripts/install.sh into a temporary prefix, with the binary these tests run (so that the
/// test builds nothing), then its uninstall.
@Suite(.timeLimit(.minutes(2))) struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let installed = [
        "bin/replay-tui",
        "share/man/man1/replay-tui.1",
        "share/bash-completion/completions/replay-tui",
        "share/zsh/site-functions/_replay-tui",
        "share/fish/vendor_completions.d/replay-tui.fish",
    ]

    private func install(_ arguments: [String]) throws -> Subprocess.Result {
        try Subprocess.run(["bash", Self.repository.appendingPathComponent("scripts/install.sh").path] + arguments)
    }

    @Test func installsIntoAPrefixTwiceAndUninstalls() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("replay-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        for _ in 0..<2 {
            let run = try install(["--binary", CLI.binary.path, prefix.path])
            #expect(run.status == 0, "\(run.stderr)")
            for file in Self.installed {
                #expect(run.stdout.contains("installed \(prefix.path)/\(file)\n"), "\(file) not reported")
                #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file) missing")
            }
        }
        let version = try Subprocess.run([prefix.appendingPathComponent("bin/replay-tui").path, "--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("replay-tui "))
        let page = try String(contentsOf: prefix.appendingPathComponent("share/man/man1/replay-tui.1"), encoding: .utf8)
        #expect(page == (try String(contentsOf: Self.repository.appendingPathComponent("docs/replay-tui.1"), encoding: .utf8)))
        let fish = try String(contentsOf: prefix.appendingPathComponent("share/fish/vendor_completions.d/replay-tui.fish"), encoding: .utf8)
        #expect(fish.contains("replay-tui"))

        let removed = try install(["--uninstall", prefix.path])
        #expect(removed.status == 0, "\(removed.stderr)")
        for file in Self.installed {
            #expect(removed.stdout.contains("removed \(prefix.path)/\(file)\n"))
            #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file) left behind")
        }
    }

    @Test func aBadOptionIsOneMessageAndExitOne() throws {
        let run = try install(["--bogus"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("install.sh: unknown option --bogus\n"))
        let missing = try install(["--binary", "/nonexistent/replay-tui", "/tmp/unused-prefix"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "install.sh: /nonexistent/replay-tui is not an executable replay-tui\n")
    }
}
