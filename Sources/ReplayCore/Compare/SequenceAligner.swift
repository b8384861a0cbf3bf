/// A run of events that correspond one to one: A's `a..<a+count` with B's `b..<b+count`.
struct MatchedBlock: Equatable {
    var a: Int
    var b: Int
    var count: Int
}

/// Aligns two event sequences by event identity: a minimal edit script where that is
/// affordable, and a bounded strategy for long, very different runs.
///
/// 1. The common prefix and suffix are matched event by event (from the recorded bytes
///    when both traces are native, whole blocks of byte-identical events at once, so runs
///    that are mostly the same cost one pass).
/// 2. What remains is fingerprinted (``EventFingerprint``) and diffed with Myers' O(ND)
///    algorithm, bounded to about 64 comparisons an event and 2,048 edits (``MyersDiff``).
/// 3. When that bound is exceeded, the events that occur exactly once on each side are
///    anchors (found by sorting): the longest run of them in the same order on both sides
///    (patience sorting, O(n log n)) is matched, and each gap between anchors is aligned again from step 2
///    on its own, down to ``maxAnchorDepth`` levels; a gap still too different is left
///    unmatched (its events are only in A, then only in B).
///
/// Time is O((N+M) log(N+M)) per level and memory linear: never quadratic.
struct SequenceAligner {
    /// How many times a gap between anchors may be split by anchors of its own.
    static let maxAnchorDepth = 8
    /// How many events the common prefix and suffix try to match at once by their bytes.
    static let byteBlock = 1024
    /// The most edits one Myers diff may find before the anchors take over.
    static let maxEdits = 2_048
    /// Comparisons Myers may spend per event of the part it aligns.
    static let workPerEvent = 64

    let a: ComparedTrace
    let b: ComparedTrace

    /// What aligning found: the matched blocks in order, and which of A's events in the
    /// common prefix and suffix have a counterpart with an identical change too (the state
    /// walk passes those without a look while the states are identical).
    struct Aligned {
        var blocks: [MatchedBlock]
        var identicalChanges: EventBits
    }

    /// The alignment, or nil when `shouldContinue` said to stop; it is told the fraction of
    /// the events looked at so far.
    func align(shouldContinue: (Double) -> Bool) throws(CompareError) -> Aligned? {
        let n = a.count
        let m = b.count
        let total = Double(max(n + m, 1))
        var identicalChanges = EventBits(count: n)
        // Whole blocks of byte-identical events first, one memcmp each; a block that differs
        // makes the next ones smaller (and a run of them larger again), so that scattered
        // differences cost a few events' bytes each, not a block's.
        var blockSize = Self.byteBlock
        var prefix = 0
        while prefix < min(n, m) {
            let block = min(blockSize, min(n, m) - prefix - 1)
            if block > 0, a.sameBytes(prefix..<prefix + block, as: b, from: prefix) {
                identicalChanges.insert(prefix..<prefix + block)
                prefix += block
                blockSize = min(blockSize * 2, Self.byteBlock)
                if !shouldContinue(Double(2 * prefix) / total) { return nil }
                continue
            }
            blockSize = max(blockSize / 8, 8)
            guard try a.sameEvent(prefix, as: b, prefix) else { break }
            if try a.sameEffect(prefix, as: b, prefix) { identicalChanges.insert(prefix) }
            prefix += 1
            if prefix % 4096 == 0, !shouldContinue(Double(2 * prefix) / total) { return nil }
        }
        blockSize = Self.byteBlock
        var suffix = 0
        while suffix < min(n, m) - prefix {
            let block = min(blockSize, min(n, m) - prefix - suffix, suffix)
            if block > 0, a.sameBytes((n - suffix - block)..<(n - suffix), as: b, from: m - suffix - block) {
                identicalChanges.insert((n - suffix - block)..<(n - suffix))
                suffix += block
                blockSize = min(blockSize * 2, Self.byteBlock)
                if !shouldContinue(Double(2 * (prefix + suffix)) / total) { return nil }
                continue
            }
            blockSize = max(blockSize / 8, 8)
            guard try a.sameEvent(n - 1 - suffix, as: b, m - 1 - suffix) else { break }
            if try a.sameEffect(n - 1 - suffix, as: b, m - 1 - suffix) { identicalChanges.insert(n - 1 - suffix) }
            suffix += 1
            if suffix % 4096 == 0, !shouldContinue(Double(2 * (prefix + suffix)) / total) { return nil }
        }
        var blocks: [MatchedBlock] = []
        if prefix > 0 { blocks.append(MatchedBlock(a: 0, b: 0, count: prefix)) }
        if prefix < n - suffix, prefix < m - suffix {
            var left: [EventFingerprint] = []
            left.reserveCapacity(n - suffix - prefix)
            for index in prefix..<(n - suffix) {
                left.append(try a.fingerprint(index))
                if index % 4096 == 0, !shouldContinue(Double(2 * (prefix + suffix) + index - prefix) / total) { return nil }
            }
            var right: [EventFingerprint] = []
            right.reserveCapacity(m - suffix - prefix)
            for index in prefix..<(m - suffix) {
                right.append(try b.fingerprint(index))
                if index % 4096 == 0, !shouldContinue(Double(prefix + suffix + n + index - prefix) / total) { return nil }
            }
            var middle: [MatchedBlock] = []
            Self.align(left[...], right[...], depth: 0, into: &middle)
            for block in middle {
                blocks.append(MatchedBlock(a: block.a + prefix, b: block.b + prefix, count: block.count))
            }
        }
        if suffix > 0 { blocks.append(MatchedBlock(a: n - suffix, b: m - suffix, count: suffix)) }
        return Aligned(blocks: Self.merged(blocks), identicalChanges: identicalChanges)
    }

