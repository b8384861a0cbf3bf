/// The split view of two runs (`replay-tui A B`): A's and B's events side by side along
/// their alignment, one playhead, the divergences on the timeline, and how B's state
/// differs from A's at the playhead.
func splitView(_ split: CompareSession, _ ui: UIState) -> Canvas {
    var canvas = Canvas(width: ui.width, height: ui.height)
    guard let layout = SplitLayout(width: ui.width, height: ui.height) else {
        TooSmallView.draw(width: ui.width, height: ui.height, on: &canvas)
        return canvas
    }
    SplitHeaderView.draw(split, in: layout.header, on: &canvas)
    SplitTimelineView.draw(split, in: layout.timeline, on: &canvas)
    let window = EventListWindow(current: split.row, count: split.rowCount, rows: max(layout.left.height - 1, 0))
    SplitEventsView.draw(split, side: .a, window: window, in: layout.left, on: &canvas)
    for y in layout.left.y..<layout.left.maxY {
        canvas.put("│", x: layout.left.maxX, y: y, style: Style(.border))
    }
    SplitEventsView.draw(split, side: .b, window: window, in: layout.right, on: &canvas)
    SplitDiffView.draw(split, in: layout.diff, on: &canvas)
    SplitStatusView.draw(split, ui, in: layout.status, on: &canvas)
    if case .help(let scroll)? = ui.overlay {
        HelpView.draw(scrolledBy: scroll, in: Rect(x: 0, y: 0, width: ui.width, height: ui.height), on: &canvas)
    }
    return canvas
}
