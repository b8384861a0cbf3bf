import ReplayCore

/// The state at the playhead as a foldable tree; the values the current event changed are
/// highlighted, and the nodes above them marked.
enum StateView {
    /// What the state pane shows.
    struct Content {
        /// The event the state is after, nil at the start.
        var current: Int?
        var state: JSONValue
        var changes: [StateChange]
        var expanded: Set<JSONPointer>
        var cursor: JSONPointer
        var syntax: ValueSyntax
        var focused: Bool

        init(_ session: TraceSession, _ ui: UIState) {
            current = session.playhead.currentEvent
            state = session.state
            changes = session.changes
            expanded = ui.expanded
            cursor = ui.stateCursor
            syntax = session.syntax
            focused = ui.focus == .state
        }
    }

    static func draw(_ content: Content, in rect: Rect, on canvas: inout Canvas) {
        let title = content.current.map { "State at #\($0)" } ?? "State at start"
        PaneTitle.draw(title, focused: content.focused, in: rect, on: &canvas)
        let rows = StateTree.rows(of: content.state, expanded: content.expanded, syntax: content.syntax)
        var body = PaneTitle.content(of: rect)
        if content.focused, body.height > 1 {
            // The breadcrumb: the selected node's JSON Pointer, what history, blame and the
            // `<` `>` keys take.
            let selected = StateTree.selectedPath(content.cursor, in: rows)
            canvas.put(DisplayWidth.truncate(" " + selected.shown, to: body.width), x: body.x, y: body.y, style: Style(.accent))
            body = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        }
        guard !rows.isEmpty else {
            canvas.put("  (empty)", x: body.x, y: body.y, style: Style(.dim))
            return
        }
        var changed: [JSONPointer: StateChange.Op] = [:]
        for change in content.changes { changed[change.path] = change.op }
        let cursor = StateTree.index(of: content.cursor, in: rows)
        let anchor = content.focused ? cursor : rows.firstIndex { changed[$0.path] != nil } ?? cursor
        let first = max(min(anchor - body.height / 3, rows.count - body.height), 0)
        for (offset, row) in rows[first..<min(first + body.height, rows.count)].enumerated() {
            let y = body.y + offset
            let isCursor = content.focused && first + offset == cursor
            let op = changed[row.path]
            let role: Role = op == .add ? .added : op != nil ? .changed : .text
            let background: Role? = isCursor ? .selection : nil
            if isCursor { canvas.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: Style(background: .selection)) }
            let above = op == nil && content.changes.contains { $0.path.tokens.starts(with: row.path.tokens) && $0.path != row.path }
            var x = canvas.put(above ? "›" : " ", x: body.x, y: y, style: Style(.changed, background: background, bold: true))
            x = canvas.put(String(repeating: "  ", count: row.depth), x: x, y: y, style: Style(background: background))
            let marker = row.isContainer ? (row.isOpen ? "▾ " : "▸ ") : "  "
            x = canvas.put(marker, x: x, y: y, style: Style(.dim, background: background))
            if !row.label.isEmpty {
                x = canvas.put(row.label, x: x, y: y, style: Style(op == nil ? .accent : role, background: background, bold: op != nil), limit: body.maxX - x)
                x = canvas.put(row.separator, x: x, y: y, style: Style(.dim, background: background), limit: body.maxX - x)
            }
            let room = body.maxX - x
            guard room > 0 else { continue }
            let summary = StateTree.summary(row, limit: room * 2, syntax: content.syntax)
            let valueRole: Role = op != nil ? role : row.isContainer ? .dim : .text
            canvas.put(DisplayWidth.truncate(summary, to: room), x: x, y: y, style: Style(valueRole, background: background, bold: op != nil))
        }
    }
}
