import ReplayCore

/// The app's one state transition: the model after `msg`. Pure apart from the replayer's
/// memo of states it has computed.
public func update(_ model: Model, _ msg: Msg) -> Model {
    var model = model
    switch msg {
    case .key(let key):
        model.handle(key)
    case .mouse(let event):
        model.handle(event)
    case .tick(let milliseconds):
        guard model.playhead.isPlaying else { break }
        let before = model.playhead.position
        model.playhead.advance(byMilliseconds: milliseconds, in: model.trace)
        if model.playhead.position != before { model.refresh() }
        if !model.playhead.isPlaying, let stop = model.playhead.stop {
            model.message = model.describe(stop)
        }
    case .resize(let width, let height):
        model.width = width
        model.height = height
        model.refreshTimeline()
    case .idle:
        model.fillCheckpoints()
    }
    return model
}

extension Model {
    /// The model as it opens: at the start, the first state computed.
    public static func opening(_ trace: Trace, fileName: String, width: Int, height: Int) -> Model {
        var model = Model(trace: trace, fileName: fileName, width: width, height: height)
        model.refresh()
        return model
    }

    mutating func handle(_ key: Key) {
        if let prompt {
            return handle(key, in: prompt)
        }
        if showsHelp {
            showsHelp = false
            if key == .character("q") || key == .interrupt { quits = true }
            return
        }
        message = nil
        if focus == .state, let action = stateAction(for: key) {
            return perform(action)
        }
        guard let action = KeyMap.action(for: key) else {
            message = "no key \(describe(key)); press ? for help"
            return
        }
        perform(action)
    }

    /// In the state pane, ← and → fold and unfold instead of stepping.
    private func stateAction(for key: Key) -> Action? {
        switch key {
        case .left: .close
        case .right: .open
        default: nil
        }
    }

