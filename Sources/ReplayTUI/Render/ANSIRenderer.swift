/// A canvas as text with ANSI escape sequences: 24-bit colour from the theme, or attributes
/// alone for a monochrome theme. What `replay-tui render --format ansi` prints.
public enum ANSIRenderer {
    public static func render(_ canvas: Canvas, theme: Theme) -> String {
        var output = ""
        for y in 0..<canvas.height {
            var current: Style?
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                if cell.style != current {
                    output += sequence(for: cell.style, theme: theme)
                    current = cell.style
                }
                output += cell.text
            }
            output += "\u{1B}[0m\n"
        }
        return output
    }

    static func sequence(for style: Style, theme: Theme) -> String {
        let look = theme.attributes(for: style)
        var codes = ["0"]
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.underline { codes.append("4") }
        if look.reverse { codes.append("7") }
        if let color = theme.colors[style.foreground] {
            codes.append("38;2;\(color.red);\(color.green);\(color.blue)")
        }
        if let color = theme.colors[style.background ?? .background] {
            codes.append("48;2;\(color.red);\(color.green);\(color.blue)")
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
