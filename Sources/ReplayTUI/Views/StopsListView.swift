/// The `W` overlay: every watchpoint and breakpoint, one a row, the selected one
/// highlighted, with the keys that act on it.
enum StopsListView {
    static func draw(_ list: StopsList, selected: Int, in screen: Rect, on canvas: inout Canvas) {
        let rows = list.items.map(\.columns)
        let footer = "↑↓ select  d remove  Esc close"
        let empty = "none: w watches a value, b breaks on a name, B on a condition"
        let widest = rows.map { DisplayWidth.of($0.what) + 8 }.max() ?? DisplayWidth.of(empty)
        let width = min(screen.width - 4, max(widest, DisplayWidth.of(footer), 36) + 4)
        let height = min(screen.height - 2, max(rows.count, 1) + 4)
        let box = Rect(x: (screen.width - width) / 2, y: (screen.height - height) / 2, width: width, height: height)
        let style = Style(.text, background: .header)
        canvas.fill(box, style: style)
        canvas.put(" Watchpoints and breakpoints ", x: box.x + 2, y: box.y, style: Style(.accent, background: .header, bold: true))
        if rows.isEmpty {
            canvas.put(empty, x: box.x + 2, y: box.y + 2, style: Style(.dim, background: .header), limit: box.width - 4)
        }
        let visible = height - 4
        let first = max(min(selected - visible / 2, rows.count - visible), 0)
        for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = box.y + 2 + offset
            let isSelected = first + offset == selected
            let rowStyle = isSelected ? Style(.text, background: .selection, bold: true) : style
            if isSelected { canvas.fill(Rect(x: box.x + 1, y: y, width: box.width - 2, height: 1), style: rowStyle) }
            let role: Role = row.kind == "watch" ? .changed : .breakpoint
            let x = canvas.put(row.kind, x: box.x + 2, y: y, style: Style(role, background: rowStyle.background, bold: true))
            canvas.put(row.what, x: x + 2, y: y, style: rowStyle, limit: box.maxX - x - 3)
        }
        canvas.put(footer, x: box.x + 2, y: box.maxY - 1, style: Style(.dim, background: .header), limit: box.width - 4)
    }
}
