import ReplayCore

/// What the current event changed: `+` added, `-` removed, `~` old → new, by path.
enum DiffView {
    /// What the changes pane shows.
    struct Content {
        /// The event whose changes these are, nil at the start.
        var current: Int?
        var changes: [StateChange]
        /// The marked position, when the pane shows the changes from it to the playhead.
        var mark: Int?
        var position: Int
        var scroll: Int
        var syntax: ValueSyntax
        var focused: Bool

        init(_ session: TraceSession, _ ui: UIState) {
            current = session.playhead.currentEvent
            position = session.position
            changes = session.changesSinceMark ?? session.changes
            mark = session.changesSinceMark == nil ? nil : session.mark
            scroll = ui.diffScroll
            syntax = session.syntax
            focused = ui.focus == .diff
        }
    }

    static func draw(_ content: Content, in rect: Rect, on canvas: inout Canvas) {
        if let mark = content.mark {
            let title = "Changes from the mark \(Format.position(mark)) to \(Format.position(content.position))  \(content.changes.count.counted("change"))"
            PaneTitle.draw(title, focused: content.focused, in: rect, on: &canvas)
            guard !content.changes.isEmpty else {
                let body = PaneTitle.content(of: rect)
                canvas.put("  the same state at both", x: body.x, y: body.y, style: Style(.dim), limit: body.width)
                return
            }
            return draw(content.changes, scroll: content.scroll, syntax: content.syntax, in: PaneTitle.content(of: rect), on: &canvas)
        }
        let count = content.changes.count.counted("change")
        let title = content.current.map { "Changes by #\($0)  \(count)" } ?? "Changes"
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
        draw(content.changes, scroll: content.scroll, syntax: content.syntax, in: body, on: &canvas)
    }

    /// The changes from the `scroll`th on, one a row.
    static func draw(_ changes: [StateChange], scroll: Int, syntax: ValueSyntax, in body: Rect, on canvas: inout Canvas) {
        let first = min(scroll, max(changes.count - 1, 0))
        for (offset, change) in changes[first...].prefix(body.height).enumerated() {
            draw(change, x: body.x, y: body.y + offset, width: body.width, syntax: syntax, on: &canvas)
        }
    }

    static func draw(_ change: StateChange, x: Int, y: Int, width: Int, syntax: ValueSyntax, on canvas: inout Canvas) {
        let path = change.path.shown
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
