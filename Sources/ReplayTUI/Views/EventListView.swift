import ReplayCore

/// Which events the list shows for a pane `rows` tall: a window that keeps the current
/// event in view, about a third of the way down.
public struct EventListWindow: Equatable, Sendable {
    public let first: Int
    public let end: Int

    public init(current: Int?, count: Int, rows: Int) {
        let anchor = current ?? 0
        let first = max(min(anchor - rows / 3, count - rows), 0)
        self.first = first
        end = min(first + rows, count)
    }
}

/// The event list: index, t, kind, name and a short payload for the events around the
/// current one, which is selected; errors and the crash stand out.
enum EventListView {
    /// What the event list shows.
    struct Content {
        var events: any EventStore
        var errorCount: Int
        /// The event at the playhead (index and, parsed, the event), nil at the start.
        var current: Int?
        var currentEvent: Event?
        var crash: Int?
        var breakpoints: Set<String>
        var syntax: ValueSyntax
        var timeScale: TimeScale
        /// The latest time in the trace, which sets the width of the time column.
        var duration: Double?
        /// True when the events come from more than one lane: each row shows its lane.
        var showsLanes: Bool
        var focused: Bool
        /// The last search's text, marked where a row shows it.
        var highlight: String?
        /// The filter whose kept events alone are listed.
        var filter: EventFilter?

        init(_ session: TraceSession, _ ui: UIState) {
            filter = session.filter
            events = session.trace.events
            errorCount = session.overview.errors.count
            current = session.playhead.currentEvent
            currentEvent = session.event
            crash = session.trace.crash?.index
            breakpoints = session.playhead.breakpoints
            syntax = session.syntax
            timeScale = session.timeScale
            duration = session.overview.durationMilliseconds
            showsLanes = session.overview.lanes.count > 1
            focused = ui.focus == .events
            highlight = ui.lastSearch
        }
    }

    /// The events listed in a pane `rows` tall, top to bottom: a window around the current
    /// event, over every event or over those the filter keeps.
    static func listed(_ content: Content, rows: Int) -> [Int] {
        guard let filter = content.filter else {
            let window = EventListWindow(current: content.current, count: content.events.count, rows: rows)
            return Array(window.first..<window.end)
        }
        let anchor = content.current.map(filter.listPosition) ?? 0
        let window = EventListWindow(current: anchor, count: filter.kept.count, rows: rows)
        return Array(filter.kept[window.first..<window.end])
    }

