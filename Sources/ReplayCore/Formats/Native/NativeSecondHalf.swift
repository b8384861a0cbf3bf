#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The second half of a large trace's events, indexed on another core while the reader
/// indexes the first half: a speculation that never changes an answer.
///
/// The split point is a guess: a `{` past the middle of the events that looks like the start
/// of an event (after a `,` in the events array, or at the start of a line in NDJSON). The
/// guess is checked, not trusted: its index is used only if the reader, scanning from the
/// start, lands on an event that starts at exactly that byte, which proves the guess right
/// (the scan there is then the one the reader would have done). If the reader passes the
/// split point without landing on it, or the second half holds anything but complete,
/// valid events up to the end of the events, the speculation is dropped and the reader
/// scans on by itself, so errors, warnings and truncation are reported exactly as in a
/// single pass.
final class NativeSecondHalf: @unchecked Sendable {
    /// How the events are laid out: elements of the `events` array, or NDJSON lines.
    enum Layout {
        case array, lines
    }

    /// Where the guessed event starts.
    let start: Int
    private let bytes: UnsafeRawBufferPointer
    private let layout: Layout
    private let data: TraceData
    private let cancelled = Atomic<Bool>(false)
    /// Bytes scanned from ``start`` so far, updated every ``NativeReader/releaseStride``.
    private let scanned = Atomic<Int>(0)
    /// The other thread, once started.
    private var thread: OtherThread?
    private var joined = false
    /// The events from `start` on and the offset the reader resumes at, once scanned.
    private var result: (table: NativeEventTable, end: Int)?

    /// Starts indexing the second half of the events in `bytes[from...]` on another
    /// thread; nil when the machine has one core or no split point is found nearby.
    /// `bytes` must stay valid until ``finish(adopting:)`` returns.
    static func start(_ bytes: UnsafeRawBufferPointer, eventsFrom from: Int, layout: Layout, data: TraceData) -> NativeSecondHalf? {
        guard sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1,
            let start = splitPoint(in: bytes, after: from + (bytes.count - from) / 2, layout: layout)
        else { return nil }
        let scan = NativeSecondHalf(bytes: bytes, start: start, layout: layout, data: data)
        guard let thread = OtherThread.start({ _ in scan.run() }) else { return nil }
        scan.thread = thread
        return scan
    }

    private init(bytes: UnsafeRawBufferPointer, start: Int, layout: Layout, data: TraceData) {
        self.bytes = bytes
        self.start = start
        self.layout = layout
        self.data = data
    }

    /// How many bytes the other thread has indexed, for progress. Safe from any thread.
    var scannedBytes: Int { scanned.load(ordering: .relaxed) }

    /// Waits for the other thread. With `adopting`, the reader has landed on ``start`` at
    /// an event boundary: returns the second half's events and the offset to resume at, or
    /// nil when they must be scanned again. Without, stops the other thread early.
    /// Only the first call waits; later ones answer nil.
    func finish(adopting: Bool) -> (table: NativeEventTable, end: Int)? {
        guard !joined else { return nil }
        joined = true
        if !adopting { cancelled.store(true, ordering: .relaxed) }
        thread?.join()
        // Handed over, not shared: the reader frees each column as it appends it.
        defer { result = nil }
        return adopting ? result : nil
    }

    /// A byte at or after `offset` that starts an event if the guess is right.
    private static func splitPoint(in bytes: UnsafeRawBufferPointer, after offset: Int, layout: Layout) -> Int? {
        let limit = min(bytes.count, offset + (1 << 20))
        var index = offset
        while index < limit {
            if bytes[index] == UInt8(ascii: "{"), startsEvent(at: index, in: bytes, layout: layout) { return index }
            index += 1
        }
        return nil
    }

    private static func startsEvent(at index: Int, in bytes: UnsafeRawBufferPointer, layout: Layout) -> Bool {
        var before = index - 1
        while before > 0, bytes[before] == 0x20 || bytes[before] == 0x09 || (layout == .array && (bytes[before] == 0x0A || bytes[before] == 0x0D)) {
            before -= 1
        }
        return bytes[before] == (layout == .array ? UInt8(ascii: ",") : 0x0A)
    }

    /// Scans events from ``start`` as the reader would, to the end of the events.
    private func run() {
        // The reader's parser nests no deeper at an event's start (it walks the top object
        // and the events array without counting them), so the depth limit holds alike.
        var parser = JSONParser(bytes: bytes, position: start)
        var table = NativeEventTable(expectedEvents: (bytes.count - start) / 64)
        var released = start
        var index = 0
        do throws(JSONSyntaxError) {
            while !cancelled.load(ordering: .relaxed) {
                try table.scanEvent(&parser, index: index)
                index += 1
                if parser.position - released >= NativeReader.releaseStride {
                    data.releasePages(from: released, before: parser.position)
                    released = parser.position
                    scanned.store(released - start, ordering: .relaxed)
                }
                switch layout {
                case .array:
                    parser.skipWhitespace()
                    if parser.currentByte == UInt8(ascii: "]") { return result = (table, parser.position) }
                    guard parser.currentByte == UInt8(ascii: ",") else { return }
                    parser.position += 1
                    parser.skipWhitespace()
                case .lines:
                    parser.skipSpacesAndTabs()
                    guard parser.currentByte == nil || parser.currentByte == 0x0A || parser.currentByte == 0x0D else { return }
                    parser.skipWhitespace()
                    if parser.currentByte == nil { return result = (table, parser.position) }
                }
            }
        } catch {
            // Not an answer: the reader scans this part itself and reports what it finds.
        }
    }
}

extension NativeEventTable {
    /// Appends the events of a table scanned separately, translating its kind, name and lane
    /// ids; each of its columns is let go of once appended, so that the two tables' columns
    /// are not all held at once.
    mutating func append(_ other: consuming NativeEventTable) {
        let kindIDs = other.kinds.strings.map { kinds.id(for: $0) }
        let nameIDs = other.names.strings.map { names.id(for: $0) }
        let laneIDs = other.lanes.strings.map { lanes.id(for: $0) }
        starts.append(contentsOf: other.starts)
        other.starts = StartColumn()
        self.kindIDs.append(other.kindIDs, translating: kindIDs)
        other.kindIDs = IDColumn()
        self.nameIDs.append(other.nameIDs, translating: nameIDs)
        other.nameIDs = IDColumn()
        self.laneIDs.append(other.laneIDs, translating: laneIDs)
        other.laneIDs = IDColumn()
        times.append(contentsOf: other.times)
        other.times = TimeColumn()
        flags.append(contentsOf: other.flags)
        other.flags = IndexColumn()
        effectOffsets.append(contentsOf: other.effectOffsets)
    }
}
