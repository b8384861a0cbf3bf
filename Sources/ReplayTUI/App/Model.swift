import ReplayCore

/// Everything on screen: the trace session and the UI state. `update` changes it and names
/// the effects the run loop carries out; views draw it; neither touches a terminal.
public struct Model {
    /// The loaded trace and where the playhead is.
    public private(set) var session: TraceSession
    /// Focus, prompts, scrolling, messages, size.
    public var ui: UIState
    /// The id the next job gets; ids only grow, so an answer from a superseded job is known.
    var nextJobID = 1
    /// Effects named where `update` cannot return them (a move deep in a key's handling
    /// that needs the worker): `update` hands them to the run loop as it returns.
    var queuedEffects: [Effect] = []
    /// Moves replaying more events than this go to the worker (``FarSeek``); tests lower it.
    var farSeekEvents = Model.farSeekEvents
    /// Two runs side by side (`replay-tui A B`): then ``session`` is run A's, and the split
    /// view shows this instead.
    public internal(set) var compare: CompareSession?

    /// The model as it opens: at the start of `trace`, the first state computed.
    public init(trace: Trace, fileName: String, width: Int, height: Int) {
        session = TraceSession(trace: trace, fileName: fileName, timelineWidth: width)
        ui = UIState(width: width, height: height)
        session.layOutTimeline(width: width, laneRows: LaneTimeline.rowCount(height: height, lanes: session.overview.lanes.count))
    }

    /// The split view of run A (`a`) against run B, comparing them on the worker once the
    /// run loop starts.
    public init(comparing a: Trace, fileName: String, with b: Trace, fileName otherName: String, ignoring ignores: CompareIgnores = .none, width: Int, height: Int) {
        self.init(trace: a, fileName: fileName, width: width, height: height)
        compare = CompareSession(a: a, nameA: fileName, b: b, nameB: otherName, ignores: ignores)
    }

    /// True while there is background work for idle moments: replay checkpoints to fill
    /// (unless the worker is replaying, filling them on its way).
    public var hasIdleWork: Bool { ui.seeking == nil && (compare?.hasIdleWork ?? session.hasIdleWork) }

    /// True while playback runs, in the single view or the split view.
    public var isPlaying: Bool { compare?.isPlaying ?? session.playhead.isPlaying }

    /// A data error found while the UI runs: the app ends and prints it.
    public var failure: TraceError? { session.failure }

    /// Changes the session; when its position moved, the UI follows it (changes revealed,
    /// scroll reset). Every change of the session goes through here.
    mutating func withSession<R>(_ change: (inout TraceSession) -> R) -> R {
        let before = session.position
        let shownBefore = session.event?.index
        let result = change(&session)
        if session.position != before || session.event?.index != shownBefore { ui.follow(session) }
        return result
    }

    /// The effects queued while a message was handled, with a far seek cancelled if the
    /// playhead moved meanwhile: what `update` hands over besides its own.
    mutating func takeQueuedEffects() -> [Effect] {
        dropMovedSeek()
        defer { queuedEffects = [] }
        return queuedEffects
    }

    /// The model with the playhead moved to `position`, as `render --at` shows it.
    public func moved(to position: Int) -> Model {
        var model = self
        _ = model.withSession { $0.seek(to: position) }
        return model
    }
}
