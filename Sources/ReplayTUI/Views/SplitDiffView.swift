import ReplayCore

/// How B's state differs from A's after the row at the playhead: `~ /balance 70 → -30`
/// (A's value, then B's), `+ /p v` where only B has a value, `- /p v` where only A has one;
/// the divergence the row is in heads the pane.
enum SplitDiffView {
    static func draw(_ split: CompareSession, in rect: Rect, on canvas: inout Canvas) {
        let count = split.differences.count
        guard let row = split.current else {
            PaneTitle.draw("B against A", focused: split.diffFocused, in: rect, on: &canvas)
            return
        }
        let after = [row.a.map { "A #\($0)" } ?? "A at \(Format.position(row.positionA))", row.b.map { "B #\($0)" } ?? "B at \(Format.position(row.positionB))"]
        let title = "B against A after \(after.joined(separator: " / "))  " + (count == 0 ? "the same state" : "\(count) difference\(count == 1 ? "" : "s")")
        PaneTitle.draw(title, focused: split.diffFocused, in: rect, on: &canvas)
        var body = PaneTitle.content(of: rect)
        if let divergence = split.divergenceHere, let comparison = split.comparison {
            let line = comparison.line(divergence, a: split.traceA, b: split.traceB) { value in
                (try? split.syntax.text(value)) ?? value.jsonText(.compact)
            }
            canvas.put(DisplayWidth.truncate(" ◆ " + line, to: body.width), x: body.x, y: body.y, style: Style(.changed, bold: true))
            body = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        }
        guard count > 0 else {
            canvas.put("  the states after this row are the same outside ignored paths", x: body.x, y: body.y, style: Style(.dim), limit: body.width)
            return
        }
        DiffView.draw(split.differences.map(\.change), scroll: split.diffScroll, syntax: split.syntax, in: body, on: &canvas)
    }
}
