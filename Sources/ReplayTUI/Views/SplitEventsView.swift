import ReplayCore

/// One side of the split view: that run's events along the alignment's rows, the row at the
/// playhead selected. A row the side has no event for shows `·`; divergent rows are marked
/// in the gutter: `-` only in A, `+` only in B, `~` a changed event, `≠` the states differ.
enum SplitEventsView {
    static func draw(_ split: CompareSession, side: CompareSide, window: EventListWindow, in rect: Rect, on canvas: inout Canvas) {
        let trace = side == .a ? split.traceA : split.traceB
        let name = side == .a ? split.nameA : split.nameB
        PaneTitle.draw("\(side.rawValue)  \(name) · \(trace.format) · \(trace.count) events", focused: !split.diffFocused, in: rect, on: &canvas)
        let body = PaneTitle.content(of: rect)
        guard let comparison = split.comparison else {
            canvas.put(split.failure.map { "  " + $0 } ?? "  aligning the two runs …", x: body.x, y: body.y, style: Style(split.failure == nil ? .dim : .error), limit: body.width)
            return
        }
        let indexWidth = String(max(trace.count - 1, 0)).count + 1
        for row in window.first..<window.end {
            let y = body.y + row - window.first
            let aligned = comparison.alignment.row(row)
            let index = side == .a ? aligned.a : aligned.b
            let isCurrent = row == split.row
            let (mark, markRole) = gutter(aligned, divergence: split.divergence(containing: row), side: side)
            let summary = index.map { trace.events.summary($0) }
            let role: Role = index == trace.crash?.index ? .crash : summary?.hasError == true ? .error : .text
            let base = isCurrent ? Style(role, background: .selection, bold: true) : Style(role)
            if isCurrent { canvas.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: base) }
            var x = canvas.put(isCurrent ? "▶" : " ", x: body.x, y: y, style: base)
            x = canvas.put(mark + " ", x: x, y: y, style: Style(markRole, background: base.background, bold: true))
            guard let index, let summary else {
                canvas.put("·", x: x + indexWidth - 1, y: y, style: Style(.dim, background: base.background), limit: max(body.maxX - x, 0))
                continue
            }
            x = canvas.put(EventListView.pad("#\(index)", indexWidth, right: true), x: x, y: y, style: base, limit: max(body.maxX - x, 0))
            let kindStyle = role == .text ? Style(.accent, background: base.background, bold: isCurrent) : base
            x = canvas.put(" " + summary.kind, x: x, y: y, style: kindStyle, limit: max(body.maxX - x, 0))
            x = canvas.put(" " + (summary.name ?? ""), x: x, y: y, style: base, limit: max(body.maxX - x, 0))
            let room = body.maxX - x - 1
            if room > 4, let payload = (try? trace.events.event(index))?.payload {
                let quiet = Style(isCurrent ? .text : .dim, background: base.background)
                canvas.put(" " + DisplayWidth.truncate(split.syntax.preview(payload, limit: room * 2), to: room), x: x, y: y, style: quiet, limit: body.maxX - x)
            }
        }
    }

    /// The gutter mark of a row on one side, and its role.
    private static func gutter(_ row: Alignment.Row, divergence: Divergence?, side: CompareSide) -> (String, Role) {
        switch row.kind {
        case .onlyInA: side == .a ? ("-", .removed) : (" ", .dim)
        case .onlyInB: side == .b ? ("+", .added) : (" ", .dim)
        case .changed: ("~", .changed)
        case .same: divergence == nil ? (" ", .dim) : ("≠", .changed)
        }
    }
}
