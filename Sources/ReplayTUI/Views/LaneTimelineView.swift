/// The timeline's lane rows: each lane's name in the gutter, then its events as a density
/// strip with its errors (`•`) and the crash (`✖`), the playhead's column marked.
enum LaneTimelineView {
    static func draw(_ lanes: LaneTimeline, current: Int?, count: Int, in rect: Rect, on canvas: inout Canvas) {
        let playhead = current.map { TimelineColumns.column(ofEvent: $0, count: count, width: lanes.trackWidth) }
        for (offset, row) in lanes.rows.prefix(rect.height).enumerated() {
            let y = rect.y + offset
            canvas.put(DisplayWidth.truncate(row.label, to: lanes.gutter - 1), x: rect.x, y: y, style: Style(.dim))
            canvas.put("│", x: rect.x + lanes.gutter - 1, y: y, style: Style(.border))
            for (column, cell) in row.cells.enumerated() where lanes.gutter + column < rect.maxX {
                let x = rect.x + lanes.gutter + column
                let here = column == playhead
                switch cell {
                case .empty:
                    if here { canvas.put("│", x: x, y: y, style: Style(.playhead)) }
                case .events(let events):
                    let levels = TimelineView.levels
                    let level = min(max((events * levels.count + row.most - 1) / max(row.most, 1), 1), levels.count) - 1
                    canvas.put(String(levels[level]), x: x, y: y, style: Style(here ? .playhead : .accent))
                case .error:
                    canvas.put("•", x: x, y: y, style: Style(.error, bold: true, reverse: here))
                case .crash:
                    canvas.put("✖", x: x, y: y, style: Style(.crash, bold: true, reverse: here))
                }
            }
        }
    }
}
