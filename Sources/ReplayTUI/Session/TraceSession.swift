import ReplayCore

/// One loaded trace and where the debugger is in it: the trace, its replayer, the playhead,
/// and what the playhead shows (the state, the current event and what it changed), with the
/// facts drawn from the whole trace (overview, change weights, timeline columns).
///
/// Every move of the playhead goes through the session, which brings what it shows in line
/// at once: there is no way to move the playhead and leave a stale state on screen. Nothing
/// here knows about focus, prompts or scrolling (``UIState``), so two sessions can sit side
/// by side. A data error met while replaying is kept in ``failure`` and ends the app.
public struct TraceSession {
    public private(set) var trace: Trace
    /// The file's name as the header shows it.
    public let fileName: String
    /// Answers state questions; a memo, so the session stays a value in every other respect.
    private(set) var replayer: Replayer
    /// Where the replayer's checkpoints are saved once filled (``adopt(_:)``); nil when the
    /// trace is not cached or they are saved already.
    private var checkpointCache: IndexCache.Entry?
    public private(set) var overview: TraceOverview
    /// How the views write values: Elixir for Replayx traces, JSON for the others.
    public let syntax: ValueSyntax
    /// How the views write times: the unit and the decimals this trace needs.
    public private(set) var timeScale: TimeScale
    /// What loading warned about (a cut-off recording), located like errors.
    public private(set) var warnings: [String]
    /// How much each event changed the state, weighed once as the trace opens.
    private(set) var changeWeights: ChangeWeights

    public private(set) var playhead: Playhead
    /// The state at the playhead, the current event, and what it changed.
    public private(set) var state: JSONValue
    public private(set) var event: Event?
    public private(set) var changes: [StateChange] = []
    /// Per-column facts for the timeline at the last width asked for (``layOutTimeline(width:)``).
    public private(set) var timeline: TimelineColumns
    /// The timeline's rows per lane, when the trace has several and the screen has room.
    public private(set) var lanes: LaneTimeline?
    /// How many lane rows the screen has room for (set with the timeline's width).
    private var laneRows = 0
    /// A data error found while replaying: the app ends and prints it.
    public private(set) var failure: TraceError?
    /// The trace's spans as trees, once the span pane asked for them and the worker built
    /// them (``take(_:)``); built again on the worker when the trace grows.
    public private(set) var spanTree: SpanTree?

    /// The waterfall of the trace the current event belongs to, once the span tree is
    /// built; nil for a trace without spans.
    public var spanWaterfall: SpanWaterfall? {
        spanTree?.waterfall(atEvent: playhead.currentEvent)
    }

    /// Shows `tree`, the worker's span tree of this trace (or of the trace before it grew);
    /// nil forgets a tree the trace has outgrown.
    public mutating func take(_ tree: SpanTree?) {
        spanTree = tree
    }

    /// Ends the session with a data error found outside it (the rest of the trace, indexed
    /// in the background, is broken).
    public mutating func fail(with error: TraceError) {
        failure = error
    }
    /// The position `m` marked, and, while `M` compares with it, how the state changed from
    /// the mark to the playhead.
    public private(set) var mark: Int?
    public private(set) var changesSinceMark: [StateChange]?
    /// Watched paths (`w`), in the order they were set: playing stops after an event that
    /// changes the value at one of them.
    public private(set) var watches: [JSONPointer] = []
    /// Every change of the value at a path, for the paths whose history the worker worked out
    /// (``PathHistory``): what `<`, `>`, `H` and the watch marks on the timeline read.
    public private(set) var histories: [JSONPointer: [PathChange]] = [:]
    /// Conditions (`B`): playing stops after an event at which one holds.
    public private(set) var conditions: [Query] = []
    /// The events after which each condition holds, by its text, once the worker has found
    /// them: the timeline marks them.
    public private(set) var conditionHits: [String: [Int]] = [:]
    /// The filter (`f`): the events the list shows; the others are dimmed on the timeline.
    public private(set) var filter: EventFilter?
    /// How many events each finding (the filter, a condition's hits, a value's history)
    /// covers, for those that cover fewer than the trace holds: a finding the worker made
    /// on a shorter trace, or a trace that grew by more than a slice at once (indexed in the
    /// background). Idle moments bring them up to date a slice at a time
    /// (``doIdleWork()``), so that no key waits for millions of events.
    private var lagging: [Finding: Int] = [:]

