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
        var low = 0, high = kept.count
        while low < high {
            let middle = (low + high) / 2
            if forward ? kept[middle] <= index : kept[middle] < index { low = middle + 1 } else { high = middle }
        }
        return forward ? (low < kept.count ? kept[low] : nil) : (low > 0 ? kept[low - 1] : nil)
    }

    /// Where the list of kept events stands for event `index`: the last kept event at or
    /// before it (0 when there is none).
    public func listPosition(of index: Int) -> Int {
        var low = 0, high = kept.count
        while low < high {
            let middle = (low + high) / 2
            if kept[middle] <= index { low = middle + 1 } else { high = middle }
        }
        return max(low - 1, 0)
    }
}
