import ReplayCore

/// An overlay of text read from top to bottom: the loading warnings (`L`), or a value of the
/// state in full (Enter on a leaf). Long lines wrap at word boundaries; ↑↓, PgUp, PgDn,
/// Home and End scroll; Esc or q closes it.
public struct TextPanel: Equatable, Sendable {
    public var title: String
    public var lines: [String]
    /// The first wrapped line shown.
    public var scroll = 0

    public init(title: String, lines: [String]) {
        self.title = title
        self.lines = lines
    }

    /// Where the panel is drawn on a screen: nearly all of it, so that a long value is read
    /// with as little scrolling as the terminal allows.
    static func box(in screen: Rect) -> Rect {
        let width = max(min(screen.width - 4, 110), 10)
        let height = max(screen.height - 2, 5)
        return Rect(x: (screen.width - width) / 2, y: (screen.height - height) / 2, width: width, height: height)
    }

    /// The lines as shown in `box`: each wrapped at word boundaries under its own indent.
    func wrapped(in box: Rect) -> [String] {
        let width = box.width - 4
        return lines.flatMap { line in
            line.isEmpty ? [""] : TextWrap.words(line, width: width, indent: line.prefix { $0 == " " }.count + 2)
        }
    }

    /// The rows of `box` that show lines (between the title and the footer).
    static func visibleRows(of box: Rect) -> Int {
        max(box.height - 4, 1)
    }
}

extension Model {
    /// A key while a text panel is open: scrolling, or closing it.
    mutating func handleTextPanel(_ key: Key, panel: TextPanel) {
        let box = TextPanel.box(in: Rect(x: 0, y: 0, width: ui.width, height: ui.height))
        let page = TextPanel.visibleRows(of: box)
        let last = max(panel.wrapped(in: box).count - page, 0)
        var panel = panel
        switch key {
        case .down, .character("j"): panel.scroll += 1
        case .up, .character("k"): panel.scroll -= 1
        case .pageDown, .character(" "): panel.scroll += page
        case .pageUp: panel.scroll -= page
        case .home: panel.scroll = 0
        case .end, .character("G"): panel.scroll = last
        case .escape, .enter, .character("q"), .character("L"), .interrupt:
            ui.overlay = nil
            return
        default:
            return
        }
        panel.scroll = min(max(panel.scroll, 0), last)
        ui.overlay = .text(panel)
    }
}

extension Model {
    /// Enter on a leaf of the state tree: the value whole, a string with its own line breaks.
    mutating func showValue(at path: JSONPointer) {
        guard let value = path.resolve(in: session.state) else { return }
        let panel: TextPanel
        if case .string(let text) = value {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            panel = TextPanel(title: "\(path.shown) · string, \(text.count) characters, \(lines.count.counted("line"))", lines: lines)
        } else {
            panel = TextPanel(title: path.shown, lines: session.syntax.lines(value))
        }
        ui.overlay = .text(panel)
    }
}
