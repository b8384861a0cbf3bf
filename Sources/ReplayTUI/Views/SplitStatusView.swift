/// The split view's bottom row: the comparison under way and how far it has got, else what
/// just happened, else why the runs could not be compared, else the keys that matter.
enum SplitStatusView {
    static func draw(_ split: CompareSession, _ ui: UIState, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, style: Style(.text, background: .header))
        if let job = ui.seeking?.job ?? ui.spanBuild?.job ?? ui.job { return StatusBarView.draw(job, in: rect, on: &canvas) }
        if let message = ui.message { return StatusBarView.draw(message: message, in: rect, on: &canvas) }
        if let failure = split.failure {
            canvas.put(DisplayWidth.truncate(" " + failure, to: rect.width), x: rect.x, y: rect.y, style: Style(.error, background: .header, bold: true))
            return
        }
        let hints = " ←→ step  x/X next/previous divergence  Space play  +/- speed  c crash  Tab pane  ? help  q quit"
        canvas.put(DisplayWidth.truncate(hints, to: rect.width), x: rect.x, y: rect.y, style: Style(.dim, background: .header))
    }
}
