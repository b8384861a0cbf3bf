import Foundation
import Testing

extension InTmux {
    /// The debugger's questions, asked as a person would in tmux: a search of the state, a
    /// watchpoint that stops playing, a mark and the changes since it.
    @Suite(.serialized, .timeLimit(.minutes(2))) struct AskingTheTraceTests {
        let trace = CLI.fixture("bank-crash.json")

        @Test(arguments: [(120, 40), (80, 24)])
        func searchTheStateWatchWhatItFindsAndPlayToItsChanges(width: Int, height: Int) throws {
            let tmux = try TmuxSession([trace], width: width, height: height)
            try tmux.waitFor { $0.contains("start of 59") }
            // Tab to the state pane; / searches its keys and values: the first account's
            // balance is the first match in the tree.
            try tmux.send("Tab", "/", "b", "a", "l", "a", "n", "c", "e", "Enter")
            var screen = try tmux.waitFor { $0.contains("/balance: 1/") && $0.contains("/accounts/0/balance") }
            #expect(screen.contains("/accounts/0/balance"))  // the breadcrumb
            try tmux.send("w")
            screen = try tmux.waitFor { $0.contains("watching /accounts/0/balance") }
            #expect(screen.contains("watching /accounts/0/balance"))
            // Playing stops after #1, the first event that changes it, then after #17.
            try tmux.send("Space")
            screen = try tmux.waitFor { $0.contains("stopped at #1: it changed /accounts/0/balance (watched)") && $0.contains("#1 of 59") }
            #expect(screen.contains("#1 of 59"))
            try tmux.send("Space")
            screen = try tmux.waitFor { $0.contains("stopped at #17: it changed /accounts/0/balance (watched)") && $0.contains("#17 of 59") }
            #expect(screen.contains("#17 of 59"))
            // W lists it; d removes it.
            try tmux.send("W")
            screen = try tmux.waitFor { $0.contains("Watchpoints and breakpoints") && $0.contains("watch  /accounts/0/balance") }
            #expect(screen.contains("watch  /accounts/0/balance"))
            try tmux.send("d", "Escape")
            #expect(try tmux.waitFor { $0.contains("no longer watching /accounts/0/balance") }.contains("no longer watching"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func aMarkShowsTheChangesFromItAndComesBack() throws {
            let tmux = try TmuxSession([trace])
            try tmux.waitFor { $0.contains("start of 59") }
            try tmux.send(":", "5", "Enter", "m")
            #expect(try tmux.waitFor { $0.contains("marked #5") }.contains("marked #5"))
            try tmux.send(":", "2", "1", "Enter", "M")
            let screen = try tmux.waitFor { $0.contains("Changes from the mark #5 to #21") && $0.contains("~ /accounts/0/balance 130000 → 119900") }
            #expect(screen.contains("~ /accounts/0/balance 130000 → 119900"))
            try tmux.send("'")
            #expect(try tmux.waitFor { $0.contains("#5 of 59") && $0.contains("Changes from the mark #5 to #5") }.contains("Changes from the mark #5 to #5"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }

        @Test(arguments: [(120, 40), (80, 24)])
        func lessAndGreaterLandOnTheChangesOfTheSelectedValueAndHListsThem(width: Int, height: Int) throws {
            let tmux = try TmuxSession([trace], width: width, height: height)
            try tmux.waitFor { $0.contains("start of 59") }
            try tmux.send("Tab", "/", "b", "a", "l", "a", "n", "c", "e", "Enter")
            try tmux.waitFor { $0.contains("/balance: 1/") }
            // /accounts/0/balance changes at #1, #17, #20, #34, #46, #51, #54 and #56
            // (replay-tui history examples/bank-crash.json /accounts/0/balance).
            try tmux.send(">")
            var screen = try tmux.waitFor { $0.contains("/accounts/0/balance changed by #1 (change 1 of 8)") && $0.contains("#1 of 59") }
            #expect(screen.contains("#1 of 59"))
            try tmux.send(">", ">")
            screen = try tmux.waitFor { $0.contains("changed by #20 (change 3 of 8)") && $0.contains("#20 of 59") }
            #expect(screen.contains("#20 of 59"))
            try tmux.send(":", "5", "0", "Enter", "<")
            screen = try tmux.waitFor { $0.contains("changed by #46 (change 5 of 8)") && $0.contains("#46 of 59") }
            #expect(screen.contains("#46 of 59"))
            try tmux.send(":", "5", "8", "Enter", ">")
            #expect(try tmux.waitFor { $0.contains("no later change of /accounts/0/balance") && $0.contains("#58 of 59") }.contains("#58 of 59"))
            // H lists them; Enter goes to the selected one.
            try tmux.send("H")
            screen = try tmux.waitFor { $0.contains("History of /accounts/0/balance  8 changes") && $0.contains("#17  deposit") }
            #expect(screen.contains("#17  deposit"))
            try tmux.send("Down", "Down", "Enter")
            #expect(try tmux.waitFor { $0.contains("#20 of 59") }.contains("#20 of 59"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func aConditionStopsPlayingAndAFilterKeepsItsEvents() throws {
            let tmux = try TmuxSession([trace])
            try tmux.waitFor { $0.contains("start of 59") }
            // /stats/failed first goes above 0 after #7 (replay-tui find ... '/stats/failed > 0').
            try tmux.send("B")
            try tmux.type("/stats/failed > 0")
            try tmux.send("Enter")
            #expect(try tmux.waitFor { $0.contains("/stats/failed > 0: holds after") && $0.contains("marked ◈") }.contains("marked ◈"))
            try tmux.send("Space")
            var screen = try tmux.waitFor { $0.contains("stopped at #7: /stats/failed > 0 holds") && $0.contains("#7 of 59") }
            #expect(screen.contains("#7 of 59"))
            // A malformed expression says where.
            try tmux.send("B")
            try tmux.type("/stats/failed >")
            try tmux.send("Enter")
            screen = try tmux.waitFor { $0.contains("expression:1:") && $0.contains("(B edits it)") }
            #expect(screen.contains("(B edits it)"))
            try tmux.send("f")
            try tmux.type("@name == \"withdraw\"")
            try tmux.send("Enter")
            screen = try tmux.waitFor { $0.contains("Events  11 of 59 · filter @name == \"withdraw\"") && $0.contains("11 of 59 events shown") }
            #expect(screen.contains("11 of 59 events shown"))
            try tmux.send("Escape")
            #expect(try tmux.waitFor { $0.contains("filter cleared") && $0.contains("Events  59 · 5 errors") }.contains("Events  59 · 5 errors"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }
    }
}
