import ReplayCore

/// The span pane's own state: which row its cursor is on.
public struct SpanPane: Equatable, Sendable {
    /// The row the cursor was moved to with ↑ and ↓; nil while it is on the span of the
    /// event at the playhead (``SpanWaterfall/focus``), which every move of the playhead
    /// brings back.
    public var selected: Int?
}

extension Model {
    /// `s`: opens the span pane on the trace of the current event (building the span tree
    /// the first time), focused; closes it when open. A trace without spans says so.
    mutating func toggleSpans() {
        if ui.spanPane != nil {
            ui.spanPane = nil
            if ui.focus == .spans { ui.focus = .events }
            return
        }
        if let error = withSession({ $0.loadSpans() }) {
            ui.message = "span tree: \(error.rendered(path: session.fileName))"
            return
        }
        guard let waterfall = session.spanWaterfall else {
            ui.message = "no spans in this trace (s shows the spans of OTLP, Jaeger and Zipkin traces)"
            return
        }
        ui.spanPane = SpanPane()
        ui.focus = .spans
        ui.message = "trace \(waterfall.traceID.isEmpty ? "(no id)" : waterfall.traceID): ↑↓ a span, Enter goes to its start, s closes"
    }

    /// The row the span pane's cursor is on: the one moved to, else the current event's span.
    var selectedSpanRow: Int? {
        ui.spanPane?.selected ?? session.spanWaterfall?.focus
    }

    /// ↑ and ↓ in the span pane: the cursor moves by `rows`, the playhead stays.
    mutating func moveSpanCursor(by rows: Int) {
        guard let waterfall = session.spanWaterfall, !waterfall.spans.isEmpty else { return }
        let from = selectedSpanRow ?? (rows > 0 ? -1 : waterfall.spans.count)
        ui.spanPane?.selected = min(max(from + rows, 0), waterfall.spans.count - 1)
    }

    /// A click on row `row` of the span pane's `rows` (as ``SpanPaneView`` lists them)
    /// moves the cursor there.
    mutating func clickSpanRow(_ row: Int, rows: Int) {
        guard let waterfall = session.spanWaterfall else { return }
        let window = EventListWindow(current: selectedSpanRow, count: waterfall.spans.count, rows: rows)
        guard row >= 0, window.first + row < window.end else { return }
        ui.spanPane?.selected = window.first + row
    }

    /// Enter in the span pane: the playhead goes to the selected span's start event.
    mutating func goToSelectedSpan() {
        guard let waterfall = session.spanWaterfall, let row = selectedSpanRow else {
            ui.message = "no span selected: ↑↓ choose one"
            return
        }
        move(to: waterfall.spans[row].startEvent + 1)
    }
}
