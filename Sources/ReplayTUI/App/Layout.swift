/// Where each part of the screen goes for a terminal size; shared by the views and by
/// mouse handling so that a click lands where the eye sees it.
public struct Layout: Equatable, Sendable {
    /// Below this size the screen shows "terminal too small" instead of the panes.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public let header: Rect
    public let timeline: Rect
    public let density: Rect
    public let events: Rect
    public let state: Rect
    public let diff: Rect
    public let detail: Rect
    public let status: Rect

    /// Nil when the terminal is too small.
    public init?(width: Int, height: Int) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        header = Rect(x: 0, y: 0, width: width, height: 1)
        timeline = Rect(x: 0, y: 1, width: width, height: 1)
        density = Rect(x: 0, y: 2, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let detailHeight = max(4, height / 5)
        detail = Rect(x: 0, y: status.y - detailHeight, width: width, height: detailHeight)
        let bodyTop = 3
        let bodyHeight = detail.y - bodyTop
        let leftWidth = width * 42 / 100
        events = Rect(x: 0, y: bodyTop, width: leftWidth, height: bodyHeight)
        let rightWidth = width - leftWidth - 1
        let stateHeight = bodyHeight * 3 / 5
        state = Rect(x: leftWidth + 1, y: bodyTop, width: rightWidth, height: stateHeight)
        diff = Rect(x: leftWidth + 1, y: bodyTop + stateHeight, width: rightWidth, height: bodyHeight - stateHeight)
    }

    /// The pane at a cell, if any.
    public func pane(atX x: Int, y: Int) -> Pane? {
        if events.contains(x: x, y: y) { return .events }
        if state.contains(x: x, y: y) { return .state }
        if diff.contains(x: x, y: y) { return .diff }
        if detail.contains(x: x, y: y) { return .detail }
        return nil
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
        }
    }
}
