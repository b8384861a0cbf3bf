import ReplayCore

/// The split view's top row: play state and speed, where the playhead is on each side
/// (`A #12 ↔ B #12`, or one side and `only in A` / `only in B`), the row, and how many
/// divergences there are.
enum SplitHeaderView {
    static func draw(_ split: CompareSession, in rect: Rect, on canvas: inout Canvas) {
        let base = Style(.text, background: .header)
        canvas.fill(rect, style: base)
        var x = canvas.put(split.isPlaying ? " ▶ " : " ❚❚ ", x: rect.x, y: rect.y, style: Style(.accent, background: .header, bold: true))
        x = canvas.put(Format.speed(split.speed), x: x, y: rect.y, style: base)
        x = canvas.put("  │ ", x: x, y: rect.y, style: Style(.border, background: .header))
        guard let comparison = split.comparison, let row = split.current else {
            let text = split.comparison == nil ? (split.failure == nil ? "aligning the two runs" : "the runs could not be compared") : "no events on either side"
            canvas.put(text, x: x, y: rect.y, style: Style(.dim, background: .header))
            return
        }
        let diverges = split.divergenceHere != nil
        let where_ = Style(diverges ? .changed : .playhead, background: .header, bold: true)
        switch (row.a, row.b) {
        case (let a?, let b?): x = canvas.put("A #\(a) ↔ B #\(b)", x: x, y: rect.y, style: where_)
        case (let a?, nil): x = canvas.put("A #\(a)  only in A", x: x, y: rect.y, style: where_)
        case (nil, let b?): x = canvas.put("B #\(b)  only in B", x: x, y: rect.y, style: where_)
        case (nil, nil): break
        }
        if let index = row.a ?? row.b {
            let summary = (row.a != nil ? split.traceA : split.traceB).events.summary(index)
            x = canvas.put("  \(summary.kind)", x: x, y: rect.y, style: Style(.accent, background: .header))
            if let name = summary.name { x = canvas.put(" \(name)", x: x, y: rect.y, style: Style(.text, background: .header, bold: true)) }
        }
        x = canvas.put("  │ ", x: x, y: rect.y, style: Style(.border, background: .header))
        x = canvas.put("row \(split.row + 1) of \(split.rowCount)", x: x, y: rect.y, style: base)
        let count = comparison.divergences.count
        let summary = count == 0 ? "the same run " : "\(count) divergence\(count == 1 ? "" : "s") "
        let width = DisplayWidth.of(summary)
        if rect.maxX - x > width + 2 {
            canvas.put(summary, x: rect.maxX - width, y: rect.y, style: Style(count == 0 ? .dim : .changed, background: .header, bold: count > 0))
        }
    }
}
