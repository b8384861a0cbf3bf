/// Where each part of the split view goes for a terminal size: header, timeline, the two
/// event lists side by side, the differences pane and the status bar.
struct SplitLayout: Equatable {
    let header: Rect
    let timeline: Rect
    let left: Rect
    let right: Rect
    let diff: Rect
    let status: Rect

    /// Nil when the terminal is smaller than the single view's minimum.
    init?(width: Int, height: Int) {
        guard Layout.fits(width: width, height: height) else { return nil }
        header = Rect(x: 0, y: 0, width: width, height: 1)
        timeline = Rect(x: 0, y: 1, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let diffHeight = max(5, height * 3 / 10)
        diff = Rect(x: 0, y: status.y - diffHeight, width: width, height: diffHeight)
        let listTop = 2
        let half = (width - 1) / 2
        left = Rect(x: 0, y: listTop, width: half, height: diff.y - listTop)
        right = Rect(x: half + 1, y: listTop, width: width - half - 1, height: diff.y - listTop)
    }
}
