import ReplayCore

/// The `H` overlay: every change of the value at a path, one a row (`#i  name  old → new`,
/// `+ new` when it appeared, `- old` when it went), filled in as the worker finds them.
enum HistoryView {
    /// What the overlay shows.
    struct Content {
        var panel: HistoryPanel
        /// Where the rows' event names are read, for the rows on screen only (a history
        /// can hold 200,000 changes).
        var events: any EventStore
        var current: Int?
        var syntax: ValueSyntax
        /// How far the worker has got, while it still looks.
        var progress: Double?

        init(_ panel: HistoryPanel, _ session: TraceSession, _ ui: UIState) {
            self.panel = panel
            events = session.trace.events
            current = session.playhead.currentEvent
            syntax = session.syntax
            progress = panel.complete ? nil : ui.job?.progress ?? 0
        }
    }

    static func draw(_ content: Content, in screen: Rect, on canvas: inout Canvas) {
        let panel = content.panel
        let box = Rect(x: 2, y: 1, width: screen.width - 4, height: screen.height - 2)
        let style = Style(.text, background: .header)
        canvas.fill(box, style: style)
        let count = panel.changes.count.counted("change")
        let state = content.progress.map { " · looking… \(Int($0 * 100))%" } ?? ""
        canvas.put(" History of \(panel.path.shown)  \(count)\(state) ", x: box.x + 2, y: box.y,
                   style: Style(.accent, background: .header, bold: true), limit: box.width - 4)
        let visible = box.height - 4
        if panel.changes.isEmpty {
            let text = panel.complete ? "no event changed it: it is the initial state's" : "looking for changes…"
            canvas.put(text, x: box.x + 2, y: box.y + 2, style: Style(.dim, background: .header), limit: box.width - 4)
        }
        let first = max(min(panel.selected - visible / 2, panel.changes.count - visible), 0)
        let indexWidth = panel.changes.last.map { String($0.index).count + 1 } ?? 2
        for (offset, change) in panel.changes.dropFirst(first).prefix(visible).enumerated() {
            let y = box.y + 2 + offset
            let isSelected = first + offset == panel.selected
            let background: Role = isSelected ? .selection : .header
            if isSelected { canvas.fill(Rect(x: box.x + 1, y: y, width: box.width - 2, height: 1), style: Style(background: .selection)) }
            let end = box.maxX - 2
            let mark = change.index == content.current ? "▶ " : "  "
            var x = canvas.put(mark + EventListView.pad("#\(change.index)", indexWidth, right: true), x: box.x + 1, y: y,
                               style: Style(.playhead, background: background, bold: true))
            let summary = content.events.summary(change.index)
            x = canvas.put("  " + EventListView.pad(summary.name ?? summary.kind, 14), x: x, y: y,
                           style: Style(.text, background: background, bold: isSelected), limit: end - x)
            x = canvas.put("  ", x: x, y: y, style: Style(background: background), limit: end - x)
            draw(change, syntax: content.syntax, x: x, end: end, y: y, background: background, on: &canvas)
        }
        canvas.put("↑↓ select  Enter go there  Esc close", x: box.x + 2, y: box.maxY - 1, style: Style(.dim, background: .header), limit: box.width - 4)
    }

    /// `old → new`, `+ new` or `- old`, each value cut to fit.
    private static func draw(_ change: PathChange, syntax: ValueSyntax, x: Int, end: Int, y: Int, background: Role, on canvas: inout Canvas) {
        var x = x
        func value(_ value: JSONValue, _ role: Role, room: Int) {
            guard room > 0 else { return }
            x = canvas.put(DisplayWidth.truncate(syntax.preview(value, limit: room * 2), to: room), x: x, y: y, style: Style(role, background: background))
        }
        switch (change.old, change.new) {
        case (let old?, let new?):
            value(old, .removed, room: (end - x - 3) / 2)
            x = canvas.put(" → ", x: x, y: y, style: Style(.dim, background: background), limit: end - x)
            value(new, .added, room: end - x)
        case (nil, let new?):
            x = canvas.put("+ ", x: x, y: y, style: Style(.added, background: background, bold: true), limit: end - x)
            value(new, .added, room: end - x)
        case (let old?, nil):
            x = canvas.put("- ", x: x, y: y, style: Style(.removed, background: background, bold: true), limit: end - x)
            value(old, .removed, room: end - x)
        case (nil, nil):
            break
        }
    }
}
