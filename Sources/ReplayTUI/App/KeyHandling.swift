import ReplayCore

extension Model {
    /// A key press: typed into the prompt, closing the help, or the action it is bound to.
    mutating func handle(_ key: Key) -> [Effect] {
        if let prompt = ui.prompt {
            return handle(key, in: prompt)
        }
        switch ui.overlay {
        case .help(let scroll)?:
            switch key {
            case .down, .character("j"): ui.overlay = .help(scroll: scroll + 1)
            case .up, .character("k"): ui.overlay = .help(scroll: max(scroll - 1, 0))
            case .pageDown: ui.overlay = .help(scroll: scroll + 10)
            case .pageUp: ui.overlay = .help(scroll: max(scroll - 10, 0))
            default:
                ui.overlay = nil
                if key == .character("q") || key == .interrupt { ui.quits = true }
            }
            return []
        case .stops(let selected)?:
            handleStopsList(key, selected: selected)
            return []
        case .history(let panel)?:
            return handleHistory(key, panel: panel)
        case .text(let panel)?:
            handleTextPanel(key, panel: panel)
            return []
        case nil:
            break
        }
        ui.message = nil
        // Behind "terminal too small" only quitting (and a resize) acts: nothing else is seen.
        guard Layout.fits(width: ui.width, height: ui.height) else {
            if key == .character("q") || key == .interrupt { ui.quits = true }
            return []
        }
        if ui.focus == .state, let action = stateAction(for: key) {
            return perform(action)
        }
        guard let action = KeyMap.action(for: key) else {
            ui.message = "no key \(describe(key)); press ? for help"
            return []
        }
        return perform(action)
    }

    /// In the state pane, ← and → fold and unfold instead of stepping, and PgUp, PgDn,
    /// Home and End move through the tree a page (or all the way) at a time.
    private func stateAction(for key: Key) -> Action? {
        switch key {
        case .left: .close
        case .right: .open
        case .pageUp: .treePage(-1)
        case .pageDown: .treePage(1)
        case .home: .treePage(-Int.max / 2)
        case .end: .treePage(Int.max / 2)
        default: nil
        }
    }

