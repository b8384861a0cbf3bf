import ReplayCore

/// The panes that can have focus, in Tab order (the span pane, while open, stands in for
/// the first three: ``Layout/panes(showingSpans:)``).
public enum Pane: Int, CaseIterable, Sendable {
    case events, state, diff, detail, spans

    /// The pane as messages name it.
    var title: String {
        switch self {
        case .events: "the event list"
        case .state: "the state"
        case .diff: "the changes"
        case .detail: "the event"
        case .spans: "the span tree"
        }
    }
}

/// A line of input the status bar is collecting.
public enum Prompt: Equatable, Sendable {
    case goTo(String)
    /// Search the events' names, kinds, payloads and errors.
    case search(String)
    /// Search the keys and values of the state at the playhead.
    case searchState(String)
    /// A condition that stops playing (`B`).
    case condition(String)
    /// A filter of the event list (`f`); Tab switches whether steps skip hidden events.
    case filter(String, skipsHidden: Bool)

    /// What is typed so far.
    var text: String {
        switch self {
        case .goTo(let text), .search(let text), .searchState(let text), .condition(let text), .filter(let text, _): text
        }
    }

    /// The same prompt holding `text`.
    func with(_ text: String) -> Prompt {
        switch self {
        case .goTo: .goTo(text)
        case .search: .search(text)
        case .searchState: .searchState(text)
        case .condition: .condition(text)
        case .filter(_, let skipsHidden): .filter(text, skipsHidden: skipsHidden)
        }
    }
}

/// A box drawn over the panes, taking the keys while it is open.
public enum Overlay: Equatable, Sendable {
    /// `?`: every key, scrolled down by some rows when they do not all fit.
    case help(scroll: Int)
    /// `W`: watchpoints, name breakpoints and conditions; the selected row.
    case stops(selected: Int)
    /// `H`: the changes of the value at a path.
    case history(HistoryPanel)
    /// Text to read: the loading warnings, or a value in full.
    case text(TextPanel)
}

/// The `H` overlay's rows: the changes of the value at a path found so far.
public struct HistoryPanel: Equatable, Sendable {
    public var path: JSONPointer
    public var changes: [PathChange]
    /// False while the worker is still looking.
    public var complete: Bool
    public var selected = 0
}

/// A job the worker is doing for the UI, as the status line reports it.
public struct RunningJob: Equatable, Sendable {
    public var id: Int
    /// What it is doing, e.g. `searching /needle`.
    public var label: String
    /// How far it has got, 0...1.
    public var progress: Double
    /// How many events the trace held when it started: what its answer covers.
    public var events = 0
    /// True once an early part of its answer has been taken.
    public var answeredEarly = false
}

/// Every event matching a search of the events, once the worker has counted them: `n` and
/// `N` then move among them at once.
public struct EventMatches: Equatable, Sendable {
    public var text: String
    /// The matching events, ascending.
    public var indices: [Int]
}

/// Everything on screen that is not the trace: the terminal size, focus, prompts, scroll
/// positions, the state tree's open nodes, messages and the worker's job. A ``TraceSession``
/// holds the rest.
public struct UIState {
    public var width: Int
    public var height: Int
    public var focus: Pane = .events
    /// `z`: the focused pane fills the body of the screen.
    public var zoomed = false

    /// State tree nodes the user opened (the root is always open).
    public var expanded: Set<JSONPointer> = [.root]
    /// The state tree row the cursor is on, by path.
    public var stateCursor: JSONPointer = .root
    public var diffScroll = 0
    public var detailScroll = 0

    public var prompt: Prompt?
    /// The last search of the events, and of the state.
    public var lastSearch: String?
    public var lastStateSearch: String?
    /// The events the last search of the events found, once counted.
    public var eventMatches: EventMatches?
    /// A condition or filter whose expression did not parse, offered again by `B` or `f`.
    public var draftCondition: String?
    public var draftFilter: String?
    /// `<` and `>` pressed before the path's history was known: how many changes to go once
    /// it is (forward when positive, back when negative).
    public var pendingJump: (path: JSONPointer, steps: Int)?
    /// A one-line message for the status bar (what just happened, or why not).
    public var message: String?
    public var overlay: Overlay?
    public var showsHelp: Bool {
        if case .help? = overlay { true } else { false }
    }
    public var quits = false
    /// The whole-trace job under way, if any.
    public var job: RunningJob?
    /// A move the worker is replaying to, if any.
    public var seeking: FarSeek?
    /// The span tree being built, if it is.
    public var spanBuild: SpanBuild?
    /// Following the trace as it grows (`--follow`, `F`); nil when not.
    public var following: Following?
    /// The trace still being indexed in the background; nil once it is whole.
    public var indexing: Indexing?
    /// The span pane (`s`), while it is open.
    public var spanPane: SpanPane?

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Follows the session to a new position: the changes it shows are revealed in the
    /// state tree and the diff and detail panes scroll back to their tops.
    mutating func follow(_ session: TraceSession) {
        for change in session.changes { reveal(change.path) }
        diffScroll = 0
        detailScroll = 0
        spanPane?.selected = nil
    }

    /// Opens every node above `path` in the state tree.
    mutating func reveal(_ path: JSONPointer) {
        var ancestor = path.parent
        while let node = ancestor {
            expanded.insert(node)
            ancestor = node.parent
        }
    }
}
