/// One trace id's spans as a waterfall, as the debugger's span pane draws them: the rows of
/// its tree in order, a time axis of the trace's own (from its first span's start to its last
/// span's end), and the row of the span the playhead is in.
public struct SpanWaterfall: Equatable, Sendable {
    public let traceID: String
    /// The trace's spans, depth first as ``SpanTree/spans`` orders them.
    public let spans: [SpanTree.Span]
    /// The axis, in the events' milliseconds.
    public let start: Double
    public let end: Double
    /// The row of the span the waterfall was asked for (``SpanTree/waterfall(atEvent:)``).
    public let focus: Int?

    /// The waterfall of `spans`, which share a trace id, with `focus` its row of interest.
    public init(traceID: String, spans: [SpanTree.Span], focus: Int? = nil) {
        self.traceID = traceID
        self.spans = spans
        start = spans.map(\.start).min() ?? 0
        end = spans.map { $0.end ?? $0.start }.max() ?? start
        self.focus = focus
    }

    /// The columns, out of `width`, that row `row`'s bar covers: at least one. An unfinished
    /// span runs to the end of the axis.
    public func columns(of row: Int, width: Int) -> Range<Int> {
        let span = spans[row]
        let scale = scale(width)
        guard scale > 0 else { return 0..<width }
        let from = column(at: span.start, width: width)
        let to = Int((((span.end ?? end) - start) * scale).rounded(.up))
        return from..<min(max(to, from + 1), width)
    }

    /// The column, out of `width`, of the moment `t` on the axis (clamped to it).
    public func column(at t: Double, width: Int) -> Int {
        min(max(Int(((t - start) * scale(width)).rounded(.down)), 0), max(width - 1, 0))
    }

    /// True when row `row`'s span has started and not yet ended once `position` events are
    /// applied: its start event is among them and its end event is not.
    public func isInFlight(_ row: Int, at position: Int) -> Bool {
        let span = spans[row]
        return span.startEvent < position && (span.endEvent.map { position <= $0 } ?? true)
    }

    /// Columns per millisecond; a trace of no duration fills the width.
    private func scale(_ width: Int) -> Double {
        end > start ? Double(width) / (end - start) : 0
    }
}

extension SpanTree {
    /// The waterfall of the trace that event `index` belongs to (its span's trace, or that of
    /// the last span event before it; the first trace's before any), focused on that span.
    /// Nil for a tree without spans.
    public func waterfall(atEvent index: Int?) -> SpanWaterfall? {
        guard let first = spans.first else { return nil }
        let current = span(atOrBefore: index)
        let traceID = current.map { spans[$0].traceID } ?? first.traceID
        let rows = indices(ofTrace: traceID)
        return SpanWaterfall(traceID: traceID, spans: rows.map { spans[$0] }, focus: current.flatMap { rows.firstIndex(of: $0) })
    }
}
