import ReplayCore

/// The span pane (`s`): the trace of the current event as Jaeger draws one, a span a row:
/// the name indented under its parent, the service, the duration and a bar on the trace's own
/// time axis. Error spans are marked `✖` and drawn as errors, the critical path in its own
/// role, spans in flight at the playhead marked `▸` and bold, the playhead's moment a `│`
/// down the waterfall; the cursor's row is selected.
enum SpanPaneView {
    /// What the span pane shows.
    struct Content {
        /// Nil when the trace has no spans (the pane then says so).
        var waterfall: SpanWaterfall?
        /// The cursor's row: the one moved to, else the current event's span.
        var cursor: Int?
        /// Events applied, for the spans in flight.
        var position: Int
        /// The current event's time, the playhead's place on the axis.
        var now: Double?
        var focused: Bool

        init(_ session: TraceSession, _ ui: UIState) {
            waterfall = session.spanWaterfall
            cursor = ui.spanPane?.selected ?? waterfall?.focus
            position = session.position
            now = session.playhead.currentEvent.flatMap { session.trace.events.summary($0).t }
            focused = ui.focus == .spans
        }
    }

    /// The widths of a row's columns in a pane `width` wide: two marks and a space, the name (with its
    /// indentation), the service (left out below 70 columns), the duration, and the bar the
    /// rest, with a space between each.
    struct Columns: Equatable {
        var name: Int
        var service: Int
        var duration: Int
        var bar: Int

        init(_ waterfall: SpanWaterfall, width: Int) {
            let room = max(width - 3, 0)
            duration = waterfall.spans.map { SpanPaneView.duration(of: $0).count }.max() ?? 0
            let services = waterfall.spans.map { DisplayWidth.of($0.service ?? "") }.max() ?? 0
            service = width >= 70 ? min(services, 18, width / 7) : 0
            let names = waterfall.spans.map { 2 * $0.depth + DisplayWidth.of($0.name) }.max() ?? 0
            name = min(names, max(room * 3 / 10, 8))
            let used = name + (service > 0 ? 1 + service : 0) + 1 + duration + 1
            bar = max(room - used, 0)
        }
    }

    static func draw(_ content: Content, in rect: Rect, on canvas: inout Canvas) {
        guard let waterfall = content.waterfall else {
            PaneTitle.draw("Spans", focused: content.focused, in: rect, on: &canvas)
            canvas.put("  (no spans in this trace)", x: rect.x, y: rect.y + 1, style: Style(.dim), limit: rect.width)
            return
        }
        let spans = waterfall.spans
        let errors = spans.lazy.filter(\.isError).count
        let traceID = waterfall.traceID.isEmpty ? "(no id)" : DisplayWidth.truncate(waterfall.traceID, to: 16)
        let title = "Spans  trace \(traceID) · \(spans.count.counted("span")) · \(errors.counted("error")) · \(milliseconds(waterfall.end - waterfall.start))"
        PaneTitle.draw(title, focused: content.focused, in: rect, on: &canvas)
        let body = PaneTitle.content(of: rect)
        let columns = Columns(waterfall, width: body.width)
        let window = EventListWindow(current: content.cursor, count: spans.count, rows: body.height)
        let nowColumn = content.now.map { waterfall.column(at: $0, width: columns.bar) }
        for row in window.first..<window.end {
            let span = spans[row]
            let y = body.y + row - window.first
            let selected = row == content.cursor
            let inFlight = waterfall.isInFlight(row, at: content.position)
            let background: Role? = selected ? .selection : nil
            if selected { canvas.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: Style(background: .selection)) }
            let mark = span.isError ? Style(.error, background: background, bold: true) : Style(.accent, background: background, bold: true)
            var x = canvas.put(selected ? "▶" : " ", x: body.x, y: y, style: Style(.accent, background: background, bold: true))
            x = canvas.put(span.isError ? "✖" : inFlight ? "▸" : " ", x: x, y: y, style: mark) + 1
            let indent = min(2 * span.depth, columns.name / 2)
            let name = String(repeating: " ", count: indent) + DisplayWidth.truncate(span.name, to: max(columns.name - indent, 0))
            let nameRole: Role = span.isError ? .error : .text
            x = canvas.put(EventListView.pad(name, columns.name), x: x, y: y, style: Style(nameRole, background: background, bold: inFlight || selected), limit: columns.name)
            let quiet = Style(selected ? .text : .dim, background: background)
            if columns.service > 0 {
                x = canvas.put(" " + EventListView.pad(DisplayWidth.truncate(span.service ?? "", to: columns.service), columns.service), x: x, y: y, style: quiet)
            }
            x = canvas.put(" " + EventListView.pad(duration(of: span), columns.duration, right: true) + " ", x: x, y: y, style: quiet)
            guard columns.bar > 0 else { continue }
            let bar = waterfall.columns(of: row, width: columns.bar)
            let barRole: Role = span.isError ? .error : span.isCritical ? .critical : .dim
            if let nowColumn, !bar.contains(nowColumn) {
                canvas.put("│", x: x + nowColumn, y: y, style: Style(.playhead, background: background))
            }
            canvas.put(String(repeating: "█", count: bar.count), x: x + bar.lowerBound, y: y, style: Style(barRole, background: background, bold: inFlight))
        }
    }

    /// A span's duration as the pane shows it: `12.5 ms`, `1.25 s`, `…` while unfinished.
    static func duration(of span: SpanTree.Span) -> String {
        span.duration.map(milliseconds) ?? "…"
    }

    /// Milliseconds with up to three decimals, in seconds from a second up.
    static func milliseconds(_ value: Double) -> String {
        value >= 1_000 ? Format.trimmed(value / 1_000, places: 3) + " s" : Format.trimmed(value, places: 3) + " ms"
    }
}
