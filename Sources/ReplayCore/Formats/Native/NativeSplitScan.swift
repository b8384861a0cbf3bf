#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A large trace's events indexed from both ends at once: the reader scans from the first
/// event on, while another core takes parts from the last one back, until they meet. A
/// speculation that never changes an answer.
///
/// The events are cut into parts of about equal bytes at guessed event starts: a `{` that
/// looks like the start of an event (see `splitPoint`). A guess is checked, not trusted:
/// the other core's index of a part is used only if the reader, scanning from the start,
/// lands on an event that starts at exactly that part's first byte, which proves the guess
/// right (the scan there is then the one the reader would have done), and the part's own
/// scan landed on the next part's first byte, or ended with the events, likewise. A part
/// that fails either check is scanned by the reader itself, so errors, warnings and
/// truncation are reported exactly as in a single pass.
///
/// The parts are small (some 13 MB of a gigabyte) so that the two cores, taking parts as
/// they go, finish together even when one of them runs slower for a while, as a virtual
/// machine's often does: the reader waits at most for the part the other core is on.
final class NativeSplitScan: @unchecked Sendable {
    /// How the events are laid out: elements of the `events` array, or NDJSON lines.
    enum Layout {
        case array, lines
    }

    /// A part the other core indexed: its events, where the reader resumes after them, and
    /// whether they end the events.
    struct Part {
        var table: NativeEventTable
        var end: Int
        var endsEvents: Bool
    }

    /// Where each part starts; the reader's own first part, from the first event, is not
    /// among them. Ascending.
    let starts: [Int]
    private let bytes: UnsafeRawBufferPointer
    private let layout: Layout
    private let data: TraceData
    /// Which parts each side has taken: the reader every part before `readerNext`, the other
    /// core every part from `otherFirst` on.
    private let taken: Mutex<(readerNext: Int, otherFirst: Int)>
    private let cancelled = Atomic<Bool>(false)
    /// Bytes the other core has indexed so far, updated every ``NativeReader/releaseStride``.
    private let scanned = Atomic<Int>(0)
    private var thread: OtherThread?
    /// The other core's parts, by position in ``starts``; nil for a part it did not index or
    /// could not. Read by the reader only once the other thread is joined.
    private var parts: [Part?]
    private var joined = false
    /// The part whose start the reader reaches next.
    private(set) var next = 0

    /// Starts indexing parts of the events in `bytes[from...]` from the last on, on another
    /// thread, in parts of about `partBytes`; nil when this process has one core or no part
    /// start is found. `bytes` must stay valid until ``finish()`` returns.
    static func start(_ bytes: UnsafeRawBufferPointer, eventsFrom from: Int, partBytes: Int, layout: Layout, data: TraceData) -> NativeSplitScan? {
        guard OtherThread.hasSpareCore else { return nil }
        let size = max(partBytes, 1)
        // A pretty-printed array's events start on lines of their own, indented alike.
        var first = from + (layout == .array ? 1 : 0)
        while first < bytes.count, bytes[first] == 0x20 || bytes[first] == 0x09 || bytes[first] == 0x0A || bytes[first] == 0x0D { first += 1 }
        let indent = layout == .array && bytes[from..<first].contains(0x0A) ? indentation(of: first, in: bytes) : nil
        var starts: [Int] = []
        for guess in stride(from: from + size, to: bytes.count, by: size) {
            let after = max(guess, (starts.last ?? from) + 1)
            if let start = splitPoint(in: bytes, after: after, layout: layout, indent: indent) {
                starts.append(start)
            }
            // Looking (up to 1 MB on from `after`) maps pages: on a kernel that keeps a file's
            // cached pages in large folios, a fault maps the whole folio, up to 2 MB (a
            // 1M-event NDJSON trace held 35 MB more at once). Let them go as each guess is
            // made, to past the unit the last byte looked at is in; the scans map what they read.
            let unit = TraceData.releaseUnit
            data.releasePages(from: max(from + size, after - unit), before: max(starts.last ?? 0, after + (1 << 20)) + 2 * unit)
        }
        guard !starts.isEmpty else { return nil }
        let scan = NativeSplitScan(bytes: bytes, starts: starts, layout: layout, data: data)
        guard let thread = OtherThread.start({ _ in scan.run() }) else { return nil }
        scan.thread = thread
        return scan
    }

