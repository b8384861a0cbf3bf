import ReplayCore

/// The state at the playhead as a foldable tree; the values the current event changed are
/// highlighted, and the nodes above them marked.
enum StateView {
    static func draw(_ model: Model, in rect: Rect, on canvas: inout Canvas) {
        let title = model.playhead.currentEvent.map { "State at #\($0)" } ?? "State at start"
        PaneTitle.draw(title, focused: model.focus == .state, in: rect, on: &canvas)
        let content = PaneTitle.content(of: rect)
        let rows = StateTree.rows(of: model.state, expanded: model.expanded, syntax: model.syntax)
        guard !rows.isEmpty else {
            canvas.put("  (empty)", x: content.x, y: content.y, style: Style(.dim))
            return
        }
        var changed: [JSONPointer: StateChange.Op] = [:]
        for change in model.changes { changed[change.path] = change.op }
        let cursor = StateTree.index(of: model.stateCursor, in: rows)
        let anchor = model.focus == .state ? cursor : rows.firstIndex { changed[$0.path] != nil } ?? cursor
        let first = max(min(anchor - content.height / 3, rows.count - content.height), 0)
        for (offset, row) in rows[first..<min(first + content.height, rows.count)].enumerated() {
            let y = content.y + offset
            let isCursor = model.focus == .state && first + offset == cursor
            let op = changed[row.path]
            let role: Role = op == .add ? .added : op != nil ? .changed : .text
            let background: Role? = isCursor ? .selection : nil
            if isCursor { canvas.fill(Rect(x: content.x, y: y, width: content.width, height: 1), style: Style(background: .selection)) }
            let above = op == nil && model.changes.contains { $0.path.tokens.starts(with: row.path.tokens) && $0.path != row.path }
            var x = canvas.put(above ? "›" : " ", x: content.x, y: y, style: Style(.changed, background: background, bold: true))
            x = canvas.put(String(repeating: "  ", count: row.depth), x: x, y: y, style: Style(background: background))
            let marker = row.isContainer ? (row.isOpen ? "▾ " : "▸ ") : "  "
            x = canvas.put(marker, x: x, y: y, style: Style(.dim, background: background))
            if !row.label.isEmpty {
                x = canvas.put(row.label, x: x, y: y, style: Style(op == nil ? .accent : role, background: background, bold: op != nil), limit: content.maxX - x)
                x = canvas.put(row.separator, x: x, y: y, style: Style(.dim, background: background), limit: content.maxX - x)
            }
            let room = content.maxX - x
            guard room > 0 else { continue }
            let summary = StateTree.summary(row, limit: room * 2, syntax: model.syntax)
            let valueRole: Role = op != nil ? role : row.isContainer ? .dim : .text
            canvas.put(DisplayWidth.truncate(summary, to: room), x: x, y: y, style: Style(valueRole, background: background, bold: op != nil))
        }
    }
}
