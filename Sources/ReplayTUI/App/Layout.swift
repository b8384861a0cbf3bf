/// Where each part of the screen goes for a terminal size and what the panes have to show;
/// shared by the views, key handling and mouse handling so that a click lands where the eye
/// sees it.
///
/// The events list takes the left half of the body; the state tree and the changes share
/// the right half; the event pane runs under both. Panes size to their content: the changes
/// pane shrinks to its changes (at least a row, at most two fifths of its column) and gives
/// the rest to the state tree; the event pane takes the lines it needs, up to a quarter of
/// the body, or more than half of it for an error or the crash, whose stack is the point.
/// While the span pane is open it takes the whole width above the event pane, in place of the
/// events, the state and the changes. Zoomed (`z`), one pane takes the whole body.
public struct Layout: Equatable, Sendable {
    /// Below this size the screen shows "terminal too small" instead of the panes.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    /// What the panes have to show, in lines.
    public struct Content: Equatable, Sendable {
        /// Lines of the event pane's body (its error, stack, payload).
        public var eventLines: Int
        /// True for an error or the crash: its pane may grow over half the body.
        public var eventIsError: Bool
        /// Lines of the changes pane's body.
        public var changeLines: Int
        /// Rows of lanes under the timeline.
        public var laneRows: Int
        /// True while the span pane is open.
        public var showsSpans: Bool

        public init(eventLines: Int, eventIsError: Bool, changeLines: Int, laneRows: Int = 0, showsSpans: Bool = false) {
            self.eventLines = eventLines
            self.eventIsError = eventIsError
            self.changeLines = changeLines
            self.laneRows = laneRows
            self.showsSpans = showsSpans
        }
    }

    public let header: Rect
    public let timeline: Rect
    public let density: Rect
    /// The timeline's rows per lane (height 0 when there are none).
    public let lanes: Rect
    public let events: Rect
    public let state: Rect
    public let diff: Rect
    public let detail: Rect
    /// The span pane (height 0 when it is closed).
    public let spans: Rect
    public let status: Rect
    /// The pane that fills the body, if one is zoomed; the others are then not shown.
    public let zoomed: Pane?
    /// The panes on screen when none is zoomed, in Tab order.
    public let panes: [Pane]

    /// The panes a screen has, in Tab order: the span pane and the event pane while the span
    /// pane is open, the other four when it is not.
    public static func panes(showingSpans: Bool) -> [Pane] {
        showingSpans ? [.spans, .detail] : [.events, .state, .diff, .detail]
    }

    /// True when a terminal of this size shows the panes (not "terminal too small").
    public static func fits(width: Int, height: Int) -> Bool {
        width >= minimumWidth && height >= minimumHeight
    }

    /// Nil when the terminal is too small.
    public init?(width: Int, height: Int, content: Content, zoomed: Pane? = nil) {
        guard Self.fits(width: width, height: height) else { return nil }
        header = Rect(x: 0, y: 0, width: width, height: 1)
        timeline = Rect(x: 0, y: 1, width: width, height: 1)
        density = Rect(x: 0, y: 2, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        lanes = Rect(x: 0, y: 3, width: width, height: content.laneRows)
        let body = Rect(x: 0, y: lanes.maxY, width: width, height: status.y - lanes.maxY)
        self.zoomed = zoomed
        panes = Self.panes(showingSpans: content.showsSpans)
        let hidden = Rect(x: 0, y: 0, width: 0, height: 0)
        if let zoomed {
            events = zoomed == .events ? body : hidden
            state = zoomed == .state ? body : hidden
            diff = zoomed == .diff ? body : hidden
            detail = zoomed == .detail ? body : hidden
            spans = zoomed == .spans ? body : hidden
            return
        }
        let detailCap = content.eventIsError ? body.height * 55 / 100 : max(4, body.height / 4)
        let detailHeight = min(content.eventLines + 1, detailCap)
        detail = Rect(x: 0, y: status.y - detailHeight, width: width, height: detailHeight)
        let upper = detail.y - body.y
        if content.showsSpans {
            spans = Rect(x: 0, y: body.y, width: width, height: upper)
            (events, state, diff) = (hidden, hidden, hidden)
            return
        }
        spans = hidden
        let leftWidth = width / 2
        events = Rect(x: 0, y: body.y, width: leftWidth, height: upper)
        let rightWidth = width - leftWidth - 1
        let diffHeight = min(max(content.changeLines, 1) + 1, max(upper * 2 / 5, 2))
        state = Rect(x: leftWidth + 1, y: body.y, width: rightWidth, height: upper - diffHeight)
        diff = Rect(x: leftWidth + 1, y: body.y + upper - diffHeight, width: rightWidth, height: diffHeight)
    }

    /// The panes on screen.
    public var shown: [Pane] {
        zoomed.map { [$0] } ?? panes
    }

    /// The pane at a cell, if any.
    public func pane(atX x: Int, y: Int) -> Pane? {
        shown.first { rect(of: $0).contains(x: x, y: y) }
    }

    /// The rows a pane has for content (its first row is its title).
    public func contentHeight(of pane: Pane) -> Int {
        max(rect(of: pane).height - 1, 0)
    }

    public func rect(of pane: Pane) -> Rect {
        switch pane {
        case .events: events
        case .state: state
        case .diff: diff
        case .detail: detail
        case .spans: spans
        }
    }
}

extension Layout {
    /// The layout for what `model` shows at its terminal size; nil when it is too small.
    /// `eventLines` is the event pane's line count when the caller has its lines already.
    public init?(_ model: Model, eventLines: Int? = nil) {
        let (session, ui) = (model.session, model.ui)
        let eventLines = eventLines ?? DetailView.Content(session, ui).lines(width: ui.width).count
        let content = Content(
            eventLines: eventLines, eventIsError: session.event?.error != nil,
            changeLines: (session.changesSinceMark ?? session.changes).count, laneRows: session.lanes?.rows.count ?? 0,
            showsSpans: ui.spanPane != nil)
        self.init(width: ui.width, height: ui.height, content: content, zoomed: ui.zoomed ? ui.focus : nil)
    }
}
