import ReplayCore

/// The current event in full: its error (wrapped, never cut), its payload (as indented JSON,
/// or in Elixir for a Replayx trace), and any fields the format does not know.
enum DetailView {
    /// What the event pane shows.
    struct Content {
        /// The event at the playhead, nil at the start.
        var event: Event?
        var onCrash: Bool
        var scroll: Int
        var syntax: ValueSyntax
        var focused: Bool
        /// The last search's text, marked where the pane shows it.
        var highlight: String?

        init(_ session: TraceSession, _ ui: UIState) {
            highlight = ui.lastSearch
            event = session.event
            onCrash = session.crashHere != nil
            scroll = ui.detailScroll
            syntax = session.syntax
            focused = ui.focus == .detail
        }
    }

    static func draw(_ content: Content, in rect: Rect, on canvas: inout Canvas) {
        guard let event = content.event else {
            PaneTitle.draw("Event", focused: content.focused, in: rect, on: &canvas)
            let body = PaneTitle.content(of: rect)
            let hint = "  at the start: no event applied yet. → steps, Space plays, c jumps to the crash, ? lists every key"
            canvas.put(hint, x: body.x, y: body.y, style: Style(.dim), limit: body.width)
            return
        }
        var title = "Event #\(event.index)  \(event.kind)"
        if let name = event.name { title += " \(name)" }
        if let t = event.t { title += "  t=\(t.literal)" }
        if let seq = event.seq { title += "  seq \(seq.jsonText(.compact))" }
        PaneTitle.draw(title, focused: content.focused, in: rect, on: &canvas)
        let body = PaneTitle.content(of: rect)
        let lines = self.lines(of: event, crash: content.onCrash, width: body.width, syntax: content.syntax)
        for (offset, line) in lines.dropFirst(min(content.scroll, max(lines.count - body.height, 0))).prefix(body.height).enumerated() {
            canvas.put(line.text, x: body.x, y: body.y + offset, style: line.style, limit: body.width)
            if let highlight = content.highlight {
                canvas.highlight(highlight, y: body.y + offset, columns: body.x..<body.maxX, as: .match)
            }
        }
    }

    /// The lines the pane shows for `event`, wrapped to `width`.
    static func lines(of event: Event, crash: Bool, width: Int, syntax: ValueSyntax = .json) -> [(text: String, style: Style)] {
        var lines: [(String, Style)] = []
        if let error = event.error {
            // The exception line first, then one frame a line (``CrashReport``), each wrapped
            // at word boundaries under its own start.
            let report = CrashReport(error: error, payload: event.payload)
            let label = crash ? " ✖ CRASH: " : " ! error: "
            let style = Style(crash ? .crash : .error, bold: true)
            lines += wrapWords(label + report.headline, width: width, indent: DisplayWidth.of(label)).map { ($0, style) }
            if let location = report.location { lines.append((String(repeating: " ", count: DisplayWidth.of(label)) + "at " + location, Style(crash ? .crash : .error))) }
            for frame in report.frames {
                let indent = frame.prefix { $0 == " " }.count
                lines += wrapWords(" " + frame, width: width, indent: indent + 5).map { ($0, Style(.text)) }
            }
        }
        if let payload = event.payload {
            lines.append((" payload:", Style(.dim)))
            for line in syntax.lines(payload) {
                lines += wrap("   " + line, width: width).map { ($0, Style(.text)) }
            }
        } else {
            lines.append((" no payload", Style(.dim)))
        }
        for (key, value) in event.extra {
            lines += wrap(" \(key): \(syntax.preview(value, limit: .max))", width: width).map { ($0, Style(.dim)) }
        }
        return lines
    }

    /// `text` in lines at most `width` columns wide, broken at spaces where a word fits,
    /// the lines after the first indented by `indent` columns (a hanging indent).
    static func wrapWords(_ text: String, width: Int, indent: Int) -> [String] {
        guard DisplayWidth.of(text) > width, width > indent + 8 else { return wrap(text, width: width) }
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
    static func wrap(_ text: String, width: Int) -> [String] {
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
