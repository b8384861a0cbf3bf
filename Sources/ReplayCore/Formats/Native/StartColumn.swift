/// Where each event of a native trace starts in its bytes, in 4 bytes an event rather than
/// 8 (20 MB at 5M events): each start's lowest 32 bits, and the events at which the starts
/// pass another 4 GiB, none in a trace smaller than that. Starts only grow, as events come
/// in file order.
struct StartColumn: RandomAccessCollection, Sendable {
    /// Each start's lowest 32 bits.
    private(set) var low: IndexColumn<UInt32>
    /// The events from which the starts' higher bits are one more, ascending (an event may
    /// appear twice should one event span more than 4 GiB, which the scan rejects).
    private(set) var wraps: [Int]

    init(reservingCapacity capacity: Int = 0) {
        low = IndexColumn(reservingCapacity: capacity)
        wraps = []
    }

    /// The column a cache file holds (``CachedIndex``); nil unless `wraps` ascend and name
    /// events of the column.
    init?(low: IndexColumn<UInt32>, wraps: [Int]) {
        guard zip(wraps, wraps.dropFirst()).allSatisfy({ $0 <= $1 }), wraps.allSatisfy({ (0..<low.count).contains($0) }) else { return nil }
        self.low = low
        self.wraps = wraps
    }

    var startIndex: Int { 0 }
    var endIndex: Int { low.endIndex }

    subscript(index: Int) -> Int {
        let offset = Int(low[index])
        return wraps.isEmpty ? offset : offset | highBits(of: index) << 32
    }

    @inline(__always)
    mutating func append(_ start: Int) {
        while start >> 32 > wraps.count { wraps.append(low.count) }
        low.append(UInt32(truncatingIfNeeded: start))
    }

    /// ``IndexColumn/faultIn(ahead:)`` for the starts' lowest bits.
    func faultIn(ahead count: Int) {
        low.faultIn(ahead: count)
    }

    /// Appends the starts of events scanned separately, which come after these, moving
    /// their memory's pages where it can (``IndexColumn/append(moving:)``).
    mutating func append(moving other: consuming StartColumn) {
        guard wraps.isEmpty, other.wraps.isEmpty else {
            for start in other { append(start) }
            return
        }
        low.append(moving: exchange(&other.low, with: IndexColumn()))
    }

    /// How many wraps come at or before event `index`.
    private func highBits(of index: Int) -> Int {
        var (lower, upper) = (0, wraps.count)
        while lower < upper {
            let middle = (lower + upper) / 2
            if wraps[middle] <= index { lower = middle + 1 } else { upper = middle }
        }
        return lower
    }
}
