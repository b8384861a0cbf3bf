extension NativeEventIndex {
    /// The events in `range` whose bytes pass `prefilter`, ascending: one scan over the
    /// range's bytes (events lie one after the other in the file), each hit mapped to the
    /// event whose bytes hold it by its offset, and the rest of that event skipped. An event's
    /// bytes run to the next event's start, or to the end of the file for the last one. A
    /// range of ``EventHalves/splitThreshold`` events or more (`events --grep` over a whole
    /// trace, not the debugger's search, which asks 2,048 events at a time) is scanned in two
    /// halves, the second on another core when there is one.
    func candidates(for prefilter: SearchPrefilter, in range: Range<Int>) -> [Int] {
        let halves = try? EventHalves.run(range, shouldContinue: { _ in true }) { half, _, _ in
            self.candidatesInOnePass(for: prefilter, in: half)
        }
        return halves?.flatMap { $0 } ?? candidatesInOnePass(for: prefilter, in: range)
    }

    /// ``candidates(for:in:)`` on this thread.
    private func candidatesInOnePass(for prefilter: SearchPrefilter, in range: Range<Int>) -> [Int] {
        guard !range.isEmpty else { return [] }
        let finders: [any ByteFinder]
        switch prefilter.test {
        case .none:
            return Array(range)
        case .nonASCII:
            finders = [EscapeFinder(nonASCII: true)]
        case .anchor(let anchor, let lookalikes):
            finders = [EscapeFinder(nonASCII: false), CaselessFinder(anchor)] + lookalikes.map(CaselessFinder.init)
        }
        return data.withBytes { bytes in
            var scan = Scan(starts: table.starts, range: range, end: bytes.count)
            let low = table.starts[range.lowerBound]
            let high = range.upperBound < count ? table.starts[range.upperBound] : bytes.count
            var resume = [Int](repeating: low, count: finders.count)
            var released = low
            var chunk = low
            while chunk < high {
                let chunkEnd = min(chunk + Self.scanChunk, high)
                for (number, finder) in finders.enumerated() {
                    var position = max(resume[number], chunk)
                    while position < chunkEnd, let hit = finder.first(in: bytes, from: position, before: chunkEnd) {
                        position = scan.mark(hit)
                    }
                    resume[number] = position
                }
                chunk = chunkEnd
                if chunk - released >= Self.releaseStride {
                    data.releasePages(from: released, before: chunk)
                    released = chunk
                }
            }
            data.releasePages(from: released, before: high)
            return scan.marked
        }
    }

    /// Bytes scanned by every finder in turn while they are in the processor's cache.
    private static let scanChunk = 1 << 18
    /// Bytes scanned between releases of the pages behind (as the index scan does).
    private static let releaseStride = 4 << 20

    /// The events hits fall in, found by offset.
    private struct Scan {
        let starts: StartColumn
        let range: Range<Int>
        let end: Int
        private var isMarked: [Bool]

        init(starts: StartColumn, range: Range<Int>, end: Int) {
            self.starts = starts
            self.range = range
            self.end = end
            isMarked = [Bool](repeating: false, count: range.count)
        }

        /// Marks the event whose bytes hold offset `hit`; returns where the next event
        /// starts, the place to look on from.
        mutating func mark(_ hit: Int) -> Int {
            var low = range.lowerBound
            var high = range.upperBound
            while high - low > 1 {
                let middle = (low + high) / 2
                if starts[middle] <= hit { low = middle } else { high = middle }
            }
            isMarked[low - range.lowerBound] = true
            return low + 1 < starts.count ? starts[low + 1] : end
        }

        var marked: [Int] {
            isMarked.indices.filter { isMarked[$0] }.map { $0 + range.lowerBound }
        }
    }
}

/// A search for the first offset of something in bytes.
protocol ByteFinder {
    func first(in bytes: UnsafeRawBufferPointer, from: Int, before: Int) -> Int?
}

extension CaselessFinder: ByteFinder {}
extension EscapeFinder: ByteFinder {}
