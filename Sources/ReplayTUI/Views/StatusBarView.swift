/// The bottom row: a prompt being typed, else what just happened (the crash reason
/// prominently when the playhead is on the crash), else the keys that matter now.
enum StatusBarView {
    static func draw(_ model: Model, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, style: Style(.text, background: .header))
        if let prompt = model.prompt {
            let (label, text) = switch prompt {
            case .goTo(let text): ("go to event: ", text)
            case .search(let text): ("search: /", text)
            }
            let x = canvas.put(" " + label, x: rect.x, y: rect.y, style: Style(.accent, background: .header, bold: true))
            let end = canvas.put(text, x: x, y: rect.y, style: Style(.text, background: .header))
            canvas.put("█", x: end, y: rect.y, style: Style(.playhead, background: .header))
            canvas.put("  Enter: go  Esc: cancel", x: end + 1, y: rect.y, style: Style(.dim, background: .header))
            return
        }
        if let crash = model.crashHere, !model.playhead.isPlaying {
            let reason = crash.reason.map { ": " + $0.split(separator: "\n").joined(separator: " ⏎ ") } ?? ""
            let text = " ✖ CRASH at #\(crash.index)\(crash.inferred ? " (inferred: first error)" : "")\(reason)"
            canvas.put(DisplayWidth.truncate(text, to: rect.width), x: rect.x, y: rect.y, style: Style(.crash, background: .header, bold: true))
            return
        }
        if let message = model.message ?? model.warnings.first {
            canvas.put(DisplayWidth.truncate(" " + message, to: rect.width), x: rect.x, y: rect.y, style: Style(.accent, background: .header))
            return
        }
        let hints = model.focus == .state
            ? " ↑↓ move  ←→ fold  Enter open  h/l step  Tab pane  ? help  q quit"
            : " ←→ step  Space play  +/- speed  c crash  e/E errors  : go to  / search  b break  Tab pane  ? help  q quit"
        canvas.put(DisplayWidth.truncate(hints, to: rect.width), x: rect.x, y: rect.y, style: Style(.dim, background: .header))
    }
}
