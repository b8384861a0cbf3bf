/// Breaking text into lines that fit a pane: at word boundaries with a hanging indent, or
/// at any character.
enum TextWrap {
    /// `text` in lines at most `width` columns wide, broken at spaces where a word fits,
    /// the lines after the first indented by `indent` columns (a hanging indent).
    static func words(_ text: String, width: Int, indent: Int) -> [String] {
        guard DisplayWidth.of(text) > width, width > indent + 8 else { return cells(text, width: width) }
        var lines: [String] = []
        var rest = Substring(text)
        var prefix = ""
        while !rest.isEmpty {
            let room = width - DisplayWidth.of(prefix)
            guard DisplayWidth.of(String(rest)) > room else {
                lines.append(prefix + rest)
                break
            }
            let (fits, _) = DisplayWidth.prefix(String(rest), fitting: room)
            // Break after the last space that leaves a word on this line, else mid-word.
            let cut = fits.lastIndex(of: " ").map { fits.distance(from: fits.startIndex, to: $0) + 1 }
                .flatMap { $0 > room / 3 ? $0 : nil } ?? max(fits.count, 1)
            var line = rest.prefix(cut)
            while line.last == " " { line = line.dropLast() }
            lines.append(prefix + line)
            rest = rest.dropFirst(cut).drop { $0 == " " }
            prefix = String(repeating: " ", count: indent)
        }
        return lines
    }

    /// `text` cut into pieces at most `width` columns wide, never splitting a character.
    static func cells(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var pieces: [String] = []
        var rest = Substring(text)
        repeat {
            let (piece, _) = DisplayWidth.prefix(String(rest), fitting: width)
            let taken = piece.isEmpty ? rest.prefix(1) : Substring(piece)
            pieces.append(String(taken))
            rest = rest.dropFirst(taken.count)
        } while !rest.isEmpty
        return pieces
    }
}
