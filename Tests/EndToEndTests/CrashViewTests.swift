import Foundation
import Testing

extension InTmux {
    /// Reading a crash in the real program: the event pane grows on the crash and shows one
    /// stack frame a line, `z` zooms it to the whole screen, and `L` lists loading warnings.
    @Suite(.serialized, .timeLimit(.minutes(2))) struct CrashViewTests {
        @Test(arguments: [(120, 40), (80, 24)])
        func aReplayxCrashShowsOneFrameALineAndZooms(width: Int, height: Int) throws {
            let tmux = try TmuxSession([CLI.coreFixture("replayx/a_bank_crash.json")], width: width, height: height)
            try tmux.waitFor { $0.contains("start of 12") }
            try tmux.send("c")
            var screen = try tmux.waitFor { $0.contains("CRASH at #11") && $0.contains("proc_lib.erl") }
            let lines = screen.split(separator: "\n").map(String.init)
            // One frame a line, each under the exception.
            #expect(lines.contains { $0.hasPrefix(" ✖ CRASH ** (ArithmeticError) bad argument in arithmetic expression") })
            #expect(lines.contains { $0.hasPrefix("     :erlang.+(") })
            #expect(lines.contains { $0.hasPrefix("     replayx/servers.ex:43: Fixgen.BankAccount.handle_call_impl/3") })
            #expect(lines.contains { $0.hasPrefix("     proc_lib.erl:240: :proc_lib.init_p_do_apply/3") })
            // z on the event pane: it fills the screen, the state is gone; z again brings it back.
            try tmux.send("BTab", "z")
            screen = try tmux.waitFor { $0.contains("zoomed: the event fills the screen") }
            #expect(!screen.contains("State at #11"))
            #expect(screen.contains("time_monotonic"))
            try tmux.send("z")
            screen = try tmux.waitFor { $0.contains("State at #11") }
            #expect(screen.contains("Events  12 · 1 error"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func anOpenTelemetryStacktraceHasItsLineBreaks() throws {
            let tmux = try TmuxSession([CLI.coreFixture("otlp/otlp_with_error.json"), "--at", "crash"], width: 80, height: 24)
            let screen = try tmux.waitFor { $0.contains("#22 of 30") && $0.contains("CRASH:") }
            #expect(screen.contains(" ✖ CRASH: ValueError: order 1 not found in shard 0"))
            #expect(screen.contains("   File \"gen_otlp.py\", line 153, in build_trace"))
            #expect(!screen.contains("\\n"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func everyLoadingWarningIsListed() throws {
            let tmux = try TmuxSession([CLI.fixture("truncated.ndjson")], width: 80, height: 24)
            var screen = try tmux.waitFor { $0.contains("truncated") }
            #expect(screen.contains("trace is truncated after event #1"))
            try tmux.send("L")
            screen = try tmux.waitFor { $0.contains("Loading warnings: 1") && $0.contains("Esc closes") }
            // The whole warning, wrapped at a word inside the box.
            #expect(screen.contains("  truncated.ndjson:4:1: trace is truncated after event #1; showing 2"))
            #expect(screen.contains("      complete events"))
            try tmux.send("Escape", "q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }
    }
}
