import ReplayCore

/// A filter of the event list (`f`): the query, and the events after which it holds.
public struct EventFilter: Equatable, Sendable {
    public let query: Query
    /// The events kept, ascending.
    public let kept: [Int]
    /// Steps (← →) go from kept event to kept event instead of visiting every event.
    public let skipsHidden: Bool

    public init(query: Query, kept: [Int], skipsHidden: Bool) {
        self.query = query
        self.kept = kept
        self.skipsHidden = skipsHidden
    }

    /// The first kept event after `index` (before it, going back).
    public func kept(after index: Int, forward: Bool) -> Int? {
        let atOrBefore = keptCount(through: forward ? index : index - 1)
        return forward ? (atOrBefore < kept.count ? kept[atOrBefore] : nil) : (atOrBefore > 0 ? kept[atOrBefore - 1] : nil)
    }

    /// Where the list of kept events stands for event `index`: the last kept event at or
    /// before it (0 when there is none).
    public func listPosition(of index: Int) -> Int {
        max(keptCount(through: index) - 1, 0)
    }

    /// How many kept events are at or before `index` (a binary search).
    private func keptCount(through index: Int) -> Int {
        var low = 0, high = kept.count
        while low < high {
            let middle = (low + high) / 2
            if kept[middle] <= index { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