    /// What was found over the whole trace, by what it is found for.
    private enum Finding: Hashable {
        case filter
        case condition(String)
        case history(JSONPointer)
    }

    /// How many events idle work goes through at a time: about 10 ms.
    static let idleSlice = 16_384

    /// A session at the start of `trace`, its state computed, its timeline `width` columns wide.
    public init(trace: Trace, fileName: String, timelineWidth width: Int) {
        self.trace = trace
        self.fileName = fileName
        replayer = Replayer(trace: trace)
        overview = TraceOverview(trace)
        syntax = ValueSyntax(for: trace)
        timeScale = TimeScale(trace, duration: overview.durationMilliseconds)
        warnings = trace.warnings.map { $0.rendered(path: fileName) }
        changeWeights = ChangeWeights(trace, replayer: replayer)
        playhead = Playhead(count: trace.count)
        state = trace.initialState
        timeline = TimelineColumns(
            trace: trace, width: width, errors: overview.errors, breakpoints: [], watchHits: [], conditionHits: [], kept: nil, changeWeights: changeWeights)
        refresh()
    }

    /// Events applied: 0 is the start.
    public var position: Int { playhead.position }

    /// The crash, when the playhead is on it.
    public var crashHere: Crash? {
        guard let crash = trace.crash, playhead.currentEvent == crash.index else { return nil }
        return crash
    }

    // MARK: Moving

    /// Pauses and moves to `position` (clamped to the trace); false when that is where the
    /// playhead already is and the state is already shown.
    @discardableResult
    public mutating func seek(to position: Int) -> Bool {
        playhead.pause()
        let clamped = min(max(position, 0), trace.count)
        guard clamped != playhead.position || event == nil && clamped > 0 else { return false }
        playhead.seek(to: clamped)
        refresh()
        return true
    }

    /// The replay a seek to `position` needs, when it applies more than `threshold` events:
    /// to run on the worker (``take(_:)`` keeps what it passes). Nil when the seek is short,
    /// or when replay meets a data error before it starts (the seek itself reports it).
    public func farReplay(to position: Int, longerThan threshold: Int) -> FarReplay? {
        try? replayer.farReplay(to: min(max(position, 0), trace.count), longerThan: threshold)
    }

    /// Keeps the states a far replay passed, so that the seek it was for is short.
    public mutating func take(_ passed: FarReplay.Passed) {
        replayer.take(passed)
    }

    /// Plays `milliseconds` of wall-clock time; the stop, when playback stopped by itself.
    public mutating func advance(byMilliseconds milliseconds: Double) -> Playhead.Stop? {
        guard playhead.isPlaying else { return nil }
        let before = playhead.position
        let watches = watches, conditions = conditions, replayer = replayer, trace = trace
        playhead.advance(byMilliseconds: milliseconds, in: trace) { index in
            Self.watchStop(after: index, watching: watches, replayer: replayer)
                ?? Self.conditionStop(after: index, conditions: conditions, trace: trace, replayer: replayer)
        }
        if playhead.position != before { refresh() }
        return playhead.isPlaying ? nil : playhead.stop
    }

    public mutating func togglePlaying() {
        playhead.togglePlaying()
        // Playing from the end starts over.
        if playhead.isPlaying, playhead.position == 0 { refresh() }
    }

    public mutating func pause() { playhead.pause() }
    public mutating func faster() { playhead.faster() }
    public mutating func slower() { playhead.slower() }

    /// Switches between recorded gaps and a fixed rate; true when now in real time.
    public mutating func toggleRealTime() -> Bool {
        playhead.realTime.toggle()
        return playhead.realTime
    }

