extension Model {
    /// A click seeks on the timeline, focuses a pane or picks an event; the wheel scrolls
    /// the pane under it.
    mutating func handle(_ event: MouseEvent) {
        guard let layout = Layout(self) else { return }
        switch event {
        case .click(let x, let y):
            if layout.timeline.contains(x: x, y: y) || layout.density.contains(x: x, y: y) {
                move(to: TimelineColumns.position(atColumn: x, count: session.trace.count, width: ui.width))
            } else if layout.lanes.contains(x: x, y: y), let lanes = session.lanes {
                // A lane row's track starts after the gutter of names.
                guard x >= lanes.gutter else { return }
                move(to: TimelineColumns.position(atColumn: x - lanes.gutter, count: session.trace.count, width: lanes.trackWidth))
            } else if let pane = layout.pane(atX: x, y: y) {
                ui.focus = pane
                if pane == .events { clickEventRow(y - layout.events.y - 1, layout: layout) }
                if pane == .spans { clickSpanRow(y - layout.spans.y - 1, rows: layout.contentHeight(of: .spans)) }
            }
        case .wheelUp(let x, let y), .wheelDown(let x, let y):
            guard let pane = layout.pane(atX: x, y: y) else { return }
            let previous = ui.focus
            ui.focus = pane
            scroll(by: event == .wheelUp(x: x, y: y) ? -3 : 3)
            ui.focus = previous
        }
    }

    private mutating func clickEventRow(_ row: Int, layout: Layout) {
        let listed = EventListView.listed(EventListView.Content(session, ui), rows: layout.contentHeight(of: .events))
        guard listed.indices.contains(row) else { return }
        move(to: listed[row] + 1)
    }
}