    mutating func perform(_ action: Action) -> [Effect] {
        let position = session.position
        switch action {
        case .stepBack: step(forward: false)
        case .stepForward: step(forward: true)
        case .back10: move(to: position - 10)
        case .forward10: move(to: position + 10)
        case .start: move(to: 0)
        case .end where ui.indexing != nil: moveToEndWhileIndexing()
        case .end: move(to: session.trace.count)
        case .togglePlay: withSession { $0.togglePlaying() }
        case .faster:
            withSession { $0.faster() }
            if session.playhead.speed == Playhead.speeds.last { ui.message = "\(Format.speed(session.playhead.speed)) is the fastest" }
        case .slower:
            withSession { $0.slower() }
            if session.playhead.speed == Playhead.speeds.first { ui.message = "\(Format.speed(session.playhead.speed)) is the slowest" }
        case .stepOnce: move(to: position + 1)
        case .toggleRealTime:
            let realTime = withSession { $0.toggleRealTime() }
            ui.message = realTime ? "real-time playback: recorded gaps (idle gaps cut to 1 s)" : "fixed-rate playback: 10 events a second at 1x"
        case .toggleStopOnErrors:
            let stops = withSession { $0.toggleStopOnErrors() }
            ui.message = stops ? "playing stops on every error event" : "playing runs through errors (still stops on the crash)"
        case .jumpToCrash:
            if session.trace.crash == nil, ui.indexing != nil { waitForCrash(); break }
            guard let crash = session.trace.crash else { ui.message = "this trace has no crash"; break }
            move(to: crash.index + 1)
        case .nextError: jumpToError(after: true)
        case .previousError: jumpToError(after: false)
        case .goTo: ui.prompt = .goTo("")
        case .search: ui.prompt = ui.focus == .state ? .searchState("") : .search("")
        case .nextMatch, .previousMatch:
            if ui.focus == .state, let text = ui.lastStateSearch {
                searchState(text, forward: action == .nextMatch)
                break
            }
            guard let text = ui.lastSearch else { ui.message = "no search yet: press / to search"; break }
            return search(text, forward: action == .nextMatch)
        case .cancelJob:
            // Esc stops the replay under way, else the span tree's build, else the job, else
            // leaves the zoom, else clears the filter.
            if ui.seeking != nil { cancelSeek(); break }
            if ui.spanBuild?.opensPane == true { cancelSpanBuild(); break }
            if ui.job != nil { return cancelJob() }
            if ui.zoomed { ui.zoomed = false; break }
            if session.filter != nil { clearFilter() }
        case .zoom:
            ui.zoomed.toggle()
            ui.message = ui.zoomed ? "zoomed: \(ui.focus.title) fills the screen (Tab: the next pane; z or Esc: back)" : nil
        case .toggleBreakpoint: toggleBreakpoint()
        case .nextDivergence, .previousDivergence:
            ui.message = "x and X jump between divergences of two runs: open them side by side with replay-tui A B"
        case .setMark:
            withSession { $0.setMark() }
            ui.message = "marked \(Format.position(session.position)): M shows the changes from here, ' comes back"
        case .compareWithMark:
            guard let showing = withSession({ $0.toggleComparisonWithMark() }) else { ui.message = "no mark yet: m marks this position"; break }
            ui.diffScroll = 0
            ui.message = showing ? "changes pane: from the mark to here" : "changes pane: what this event changed"
        case .jumpToMark:
            guard let mark = session.mark else { ui.message = "no mark yet: m marks this position"; break }
            move(to: mark)
        case .nextPane, .previousPane:
            let panes = Layout.panes(showingSpans: ui.spanPane != nil)
            let index = panes.firstIndex(of: ui.focus) ?? 0
            ui.focus = panes[(index + (action == .nextPane ? 1 : panes.count - 1)) % panes.count]
        case .treePage(let pages):
            let page = max(visibleRows(of: .state) - 2, 1)
            scroll(by: pages.multipliedReportingOverflow(by: page).overflow ? pages.signum() * Int.max / 2 : pages * page)
        case .scrollUp: scroll(by: -1)
        case .scrollDown: scroll(by: 1)
        case .open: setOpen(true)
        case .close: setOpen(false)
        case .help: ui.overlay = .help(scroll: 0)
        case .toggleWatch:
            let path = selectedStatePath
            let watched = withSession { $0.toggleWatch(on: path) }
            ui.message = watched ? "watching \(path.shown): playing stops after any event that changes it" : "no longer watching \(path.shown)"
            // The timeline marks its changes once its history is known.
            if watched, session.histories[path] == nil { return start(.history(path)) }
        case .listStops: ui.overlay = .stops(selected: 0)
        case .conditionalBreakpoint: ui.prompt = .condition(ui.draftCondition ?? "")
        case .filter: ui.prompt = .filter(ui.draftFilter ?? session.filter?.query.text ?? "", skipsHidden: session.filter?.skipsHidden ?? false)
        case .toggleFollow: toggleFollowing()
        case .cycleLane: return cycleLane()
        case .toggleSpans: toggleSpans()
        case .previousChange: return jumpToChange(forward: false)
        case .nextChange: return jumpToChange(forward: true)
        case .history: return showHistory()
        case .warnings:
            let warnings = session.warnings
            guard !warnings.isEmpty else { ui.message = "no loading warnings: the trace read cleanly"; break }
            ui.overlay = .text(TextPanel(title: "Loading warnings: \(warnings.count)", lines: warnings))
        case .quit: ui.quits = true
        }
        return []
    }

    /// The state node the cursor shows as selected (``StateTree/selectedPath(_:in:)``).
    var selectedStatePath: JSONPointer {
        StateTree.selectedPath(ui.stateCursor, in: StateTree.rows(of: session.state, expanded: ui.expanded, syntax: session.syntax))
    }

    /// `e` / `E`: the next error after the current event, or the previous one before it.
    private mutating func jumpToError(after: Bool) {
        let errors = session.overview.errors
        let current = session.playhead.currentEvent
        let target = after ? errors.first { $0 > (current ?? -1) } : errors.last { $0 < (current ?? 0) }
        guard let target else {
            ui.message = errors.isEmpty ? "no errors in this trace" : after ? "no more errors after this event" : "no errors before this event"
            return
        }
        move(to: target + 1)
    }

    private mutating func toggleBreakpoint() {
        guard let name = session.event?.name else {
            ui.message = session.position == 0 ? "no event at the start: step to one first" : "this event has no name to break on"
            return
        }
        let added = withSession { $0.toggleBreakpoint(on: name) }
        ui.message = added ? "breakpoint on \(name): playing stops at every \(name)" : "breakpoint on \(name) removed"
    }

