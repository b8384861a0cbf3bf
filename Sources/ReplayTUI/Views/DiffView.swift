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

    /// One change on a row: the sign, the path (cut from the left with `…` when the values
    /// would not fit, so the key that changed stays in view), then the values, old `→` new.
    static func draw(_ change: StateChange, x: Int, y: Int, width: Int, syntax: ValueSyntax, on canvas: inout Canvas) {
        let (sign, role): (String, Role) = switch change.op {
        case .add: ("+", .added)
        case .remove: ("-", .removed)
        case .replace: ("~", .changed)
        }
        let end = x + width
        let values: [(JSONValue, Style)] = switch change.op {
        case .add: change.new.map { [($0, Style(.added))] } ?? []
        case .remove: change.old.map { [($0, Style(.removed))] } ?? []
        case .replace: [change.old, change.new].compactMap { $0 }.enumerated().map { ($1, Style($0 == 0 ? .removed : .added)) }
        }
        let previews = values.map { syntax.preview($0.0, limit: width * 2) }
        // The values' own room: up to 12 columns each, and the arrow between two of them.
        let valueRoom = previews.map { min(DisplayWidth.of($0), 12) + 1 }.reduce(0, +) + (previews.count == 2 ? 2 : 0)
        var column = canvas.put(" \(sign) ", x: x, y: y, style: Style(role, bold: true), limit: width)
        let path = Self.leftCut(change.path.shown, to: max(end - column - valueRoom, min(DisplayWidth.of(change.path.shown), width / 2)))
        column = canvas.put(path, x: column, y: y, style: Style(role, bold: true), limit: end - column)
        for (offset, preview) in previews.enumerated() {
            if offset == 1 {
                guard end - column >= 4 else { break }
                column = canvas.put(" →", x: column, y: y, style: Style(.dim))
            }
            guard end - column > 1 else { break }
            column = canvas.put(" ", x: column, y: y, limit: end - column)
            // The old value leaves room for the new one.
            let room = offset == 0 && previews.count == 2 ? max((end - column - 2) / 2, 1) : end - column
            column = canvas.put(DisplayWidth.truncate(preview, to: room), x: column, y: y, style: values[offset].1)
        }
    }

    /// `text` in at most `columns` columns, cut from the left: `…/orders-service/failed`.
    static func leftCut(_ text: String, to columns: Int) -> String {
        guard DisplayWidth.of(text) > columns, columns > 1 else { return text }
        var kept = ""
        for character in text.reversed() {
            guard DisplayWidth.of(String(character) + kept) <= columns - 1 else { break }
            kept = String(character) + kept
        }
        return "…" + kept
    }
}
