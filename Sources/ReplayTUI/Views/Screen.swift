/// The whole screen for a model: every view drawn into one canvas the size of the terminal.
public func view(_ model: Model) -> Canvas {
    var canvas = Canvas(width: model.width, height: model.height)
    guard let layout = Layout(width: model.width, height: model.height) else {
        TooSmallView.draw(model, on: &canvas)
        return canvas
    }
    HeaderView.draw(model, in: layout.header, on: &canvas)
    TimelineView.draw(model, track: layout.timeline, density: layout.density, on: &canvas)
    EventListView.draw(model, in: layout.events, on: &canvas)
    for y in layout.events.y..<layout.events.maxY {
        canvas.put("│", x: layout.events.maxX, y: y, style: Style(.border))
    }
    StateView.draw(model, in: layout.state, on: &canvas)
    DiffView.draw(model, in: layout.diff, on: &canvas)
    DetailView.draw(model, in: layout.detail, on: &canvas)
    StatusBarView.draw(model, in: layout.status, on: &canvas)
    if model.showsHelp { HelpView.draw(in: Rect(x: 0, y: 0, width: model.width, height: model.height), on: &canvas) }
    return canvas
}

/// Shown instead of the panes when the terminal is smaller than ``Layout/minimumWidth`` x
/// ``Layout/minimumHeight``.
enum TooSmallView {
    static func draw(_ model: Model, on canvas: inout Canvas) {
        let lines = [
            "terminal too small",
            "\(model.width)x\(model.height), needs \(Layout.minimumWidth)x\(Layout.minimumHeight)",
            "enlarge it, or q to quit",
        ]
        let top = max((model.height - lines.count) / 2, 0)
        for (offset, line) in lines.enumerated() {
            let text = DisplayWidth.truncate(line, to: model.width)
            let x = max((model.width - DisplayWidth.of(text)) / 2, 0)
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