    /// Aligns two slices of fingerprints (indexed by event), appending matched blocks in order.
    static func align<T: Comparable>(_ left: ArraySlice<T>, _ right: ArraySlice<T>, depth: Int, into blocks: inout [MatchedBlock]) {
        var lo = (left.startIndex, right.startIndex)
        var hi = (left.endIndex, right.endIndex)
        while lo.0 < hi.0, lo.1 < hi.1, left[lo.0] == right[lo.1] {
            lo = (lo.0 + 1, lo.1 + 1)
        }
        while hi.0 > lo.0, hi.1 > lo.1, left[hi.0 - 1] == right[hi.1 - 1] {
            hi = (hi.0 - 1, hi.1 - 1)
        }
        if lo.0 > left.startIndex {
            blocks.append(MatchedBlock(a: left.startIndex, b: right.startIndex, count: lo.0 - left.startIndex))
        }
        let tail = MatchedBlock(a: hi.0, b: hi.1, count: left.endIndex - hi.0)
        defer { if tail.count > 0 { blocks.append(tail) } }
        let middleA = left[lo.0..<hi.0]
        let middleB = right[lo.1..<hi.1]
        guard !middleA.isEmpty, !middleB.isEmpty else { return }
        if let pairs = myers(middleA, middleB) {
            for (i, j) in pairs { blocks.append(MatchedBlock(a: i, b: j, count: 1)) }
            return
        }
        guard depth < maxAnchorDepth else { return }
        var start = (middleA.startIndex, middleB.startIndex)
        for (i, j) in anchors(middleA, middleB) {
            align(middleA[start.0..<i], middleB[start.1..<j], depth: depth + 1, into: &blocks)
            blocks.append(MatchedBlock(a: i, b: j, count: 1))
            start = (i + 1, j + 1)
        }
        if start != (middleA.startIndex, middleB.startIndex) {
            align(middleA[start.0...], middleB[start.1...], depth: depth + 1, into: &blocks)
        }
    }

    /// Myers' diff with edits and work bounded by the size of what it aligns.
    static func myers<T: Equatable>(_ left: ArraySlice<T>, _ right: ArraySlice<T>) -> [(Int, Int)]? {
        let size = left.count + right.count
        let budget = workPerEvent * size + 4096
        // The frontiers kept to recover the path take (edits + 1)² entries: 16 MB at most.
        let edits = min(size, max(64, Int(Double(budget).squareRoot())), Self.maxEdits)
        return MyersDiff.matches(left, right, maxEdits: edits, maxWork: budget)
    }

    /// The events found exactly once on each side, the longest run of them in the same
    /// order on both (patience sorting), as index pairs. Found by sorting (24 bytes an event
    /// for fingerprints), not hashing.
    static func anchors<T: Comparable>(_ left: ArraySlice<T>, _ right: ArraySlice<T>) -> [(Int, Int)] {
        // A's events by index, B's as -(index + 1).
        var items: [(value: T, place: Int)] = []
        items.reserveCapacity(left.count + right.count)
        for index in left.indices { items.append((left[index], index)) }
        for index in right.indices { items.append((right[index], -(index + 1))) }
        items.sort { $0.value < $1.value }
        var unique: [(Int, Int)] = []
        var start = 0
        while start < items.count {
            var end = start + 1
            while end < items.count, items[end].value == items[start].value { end += 1 }
            if end - start == 2, (items[start].place >= 0) != (items[start + 1].place >= 0) {
                let (a, b) = items[start].place >= 0 ? (items[start].place, items[start + 1].place) : (items[start + 1].place, items[start].place)
                unique.append((a, -b - 1))
            }
            start = end
        }
        items = []
        unique.sort { $0.0 < $1.0 }
        return longestIncreasing(unique)
    }

    /// The longest subsequence of `pairs` (sorted by their first index) whose second
    /// indices increase too.
    static func longestIncreasing(_ pairs: [(Int, Int)]) -> [(Int, Int)] {
        var tails: [Int] = []  // tails[k]: the pair ending the best run of length k + 1
        var previous = [Int](repeating: -1, count: pairs.count)
        for (index, pair) in pairs.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[tails[middle]].1 < pair.1 { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var run: [(Int, Int)] = []
        var current = tails.last ?? -1
        while current >= 0 {
            run.append(pairs[current])
            current = previous[current]
        }
        return run.reversed()
    }

    /// Joins blocks that continue one another.
    static func merged(_ blocks: [MatchedBlock]) -> [MatchedBlock] {
        var result: [MatchedBlock] = []
        for block in blocks where block.count > 0 {
            if let last = result.last, last.a + last.count == block.a, last.b + last.count == block.b {
                result[result.count - 1].count += block.count
            } else {
                result.append(block)
            }
        }
        return result
    }
}
