import Foundation
import Testing

extension InTmux {
    /// A search over a large trace runs off the key loop: the real program in tmux, on a
    /// 200,000-event trace made by scripts/make-big-trace.py, searched for text that only its
    /// last event holds.
    @Suite(.serialized, .timeLimit(.minutes(3))) struct LongSearchTests {
        @Test func keysAreAnsweredWhileASearchRunsEscCancelsAndARepeatFinds() throws {
            let made = try MadeTrace(events: 200_000)
            defer { withExtendedLifetime(made) {} }
            let trace = made.path

            let tmux = try TmuxSession([trace])
            try #require(try tmux.waitFor(30) { $0.contains("start of 200000") }.contains("start of 200000"))
            // The last event, #199999, is a stats call with payload {"n":199999}: nothing else
            // holds that text.
            try tmux.send("/", "1", "9", "9", "9", "9", "9", "Enter")
            var screen = try tmux.waitFor { $0.contains("searching /199999 … ") && $0.contains("Esc: cancel") }
            #expect(screen.contains("Esc: cancel"))

            // A step is answered at once, while the search goes on.
            try tmux.send("Right")
            screen = try tmux.waitFor(2) { $0.contains("#0 of 200000") }
            #expect(screen.contains("#0 of 200000"))
            #expect(screen.contains("searching /199999 … "))

            try tmux.send("Escape")
            screen = try tmux.waitFor { $0.contains("searching /199999: cancelled") }
            #expect(screen.contains("searching /199999: cancelled"))
            #expect(screen.contains("#0 of 200000"))

            // n repeats the search from #0, and this time it runs to the answer.
            try tmux.send("n")
            screen = try tmux.waitFor(120) { $0.contains("/199999: #199999") }
            #expect(screen.contains("/199999: #199999"))
            #expect(screen.contains("#199999 of 200000"))

            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }
    }
}