    /// Switches stopping on every error; true when now stopping.
    public mutating func toggleStopOnErrors() -> Bool {
        playhead.stopsOnErrors.toggle()
        return playhead.stopsOnErrors
    }

    /// Adds a breakpoint on event name `name`, or removes it; true when added.
    public mutating func toggleBreakpoint(on name: String) -> Bool {
        let added = playhead.breakpoints.remove(name) == nil
        if added { playhead.breakpoints.insert(name) }
        layOutTimeline(width: timeline.width)
        return added
    }

    /// Recomputes the timeline's columns for a track `width` columns wide, with room for
    /// `laneRows` rows of lanes.
    public mutating func layOutTimeline(width: Int, laneRows: Int) {
        self.laneRows = laneRows
        layOutTimeline(width: width)
    }

    /// Recomputes the timeline's columns for a track `width` columns wide.
    public mutating func layOutTimeline(width: Int) {
        lanes = LaneTimeline(trace: trace, lanes: overview.lanes.map(\.lane), width: width, rowCount: laneRows)
        let watchHits = Set(watches.flatMap { histories[$0]?.map(\.index) ?? [] })
        let conditionHits = Set(conditionHits.values.joined())
        timeline = TimelineColumns(
            trace: trace, width: width, errors: overview.errors, breakpoints: playhead.breakpoints, watchHits: watchHits, conditionHits: conditionHits,
            kept: filter?.kept, changeWeights: changeWeights)
    }

    // MARK: Growing

    /// The trace grew (it is being followed, or indexed in the background): `grown` holds the same events and more. The
    /// replayer keeps its checkpoints, the weights of the events already weighed stay, and
    /// the playhead stays where it is.
    public mutating func grow(to grown: Trace) {
        let before = trace.count
        trace = grown
        warnings = grown.warnings.map { $0.rendered(path: fileName) }
        replayer = replayer.extended(to: grown)
        overview = TraceOverview(grown)
        if before < TimeScale.sampled { timeScale = TimeScale(grown, duration: overview.durationMilliseconds) }
        changeWeights.grow(to: grown, replayer: replayer, from: before)
        playhead.extend(to: grown.count)
        for finding in findings where lagging[finding] == nil { lagging[finding] = before }
        // A few new events (following) are gone through at once; more wait for idle moments.
        if grown.count - before <= Self.idleSlice { catchUpFindings(slice: Self.idleSlice) }
        layOutTimeline(width: timeline.width)
    }

    /// Every finding there is.
    private var findings: [Finding] {
        (filter == nil ? [] : [.filter]) + conditionHits.keys.map(Finding.condition) + histories.keys.map(Finding.history)
    }

    /// True while a finding covers fewer events than the trace holds.
    public var findingsLag: Bool { !lagging.isEmpty }

    /// While findings lag: the share of the trace the one furthest behind covers (0...1).
    public var findingsCoverage: Double? {
        lagging.values.min().map { Double($0) / Double(max(trace.count, 1)) }
    }

    /// Takes each lagging finding forward by up to `slice` events (one `Query.search` pass
    /// for the filter or a condition, one fold for a history, each from the state before
    /// them); the timeline is laid out again once one is up to date.
    private mutating func catchUpFindings(slice: Int) {
        var caughtUp = false
        do throws(TraceError) {
            for (finding, from) in lagging {
                let range = from..<min(from + slice, trace.count)
                try extend(finding, over: range)
                lagging[finding] = range.upperBound < trace.count ? range.upperBound : nil
                caughtUp = caughtUp || range.upperBound == trace.count
            }
        } catch {
            failure = error
        }
        if caughtUp { layOutTimeline(width: timeline.width) }
    }

