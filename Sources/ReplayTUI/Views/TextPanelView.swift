/// Draws a ``TextPanel``: a titled box of wrapped lines with how far it is scrolled.
enum TextPanelView {
    static func draw(_ panel: TextPanel, in screen: Rect, on canvas: inout Canvas) {
        let box = TextPanel.box(in: screen)
        let style = Style(.text, background: .header)
        canvas.fill(box, style: style)
        canvas.put(" " + panel.title + " ", x: box.x + 2, y: box.y, style: Style(.accent, background: .header, bold: true), limit: box.width - 4)
        let lines = panel.wrapped(in: box)
        let visible = TextPanel.visibleRows(of: box)
        let first = min(panel.scroll, max(lines.count - visible, 0))
        for (offset, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            canvas.put(line, x: box.x + 2, y: box.y + 2 + offset, style: style, limit: box.width - 4)
        }
        let position = lines.count > visible ? "lines \(first + 1)–\(first + min(visible, lines.count - first)) of \(lines.count)  ↑↓ PgUp PgDn scroll  " : ""
        canvas.put(position + "Esc closes", x: box.x + 2, y: box.maxY - 1, style: Style(.dim, background: .header), limit: box.width - 4)
    }
}
