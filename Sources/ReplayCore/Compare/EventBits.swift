/// A set of event indices `0..<count`, one bit an event (125 KB for a million).
struct EventBits {
    private var words: [UInt64]
    let count: Int

    init(count: Int) {
        self.count = count
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    mutating func insert(_ range: Range<Int>) {
        for index in range { insert(index) }
    }

    func contains(_ index: Int) -> Bool {
        index < count && words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// The first index at or after `start` not in the set (`count` when there is none).
    func firstMissing(from start: Int) -> Int {
        var word = start >> 6
        guard word < words.count else { return count }
        var missing = ~words[word] & (~0 << UInt64(start & 63))
        while missing == 0 {
            word += 1
            guard word < words.count else { return count }
            missing = ~words[word]
        }
        return min(word * 64 + missing.trailingZeroBitCount, count)
    }
}
