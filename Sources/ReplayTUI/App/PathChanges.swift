import ReplayCore

/// `<`, `>` and `H`: the changes of the value at the selected state node, answered from its
/// history (``PathHistory``), which the worker works out once per path.
extension Model {
    /// `<` / `>`: to the previous / next event that changed the value at the selected node.
    mutating func jumpToChange(forward: Bool) -> [Effect] {
        let path = selectedStatePath
        guard let changes = session.histories[path] else {
            let step = forward ? 1 : -1
            // Pressed again while the history is being found: one more step once it is.
            if let pending = ui.pendingJump, pending.path == path, ui.job?.label == Job(id: 0, work: .history(path)).label {
                ui.pendingJump = (path, pending.steps + step)
                return []
            }
            ui.pendingJump = (path, step)
            return start(.history(path))
        }
        jump(among: changes, of: path, forward: forward)
        return []
    }

    /// `H`: the history overlay for the selected node, filled in by the worker unless known.
    mutating func showHistory() -> [Effect] {
        let path = selectedStatePath
        if let changes = session.histories[path] {
            ui.overlay = .history(HistoryPanel(path: path, changes: changes, complete: true))
            return []
        }
        ui.overlay = .history(HistoryPanel(path: path, changes: [], complete: false))
        return start(.history(path))
    }

    /// Rows of a history as the worker finds them, or the whole of it (`complete`).
    mutating func takeHistory(of path: JSONPointer, _ changes: [PathChange], complete: Bool, covering count: Int) {
        if complete { withSession { $0.remember(changes, of: path, covering: count) } }
        if case .history(var panel)? = ui.overlay, panel.path == path {
            panel.changes = complete ? changes : panel.changes + changes
            panel.complete = complete
            ui.overlay = .history(panel)
        }
        if complete, let pending = ui.pendingJump, pending.path == path {
            ui.pendingJump = nil
            for _ in 0..<abs(pending.steps) { jump(among: changes, of: path, forward: pending.steps > 0) }
        }
    }

    private mutating func jump(among changes: [PathChange], of path: JSONPointer, forward: Bool) {
        let current = session.playhead.currentEvent ?? -1
        let target = forward ? changes.first { $0.index > current } : changes.last { $0.index < current }
        guard let target else {
            ui.message = "no \(forward ? "later" : "earlier") change of \(path.shown)"
            return
        }
        move(to: target.index + 1)
        // The tree keeps the node selected, wherever the state now puts it.
        ui.stateCursor = path
        ui.reveal(path)
        let number = changes.firstIndex(of: target).map { $0 + 1 } ?? 0
        ui.message = "\(path.shown) changed by #\(target.index) (change \(number) of \(changes.count))"
    }

    /// Keys while `H` is open: ↑↓ (k j), PgUp PgDn select, Enter goes to the event, Esc
    /// stops the search and closes, q or H close.
    mutating func handleHistory(_ key: Key, panel: HistoryPanel) -> [Effect] {
        var panel = panel
        let last = max(panel.changes.count - 1, 0)
        switch key {
        case .up, .character("k"): panel.selected = max(panel.selected - 1, 0)
        case .down, .character("j"): panel.selected = min(panel.selected + 1, last)
        case .pageUp: panel.selected = max(panel.selected - 10, 0)
        case .pageDown: panel.selected = min(panel.selected + 10, last)
        case .home: panel.selected = 0
        case .end: panel.selected = last
        case .enter:
            ui.overlay = nil
            guard panel.changes.indices.contains(panel.selected) else { return [] }
            move(to: panel.changes[panel.selected].index + 1)
            ui.stateCursor = panel.path
            ui.reveal(panel.path)
            return []
        case .escape, .interrupt:
            ui.overlay = nil
            return panel.complete ? [] : cancelJob()
        case .character("q"), .character("H"):
            ui.overlay = nil
            return []
        default:
            return []
        }
        ui.overlay = .history(panel)
        return []
    }
}
