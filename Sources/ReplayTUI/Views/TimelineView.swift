import ReplayCore

/// The scrubber: a track across the full width with the playhead, the crash, errors and
/// breakpoints marked, and beneath it a strip showing how much state each slice changed.
enum TimelineView {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// What the timeline shows.
    struct Content {
        var count: Int
        var columns: TimelineColumns
        /// The event at the playhead, nil at the start.
        var current: Int?
        var crash: Int?

        init(_ session: TraceSession) {
            count = session.trace.count
            columns = session.timeline
            current = session.playhead.currentEvent
            crash = session.trace.crash?.index
        }
    }

    static func draw(_ content: Content, track: Rect, density: Rect, on canvas: inout Canvas) {
        let count = content.count
        let columns = content.columns
        let playheadColumn = content.current.map {
            TimelineColumns.column(ofEvent: $0, count: count, width: track.width)
        }
        let crashColumn = content.crash.map { TimelineColumns.column(ofEvent: $0, count: count, width: track.width) }
        for column in 0..<min(track.width, columns.width) {
            let x = track.x + column
            let played = playheadColumn.map { column < $0 } ?? false
            var glyph = played ? "━" : "─"
            var style = Style(played && !columns.dimmed[column] ? .accent : .dim)
            switch columns.marks[column] {
            case .error: glyph = "•"; style = Style(.error, bold: true)
            case .breakpoint: glyph = "◆"; style = Style(.breakpoint, bold: true)
            case .condition: glyph = "◈"; style = Style(.breakpoint, bold: true)
            case .watch: glyph = "◇"; style = Style(.changed, bold: true)
            case .checkpoint: glyph = "▾"; style = Style(.accent, bold: true)
            case .none: break
            }
            if column == crashColumn { glyph = "✖"; style = Style(.crash, bold: true) }
            if column == playheadColumn || (playheadColumn == nil && column == 0) {
                glyph = column == crashColumn ? "✖" : playheadColumn == nil ? "○" : "●"
                style = Style(column == crashColumn ? .crash : .playhead, bold: true, reverse: column == crashColumn)
            }
            canvas.put(glyph, x: x, y: track.y, style: style)
            let weight = columns.density[column]
            if weight > 0, columns.maximumDensity > 0 {
                let level = min((weight * levels.count + columns.maximumDensity - 1) / columns.maximumDensity, levels.count) - 1
                canvas.put(String(levels[max(level, 0)]), x: x, y: density.y, style: Style(columns.dimmed[column] ? .dim : .changed))
            }
        }
    }
}
