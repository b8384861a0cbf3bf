/// The `?` overlay: every key binding, from the same table the app follows, in as many
/// columns as fit side by side whole; when the rows still do not fit, ↑↓ scroll them.
enum HelpView {
    static func draw(scrolledBy scroll: Int, in screen: Rect, on canvas: inout Canvas) {
        let rows = KeyMap.bindings.map { ($0.label, $0.help) }
        let keyWidth = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let columnWidth = keyWidth + 2 + (rows.map { DisplayWidth.of($0.1) }.max() ?? 0)
        let available = max(screen.height - 6, 1)
        let fitting = max((screen.width - 4 + 3) / (columnWidth + 3), 1)
        let columns = min(fitting, (rows.count + available - 1) / available)
        let perColumn = (rows.count + columns - 1) / columns
        let visible = min(perColumn, available)
        let first = min(max(scroll, 0), perColumn - visible)
        let width = min(screen.width - 2, max(columns * columnWidth + 3 * (columns - 1) + 4, 30))
        let box = Rect(x: (screen.width - width) / 2, y: (screen.height - visible - 4) / 2, width: width, height: visible + 4)
        let style = Style(.text, background: .header)
        canvas.fill(box, style: style)
        canvas.put(" Keys ", x: box.x + 2, y: box.y, style: Style(.accent, background: .header, bold: true))
        for column in 0..<columns {
            let x = box.x + 2 + column * (columnWidth + 3)
            for line in 0..<visible {
                let index = column * perColumn + first + line
                guard index < rows.count, index < (column + 1) * perColumn else { break }
                let y = box.y + 2 + line
                canvas.put(rows[index].0, x: x, y: y, style: Style(.accent, background: .header, bold: true))
                canvas.put(rows[index].1, x: x + keyWidth + 2, y: y, style: style, limit: box.maxX - 2 - (x + keyWidth + 2))
            }
        }
        let more = visible < perColumn ? "↑↓ scroll (\(first + visible) of \(perColumn))  " : ""
        canvas.put(more + "any other key closes this", x: box.x + 2, y: box.maxY - 1, style: Style(.dim, background: .header), limit: box.width - 4)
    }
}
