import ReplayCore

/// The top row: play state and speed, the file, where the playhead is, and the time.
enum HeaderView {
    /// What the header shows.
    struct Content {
        var playhead: Playhead
        var count: Int
        /// The event at the playhead, nil at the start.
        var event: Event?
        var onCrash: Bool
        /// The whole recording's duration, nil when events carry no time.
        var duration: Double?
        var timeScale: TimeScale
        var fileName: String
        var format: String
        /// Following the trace as it grows, if it is.
        var following: Following?
        /// Indexing the trace in the background, if it still is.
        var indexing: Indexing?
        /// How the recorded process stopped when it did not crash (`:normal`).
        var normalStop: String?

        init(_ session: TraceSession, _ ui: UIState) {
            following = ui.following
            indexing = ui.indexing
            playhead = session.playhead
            count = session.trace.count
            event = session.event
            onCrash = session.crashHere != nil
            duration = session.overview.durationMilliseconds
            timeScale = session.timeScale
            fileName = session.fileName
            format = "\(session.trace.format)"
            normalStop = session.trace.normalStop
        }
    }

    static func draw(_ content: Content, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, style: Style(.text, background: .header))
        let base = Style(.text, background: .header)
        let playhead = content.playhead
        var x = rect.x
        let play = playhead.isPlaying ? " ▶ " : " ❚❚ "
        x = canvas.put(play, x: x, y: rect.y, style: Style(.accent, background: .header, bold: true))
        let modes = (playhead.realTime ? "" : " fixed") + (playhead.stopsOnErrors ? " stop@errors" : "")
        x = canvas.put(Format.speed(playhead.speed) + modes, x: x, y: rect.y, style: base)
        x = canvas.put("  │ ", x: x, y: rect.y, style: Style(.border, background: .header))
        if let index = playhead.currentEvent {
            let crash = content.onCrash
            x = canvas.put("#\(index)", x: x, y: rect.y, style: Style(crash ? .crash : .playhead, background: .header, bold: true))
            x = canvas.put(" of \(countText(content))", x: x, y: rect.y, style: base)
            if let event = content.event {
                x = canvas.put("  \(event.kind)", x: x, y: rect.y, style: Style(crash ? .crash : .accent, background: .header, bold: crash))
                if let name = event.name { x = canvas.put(" \(name)", x: x, y: rect.y, style: Style(.text, background: .header, bold: true)) }
            }
        } else {
            x = canvas.put("start", x: x, y: rect.y, style: Style(.playhead, background: .header, bold: true))
            x = canvas.put(" of \(countText(content))", x: x, y: rect.y, style: base)
        }
        x = canvas.put("  │ ", x: x, y: rect.y, style: Style(.border, background: .header))
        x = canvas.put(timeText(content), x: x, y: rect.y, style: base)
        if let (text, role) = indexText(content) ?? followText(content) ?? stopText(content) {
            x = canvas.put("  │ ", x: x, y: rect.y, style: Style(.border, background: .header))
            x = canvas.put(text, x: x, y: rect.y, style: Style(role, background: .header, bold: role != .dim))
        }
        let file = "\(content.fileName) · \(content.format) "
        let fileWidth = DisplayWidth.of(file)
        if rect.maxX - x > fileWidth + 2 {
            canvas.put(file, x: rect.maxX - fileWidth, y: rect.y, style: Style(.dim, background: .header))
        }
    }

    /// `1234`, or `1234+` while more are being indexed.
    static func countText(_ content: Content) -> String {
        content.indexing == nil ? "\(content.count)" : "\(content.count)+"
    }

    /// `indexing 43%` while the trace is indexed in the background.
    static func indexText(_ content: Content) -> (String, Role)? {
        content.indexing.map { ("indexing \(Int($0.fraction * 100))%", .accent) }
    }

    /// `● live 85/s` while the playhead stays on the last event as events arrive, `+12 new`
    /// when it was moved back and events came since (`following` before any came), `ended` when no more will come, `paused` when `F` stopped
    /// reading; nil when the trace is not followed.
    static func followText(_ content: Content) -> (String, Role)? {
        guard let following = content.following else { return nil }
        if let ended = following.ended { return ("◌ \(ended)", .dim) }
        guard following.isOn else { return ("◌ not following (F)", .dim) }
        if content.playhead.position < content.count {
            return following.unseen > 0 ? ("+\(following.unseen) new (End: live)", .accent) : ("following (End: live)", .dim)
        }
        let rate = following.rate
        return ("● live" + (rate > 0 ? " \(Format.trimmed(rate, places: rate < 10 ? 1 : 0))/s" : ""), .added)
    }

    /// `stopped: :normal` for a recording that stopped without crashing.
    static func stopText(_ content: Content) -> (String, Role)? {
        content.normalStop.map { ("stopped: \($0)", .dim) }
    }

    /// `t 5.652 s / 14.410 s`, or `t —` when events carry no time.
    static func timeText(_ content: Content) -> String {
        guard let total = content.duration else { return "t —" }
        let now = content.event?.t?.doubleValue ?? (content.playhead.position == 0 ? 0 : nil)
        let elapsed = now.map(content.timeScale.text) ?? "—"
        return "t \(elapsed) / \(content.timeScale.text(total))"
    }
}
