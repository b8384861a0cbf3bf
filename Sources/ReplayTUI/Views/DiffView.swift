import ReplayCore

/// What the current event changed: `+` added, `-` removed, `~` old → new, by path.
enum DiffView {
    /// What the changes pane shows.
    struct Content {
        /// The event whose changes these are, nil at the start.
        var current: Int?
        var changes: [StateChange]
        var scroll: Int
        var syntax: ValueSyntax
        var focused: Bool

        init(_ session: TraceSession, _ ui: UIState) {
            current = session.playhead.currentEvent
            changes = session.changes
            scroll = ui.diffScroll
            syntax = session.syntax
            focused = ui.focus == .diff
        }
    }

    static func draw(_ content: Content, in rect: Rect, on canvas: inout Canvas) {
        let title = content.current.map { "Changes by #\($0)  \(content.changes.count)" } ?? "Changes"
        PaneTitle.draw(title, focused: content.focused, in: rect, on: &canvas)
        let body = PaneTitle.content(of: rect)
        guard content.current != nil else {
            canvas.put("  the initial state: step forward (→) to see changes", x: body.x, y: body.y, style: Style(.dim), limit: body.width)
            return
        }
        guard !content.changes.isEmpty else {
            canvas.put("  no changes: this event left the state as it was", x: body.x, y: body.y, style: Style(.dim), limit: body.width)
            return
        }
        let first = min(content.scroll, max(content.changes.count - 1, 0))
        for (offset, change) in content.changes[first...].prefix(body.height).enumerated() {
            draw(change, x: body.x, y: body.y + offset, width: body.width, syntax: content.syntax, on: &canvas)
        }
    }

    static func draw(_ change: StateChange, x: Int, y: Int, width: Int, syntax: ValueSyntax, on canvas: inout Canvas) {
        let path = change.path.tokens.isEmpty ? "(root)" : change.path.description
        let (sign, role): (String, Role) = switch change.op {
        case .add: ("+", .added)
        case .remove: ("-", .removed)
        case .replace: ("~", .changed)
        }
        let end = x + width
        var column = canvas.put(" \(sign) ", x: x, y: y, style: Style(role, bold: true), limit: width)
        column = canvas.put(path, x: column, y: y, style: Style(role, bold: true), limit: end - column)
        func value(_ value: JSONValue?, _ style: Style) {
            guard let value, end - column > 1 else { return }
            column = canvas.put(" ", x: column, y: y, limit: end - column)
            let room = end - column
            column = canvas.put(DisplayWidth.truncate(syntax.preview(value, limit: room * 2), to: room), x: column, y: y, style: style)
        }
        switch change.op {
        case .add: value(change.new, Style(.added))
        case .remove: value(change.old, Style(.removed))
        case .replace:
            value(change.old, Style(.removed))
            if end - column > 3 { column = canvas.put(" →", x: column, y: y, style: Style(.dim)) }
            value(change.new, Style(.added))
        }
    }
}
