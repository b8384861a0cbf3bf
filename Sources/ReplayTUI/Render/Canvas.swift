/// A rectangle of cells, in cell coordinates.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(width, 0)
        self.height = max(height, 0)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }
}

/// One cell of the screen: a grapheme and its style. The right half of a double-width
/// character is a continuation cell with empty text.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style

    public static let blank = Cell(text: " ", style: .plain)

    public var isContinuation: Bool { text.isEmpty }
}

/// A grid of styled cells that views draw into. Tests read it as text; the terminal, ANSI
/// and SVG renderers read its cells.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` at (x, y), clipped to `limit` columns (default: to the right edge),
    /// never splitting a double-width character. Control characters show as `·`.
    /// Returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(width, limit.map { x + $0 } ?? width)
        var column = x
        for character in text {
            let shown = character.isControl ? "·" : character
            let columns = DisplayWidth.of(shown)
            guard columns > 0 else { continue }
            guard column + columns <= end else { break }
            if column >= 0 {
                clearWideCharacter(at: column, y: y)
                cells[y * width + column] = Cell(text: String(shown), style: style)
                if columns == 2 {
                    clearWideCharacter(at: column + 1, y: y)
                    cells[y * width + column + 1] = Cell(text: "", style: style)
                }
            }
            column += columns
        }
        return column
    }

    /// Fills `rect` with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) {
                cells[y * width + x] = Cell(text: " ", style: style)
            }
        }
    }

    /// Marks every place in row `y`, within `columns`, where the cells read `needle`
    /// (ignoring case): those cells take the foreground `role`, bold and underlined, and
    /// keep their background. How search results stand out.
    public mutating func highlight(_ needle: String, y: Int, columns: Range<Int>, as role: Role) {
        let wanted = needle.lowercased().map(String.init)
        guard !wanted.isEmpty, y >= 0, y < height else { return }
        let xs = columns.clamped(to: 0..<width).filter { !self[$0, y].isContinuation }
        let shown = xs.map { self[$0, y].text.lowercased() }
        guard shown.count >= wanted.count else { return }
        for start in 0...(shown.count - wanted.count) where shown[start..<start + wanted.count].elementsEqual(wanted) {
            for x in xs[start..<start + wanted.count] {
                for cell in x..<min(x + DisplayWidth.of(self[x, y].text), width) {
                    cells[y * width + cell].style.foreground = role
                    cells[y * width + cell].style.bold = true
                    cells[y * width + cell].style.underline = true
                }
            }
        }
    }

    /// The screen as text: one line a row, trailing spaces removed.
    public var text: String {
        (0..<height).map(line).joined(separator: "\n")
    }

    /// Row `y` as text, trailing spaces removed.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width { text += self[x, y].text }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Overwriting half of a double-width character blanks its other half.
    private mutating func clearWideCharacter(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(text: " ", style: cells[index - 1].style)
        } else if DisplayWidth.of(cells[index].text) == 2, x + 1 < width {
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
        }
    }
}

extension Character {
    /// True for control characters (C0, DEL, C1), which must not reach the terminal.
    var isControl: Bool {
        unicodeScalars.first.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } ?? false
    }
}