    private init(bytes: UnsafeRawBufferPointer, starts: [Int], layout: Layout, data: TraceData) {
        self.bytes = bytes
        self.starts = starts
        self.layout = layout
        self.data = data
        taken = Mutex((0, starts.count))
        parts = Array(repeating: nil, count: starts.count)
    }

    /// How many bytes the other thread has indexed, for progress. Safe from any thread.
    var scannedBytes: Int { scanned.load(ordering: .relaxed) }

    /// Where the next part starts, or `Int.max` past the last: the reader asks ``reach(_:)``
    /// once its position is there or beyond.
    var nextStart: Int { next < starts.count ? starts[next] : .max }

    /// The reader, at an event's start at `position`, has come to or past ``nextStart``.
    /// Returns the other core's part starting there when the reader landed on its first byte
    /// and the part is whole, to be appended; nil when the reader scans on by itself, through
    /// that part (taking it, if the other core has not). Waits for the other thread when
    /// that part is its own.
    func reach(_ position: Int) -> Part? {
        let part = next
        next += 1
        let readerTakes = taken.withLock { taken in
            guard part < taken.otherFirst else { return false }
            taken.readerNext = part + 1
            return true
        }
        guard !readerTakes else { return nil }
        join()
        guard position == starts[part], let found = parts[part] else { return nil }
        // Handed over, not shared: the reader frees each column as it appends it.
        parts[part] = nil
        return found
    }

    /// Stops the other thread early, unless it is done, and waits for it. The reader calls
    /// it when it stops reading, by error or at the end.
    func finish() {
        cancelled.store(true, ordering: .relaxed)
        join()
    }

    private func join() {
        guard !joined else { return }
        joined = true
        thread?.join()
    }

    /// A byte at or after `offset` that starts an event if the guess is right: a `{` after a
    /// `,` in the events array or at the start of a line in NDJSON, at the first event's
    /// indentation when that one has a line of its own, whose first member is named as an
    /// event field. The last two keep the guess off the objects inside a value (a patch's
    /// operations, `},{` or a line each in a pretty-printed trace), which would cost the
    /// part before it and its own.
    private static func splitPoint(in bytes: UnsafeRawBufferPointer, after offset: Int, layout: Layout, indent: Int?) -> Int? {
        let limit = min(bytes.count, offset + (1 << 20))
        var index = offset
        while index < limit {
            if bytes[index] == UInt8(ascii: "{"), startsEvent(at: index, in: bytes, layout: layout, indent: indent) { return index }
            index += 1
        }
        return nil
    }

    private static func startsEvent(at index: Int, in bytes: UnsafeRawBufferPointer, layout: Layout, indent: Int?) -> Bool {
        // A look back of at most a few KB: past that, no event starts here that a guess needs.
        let lookBack = max(0, index - 4_096)
        var before = index - 1
        while before > lookBack, bytes[before] == 0x20 || bytes[before] == 0x09 || (layout == .array && (bytes[before] == 0x0A || bytes[before] == 0x0D)) {
            before -= 1
        }
        guard bytes[before] == (layout == .array ? UInt8(ascii: ",") : 0x0A) else { return false }
        if let indent, indentation(of: index, in: bytes) != indent { return false }
        var name = index + 1
        while name < bytes.count, bytes[name] == 0x20 || bytes[name] == 0x09 || bytes[name] == 0x0A || bytes[name] == 0x0D { name += 1 }
        guard name < bytes.count, bytes[name] == UInt8(ascii: "\"") else { return false }
        let end = min(bytes.count, name + 10)
        guard let close = (name + 1..<end).first(where: { bytes[$0] == UInt8(ascii: "\"") }) else { return false }
        return NativeEventField(utf8: UnsafeRawBufferPointer(rebasing: bytes[name + 1..<close]).assumingMemoryBound(to: UInt8.self)) != nil
    }

