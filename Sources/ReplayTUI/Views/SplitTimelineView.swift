/// The split view's scrubber: the alignment's rows across the full width, every divergence
/// marked `◆` where it starts, and the playhead.
enum SplitTimelineView {
    static func draw(_ split: CompareSession, in rect: Rect, on canvas: inout Canvas) {
        let count = split.rowCount
        guard rect.width > 0 else { return }
        func column(_ row: Int) -> Int { TimelineColumns.column(ofEvent: row, count: count, width: rect.width) }
        let playhead = count > 0 ? column(split.row) : nil
        var marks = Set<Int>()
        for divergence in split.comparison?.divergences ?? [] { marks.insert(column(divergence.rows.lowerBound)) }
        for offset in 0..<rect.width {
            let played = playhead.map { offset < $0 } ?? false
            var glyph = played ? "━" : "─"
            var style = Style(played ? .accent : .dim)
            if marks.contains(offset) {
                glyph = "◆"
                style = Style(.changed, bold: true)
            }
            if offset == playhead {
                glyph = "●"
                style = Style(marks.contains(offset) ? .changed : .playhead, bold: true, reverse: marks.contains(offset))
            }
            canvas.put(glyph, x: rect.x + offset, y: rect.y, style: style)
        }
    }
}
