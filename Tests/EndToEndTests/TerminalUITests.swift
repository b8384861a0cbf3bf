import Foundation
import Testing

extension InTmux {
    /// The debugger as a person uses it: in a 120x40 tmux pane, driven by keys, read off the screen.
    @Suite(.serialized, .timeLimit(.minutes(2))) struct TerminalUITests {
        let trace = CLI.fixture("bank-crash.json")

        @Test func opensScrubsJumpsToTheCrashAndQuitsCleanly() throws {
            let tmux = try TmuxSession([trace])
            var screen = try tmux.waitFor { $0.contains("start of 59") }
            #expect(screen.hasPrefix(" ❚❚ 1x  │ start of 59"))
            #expect(screen.contains("Events  59 · 5 errors"))
            #expect(try tmux.modes() == "1 0 1")

            try tmux.send("Right")
            screen = try tmux.waitFor { $0.contains("#0 of 59") && $0.contains("Event #0") }
            #expect(screen.contains("│ #0 of 59  info boot"))
            try tmux.send("Right", "Right", "l")
            #expect(try tmux.waitFor { $0.contains("#3 of 59") && $0.contains("Event #3") && $0.contains("Changes by #3") }.contains("Changes by #3"))
            try tmux.send("h")
            #expect(try tmux.waitFor { $0.contains("#2 of 59") && $0.contains("#2 of 59  call deposit") }.contains("#2 of 59  call deposit"))
            try tmux.send("NPage")
            #expect(try tmux.waitFor { $0.contains("#12 of 59") }.contains("#12 of 59"))

            try tmux.send("c")
            screen = try tmux.waitFor { $0.contains("#58 of 59") && $0.contains("CRASH at #58") }
            #expect(screen.contains("#58 of 59  crash badarith"))
            #expect(screen.contains("✖ CRASH at #58: ArithmeticError: bad argument in arithmetic expression at lib/bank/server.ex:88"))

            try tmux.send("Home")
            #expect(try tmux.waitFor { $0.contains("start of 59") }.contains("start of 59"))

            try tmux.send("q")
            screen = try tmux.waitFor { $0.contains("EXIT=") }
            #expect(screen.contains("EXIT=0 ECHO=on"))
            #expect(!screen.contains("Events  59"))
            #expect(try tmux.modes() == "0 1 0")
        }

        @Test func playStopsByItselfOnTheCrashAndStaysThere() throws {
            let tmux = try TmuxSession([trace])
            try tmux.waitFor { $0.contains("start of 59") }
            try tmux.send("+", "+", "+", "+", "+", "+", "Space")
            var screen = try tmux.waitFor(15) { $0.contains("#58 of 59") && $0.contains("CRASH at #58") }
            #expect(screen.hasPrefix(" ❚❚ 64x  │ #58 of 59  crash badarith"))
            Thread.sleep(forTimeInterval: 1)
            screen = try tmux.screen()
            #expect(screen.hasPrefix(" ❚❚ 64x  │ #58 of 59"))
            #expect(screen.contains("✖ CRASH at #58"))
            try tmux.send("C-c")
            #expect(try tmux.waitFor { $0.contains("EXIT=") && $0.contains("EXIT=0 ECHO=on") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func atOpensThereAndABadPositionIsAnError() throws {
            let tmux = try TmuxSession([trace, "--at", "crash"])
            let screen = try tmux.waitFor { $0.contains("#58 of 59") && $0.contains("CRASH at #58") }
            #expect(screen.contains("✖ CRASH at #58"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
            let bad = try TmuxSession([trace, "--at", "99"])
            let error = try bad.waitFor { $0.contains("EXIT=") }.replacingOccurrences(of: "\n", with: "")
            #expect(error.contains("EXIT=1 ECHO=on"))
            #expect(error.contains("events are #0...#58"))
        }

        @Test func goToSearchAndHelp() throws {
            let tmux = try TmuxSession([trace])
            try tmux.waitFor { $0.contains("start of 59") }
            try tmux.send(":", "2", "1", "Enter")
            #expect(try tmux.waitFor { $0.contains("#21 of 59") && $0.contains("Event #21") && $0.contains("~ /accounts/4/status \"open\" → \"frozen\"") }.contains("~ /accounts/4/status \"open\" → \"frozen\""))
            try tmux.send("/", "a", "u", "d", "i", "t", "Enter")
            #expect(try tmux.waitFor { $0.contains("#11 of 59") && $0.contains("/audit:") && $0.contains("/audit: #11 (1/1) (search wrapped)") }.contains("/audit: #11 (1/1) (search wrapped)"))
            try tmux.send("?")
            #expect(try tmux.waitFor { $0.contains(" Keys ") && $0.contains("jump to the crash") }.contains("jump to the crash"))
            try tmux.send("Escape", "q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") && $0.contains("EXIT=0 ECHO=on") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func resizingRelaysOutAndTinyPanesSaySo() throws {
            let tmux = try TmuxSession([trace])
            try tmux.waitFor { $0.contains("start of 59") }
            try tmux.resize(width: 30, height: 10)
            #expect(try tmux.waitFor { $0.contains("terminal too small") && $0.contains("30x10, needs 60x16") }.contains("30x10, needs 60x16"))
            try tmux.resize(width: 80, height: 24)
            let screen = try tmux.waitFor { $0.contains("start of 59") }
            #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") && $0.contains("EXIT=0 ECHO=on") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func sigtermRestoresTheTerminal() throws {
            let tmux = try TmuxSession([trace])
            try tmux.waitFor { $0.contains("start of 59") }
            let pid = try #require(try tmux.programID())
            kill(pid, SIGTERM)
            let screen = try tmux.waitFor { $0.contains("EXIT=") }
            #expect(screen.contains("EXIT=143 ECHO=on"))
            #expect(try tmux.modes() == "0 1 0")
        }

        @Test func aBadTraceIsAnErrorBeforeTheScreenIsTaken() throws {
            let tmux = try TmuxSession([CLI.fixture("bad-syntax.json")])
            let screen = try tmux.waitFor { $0.contains("EXIT=") }.replacingOccurrences(of: "\n", with: "")
            #expect(screen.contains("\(CLI.fixture("bad-syntax.json")):2:42: expected ',' or ']' after an array element, found '}'"))
            #expect(screen.contains("EXIT=1 ECHO=on"))
        }

        @Test func sighupRestoresTheTerminal() throws {
            let tmux = try TmuxSession([trace])
            try tmux.waitFor { $0.contains("start of 59") }
            kill(try #require(try tmux.programID()), SIGHUP)
            #expect(try tmux.waitFor { $0.contains("EXIT=") && $0.contains("EXIT=129 ECHO=on") }.contains("EXIT=129 ECHO=on"))
            #expect(try tmux.modes() == "0 1 0")
        }

        @Test func aDataErrorFoundWhileRunningEndsCleanly() throws {
            let path = CLI.fixture("bad-patch.json")
            let tmux = try TmuxSession([path])
            try tmux.waitFor { $0.contains("start of 2") }
            try tmux.send("Right", "Right")
            let screen = try tmux.waitFor { $0.contains("EXIT=") }.replacingOccurrences(of: "\n", with: "")
            #expect(screen.contains("\(path): event #1: patch op #0 (remove /missing):"))
            #expect(screen.contains("EXIT=1 ECHO=on"))
            #expect(try tmux.modes() == "0 1 0")
        }

        @Test func aResizeStormEndsInACleanScreen() throws {
            let tmux = try TmuxSession([trace])
            try tmux.waitFor { $0.contains("start of 59") }
            let sizes = [(20, 5), (200, 60), (61, 16), (20, 5), (90, 30)]
            for step in 0..<20 {
                let (width, height) = sizes[step % sizes.count]
                try tmux.resize(width: width, height: height)
                Thread.sleep(forTimeInterval: 0.04)
            }
            try tmux.resize(width: 20, height: 5)
            #expect(try tmux.waitFor { $0.contains("too small") && $0.contains("20x5, needs") }.contains("20x5, needs"))
            try tmux.resize(width: 120, height: 40)
            let screen = try tmux.waitFor { $0.contains("start of 59") && $0.contains("Events  59") }
            #expect(screen.filter { $0 == "\n" }.count == 40)
            try tmux.send("Right", "q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") && $0.contains("EXIT=0 ECHO=on") }.contains("EXIT=0 ECHO=on"))
        }

        /// SGR (1006) mouse reports: a click on the timeline past column 223, where the old
        /// encoding cannot reach, seeks there; the wheel over the event list steps three events.
        @Test func aClickPastColumn223Seeks() throws {
            let tmux = try TmuxSession([trace], width: 250, height: 40)
            _ = try tmux.waitFor { $0.contains("start of 59") }
            try tmux.type("\u{1B}[<0;240;2M")
            #expect(try tmux.waitFor { $0.contains("#56 of 59") }.contains("#56 of 59  call withdraw"))
            try tmux.type("\u{1B}[<64;10;10M")
            #expect(try tmux.waitFor { $0.contains("#53 of 59") }.contains("#53 of 59"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }
    }
}
