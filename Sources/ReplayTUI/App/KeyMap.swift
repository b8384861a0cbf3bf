/// What a key does, independent of which key it is.
public enum Action: Equatable, Sendable {
    case stepBack, stepForward, back10, forward10, start, end
    case togglePlay, faster, slower, stepOnce, toggleRealTime, toggleStopOnErrors
    case jumpToCrash, nextError, previousError, goTo
    case toggleBreakpoint, search, nextMatch, previousMatch, cancelJob
    case setMark, compareWithMark, jumpToMark
    case toggleWatch, listStops, previousChange, nextChange, history
    case conditionalBreakpoint, filter, toggleFollow, warnings, cycleLane
    /// The span pane: the span tree of the current event's trace, on or off.
    case toggleSpans
    /// In the split view of two runs: the next / previous divergence.
    case nextDivergence, previousDivergence
    /// In the state pane: move the cursor by pages (PgUp, PgDn; Home and End go all the way).
    case treePage(Int)
    case nextPane, previousPane, scrollUp, scrollDown, open, close, zoom
    case help, quit
}

/// The key bindings: one table that the update function, the help overlay and docs/keys.md
/// all follow.
public enum KeyMap {
    /// A documented binding: the keys as shown to people, what they do, and the action.
    public struct Binding: Sendable {
        public var keys: [Key]
        public var label: String
        public var help: String
        public var action: Action
    }

    public static let bindings: [Binding] = [
        Binding(keys: [.left, .character("h")], label: "← / h", help: "step one event back", action: .stepBack),
        Binding(keys: [.right, .character("l")], label: "→ / l", help: "step one event forward", action: .stepForward),
        Binding(keys: [.shiftLeft, .pageUp], label: "Shift+← / PgUp", help: "10 events back", action: .back10),
        Binding(keys: [.shiftRight, .pageDown], label: "Shift+→ / PgDn", help: "10 events forward", action: .forward10),
        Binding(keys: [.home], label: "Home / g g", help: "start (no event applied)", action: .start),
        Binding(keys: [.end, .character("G")], label: "End / G", help: "last event", action: .end),
        Binding(keys: [.character(" ")], label: "Space", help: "play / pause", action: .togglePlay),
        Binding(keys: [.character("+"), .character("]")], label: "+ / ]", help: "faster (up to 64x)", action: .faster),
        Binding(keys: [.character("-"), .character("[")], label: "- / [", help: "slower (down to 0.25x)", action: .slower),
        Binding(keys: [.character(".")], label: ".", help: "step one event (pauses)", action: .stepOnce),
        Binding(keys: [.character("t")], label: "t", help: "real-time playback on / off", action: .toggleRealTime),
        Binding(keys: [.character("!")], label: "!", help: "playing stops on errors too: on / off", action: .toggleStopOnErrors),
        Binding(keys: [.character("c")], label: "c", help: "jump to the crash", action: .jumpToCrash),
        Binding(keys: [.character("e")], label: "e", help: "next error", action: .nextError),
        Binding(keys: [.character("E")], label: "E", help: "previous error", action: .previousError),
        Binding(keys: [.character(":"), .character("g")], label: ": / g", help: "go to event number", action: .goTo),
        Binding(keys: [.character("b")], label: "b", help: "breakpoint on this event's name", action: .toggleBreakpoint),
        Binding(keys: [.character("<")], label: "<", help: "previous change of the selected value", action: .previousChange),
        Binding(keys: [.character(">")], label: ">", help: "next change of the selected value", action: .nextChange),
        Binding(keys: [.character("H")], label: "H", help: "history of the selected value", action: .history),
        Binding(keys: [.character("w")], label: "w", help: "watch the selected value: on / off", action: .toggleWatch),
        Binding(keys: [.character("B")], label: "B", help: "break when an expression holds", action: .conditionalBreakpoint),
        Binding(keys: [.character("W")], label: "W", help: "list watchpoints and breakpoints", action: .listStops),
        Binding(keys: [.character("/")], label: "/", help: "search names and payloads", action: .search),
        Binding(keys: [.character("f")], label: "f", help: "filter the event list by an expression", action: .filter),
        Binding(keys: [.character("o")], label: "o", help: "only this lane, the next, all again", action: .cycleLane),
        Binding(keys: [.character("s")], label: "s", help: "span tree of this trace: on / off", action: .toggleSpans),
        Binding(keys: [.character("F")], label: "F", help: "follow the trace as it grows: on / off", action: .toggleFollow),
        Binding(keys: [.character("n")], label: "n", help: "next match", action: .nextMatch),
        Binding(keys: [.character("N")], label: "N", help: "previous match", action: .previousMatch),
        Binding(keys: [.escape], label: "Esc", help: "stop a jump or search; unzoom; unfilter", action: .cancelJob),
        Binding(keys: [.character("x")], label: "x", help: "next divergence of two runs", action: .nextDivergence),
        Binding(keys: [.character("X")], label: "X", help: "previous divergence of two runs", action: .previousDivergence),
        Binding(keys: [.character("m")], label: "m", help: "mark this position", action: .setMark),
        Binding(keys: [.character("M")], label: "M", help: "changes from the mark to here", action: .compareWithMark),
        Binding(keys: [.character("'")], label: "'", help: "jump to the mark", action: .jumpToMark),
        Binding(keys: [.tab], label: "Tab", help: "next pane", action: .nextPane),
        Binding(keys: [.backTab], label: "Shift+Tab", help: "previous pane", action: .previousPane),
        Binding(keys: [.character("z")], label: "z", help: "zoom this pane to the screen / back", action: .zoom),
        Binding(keys: [.up, .character("k")], label: "↑ / k", help: "scroll the pane (events: step)", action: .scrollUp),
        Binding(keys: [.down, .character("j")], label: "↓ / j", help: "scroll the pane (events: step)", action: .scrollDown),
        Binding(keys: [.enter], label: "Enter / →", help: "open a node / show a value whole", action: .open),
        Binding(keys: [], label: "←", help: "close a node (state pane)", action: .close),
        Binding(keys: [.character("L")], label: "L", help: "every loading warning", action: .warnings),
        Binding(keys: [.character("?")], label: "?", help: "this help", action: .help),
        Binding(keys: [.character("q"), .interrupt], label: "q / Ctrl-C", help: "quit", action: .quit),
    ]

    /// The action bound to `key`, if any.
    public static func action(for key: Key) -> Action? {
        lookup[key]
    }

    private static let lookup: [Key: Action] = {
        var table: [Key: Action] = [:]
        for binding in bindings {
            for key in binding.keys where table[key] == nil { table[key] = binding.action }
        }
        return table
    }()
}