    /// How many bytes a `{` at `index` has before it on its line, when a newline comes at
    /// most 4 KB before it; nil otherwise (on the first line, or on a line so long that this
    /// is no pretty-printed event's start).
    private static func indentation(of index: Int, in bytes: UnsafeRawBufferPointer) -> Int? {
        let lookBack = max(0, index - 4_096)
        var start = index
        while start > lookBack, bytes[start - 1] != 0x0A {
            start -= 1
        }
        return start > 0 && bytes[start - 1] == 0x0A ? index - start : nil
    }

    /// Takes parts from the last one back until it meets the reader, indexing each.
    private func run() {
        // The parts are read one after another here, so their shapes carry from one to the next.
        let shapes = EventShapes()
        while !cancelled.load(ordering: .relaxed) {
            let part = taken.withLock { taken -> Int? in
                guard taken.otherFirst - 1 >= taken.readerNext else { return nil }
                taken.otherFirst -= 1
                return taken.otherFirst
            }
            guard let part else { return }
            parts[part] = scanPart(from: starts[part], to: part + 1 < starts.count ? starts[part + 1] : nil, shapes: shapes)
        }
    }

    /// Scans events from `start` as the reader would: to the event starting at exactly `stop`,
    /// or with no `stop` to the end of the events. Nil when it lands elsewhere, finds anything
    /// but complete, valid events, or is cancelled.
    func scanPart(from start: Int, to stop: Int?, shapes: EventShapes) -> Part? {
        // The reader's parser nests no deeper at an event's start (it walks the top object
        // and the events array without counting them), so the depth limit holds alike.
        var parser = JSONParser(bytes: bytes, position: start)
        var table = NativeEventTable(expectedEvents: ((stop ?? bytes.count) - start) / 64)
        var released = start
        var index = 0
        var indexReleased = 0
        defer {
            // The part's last few MB too, through the unit its last event ends in (the next
            // part's, done already): with dozens of parts, those would add up.
            data.releasePages(from: released, before: parser.position + TraceData.releaseUnit)
            scanned.add(parser.position - released, ordering: .relaxed)
        }
        do throws(JSONSyntaxError) {
            while !cancelled.load(ordering: .relaxed) {
                if let stop, parser.position >= stop {
                    return parser.position == stop ? Part(table: table, end: stop, endsEvents: false) : nil
                }
                try table.scanEvent(&parser, index: index, shapes: shapes)
                index += 1
                if parser.position - released >= NativeReader.releaseStride {
                    data.releasePages(from: released, before: parser.position)
                    scanned.add(parser.position - released, ordering: .relaxed)
                    released = parser.position
                    // The columns' pages for the events of the next stride, or of the rest of
                    // the part, as dense as this stride's.
                    let rest = (stop ?? bytes.count) - parser.position
                    table.faultIn(aheadEvents: (index - indexReleased) * min(rest, NativeReader.releaseStride) / NativeReader.releaseStride)
                    indexReleased = index
                }
                switch layout {
                case .array:
                    parser.skipWhitespace()
                    if parser.currentByte == UInt8(ascii: "]") { return Part(table: table, end: parser.position, endsEvents: true) }
                    guard parser.currentByte == UInt8(ascii: ",") else { return nil }
                    parser.position += 1
                    parser.skipWhitespace()
                case .lines:
                    parser.skipSpacesAndTabs()
                    guard parser.currentByte == nil || parser.currentByte == 0x0A || parser.currentByte == 0x0D else { return nil }
                    parser.skipWhitespace()
                    if parser.currentByte == nil { return Part(table: table, end: parser.position, endsEvents: true) }
                }
            }
        } catch {
            // Not an answer: the reader scans this part itself and reports what it finds.
        }
        return nil
    }
}
