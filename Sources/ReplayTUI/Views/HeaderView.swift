/// The top row: play state and speed, the file, where the playhead is, and the time.
enum HeaderView {
    static func draw(_ model: Model, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, style: Style(.text, background: .header))
        let base = Style(.text, background: .header)
        let playhead = model.playhead
        var x = rect.x
        let play = playhead.isPlaying ? " ▶ " : " ❚❚ "
        x = canvas.put(play, x: x, y: rect.y, style: Style(.accent, background: .header, bold: true))
        let modes = (playhead.realTime ? "" : " fixed") + (playhead.stopsOnErrors ? " stop@errors" : "")
        x = canvas.put(Format.speed(playhead.speed) + modes, x: x, y: rect.y, style: base)
        x = canvas.put("  │ ", x: x, y: rect.y, style: Style(.border, background: .header))
        if let index = playhead.currentEvent {
            let crash = model.crashHere != nil
            x = canvas.put("#\(index)", x: x, y: rect.y, style: Style(crash ? .crash : .playhead, background: .header, bold: true))
            x = canvas.put(" of \(model.trace.count)", x: x, y: rect.y, style: base)
            if let event = model.event {
                x = canvas.put("  \(event.kind)", x: x, y: rect.y, style: Style(crash ? .crash : .accent, background: .header, bold: crash))
                if let name = event.name { x = canvas.put(" \(name)", x: x, y: rect.y, style: Style(.text, background: .header, bold: true)) }
            }
        } else {
            x = canvas.put("start", x: x, y: rect.y, style: Style(.playhead, background: .header, bold: true))
            x = canvas.put(" of \(model.trace.count)", x: x, y: rect.y, style: base)
        }
        x = canvas.put("  │ ", x: x, y: rect.y, style: Style(.border, background: .header))
        x = canvas.put(timeText(model), x: x, y: rect.y, style: base)
        let file = "\(model.fileName) · \(model.trace.format) "
        let fileWidth = DisplayWidth.of(file)
        if rect.maxX - x > fileWidth + 2 {
            canvas.put(file, x: rect.maxX - fileWidth, y: rect.y, style: Style(.dim, background: .header))
        }
    }

    /// `t 5.65 s · 5.65 s / 14.41 s`, or `t —` when events carry no time.
    static func timeText(_ model: Model) -> String {
        guard let total = model.overview.durationMilliseconds else { return "t —" }
        let now = model.event?.t?.doubleValue ?? (model.playhead.position == 0 ? 0 : nil)
        let elapsed = now.map(Format.duration) ?? "—"
        return "t \(elapsed) / \(Format.duration(total))"
    }
}
