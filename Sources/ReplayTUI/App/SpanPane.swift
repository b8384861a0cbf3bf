import ReplayCore

/// The span pane's own state: which row its cursor is on.
public struct SpanPane: Equatable, Sendable {
    /// The row the cursor was moved to with ↑ and ↓; nil while it is on the span of the
    /// event at the playhead (``SpanWaterfall/focus``), which every move of the playhead
    /// brings back.
    public var selected: Int?
}

/// The span tree being built on the worker: the first time `s` asks for it (the pane opens
/// when it is done), or again for a trace that grew while the pane shows the old one.
public struct SpanBuild: Equatable, Sendable {
    /// The build, as the status line shows it.
    public var job: RunningJob
    /// True when `s` asked for it: the pane opens once it is built.
    public let opensPane: Bool
}

extension Model {
    /// `s`: opens the span pane on the trace of the current event, focused, once the span
    /// tree is built (on the worker, the first time); closes it when open, or stops the
    /// build when one is under way. A trace without spans says so.
    mutating func toggleSpans() {
        if ui.spanPane != nil {
            ui.spanPane = nil
            if ui.focus == .spans { ui.focus = .events }
            return
        }
        if let build = ui.spanBuild, build.opensPane { return cancelSpanBuild() }
        guard session.spanTree != nil else { return buildSpans(opensPane: true) }
        openSpanPane()
    }

    /// Starts building the span tree, superseding a build under way.
    private mutating func buildSpans(opensPane: Bool) {
        if let build = ui.spanBuild { queuedEffects.append(.cancel(jobID: build.job.id)) }
        let job = Job(id: nextJobID, work: .spans)
        nextJobID += 1
        ui.spanBuild = SpanBuild(job: RunningJob(id: job.id, label: job.label, progress: 0, events: session.trace.count), opensPane: opensPane)
        queuedEffects.append(.build(job))
    }

    /// Esc or `s` while the span tree is built: no pane opens.
    mutating func cancelSpanBuild() {
        guard let build = ui.spanBuild else { return }
        ui.spanBuild = nil
        ui.message = "\(build.job.label): cancelled"
        queuedEffects.append(.cancel(jobID: build.job.id))
    }

    /// The trace grew (or was read again): while the pane shows its spans the tree is built
    /// again on the worker, the old one shown until then; a tree the pane does not show is
    /// forgotten, for `s` to build afresh. A build under way builds again when it is done.
    mutating func spansGrew() {
        guard ui.spanBuild == nil else { return }
        if ui.spanPane != nil {
            buildSpans(opensPane: false)
        } else if session.spanTree != nil {
            withSession { $0.take(nil) }
        }
    }

    /// A job's news, if it is the span build's (else nothing happens): its progress, and
    /// the tree, which opens the pane when `s` asked for it.
    mutating func takeSpanBuild(id: Int, _ result: JobResult?, progress: Double? = nil) {
        guard let build = ui.spanBuild, build.job.id == id else { return }
        if let progress { ui.spanBuild?.job.progress = progress }
        guard let result else { return }
        ui.spanBuild = nil
        switch result {
        case .spans(let tree):
            withSession { $0.take(tree) }
            if build.opensPane { openSpanPane() }
            // The trace grew while it was built.
            if build.job.events < session.trace.count { spansGrew() }
        case .failed(_, let error):
            ui.message = "span tree: \(error.rendered(path: session.fileName))"
        default:
            break
        }
    }

    /// Opens the pane on the built tree, or says the trace has no spans.
    private mutating func openSpanPane() {
        guard let waterfall = session.spanWaterfall else {
            ui.message = "no spans in this trace (s shows the spans of OTLP, Jaeger and Zipkin traces)"
            return
        }
        ui.spanPane = SpanPane()
        ui.focus = .spans
        ui.message = "trace \(waterfall.traceID.isEmpty ? "(no id)" : waterfall.traceID): ↑↓ a span, Enter goes to its start, s closes"
    }

    /// The row the span pane's cursor is on: the one moved to, else the current event's span.
    var selectedSpanRow: Int? {
        ui.spanPane?.selected ?? session.spanWaterfall?.focus
    }

    /// ↑ and ↓ in the span pane: the cursor moves by `rows`, the playhead stays.
    mutating func moveSpanCursor(by rows: Int) {
        guard let waterfall = session.spanWaterfall, !waterfall.spans.isEmpty else { return }
        let from = selectedSpanRow ?? (rows > 0 ? -1 : waterfall.spans.count)
        ui.spanPane?.selected = min(max(from + rows, 0), waterfall.spans.count - 1)
    }

    /// A click on row `row` of the span pane's `rows` (as ``SpanPaneView`` lists them)
    /// moves the cursor there.
    mutating func clickSpanRow(_ row: Int, rows: Int) {
        guard let waterfall = session.spanWaterfall else { return }
        let window = EventListWindow(current: selectedSpanRow, count: waterfall.spans.count, rows: rows)
        guard row >= 0, window.first + row < window.end else { return }
        ui.spanPane?.selected = window.first + row
    }

    /// Enter in the span pane: the playhead goes to the selected span's start event.
    mutating func goToSelectedSpan() {
        guard let waterfall = session.spanWaterfall, let row = selectedSpanRow else {
            ui.message = "no span selected: ↑↓ choose one"
            return
        }
        move(to: waterfall.spans[row].startEvent + 1)
    }
}
