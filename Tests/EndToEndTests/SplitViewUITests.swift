import Foundation
import Testing

extension InTmux {
    /// `replay-tui A B` in a tmux pane: both runs side by side, `x` to the divergence, playing
    /// stopping there, at 120x40 and 80x24.
    @Suite(.serialized, .timeLimit(.minutes(2))) struct SplitViewUITests {
        let bank = CLI.fixture("bank-crash.json")

        /// The bank example with #12 writing another balance, in a fresh directory.
        private func wrongBalance() throws -> (String, URL) {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-split-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("edited.json").path
            let text = try String(contentsOfFile: bank, encoding: .utf8).replacingOccurrences(of: #""value": 267500}"#, with: #""value": 167500}"#)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return (path, directory)
        }

        @Test(arguments: [(120, 40), (80, 24)])
        func bothSidesThenXJumpsToTheDivergence(width: Int, height: Int) throws {
            let (b, directory) = try wrongBalance()
            defer { try? FileManager.default.removeItem(at: directory) }
            let tmux = try TmuxSession([bank, b], width: width, height: height)
            var screen = try tmux.waitFor { $0.contains("A #0 ↔ B #0") && $0.contains("1 divergence") && $0.contains("▶   #0 info boot") && $0.contains("the same state") }
            #expect(screen.hasPrefix(" ❚❚ 1x  │ A #0 ↔ B #0  info boot"))
            #expect(screen.contains(" A  bank-crash.json"))
            #expect(screen.contains(" B  edited.json"))
            #expect(screen.contains("▶   #0 info boot"))
            #expect(try tmux.modes() == "1 0 1")

            try tmux.send("x")
            screen = try tmux.waitFor { $0.contains("A #12 ↔ B #12") && $0.contains("~ /accounts/2/balance") && $0.contains("▶≠ #12") }
            #expect(screen.hasPrefix(" ❚❚ 1x  │ A #12 ↔ B #12  cast deposit"))
            #expect(screen.contains("▶≠ #12 cast deposit"))
            #expect(screen.contains("~ /accounts/2/balance 267500 → 167500"))
            #expect(screen.contains("A #12 deposit / B #12 deposit: state differs at /accounts/2/balance"))

            try tmux.send("x")
            #expect(try tmux.waitFor { $0.contains("no divergence after this row") }.contains("A #12 ↔ B #12"))
            try tmux.send("Home", "Space")
            screen = try tmux.waitFor(10) { $0.contains("stopped at a divergence") }
            #expect(screen.hasPrefix(" ❚❚ 1x  │ A #12 ↔ B #12"))

            try tmux.send("q")
            screen = try tmux.waitFor { $0.contains("EXIT=") }
            #expect(screen.contains("EXIT=0 ECHO=on"))
            #expect(try tmux.modes() == "0 1 0")
        }

        @Test func aSecondTraceThatCannotBeReadIsAnErrorBeforeTheScreenIsTaken() throws {
            let bad = CLI.fixture("bad-syntax.json")
            let tmux = try TmuxSession([bank, bad])
            let screen = try tmux.waitFor { $0.contains("EXIT=") }.replacingOccurrences(of: "\n", with: "")
            #expect(screen.contains("EXIT=1 ECHO=on"))
            #expect(screen.contains(bad + ":2:42: "))
        }
    }
}
