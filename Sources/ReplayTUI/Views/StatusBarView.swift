import ReplayCore

/// The bottom row: a prompt being typed, else the replay or job under way and how far it
/// has got, else what just happened, else how far findings have gone through a grown trace,
/// else the crash reason when the playhead is on the crash, else the loading warnings, else
/// the keys that matter now.
enum StatusBarView {
    /// What the status bar shows.
    struct Content {
        var prompt: Prompt?
        var job: RunningJob?
        /// The crash, when the playhead is on it and playback is paused, and its reason read.
        var crash: Crash?
        var report: CrashReport?
        /// A message, or else (away from the crash) the loading warnings.
        var message: String?
        /// While the filter, conditions or histories are still going through the trace's
        /// newest events: how much of it they cover.
        var findingsCoverage: Double?
        var focus: Pane

        init(_ session: TraceSession, _ ui: UIState) {
            prompt = ui.prompt
            job = ui.seeking?.job ?? ui.spanBuild?.job ?? ui.job
            crash = session.playhead.isPlaying ? nil : session.crashHere
            report = crash?.reason.map { CrashReport(error: $0, payload: session.event?.payload) }
            message = ui.message ?? (crash == nil ? StatusBarView.warning(session.warnings) : nil)
            findingsCoverage = session.findingsCoverage
            focus = ui.focus
        }
    }

    /// The job under way and how far it has got, and how to stop it.
    static func draw(_ job: RunningJob, in rect: Rect, on canvas: inout Canvas) {
        let text = " \(job.label) … \(Int(job.progress * 100))%"
        let x = canvas.put(DisplayWidth.truncate(text, to: rect.width), x: rect.x, y: rect.y, style: Style(.accent, background: .header, bold: true))
        canvas.put("  Esc: cancel", x: x, y: rect.y, style: Style(.dim, background: .header))
    }

    /// What just happened.
    static func draw(message: String, in rect: Rect, on canvas: inout Canvas) {
        canvas.put(DisplayWidth.truncate(" " + message, to: rect.width), x: rect.x, y: rect.y, style: Style(.accent, background: .header))
    }

    /// The loading warnings in a line: the first, and how many more `L` lists.
    static func warning(_ warnings: [String]) -> String? {
        guard let first = warnings.first else { return nil }
        return warnings.count == 1 ? first : "\(warnings.count) loading warnings (L lists them): \(first)"
    }

    static func draw(_ content: Content, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, style: Style(.text, background: .header))
        if let prompt = content.prompt {
            let (label, text) = switch prompt {
            case .goTo(let text): ("go to event: ", text)
            case .search(let text): ("search events: /", text)
            case .searchState(let text): ("search the state: /", text)
            case .condition(let text): ("break when: ", text)
            case .filter(let text, let skipsHidden):
                (skipsHidden ? "filter events (steps skip hidden ones; Tab: visit all): " : "filter events (Tab: steps skip hidden ones): ", text)
            }
            let x = canvas.put(" " + label, x: rect.x, y: rect.y, style: Style(.accent, background: .header, bold: true))
            let end = canvas.put(text, x: x, y: rect.y, style: Style(.text, background: .header))
            canvas.put("█", x: end, y: rect.y, style: Style(.playhead, background: .header))
            canvas.put("  Enter: go  Esc: cancel", x: end + 1, y: rect.y, style: Style(.dim, background: .header))
            return
        }
        if let job = content.job { return draw(job, in: rect, on: &canvas) }
        // What just happened first (a search that landed on the crash says so), then the
        // crash banner, which the next key brings back.
        if let message = content.message { return draw(message: message, in: rect, on: &canvas) }
        if let coverage = content.findingsCoverage {
            return draw(message: "filter, conditions and histories: through \(Int(coverage * 100))% of the events …", in: rect, on: &canvas)
        }
        if let crash = content.crash {
            let reason = content.report.map { ": " + $0.summary } ?? ""
            let text = " ✖ CRASH at #\(crash.index)\(crash.inferred ? " (inferred: first error)" : "")\(reason)"
            canvas.put(DisplayWidth.truncate(text, to: rect.width), x: rect.x, y: rect.y, style: Style(.crash, background: .header, bold: true))
            return
        }
        let hints = content.focus == .state
            ? " ↑↓ move  ←→ fold  Enter open  h/l step  Tab pane  ? help  q quit"
            : content.focus == .spans
            ? " ↑↓ span  Enter go to its start  ←→ step  Space play  s close  Tab pane  ? help  q quit"
            : " ←→ step  Space play  +/- speed  c crash  e/E errors  : go to  / search  b break  Tab pane  ? help  q quit"
        canvas.put(DisplayWidth.truncate(hints, to: rect.width), x: rect.x, y: rect.y, style: Style(.dim, background: .header))
    }
}
