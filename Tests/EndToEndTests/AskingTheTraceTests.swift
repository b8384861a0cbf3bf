import Foundation
import Testing

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
        var screen = try tmux.waitFor { $0.contains("/balance: 1/") }
        #expect(screen.contains("/accounts/0/balance"))  // the breadcrumb
        try tmux.send("w")
        screen = try tmux.waitFor { $0.contains("watching /accounts/0/balance") }
        #expect(screen.contains("watching /accounts/0/balance"))
        // Playing stops after #1, the first event that changes it, then after #17.
        try tmux.send("Space")
        screen = try tmux.waitFor { $0.contains("stopped at #1: it changed /accounts/0/balance (watched)") }
        #expect(screen.contains("#1 of 59"))
        try tmux.send("Space")
        screen = try tmux.waitFor { $0.contains("stopped at #17: it changed /accounts/0/balance (watched)") }
        #expect(screen.contains("#17 of 59"))
        // W lists it; d removes it.
        try tmux.send("W")
        screen = try tmux.waitFor { $0.contains("Watchpoints and breakpoints") }
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
        let screen = try tmux.waitFor { $0.contains("Changes from the mark #5 to #21") }
        #expect(screen.contains("~ /accounts/0/balance 130000 → 119900"))
        try tmux.send("'")
        #expect(try tmux.waitFor { $0.contains("#5 of 59") }.contains("Changes from the mark #5 to #5"))
        try tmux.send("q")
        #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
    }
}
