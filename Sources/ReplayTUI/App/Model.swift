import ReplayCore

/// The panes that can have focus, in Tab order.
public enum Pane: Int, CaseIterable, Sendable {
    case events, state, diff, detail
}

/// A line of input the status bar is collecting.
public enum Prompt: Equatable, Sendable {
    case goTo(String)
    case search(String)
}

/// Everything on screen. `update` changes it, views draw it; neither touches a terminal.
public struct Model {
    public let trace: Trace
    public let fileName: String
    /// Answers state questions; a memo, so the model stays a value in every other respect.
    let replayer: Replayer
    public let overview: TraceOverview
    /// How the views write values: Elixir for Replayx traces, JSON for the others.
    public let syntax: ValueSyntax
    public var playhead: Playhead
    public var width: Int
    public var height: Int
    public var focus: Pane = .events

    /// The state at the playhead, the current event, and what it changed.
    public private(set) var state: JSONValue
    public private(set) var event: Event?
    public private(set) var changes: [StateChange] = []

    /// State tree nodes the user opened (the root is always open).
    public var expanded: Set<JSONPointer> = [.root]
    /// The state tree row the cursor is on, by path.
    public var stateCursor: JSONPointer = .root
    public var diffScroll = 0
    public var detailScroll = 0

    public var prompt: Prompt?
    public var lastSearch: String?
    /// A one-line message for the status bar (what just happened, or why not).
    public var message: String?
    public var showsHelp = false
    public var quits = false
    /// A data error found while the UI runs: the app ends and prints it.
    public var failure: TraceError?
    /// What loading warned about (a cut-off recording), shown in the status line.
    public var warnings: [String]

    /// Per-column facts for the timeline, recomputed when the width or breakpoints change.
    public private(set) var timeline: TimelineColumns
    /// How much each event changed the state, weighed once as the trace opens.
    let changeWeights: [Int]

    public init(trace: Trace, fileName: String, width: Int, height: Int) {
        self.trace = trace
        self.fileName = fileName
        replayer = Replayer(trace: trace)
        overview = TraceOverview(trace)
        syntax = ValueSyntax(for: trace)
        playhead = Playhead(count: trace.count)
        self.width = width
        self.height = height
        state = trace.initialState
        warnings = trace.warnings.map { $0.rendered(path: fileName) }
        changeWeights = ChangeWeights.of(trace, replayer: replayer)
        timeline = TimelineColumns(trace: trace, width: width, breakpoints: [], eventWeights: changeWeights)
    }

    /// Brings the state, event and changes in line with the playhead.
    mutating func refresh() {
        do throws(TraceError) {
            state = try replayer.state(at: playhead.position)
            if let index = playhead.currentEvent {
                event = try trace.events.event(index)
                changes = StateDiff.changes(from: try replayer.state(at: index), to: state)
                for change in changes { reveal(change.path) }
            } else {
                event = nil
                changes = []
            }
            diffScroll = 0
            detailScroll = 0
        } catch {
            failure = error
        }
    }

    /// True while the replayer has checkpoints to fill, work the run loop does between keys
    /// so that seeks anywhere become short soon after the trace opens.
    public var hasIdleWork: Bool { failure == nil && !replayer.isFullyCheckpointed }

    /// Fills the next checkpoints: about 10 ms of replay, short enough not to delay a key.
    mutating func fillCheckpoints() {
        do throws(TraceError) {
            try replayer.fillCheckpoints(replayingAbout: 16_384)
        } catch {
            failure = error
        }
    }

    /// Opens every node above `path` in the state tree.
    mutating func reveal(_ path: JSONPointer) {
        var ancestor = path.parent
        while let node = ancestor {
            expanded.insert(node)
            ancestor = node.parent
        }
    }

    /// Recomputes the timeline columns after a resize or a breakpoint change.
    mutating func refreshTimeline() {
        timeline = TimelineColumns(trace: trace, width: width, breakpoints: playhead.breakpoints, eventWeights: changeWeights)
    }

    /// The crash reason's first line, when the playhead is on the crash.
    public var crashHere: Crash? {
        guard let crash = trace.crash, playhead.currentEvent == crash.index else { return nil }
        return crash
    }
}