    mutating func perform(_ action: Action) {
        switch action {
        case .stepBack: move(to: playhead.position - 1)
        case .stepForward: move(to: playhead.position + 1)
        case .back10: move(to: playhead.position - 10)
        case .forward10: move(to: playhead.position + 10)
        case .start: move(to: 0)
        case .end: move(to: trace.count)
        case .togglePlay:
            playhead.togglePlaying()
            if playhead.isPlaying, playhead.position == 0 { refresh() }
        case .faster: playhead.faster()
        case .slower: playhead.slower()
        case .stepOnce:
            playhead.pause()
            move(to: playhead.position + 1)
        case .toggleRealTime:
            playhead.realTime.toggle()
            message = playhead.realTime ? "real-time playback: recorded gaps (idle gaps cut to 1 s)" : "fixed-rate playback: 10 events a second at 1x"
        case .toggleStopOnErrors:
            playhead.stopsOnErrors.toggle()
            message = playhead.stopsOnErrors ? "playing stops on every error event" : "playing runs through errors (still stops on the crash)"
        case .jumpToCrash:
            guard let crash = trace.crash else { message = "this trace has no crash"; return }
            move(to: crash.index + 1)
        case .nextError:
            guard let next = overview.errors.first(where: { $0 > (playhead.currentEvent ?? -1) }) else {
                message = overview.errors.isEmpty ? "no errors in this trace" : "no more errors after this event"
                return
            }
            move(to: next + 1)
        case .previousError:
            guard let previous = overview.errors.last(where: { $0 < (playhead.currentEvent ?? 0) }) else {
                message = overview.errors.isEmpty ? "no errors in this trace" : "no errors before this event"
                return
            }
            move(to: previous + 1)
        case .goTo: prompt = .goTo("")
        case .search: prompt = .search("")
        case .nextMatch, .previousMatch:
            guard let lastSearch else { message = "no search yet: press / to search"; return }
            find(lastSearch, forward: action == .nextMatch)
        case .toggleBreakpoint: toggleBreakpoint()
        case .nextPane: focus = Pane(rawValue: (focus.rawValue + 1) % Pane.allCases.count)!
        case .previousPane: focus = Pane(rawValue: (focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        case .scrollUp: scroll(by: -1)
        case .scrollDown: scroll(by: 1)
        case .open: setOpen(true)
        case .close: setOpen(false)
        case .help: showsHelp = true
        case .quit: quits = true
        }
    }

    /// Moves the playhead (pausing playback) and recomputes what is shown.
    mutating func move(to position: Int) {
        playhead.pause()
        let clamped = min(max(position, 0), trace.count)
        guard clamped != playhead.position || event == nil && clamped > 0 else {
            message = clamped == 0 ? "already at the start" : "already at the last event"
            return
        }
        playhead.seek(to: clamped)
        refresh()
    }

    private mutating func toggleBreakpoint() {
        guard let name = event?.name else {
            message = playhead.position == 0 ? "no event at the start: step to one first" : "this event has no name to break on"
            return
        }
        if playhead.breakpoints.remove(name) == nil {
            playhead.breakpoints.insert(name)
            message = "breakpoint on \(name): playing stops at every \(name)"
        } else {
            message = "breakpoint on \(name) removed"
        }
        refreshTimeline()
    }

    private mutating func scroll(by rows: Int) {
        switch focus {
        case .events: move(to: playhead.position + rows)
        case .state:
            let tree = StateTree.rows(of: state, expanded: expanded, syntax: syntax)
            guard !tree.isEmpty else { return }
            let next = min(max(StateTree.index(of: stateCursor, in: tree) + rows, 0), tree.count - 1)
            stateCursor = tree[next].path
        case .diff: diffScroll = max(diffScroll + rows, 0)
        case .detail: detailScroll = max(detailScroll + rows, 0)
        }
    }

    /// Opens or closes the state node under the cursor; closing a closed node moves to its parent.
    private mutating func setOpen(_ open: Bool) {
        guard focus == .state else {
            if !open { return }
            focus = .state
            return
        }
        let tree = StateTree.rows(of: state, expanded: expanded, syntax: syntax)
        guard !tree.isEmpty else { return }
        let row = tree[StateTree.index(of: stateCursor, in: tree)]
        stateCursor = row.path
        if open {
            guard row.isContainer else { return }
            expanded.insert(row.path)
        } else if row.isOpen {
            expanded.remove(row.path)
        } else if let parent = row.path.parent, parent != .root {
            stateCursor = parent
        }
    }

    private mutating func handle(_ key: Key, in prompt: Prompt) {
        switch (key, prompt) {
        case (.escape, _), (.interrupt, _):
            self.prompt = nil
        case (.character("g"), .goTo("")):
            self.prompt = nil
            move(to: 0)
        case (.character(let character), .goTo(let text)) where character.isNumber || character == "#":
            self.prompt = .goTo(text + String(character))
        case (.character(let character), .search(let text)):
            self.prompt = .search(text + String(character))
        case (.backspace, .goTo(let text)):
            self.prompt = .goTo(String(text.dropLast()))
        case (.backspace, .search(let text)):
            self.prompt = .search(String(text.dropLast()))
        case (.enter, .goTo(let text)):
            self.prompt = nil
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard let index = Int(digits), index < trace.count else {
                message = trace.count == 0 ? "this trace has no events" : "go to: enter an event number from 0 to \(trace.count - 1)"
                return
            }
            move(to: index + 1)
        case (.enter, .search(let text)):
            self.prompt = nil
            guard !text.isEmpty else { return }
            lastSearch = text
            find(text, forward: true)
        default:
            break
        }
    }

    /// Moves to the next (or previous) event whose name, kind, payload or error contains
    /// `text`, ignoring case, wrapping around the trace.
    private mutating func find(_ text: String, forward: Bool) {
        let search = EventSearch(text, syntax: syntax)
        let count = trace.count
        guard count > 0 else { message = "no events to search"; return }
        let current = playhead.currentEvent ?? (forward ? -1 : count)
        for step in 1...count {
            let index = ((current + (forward ? step : -step)) % count + count) % count
            guard let candidate = try? trace.events.event(index), search.matches(candidate) else { continue }
            move(to: index + 1)
            let wrapped = forward ? index <= current : index >= current
            message = "/\(text): #\(index)" + (wrapped ? " (search wrapped)" : "")
            return
        }
        message = "/\(text): no match"
    }

    mutating func handle(_ event: MouseEvent) {
        guard let layout = Layout(width: width, height: height) else { return }
        switch event {
        case .click(let x, let y):
            if layout.timeline.contains(x: x, y: y) || layout.density.contains(x: x, y: y) {
                move(to: TimelineColumns.position(atColumn: x, count: trace.count, width: width))
            } else if let pane = layout.pane(atX: x, y: y) {
                focus = pane
                if pane == .events { clickEventRow(y - layout.events.y - 1, layout: layout) }
            }
        case .wheelUp(let x, let y), .wheelDown(let x, let y):
            guard let pane = layout.pane(atX: x, y: y) else { return }
            let previous = focus
            focus = pane
            scroll(by: event == .wheelUp(x: x, y: y) ? -3 : 3)
            focus = previous
        }
    }

    private mutating func clickEventRow(_ row: Int, layout: Layout) {
        guard row >= 0 else { return }
        let window = EventListWindow(current: playhead.currentEvent, count: trace.count, rows: layout.contentHeight(of: .events))
        let index = window.first + row
        guard index < window.end else { return }
        move(to: index + 1)
    }

    /// The status line for a stop.
    func describe(_ stop: Playhead.Stop) -> String {
        switch stop {
        case .crash(let index):
            let reason = trace.crash?.reason.map { ": \($0)" } ?? ""
            return "stopped on the crash at #\(index)\(reason)"
        case .breakpoint(let index, let name): return "stopped at breakpoint \(name) (#\(index))"
        case .error(let index): return "stopped on error #\(index)"
        case .end: return "reached the last event"
        }
    }

    private func describe(_ key: Key) -> String {
        if case .character(let character) = key { return "'\(character)'" }
        return "\(key)"
    }
}

extension Model {
    /// The model with the playhead moved to `position`, as `render --at` shows it.
    public func moved(to position: Int) -> Model {
        var model = self
        model.move(to: position)
        model.message = nil
        return model
    }
}