    /// Extends `finding` over the events in `range`, which follow those it covers.
    private mutating func extend(_ finding: Finding, over range: Range<Int>) throws(TraceError) {
        switch finding {
        case .filter:
            guard let filter else { return }
            var kept: [Int] = []
            try filter.query.search(trace, events: range, replayer: replayer) { kept.append($0); return true }
            self.filter = EventFilter(query: filter.query, kept: filter.kept + kept, skipsHidden: filter.skipsHidden)
        case .condition(let text):
            guard let condition = conditions.first(where: { $0.text == text }), conditionHits[text] != nil else { return }
            try condition.search(trace, events: range, replayer: replayer) { conditionHits[text, default: []].append($0); return true }
        case .history(let path):
            guard histories[path] != nil else { return }
            var state = try replayer.state(at: range.lowerBound)
            for index in range {
                let before = path.resolve(in: state)
                try trace.events.effect(index).apply(to: &state, event: index)
                let now = path.resolve(in: state)
                if !JSONValue.isSame(before, now) { histories[path, default: []].append(PathChange(index: index, old: before, new: now)) }
            }
        }
    }

    /// Notes that a finding the worker made covers the first `count` events only.
    private mutating func found(_ finding: Finding, covering count: Int) {
        lagging[finding] = count < trace.count ? count : nil
    }

    /// Follows the events from `first` on that just arrived, as playing would: to the last
    /// one, or to the first where playing would stop (the crash, a breakpoint, a watch, a
    /// condition). Returns the stop.
    public mutating func arrive(from first: Int) -> Playhead.Stop? {
        playhead.pause()
        let watches = watches, conditions = conditions, replayer = replayer, trace = trace
        let stop = playhead.arrive(from: first, in: trace) { index in
            Self.watchStop(after: index, watching: watches, replayer: replayer)
                ?? Self.conditionStop(after: index, conditions: conditions, trace: trace, replayer: replayer)
        }
        refresh()
        return stop
    }

    /// The trace was read again from its start (the file was truncated or replaced): a new
    /// session on it, keeping the breakpoints, watches and conditions set.
    public func restarted(on trace: Trace) -> TraceSession {
        var session = TraceSession(trace: trace, fileName: fileName, timelineWidth: timeline.width)
        session.playhead.breakpoints = playhead.breakpoints
        session.watches = watches
        session.conditions = conditions
        session.layOutTimeline(width: timeline.width)
        return session
    }

    // MARK: Watchpoints

    /// Watches the value at `path`, or stops watching it; true when now watched.
    public mutating func toggleWatch(on path: JSONPointer) -> Bool {
        if let index = watches.firstIndex(of: path) {
            watches.remove(at: index)
            if histories[path] != nil { layOutTimeline(width: timeline.width) }
            return false
        }
        watches.append(path)
        if histories[path] != nil { layOutTimeline(width: timeline.width) }
        return true
    }

    /// Keeps the whole history of the value at `path`; the timeline marks its changes if
    /// the path is watched.
    /// `covering` is how many events the worker went through (the trace may have grown since).
    public mutating func remember(_ changes: [PathChange], of path: JSONPointer, covering count: Int) {
        histories[path] = changes
        found(.history(path), covering: count)
        if watches.contains(path) { layOutTimeline(width: timeline.width) }
    }

    /// The first watched path whose value event `index` changed, as a stop. A data error
    /// is not a stop: the refresh after the move reports it.
    private static func watchStop(after index: Int, watching watches: [JSONPointer], replayer: Replayer) -> Playhead.Stop? {
        guard !watches.isEmpty, let before = try? replayer.state(at: index), let after = try? replayer.state(at: index + 1) else { return nil }
        return watches.first { !JSONValue.isSame($0.resolve(in: before), $0.resolve(in: after)) }.map { .watch(index, path: $0) }
    }

    // MARK: Conditions

    /// Adds a condition (one with the same text is replaced).
    public mutating func add(_ condition: Query) {
        conditions.removeAll { $0.text == condition.text }
        conditions.append(condition)
    }

    /// Removes the condition with this text.
    public mutating func removeCondition(_ text: String) {
        conditions.removeAll { $0.text == text }
        lagging[.condition(text)] = nil
        if conditionHits.removeValue(forKey: text) != nil { layOutTimeline(width: timeline.width) }
    }

