/// A replayer's checkpoints as the cache keeps them (`KEY.checkpoints`): the states at
/// positions on the replayer's spacing, each as its compact JSON text, with the fingerprint
/// of the trace file and the number of events they were replayed from. Reopening the trace
/// restores them (``SavedStates``, read as needed), so that `End`, `c` and `state --at end`
/// replay at most one spacing of events instead of the whole trace.
///
/// The file is bounded: past ``budget(traceSize:)`` bytes of text, only every second (or
/// fourth…) checkpoint is kept, counting back from the last, which a jump to the end needs.
enum CachedCheckpoints {
    /// The sections of a checkpoints file, in order.
    private enum Part: Int, CaseIterable {
        case head, positions, lengths, texts
    }

    /// The most bytes of state text saved for a trace of `traceSize` bytes: an eighth of it,
    /// but at least 16 MB (a small trace with a large state) and at most 256 MB.
    static func budget(traceSize: Int) -> Int {
        min(max(traceSize / 8, 16 << 20), 256 << 20)
    }

    /// The sections that save `checkpoints` (positions rising, each past 0) of a trace of
    /// `eventCount` events read from the file `fingerprint` identifies, within `budget` bytes
    /// of text (by default ``budget(traceSize:)``); nil when there are none.
    static func sections(of checkpoints: [Checkpoint], eventCount: Int, fingerprint: TraceFingerprint, budget: Int? = nil) -> [CacheFile.Section]? {
        guard let last = checkpoints.last else { return nil }
        // The last state's size stands for every state's: it sets how many fit the budget.
        let lastText = Array(last.state.jsonText(.compact).utf8)
        let fitting = max(1, (budget ?? Self.budget(traceSize: fingerprint.size)) / max(lastText.count, 1))
        var stride = 1
        while (checkpoints.count + stride - 1) / stride > fitting { stride *= 2 }
        let kept = checkpoints.indices.reversed().filter { (checkpoints.count - 1 - $0) % stride == 0 }.reversed()
        var head = CacheByteWriter()
        CachedIndex.write(fingerprint, to: &head)
        head.int(eventCount)
        var positions: [Int] = []
        var lengths: [Int] = []
        var texts: [UInt8] = []
        for index in kept {
            let text = index == checkpoints.count - 1 ? lastText : Array(checkpoints[index].state.jsonText(.compact).utf8)
            positions.append(checkpoints[index].position)
            lengths.append(text.count)
            texts.append(contentsOf: text)
        }
        return [head.bytes, positions, lengths, texts]
    }

    /// The checkpoints saved in `file` for a trace of `eventCount` events read from the file
    /// `fingerprint` identifies, each state to be read when first needed; nil when they were
    /// saved for another file or another count, or the sections do not hold together
    /// (positions out of order or outside the trace, lengths that do not add up to the text).
    static func states(in file: MappedCacheFile, eventCount: Int, fingerprint: TraceFingerprint) -> SavedStates? {
        guard file.sections.count == Part.allCases.count else { return nil }
        do throws(CacheFileDamage) {
            let matches = try file.withSection(Part.head.rawValue) { (bytes: UnsafeRawBufferPointer) throws(CacheFileDamage) -> Bool in
                var reader = CacheByteReader(bytes)
                let saved = try CachedIndex.fingerprint(from: &reader)
                let count = try reader.int()
                guard reader.isAtEnd else { throw CacheFileDamage() }
                return saved == fingerprint && count == eventCount
            }
            guard matches else { return nil }
        } catch {
            return nil
        }
        let count = file.withSection(Part.positions.rawValue) { $0.count / MemoryLayout<Int>.stride }
        guard let positions = file.column(Part.positions.rawValue, of: Int.self, expected: count),
            let lengths = file.column(Part.lengths.rawValue, of: Int.self, expected: count),
            zip(positions, positions.dropFirst()).allSatisfy({ $0 < $1 }),
            positions.allSatisfy({ (1...max(eventCount, 1)).contains($0) })
        else { return nil }
        var ends: [Int] = []
        var end = 0
        for length in lengths {
            guard length >= 0, length <= Int.max - end else { return nil }
            end += length
            ends.append(end)
        }
        guard end == file.withSection(Part.texts.rawValue, { $0.count }) else { return nil }
        return SavedStates(file: file, section: Part.texts.rawValue, positions: positions, ends: ends)
    }
}

/// Checkpoints the index cache saved for a trace (``IndexCache/Entry/savedStates(eventCount:)``):
/// their positions, and each state read from the mapped file when first asked for, so that
/// reopening a trace costs nothing until a jump needs one. A state whose text does not read
/// as JSON is no checkpoint: replay starts from an earlier one.
public final class SavedStates: @unchecked Sendable {
    /// Positions, rising, each past 0.
    public let positions: [Int]
    private let file: MappedCacheFile
    private let section: Int
    /// Where each state's text ends in the section.
    private let ends: [Int]

    fileprivate init(file: MappedCacheFile, section: Int, positions: [Int], ends: [Int]) {
        self.file = file
        self.section = section
        self.positions = positions
        self.ends = ends
    }

    /// The state saved at `position`, if one is and it reads.
    public func state(at position: Int) -> JSONValue? {
        guard let slot = binarySearch(position) else { return nil }
        let start = slot == 0 ? 0 : ends[slot - 1]
        return file.withSection(section) { texts in
            try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: texts[start..<ends[slot]]))
        }
    }

    private func binarySearch(_ position: Int) -> Int? {
        var (low, high) = (0, positions.count)
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < position { low = middle + 1 } else { high = middle }
        }
        return low < positions.count && positions[low] == position ? low : nil
    }
}
