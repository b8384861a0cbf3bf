import ReplayCore

/// What the current event changed: `+` added, `-` removed, `~` old → new, by path.
enum DiffView {
    static func draw(_ model: Model, in rect: Rect, on canvas: inout Canvas) {
        let title = model.playhead.currentEvent.map { "Changes by #\($0)  \(model.changes.count)" } ?? "Changes"
        PaneTitle.draw(title, focused: model.focus == .diff, in: rect, on: &canvas)
        let content = PaneTitle.content(of: rect)
        guard model.playhead.currentEvent != nil else {
            canvas.put("  the initial state: step forward (→) to see changes", x: content.x, y: content.y, style: Style(.dim), limit: content.width)
            return
        }
        guard !model.changes.isEmpty else {
            canvas.put("  no changes: this event left the state as it was", x: content.x, y: content.y, style: Style(.dim), limit: content.width)
            return
        }
        let first = min(model.diffScroll, max(model.changes.count - 1, 0))
        for (offset, change) in model.changes[first...].prefix(content.height).enumerated() {
            draw(change, x: content.x, y: content.y + offset, width: content.width, syntax: model.syntax, on: &canvas)
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
