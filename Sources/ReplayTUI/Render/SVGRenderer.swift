/// A canvas as an SVG picture of the terminal: what `replay-tui render --format svg` writes
/// and what screenshots/ holds. Each run of equally styled cells is one `<text>` stretched
/// to its exact number of columns, so wide characters keep the grid.
public enum SVGRenderer {
    static let cellWidth = 8.4
    static let cellHeight = 18.0
    static let fontSize = 14.0

    public static func render(_ canvas: Canvas, theme: Theme) -> String {
        let background = theme.colors[.background]?.hex ?? "#ffffff"
        let foreground = theme.colors[.text]?.hex ?? "#000000"
        let width = Double(canvas.width) * cellWidth
        let height = Double(canvas.height) * cellHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" \
            viewBox="0 0 \(number(width)) \(number(height))" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" \
            font-size="\(number(fontSize))">
            <rect width="100%" height="100%" fill="\(background)"/>

            """
        for y in 0..<canvas.height {
            var x = 0
            while x < canvas.width {
                let style = canvas[x, y].style
                let start = x
                var text = ""
                while x < canvas.width, canvas[x, y].style == style {
                    text += canvas[x, y].text
                    x += 1
                }
                svg += run(text, column: start, columns: x - start, row: y, style: style, theme: theme,
                           defaults: (foreground, background))
            }
        }
        return svg + "</svg>\n"
    }

    private static func run(
        _ text: String, column: Int, columns: Int, row: Int, style: Style, theme: Theme, defaults: (String, String)
    ) -> String {
        let look = theme.attributes(for: style)
        var fill = theme.colors[style.foreground]?.hex ?? defaults.0
        var back = style.background.flatMap { theme.colors[$0]?.hex }
        if look.reverse {
            let swapped = back ?? defaults.1
            back = fill
            fill = swapped
        }
        let x = number(Double(column) * cellWidth)
        let top = number(Double(row) * cellHeight)
        var out = ""
        if let back {
            out += "<rect x=\"\(x)\" y=\"\(top)\" width=\"\(number(Double(columns) * cellWidth))\" height=\"\(number(cellHeight))\" fill=\"\(back)\"/>\n"
        }
        let trimmed = text.reversed().drop { $0 == " " }.reversed()
        guard !trimmed.isEmpty else { return out }
        let visibleColumns = columns - (text.count - trimmed.count)
        var attributes = "x=\"\(x)\" y=\"\(number(Double(row) * cellHeight + 13.5))\" fill=\"\(fill)\""
        attributes += " textLength=\"\(number(Double(visibleColumns) * cellWidth))\" lengthAdjust=\"spacingAndGlyphs\""
        if look.bold { attributes += " font-weight=\"bold\"" }
        if look.dim { attributes += " opacity=\"0.6\"" }
        if look.underline { attributes += " text-decoration=\"underline\"" }
        return out + "<text \(attributes) xml:space=\"preserve\">\(escape(String(trimmed)))</text>\n"
    }

    private static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String((value * 100).rounded() / 100)
    }
}