    mutating func scroll(by rows: Int) {
        switch ui.focus {
        case .events where abs(rows) == 1: step(forward: rows > 0)
        case .events: move(to: session.position + rows)
        case .state:
            let tree = StateTree.rows(of: session.state, expanded: ui.expanded, syntax: session.syntax)
            guard !tree.isEmpty else { return }
            let next = min(max(StateTree.index(of: ui.stateCursor, in: tree) + rows, 0), tree.count - 1)
            ui.stateCursor = tree[next].path
        case .diff:
            let changes = (session.changesSinceMark ?? session.changes).count
            ui.diffScroll = min(max(ui.diffScroll + rows, 0), max(changes - visibleRows(of: .diff), 0))
        case .spans: moveSpanCursor(by: rows)
        case .detail:
            // Wrapped once: the layout sizes the pane by the same count.
            let lines = DetailView.Content(session, ui).lines(width: ui.width).count
            let visible = Layout(self, eventLines: lines)?.contentHeight(of: .detail) ?? 1
            ui.detailScroll = min(max(ui.detailScroll + rows, 0), max(lines - visible, 0))
        }
    }

    /// The rows a pane shows its content in, at the current size.
    private func visibleRows(of pane: Pane) -> Int {
        Layout(self)?.contentHeight(of: pane) ?? 1
    }

    /// Opens or closes the state node under the cursor; closing a closed node moves to its parent.
    private mutating func setOpen(_ open: Bool) {
        if ui.focus == .spans {
            if open { goToSelectedSpan() }
            return
        }
        guard ui.focus == .state else {
            if open { ui.focus = .state }
            return
        }
        let tree = StateTree.rows(of: session.state, expanded: ui.expanded, syntax: session.syntax)
        guard !tree.isEmpty else { return }
        let row = tree[StateTree.index(of: ui.stateCursor, in: tree)]
        ui.stateCursor = row.path
        if open {
            guard row.isContainer else { return showValue(at: row.path) }
            ui.expanded.insert(row.path)
        } else if row.isOpen {
            ui.expanded.remove(row.path)
        } else if let parent = row.path.parent, parent != .root {
            ui.stateCursor = parent
        }
    }

    /// Typing into a prompt: Enter acts on the text, Esc cancels, Backspace edits; go-to
    /// takes digits (and `g` at once goes to the start).
    private mutating func handle(_ key: Key, in prompt: Prompt) -> [Effect] {
        switch (key, prompt) {
        case (.escape, _), (.interrupt, _):
            ui.prompt = nil
        case (.character("g"), .goTo("")):
            ui.prompt = nil
            move(to: 0)
        case (.character(let character), .goTo(let text)):
            if character.isNumber || character == "#" { ui.prompt = .goTo(text + String(character)) }
        case (.tab, .filter(let text, let skipsHidden)):
            ui.prompt = .filter(text, skipsHidden: !skipsHidden)
        case (.character(let character), _):
            ui.prompt = prompt.with(prompt.text + String(character))
        case (.backspace, _):
            ui.prompt = prompt.with(String(prompt.text.dropLast()))
        case (.enter, _):
            ui.prompt = nil
            return enter(prompt)
        default:
            break
        }
        return []
    }

    /// Enter in a prompt.
    private mutating func enter(_ prompt: Prompt) -> [Effect] {
        let text = prompt.text
        switch prompt {
        case .goTo:
            let count = session.trace.count
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard let index = Int(digits), index < count else {
                ui.message = count == 0 ? "this trace has no events" : "go to: enter an event number from 0 to \(count - 1)"
                return []
            }
            move(to: index + 1)
        case .search:
            guard !text.isEmpty else { return [] }
            ui.lastSearch = text
            return search(text, forward: true, recount: true)
        case .searchState:
            guard !text.isEmpty else { return [] }
            ui.lastStateSearch = text
            searchState(text, forward: true)
        case .condition:
            guard !text.isEmpty else { return [] }
            return addCondition(text)
        case .filter(_, let skipsHidden):
            guard !text.isEmpty else {
                if session.filter != nil { clearFilter() }
                return []
            }
            return filterEvents(text, skipsHidden: skipsHidden)
        }
        return []
    }

    func describe(_ key: Key) -> String {
        if case .character(let character) = key { return "'\(character)'" }
        return "\(key)"
    }
}
