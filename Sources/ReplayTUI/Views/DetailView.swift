import ReplayCore

/// The current event in full: its error (wrapped, never cut), its payload (as indented JSON,
/// or in Elixir for a Replayx trace), any fields the format does not know, and the name of
/// each remote node its pids print by number (`node 1: b@host`).
enum DetailView {
    /// What the event pane shows.
    struct Content {
        /// The event at the playhead, nil at the start.
        var event: Event?
        var onCrash: Bool
        var scroll: Int
        var syntax: ValueSyntax
        var timeScale: TimeScale
        var focused: Bool
        /// The last search's text, marked where the pane shows it.
        var highlight: String?

        init(_ session: TraceSession, _ ui: UIState) {
            highlight = ui.lastSearch
            event = session.event
            onCrash = session.crashHere != nil
            scroll = ui.detailScroll
            syntax = session.syntax
            timeScale = session.timeScale
            focused = ui.focus == .detail
        }

        /// The pane's lines at `width` (the whole screen's: the pane runs across it); one,
        /// the hint, at the start.
        func lines(width: Int) -> [(text: String, style: Style)] {
            guard let event else { return [("", Style(.dim))] }
            return DetailView.lines(of: event, crash: onCrash, width: width, syntax: syntax)
        }
    }

    /// Draws the pane; `lines` are ``Content/lines(width:)`` for the pane's width.
    static func draw(_ content: Content, lines: [(text: String, style: Style)], in rect: Rect, on canvas: inout Canvas) {
        guard let event = content.event else {
            PaneTitle.draw("Event", focused: content.focused, in: rect, on: &canvas)
            let body = PaneTitle.content(of: rect)
            let hint = "  at the start: no event applied yet. → steps, Space plays, c jumps to the crash, ? lists every key"
            canvas.put(hint, x: body.x, y: body.y, style: Style(.dim), limit: body.width)
            return
        }
        var title = "Event #\(event.index)  \(event.kind)"
        if let name = event.name { title += " \(name)" }
        if let t = event.t?.doubleValue { title += "  t \(content.timeScale.text(t))" }
        if let seq = event.seq { title += "  seq \(seq.jsonText(.compact))" }
        PaneTitle.draw(title, focused: content.focused, in: rect, on: &canvas)
        let body = PaneTitle.content(of: rect)
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
            // Elixir's own form stands as it is (` ✖ CRASH ** (ArithmeticError) …`).
            let exception = report.exceptionLine
            let label = (crash ? " ✖ CRASH" : " ! error") + (exception.hasPrefix("** ") ? " " : ": ")
            let style = Style(crash ? .crash : .error, bold: true)
            lines += TextWrap.words(label + exception, width: width, indent: DisplayWidth.of(label)).map { ($0, style) }
            if let location = report.location { lines.append((String(repeating: " ", count: DisplayWidth.of(label)) + "at " + location, Style(crash ? .crash : .error))) }
            for frame in report.frames {
                let indent = frame.prefix { $0 == " " }.count
                lines += TextWrap.words(" " + frame, width: width, indent: indent + 5).map { ($0, Style(.text)) }
            }
        }
        if let payload = event.payload {
            lines.append((" payload:", Style(.dim)))
            for line in syntax.lines(payload) {
                lines += TextWrap.cells("   " + line, width: width).map { ($0, Style(.text)) }
            }
        } else {
            lines.append((" no payload", Style(.dim)))
        }
        for (key, value) in event.extra {
            lines += TextWrap.cells(" \(key): \(syntax.preview(value, limit: .max))", width: width).map { ($0, Style(.dim)) }
        }
        if syntax.language == .elixir {
            for (number, node) in syntax.elixir.remoteNodes(in: [event.payload ?? .null] + event.extra.values) {
                lines.append((" node \(number): \(node)", Style(.dim)))
            }
        }
        return lines
    }
}