    static func draw(_ content: Content, in rect: Rect, on canvas: inout Canvas) {
        let events = content.events
        let count = events.count
        let title = content.filter.map { "Events  \($0.kept.count) of \(count) · filter \($0.query.text)" }
            ?? "Events  \(count) · \(content.errorCount.counted("error"))"
        PaneTitle.draw(title, focused: content.focused, in: rect, on: &canvas)
        let body = PaneTitle.content(of: rect)
        let listed = listed(content, rows: body.height)
        guard !listed.isEmpty else {
            canvas.put(count == 0 ? "  (no events)" : "  (the filter keeps no event: Esc clears it)", x: body.x, y: body.y, style: Style(.dim), limit: body.width)
            return
        }
        let summaries = listed.map { events.summary($0) }
        let columns = Columns(content, summaries: summaries, width: body.width)
        for (row, summary) in summaries.enumerated() {
            let index = listed[row]
            let y = body.y + row
            let isCurrent = index == content.current
            let isCrash = index == content.crash
            let role: Role = isCrash ? .crash : summary.hasError ? .error : .text
            let base = isCurrent ? Style(role, background: .selection, bold: true) : Style(role)
            if isCurrent { canvas.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: base) }
            let mark = isCrash ? "✖" : summary.hasError ? "!" : content.breakpoints.contains(summary.name ?? "") ? "◆" : " "
            var x = canvas.put((isCurrent ? "▶" : " ") + mark + " ", x: body.x, y: y, style: base)
            x = canvas.put(pad("#\(index)", columns.index, right: true), x: x, y: y, style: base)
            let quiet = Style(isCurrent ? .text : .dim, background: base.background)
            if columns.time > 0 {
                x = canvas.put("  " + pad(summary.t.map(content.timeScale.text) ?? "—", columns.time, right: true), x: x, y: y, style: quiet)
            }
            if columns.lane > 0 {
                x = canvas.put("  " + pad(DisplayWidth.truncate(summary.lane ?? "", to: columns.lane), columns.lane), x: x, y: y, style: quiet, limit: max(body.maxX - x, 0))
            }
            let kindStyle = isCrash || summary.hasError ? base : Style(.accent, background: base.background, bold: isCurrent)
            x = canvas.put("  " + pad(DisplayWidth.truncate(summary.kind, to: columns.kind), columns.kind), x: x, y: y, style: kindStyle, limit: max(body.maxX - x, 0))
            x = canvas.put(" " + pad(DisplayWidth.truncate(summary.name ?? "", to: columns.name), columns.name), x: x, y: y, style: base, limit: max(body.maxX - x, 0))
            if columns.payload > 0, let event = isCurrent ? content.currentEvent : try? events.event(index), let payload = event.payload {
                let room = columns.payload
                canvas.put(" " + DisplayWidth.truncate(content.syntax.preview(payload, limit: room * 2), to: room), x: x, y: y,
                           style: quiet, limit: body.maxX - x)
            }
            if let highlight = content.highlight {
                canvas.highlight(highlight, y: y, columns: body.x..<body.maxX, as: .match)
            }
        }
    }

    /// The widths of a row's columns in a pane `width` wide: index and time as wide as the
    /// trace needs, the kind and name as wide as the rows shown need (names cut with an
    /// ellipsis only when the payload would get less than ``minimumPayload``, and never
    /// below ``shortestCutName``: then the payload is left out), and the payload the rest.
    struct Columns: Equatable {
        var index: Int
        var time: Int
        /// The lane column, 0 when the trace has one lane or none.
        var lane: Int
        var kind: Int
        var name: Int
        var payload: Int

        /// The payload column is shown when it gets at least this many columns.
        static let minimumPayload = 8
        /// Names shorter than this are never cut to make room for the payload.
        static let shortestCutName = 8

        init(_ content: Content, summaries: [EventSummary], width: Int) {
            index = String(max(content.events.count - 1, 0)).count + 1
            let times = summaries.contains { $0.t != nil }
            time = times ? DisplayWidth.of(content.timeScale.text(content.duration ?? 0)) : 0
            // Marks, index, the time and the spaces between the columns; lanes take at most a
            // sixth of a row at least 50 columns wide.
            lane = content.showsLanes && width >= 50 ? min(summaries.map { DisplayWidth.of($0.lane ?? "") }.max() ?? 0, 18, max(width / 6, 4)) : 0
            let fixed = 3 + index + (times ? 2 + time : 0) + (lane > 0 ? 2 + lane : 0) + 2 + 1
            let room = max(width - fixed, 0)
            kind = min(summaries.map { DisplayWidth.of($0.kind) }.max() ?? 0, 10, room)
            let names = summaries.map { DisplayWidth.of($0.name ?? "") }.max() ?? 0
            let left = room - kind
            if left - names - 1 >= Self.minimumPayload {
                name = names
            } else if left - 1 - Self.minimumPayload >= Self.shortestCutName {
                name = left - 1 - Self.minimumPayload
            } else {
                // No room for a payload worth reading: the names get it all.
                name = min(names, left)
            }
            let rest = left - name - 1
            payload = rest >= Self.minimumPayload ? rest : 0
        }
    }

    /// `text` padded with spaces to `width` columns (on the left when `right`).
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(width - DisplayWidth.of(text), 0))
        return right ? gap + text : text + gap
    }
}
