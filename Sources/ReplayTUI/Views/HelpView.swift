/// The `?` overlay: every key binding, from the same table the app follows.
enum HelpView {
    static func draw(in screen: Rect, on canvas: inout Canvas) {
        let rows = KeyMap.bindings.map { ($0.label, $0.help) }
        let keyWidth = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let width = min(screen.width - 4, max(keyWidth + 4 + (rows.map { DisplayWidth.of($0.1) }.max() ?? 0), 30) + 2)
        let height = min(screen.height - 2, rows.count + 4)
        let box = Rect(x: (screen.width - width) / 2, y: (screen.height - height) / 2, width: width, height: height)
        let style = Style(.text, background: .header)
        canvas.fill(box, style: style)
        canvas.put(" Keys ", x: box.x + 2, y: box.y, style: Style(.accent, background: .header, bold: true))
        for (offset, row) in rows.prefix(height - 4).enumerated() {
            let y = box.y + 2 + offset
            canvas.put(row.0, x: box.x + 2, y: y, style: Style(.accent, background: .header, bold: true))
            canvas.put(row.1, x: box.x + 4 + keyWidth, y: y, style: style, limit: box.maxX - (box.x + 4 + keyWidth) - 1)
        }
        canvas.put("any key closes this", x: box.x + 2, y: box.maxY - 1, style: Style(.dim, background: .header))
    }
}