    /// Keeps where a condition holds, for the timeline; `covering` is how many events the
    /// worker went through.
    public mutating func remember(hits: [Int], of condition: Query, covering count: Int) {
        guard conditions.contains(where: { $0.text == condition.text }) else { return }
        conditionHits[condition.text] = hits
        found(.condition(condition.text), covering: count)
        layOutTimeline(width: timeline.width)
    }

    /// The first condition that holds after event `index`, as a stop.
    private static func conditionStop(after index: Int, conditions: [Query], trace: Trace, replayer: Replayer) -> Playhead.Stop? {
        for condition in conditions {
            guard let context = try? QueryContext(for: condition, after: index, in: trace, replayer: replayer) else { continue }
            if condition.holds(context) { return .condition(index, expression: condition.text) }
        }
        return nil
    }

    // MARK: The filter

    /// Shows only the events `filter` keeps in the list.
    /// Shows only the events `filter` keeps in the list (all when nil); `covering` is how
    /// many events the worker went through to find them.
    public mutating func apply(_ filter: EventFilter?, covering count: Int) {
        self.filter = filter
        if filter == nil { lagging[.filter] = nil } else { found(.filter, covering: count) }
        layOutTimeline(width: timeline.width)
    }

    // MARK: The mark

    /// Marks the playhead's position.
    public mutating func setMark() {
        mark = playhead.position
        if changesSinceMark != nil { refresh() }
    }

    /// Starts or stops showing the changes from the mark to the playhead; nil when there is
    /// no mark, else true when now showing them.
    public mutating func toggleComparisonWithMark() -> Bool? {
        guard mark != nil else { return nil }
        if changesSinceMark == nil {
            changesSinceMark = []
            refresh()
        } else {
            changesSinceMark = nil
        }
        return changesSinceMark != nil
    }

    // MARK: Background work

    /// Takes the checkpoints the index cache saved for this trace; when it saved none,
    /// remembers where to save them once replay has filled them (``checkpointsToSave()``).
    /// Checkpoints some were saved for are not saved again here: that would read every
    /// saved state on the key loop (`state` and `diff` complete a partial set).
    public mutating func adopt(_ saved: SavedCheckpoints) {
        if let states = saved.states { replayer.restore(states) }
        checkpointCache = saved.states == nil ? saved.entry : nil
    }

    /// Once every checkpoint is filled, the checkpoints for the index cache, once: where they
    /// go and what they are.
    public mutating func checkpointsToSave() -> (entry: IndexCache.Entry, checkpoints: [Checkpoint])? {
        guard let entry = checkpointCache, replayer.isFullyCheckpointed else { return nil }
        checkpointCache = nil
        let checkpoints = replayer.filledCheckpoints
        return checkpoints.isEmpty ? nil : (entry, checkpoints)
    }

    /// True while findings lag behind the trace or the replayer has checkpoints to fill:
    /// work the run loop does between keys, so that the filter, conditions and histories
    /// cover the whole trace, and seeks anywhere become short, soon after the trace opens.
    public var hasIdleWork: Bool { failure == nil && (findingsLag || !replayer.isFullyCheckpointed) }

    /// About 10 ms of that work, short enough not to delay a key: the lagging findings first,
    /// then the next checkpoints.
    public mutating func doIdleWork() {
        if findingsLag { return catchUpFindings(slice: Self.idleSlice) }
        do throws(TraceError) {
            try replayer.fillCheckpoints(replayingAbout: Self.idleSlice)
        } catch {
            failure = error
        }
    }

    /// Brings the state, event and changes in line with the playhead.
    private mutating func refresh() {
        do throws(TraceError) {
            state = try replayer.state(at: playhead.position)
            if let index = playhead.currentEvent {
                event = try trace.events.event(index)
                changes = StateDiff.changes(from: try replayer.state(at: index), to: state)
            } else {
                event = nil
                changes = []
            }
            if changesSinceMark != nil, let mark {
                changesSinceMark = StateDiff.changes(from: try replayer.state(at: mark), to: state)
            }
        } catch {
            failure = error
        }
    }
}
