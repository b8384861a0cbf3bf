/// The whole screen for a model: every view drawn into one canvas the size of the terminal,
/// each from the small value it draws (built from the session and the UI state).
public func view(_ model: Model) -> Canvas {
    if let compare = model.compare { return splitView(compare, model.ui) }
    let (session, ui) = (model.session, model.ui)
    var canvas = Canvas(width: ui.width, height: ui.height)
    // The event pane's lines, wrapped once: the layout sizes the pane by their count.
    let detail = DetailView.Content(session, ui)
    let detailLines = detail.lines(width: ui.width)
    guard let layout = Layout(model, eventLines: detailLines.count) else {
        TooSmallView.draw(width: ui.width, height: ui.height, on: &canvas)
        return canvas
    }
    HeaderView.draw(HeaderView.Content(session, ui), in: layout.header, on: &canvas)
    TimelineView.draw(TimelineView.Content(session), track: layout.timeline, density: layout.density, on: &canvas)
    if let lanes = session.lanes {
        LaneTimelineView.draw(lanes, current: session.playhead.currentEvent, count: session.trace.count, in: layout.lanes, on: &canvas)
    }
    for pane in layout.shown {
        let rect = layout.rect(of: pane)
        switch pane {
        case .events:
            EventListView.draw(EventListView.Content(session, ui), in: rect, on: &canvas)
            guard layout.zoomed == nil else { break }
            for y in rect.y..<rect.maxY {
                canvas.put("│", x: rect.maxX, y: y, style: Style(.border))
            }
        case .state: StateView.draw(StateView.Content(session, ui), in: rect, on: &canvas)
        case .diff: DiffView.draw(DiffView.Content(session, ui), in: rect, on: &canvas)
        case .detail: DetailView.draw(detail, lines: detailLines, in: rect, on: &canvas)
        case .spans: SpanPaneView.draw(SpanPaneView.Content(session, ui), in: rect, on: &canvas)
        }
    }
    StatusBarView.draw(StatusBarView.Content(session, ui), in: layout.status, on: &canvas)
    let screen = Rect(x: 0, y: 0, width: ui.width, height: ui.height)
    switch ui.overlay {
    case .help(let scroll)?: HelpView.draw(scrolledBy: scroll, in: screen, on: &canvas)
    case .stops(let selected)?: StopsListView.draw(StopsList(session), selected: selected, in: screen, on: &canvas)
    case .history(let panel)?: HistoryView.draw(HistoryView.Content(panel, session, ui), in: screen, on: &canvas)
    case .text(let panel)?: TextPanelView.draw(panel, in: screen, on: &canvas)
    case nil: break
    }
    return canvas
}

/// Shown instead of the panes when the terminal is smaller than ``Layout/minimumWidth`` x
/// ``Layout/minimumHeight``.
enum TooSmallView {
    static func draw(width: Int, height: Int, on canvas: inout Canvas) {
        let lines = [
            "terminal too small",
            "\(width)x\(height), needs \(Layout.minimumWidth)x\(Layout.minimumHeight)",
            "enlarge it, or q to quit",
        ]
        let top = max((height - lines.count) / 2, 0)
        for (offset, line) in lines.enumerated() {
            let text = DisplayWidth.truncate(line, to: width)
            let x = max((width - DisplayWidth.of(text)) / 2, 0)
            canvas.put(text, x: x, y: top + offset, style: Style(offset == 0 ? .error : .dim, bold: offset == 0))
        }
    }
}

/// The first row of a pane: its title, highlighted when the pane has focus.
enum PaneTitle {
    static func draw(_ title: String, focused: Bool, in rect: Rect, on canvas: inout Canvas) {
        let style = focused ? Style(.accent, background: .selection, bold: true) : Style(.dim, background: .header)
        canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        canvas.put(" " + title, x: rect.x, y: rect.y, style: style, limit: rect.width)
    }

    /// The rectangle below the title.
    static func content(of rect: Rect) -> Rect {
        Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    }
}
