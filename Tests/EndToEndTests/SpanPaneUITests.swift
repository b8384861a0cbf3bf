import Foundation
import Testing

extension InTmux {
    /// The span pane in the real program: `s` on a span trace's crash, the cursor up a span,
    /// Enter to its start, the pane following the playhead, `s` closing it; `s` on a trace
    /// without spans says so.
    @Suite(.serialized, .timeLimit(.minutes(2))) struct SpanPaneUITests {
        @Test func sShowsTheTraceOfTheEventAndEnterGoesToASpansStart() throws {
            let tmux = try TmuxSession([CLI.coreFixture("otlp/otlp_with_error.json"), "--at", "crash"])
            try tmux.waitFor { $0.contains("#22 of 30") && $0.contains("CRASH:") }
            try tmux.send("s")
            // Each wait is for the whole frame: tmux may show one half drawn.
            var screen = try tmux.waitFor {
                $0.contains(" Spans  trace 770348a05d300cb… · 8 spans · 1 error · 58 ms") && $0.contains("▶✖   orders process")
            }
            #expect(screen.contains(" ▸ GET /api/orders/{id}"))
            #expect(screen.contains("▶✖   orders process"))
            #expect(!screen.contains(" Events  30"))
            try tmux.send("Up")
            screen = try tmux.waitFor { $0.contains("▶    orders publish") }
            #expect(screen.contains("#22 of 30"))
            try tmux.send("Enter")
            screen = try tmux.waitFor { $0.contains("#19 of 30  span.start orders publish") && $0.contains("▶▸   orders publish") }
            #expect(screen.contains("▶▸   orders publish"))
            try tmux.send("Home")
            try tmux.waitFor { $0.contains("start of 30") && $0.contains("   GET /api/orders/{id}") }
            try tmux.send("s")
            try tmux.waitFor { $0.contains(" Events  30 · 1 error") && !$0.contains(" Spans  trace") }
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func aTraceWithoutSpansSaysSo() throws {
            let tmux = try TmuxSession([CLI.fixture("bank-crash.json")], width: 80, height: 24)
            try tmux.waitFor { $0.contains("start of 59") }
            try tmux.send("s")
            #expect(try tmux.waitFor { $0.contains("no spans in this trace") }.contains("no spans in this trace (s shows the spans of OTLP"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }
    }
}
