#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the native `replay-trace` format, as one JSON object or as NDJSON (a header line,
/// then one event a line). See docs/trace-format.md.
///
/// The whole file is validated in one pass, but no event's JSON tree is built: the pass
/// records where each event's bytes are and the few fields every view needs (kind, name,
/// t, error, kind of change) in a ``NativeEventIndex``; events are parsed when asked for.
public enum NativeFormat {
    /// The name `info` reports.
    public static let name = "replay-trace"

    /// Events spanning more bytes than this are indexed in two halves at once, on two cores
    /// (``NativeSecondHalf``).
    public static let splitThreshold = 4 << 20

    /// Reads a native trace from `data`.
    /// `progress` is told the fraction of the bytes read, every 4 MB. `splitAbove` is the
    /// size of the events from which the second half is indexed on another core.
    public static func read(
        _ data: TraceData, progress: ((Double) -> Void)? = nil, splitAbove: Int = splitThreshold
    ) throws(TraceError) -> Trace {
        try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> Trace in
            var reader = NativeReader(data: data, progress: progress, splitAbove: splitAbove)
            do throws(JSONSyntaxError) {
                try reader.readDocument(bytes)
            } catch {
                throw error.traceError(in: bytes)
            }
            let index = NativeEventIndex(data: data, table: reader.table)
            let crash = try Crash.locate(in: index, marked: reader.crashMarker)
            let warnings = reader.cut.map { [$0.warning(in: bytes, complete: index.count)] } ?? []
            return Trace(format: name, meta: reader.meta, initialState: reader.initialState, events: index, crash: crash, warnings: warnings)
        }
    }
}

/// The one pass over a native trace's bytes.
struct NativeReader {
    let data: TraceData
    var table: NativeEventTable
    /// How far the scan had come when it last let go of the pages behind it.
    private var released = 0
    static let releaseStride = 4 << 20

    let progress: ((Double) -> Void)?
    let splitAbove: Int

    init(data: TraceData, progress: ((Double) -> Void)?, splitAbove: Int) {
        self.data = data
        self.progress = progress
        self.splitAbove = splitAbove
        // A generous guess at the event count: untouched capacity costs no memory, while
        // growing an array of a million entries copies it.
        table = NativeEventTable(expectedEvents: data.count / 64)
    }
    var meta: JSONObject = [:]
    var initialState: JSONValue = .null
    var crashMarker: Crash?
    /// Where the file ends too soon, when it was cut off among its events.
    var cut: Cut?
    /// A `version` other than 1, reported once the file is known to be a trace.
    var versionProblem: JSONSyntaxError?

    /// A recording that ends in the middle: the events before the cut are all complete.
    struct Cut {
        /// Where the incomplete event starts, or where the file ends when no event is open.
        var offset: Int

        func warning(in bytes: UnsafeRawBufferPointer, complete count: Int) -> TraceError {
            let (line, column) = lineAndColumn(of: offset, in: bytes)
            let after = count == 0 ? "before event #0" : "after event #\(count - 1)"
            return TraceError(.text(line: line, column: column), "trace is truncated \(after); showing \(count) complete events")
        }
    }

    mutating func readDocument(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        guard let first = parser.currentByte else { throw parser.error("the file holds only whitespace") }
        guard first == UInt8(ascii: "{") else {
            throw JSONSyntaxError(offset: 0, message: notATraceMessage(first))
        }
        var sawEvents = false
        var sawFormat = false
        do throws(JSONSyntaxError) {
            try readMembers(&parser, sawEvents: &sawEvents, sawFormat: &sawFormat)
        } catch where error.isEndOfInput && sawEvents {
            cut = Cut(offset: table.openEventStart ?? error.offset)
            return
        }
        parser.skipWhitespace()
        if parser.currentByte != nil && !sawEvents {
            try readEventLines(&parser)
        } else if parser.currentByte != nil {
            throw parser.error("unexpected \(parser.describeByte(at: parser.position)) after the end of the trace object")
        } else if !sawEvents && !sawFormat {
            throw JSONSyntaxError(offset: 0, message: "not a replay trace: the object has no \"format\": \"replay-trace\" and no 'events' array")
        }
        if let versionProblem { throw versionProblem }
    }

    /// The members of the top-level object; `sawEvents` turns true as the events begin.
    private mutating func readMembers(_ parser: inout JSONParser, sawEvents: inout Bool, sawFormat: inout Bool) throws(JSONSyntaxError) {
        try parser.readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
            let valueStart = parser.position
            switch parser.decodeKey(keyStart, keyEnd) {
            case "format":
                let format = try parser.parseValue()
                guard format == .string(NativeFormat.name) else {
                    throw JSONSyntaxError(offset: valueStart, message: "unknown format \(format.jsonText(.compact)); expected \"\(NativeFormat.name)\"")
                }
                sawFormat = true
            case "version":
                // Judged once the object is read: in another program's file it is not ours to judge.
                let version = try parser.parseValue()
                if version.numberValue?.intValue != 1 {
                    versionProblem = JSONSyntaxError(offset: valueStart, message: "unsupported version \(version.jsonText(.compact)); this build reads version 1")
                }
            case "meta":
                guard case .object(let members) = try parser.parseValue() else {
                    throw JSONSyntaxError(offset: valueStart, message: "'meta' must be an object")
                }
                meta = members
                crashMarker = try crashMarker(in: members, at: valueStart)
            case "initial_state":
                initialState = try parser.parseValue()
            case "events":
                guard parser.currentByte == UInt8(ascii: "[") else {
                    throw parser.error("'events' must be an array, found \(parser.describeByte(at: parser.position))")
                }
                sawEvents = true
                var nextIndex = 0
                var secondHalf = startSecondHalf(parser, layout: .array)
                defer { _ = secondHalf?.finish(adopting: false) }
                try parser.readElements { (parser: inout JSONParser) throws(JSONSyntaxError) in
                    if let split = secondHalf, parser.position >= split.start {
                        secondHalf = nil
                        if adopt(split, at: &parser) { return }
                    }
                    try table.scanEvent(&parser, index: nextIndex)
                    nextIndex += 1
                    releasePages(behind: parser.position)
                }
            default:
                try parser.skipValue()
            }
        }
    }

    /// The NDJSON form: after the header line, one event object a line. A last line cut off
    /// mid-event ends the events there.
    mutating func readEventLines(_ parser: inout JSONParser) throws(JSONSyntaxError) {
        var index = 0
        var secondHalf = startSecondHalf(parser, layout: .lines)
        defer { _ = secondHalf?.finish(adopting: false) }
        while parser.currentByte != nil {
            if let split = secondHalf, parser.position >= split.start {
                secondHalf = nil
                if adopt(split, at: &parser) { return }
            }
            do throws(JSONSyntaxError) {
                try table.scanEvent(&parser, index: index)
                releasePages(behind: parser.position)
            } catch where error.isEndOfInput {
                cut = Cut(offset: table.openEventStart ?? error.offset)
                return
            }
            index += 1
            parser.skipSpacesAndTabs()
            guard parser.currentByte == nil || parser.currentByte == UInt8(ascii: "\n") || parser.currentByte == UInt8(ascii: "\r") else {
                throw parser.error("expected a newline after event #\(index - 1), found \(parser.describeByte(at: parser.position))")
            }
            parser.skipWhitespace()
        }
    }

    /// Starts indexing the second half of the events that begin at the parser's position on
    /// another core, when they are large enough to be worth it.
    private func startSecondHalf(_ parser: JSONParser, layout: NativeSecondHalf.Layout) -> NativeSecondHalf? {
        guard parser.bytes.count - parser.position >= splitAbove else { return nil }
        return NativeSecondHalf.start(UnsafeRawBufferPointer(parser.bytes), eventsFrom: parser.position, layout: layout, data: data)
    }

    /// Takes the second half's events when the scan has landed on its start at an event
    /// boundary and they were all read; false when the scan must go on by itself.
    private mutating func adopt(_ secondHalf: NativeSecondHalf, at parser: inout JSONParser) -> Bool {
        guard parser.position == secondHalf.start else {
            _ = secondHalf.finish(adopting: false)
            return false
        }
        guard let (events, end) = secondHalf.finish(adopting: true) else { return false }
        table.append(events)
        parser.position = end
        releasePages(behind: end)
        return true
    }

    /// Every ``releaseStride`` bytes, lets go of the file's pages behind the scan and
    /// reports progress.
    private mutating func releasePages(behind offset: Int) {
        guard offset - released >= Self.releaseStride else { return }
        data.releasePages(before: offset)
        released = offset
        progress?(Double(offset) / Double(max(data.count, 1)))
    }

    /// `meta.crash` as a crash marker: `{"index": i, "reason": "..."}`, both optional.
    private func crashMarker(in meta: JSONObject, at offset: Int) throws(JSONSyntaxError) -> Crash? {
        guard let crash = meta["crash"], crash != .null else { return nil }
        guard case .object(let fields) = crash else {
            throw JSONSyntaxError(offset: offset, message: "'meta.crash' must be an object")
        }
        let reason = fields["reason"]
        guard reason == nil || reason == .null || reason?.stringValue != nil else {
            throw JSONSyntaxError(offset: offset, message: "'meta.crash.reason' must be a string")
        }
        guard let indexValue = fields["index"], indexValue != .null else { return nil }
        guard let index = indexValue.numberValue?.intValue, index >= 0 else {
            throw JSONSyntaxError(offset: offset, message: "'meta.crash.index' must be a non-negative integer, found \(indexValue.jsonText(.compact))")
        }
        return Crash(index: index, reason: reason?.stringValue, inferred: false)
    }

    private func notATraceMessage(_ first: UInt8) -> String {
        switch first {
        case UInt8(ascii: "["): "not a replay trace: the top level is an array; a trace is a JSON object"
        case UInt8(ascii: "\""), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "-"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            "not a replay trace: the top level is a JSON scalar; a trace is a JSON object"
        default: "not a replay trace: the file does not start with a JSON object"
        }
    }
}

/// What the index scan keeps for every event, column by column.
struct NativeEventTable: Sendable {
    var starts: [Int] = []
    var kindIDs: [UInt32] = []
    var nameIDs: [UInt32] = []
    var times: [Double] = []
    /// Where the event's state/patch/merge value starts, counted from the event's start; 0 for none.
    var effectOffsets: [UInt32] = []
    /// Bits 0-1: the ``EffectKind``; bit 2: carries an error.
    var flags: [UInt8] = []
    var kinds = StringTable()
    var names = StringTable()

    static let errorFlag: UInt8 = 4
    static let noName = UInt32.max

    /// The start of the event being scanned, until it is complete.
    private(set) var openEventStart: Int?

    init(expectedEvents: Int) {
        let capacity = min(expectedEvents, 1 << 28)
        starts.reserveCapacity(capacity)
        kindIDs.reserveCapacity(capacity)
        nameIDs.reserveCapacity(capacity)
        times.reserveCapacity(capacity)
        flags.reserveCapacity(capacity)
        effectOffsets.reserveCapacity(capacity)
    }

    /// Validates the event object at the parser's position, records its summary, and moves past it.
    mutating func scanEvent(_ parser: inout JSONParser, index: Int) throws(JSONSyntaxError) {
        let start = parser.position
        if parser.currentByte == nil { throw parser.truncated("unexpected end of input, expected event #\(index)") }
        guard parser.currentByte == UInt8(ascii: "{") else {
            throw parser.error("event #\(index) must be an object, found \(parser.describeByte(at: start))")
        }
        openEventStart = start
        var kindID: UInt32?
        var nameID = Self.noName
        var time = Double.nan
        var flag: UInt8 = 0
        var effectField: NativeEventField?
        var effectOffset: UInt32 = 0
        try parser.readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
            guard let byte = parser.currentByte, let field = parser.eventField(keyStart, keyEnd) else {
                return try parser.skipValue()
            }
            let valueStart = parser.position
            if let problem = field.typeProblem(JSONTypes(firstByte: byte)) {
                throw parser.error("event #\(index): \(problem)")
            }
            if let effect = field.effect {
                if let effectField {
                    parser.position = keyStart
                    throw parser.error("event #\(index) \(NativeEventField.twoEffectsProblem(effectField.rawValue, field.rawValue))")
                }
                effectField = field
                flag |= effect.rawValue
                guard let offset = UInt32(exactly: valueStart - start) else {
                    throw parser.error("event #\(index) is larger than 4 GiB")
                }
                effectOffset = offset
            }
            switch field {
            case .kind: kindID = try kinds.id(scanning: &parser)
            case .name where byte == UInt8(ascii: "\""): nameID = try names.id(scanning: &parser)
            case .t where byte != UInt8(ascii: "n"):
                let end = try parser.scanNumber()
                time = parser.doubleValue(valueStart..<end)
            case .error where byte != UInt8(ascii: "n"):
                flag |= Self.errorFlag
                try parser.skipValue()
            default:
                try parser.skipValue()
            }
        }
        guard let kindID else {
            throw JSONSyntaxError(offset: start, message: "event #\(index) has no 'kind'; every event needs one")
        }
        starts.append(start)
        kindIDs.append(kindID)
        nameIDs.append(nameID)
        times.append(time)
        flags.append(flag)
        effectOffsets.append(effectOffset)
        openEventStart = nil
    }
}

/// Interned strings: each distinct text gets a small id. Lookups hash the UTF-8 bytes in
/// place (FNV-1a, open addressing) and compare them with the stored bytes, all kept in one
/// buffer, so a name seen before costs no string and no reference counting at all.
struct StringTable: Sendable {
    private(set) var strings: [String] = []
    /// Every string's UTF-8 bytes, one after another: string `id` ends at `ends[id]`.
    private var utf8: [UInt8] = []
    private var ends: [Int] = []
    /// Slot -> id + 1 (0: empty); the capacity is a power of two, at most half full.
    private var slots = [UInt32](repeating: 0, count: 64)

    /// The id of the string literal at the parser's position, which it moves past.
    mutating func id(scanning parser: inout JSONParser) throws(JSONSyntaxError) -> UInt32 {
        let start = parser.position
        let (content, plain) = try parser.scanStringLiteral()
        guard plain else { return id(for: parser.decodeKey(start, content.upperBound + 1)) }
        return id(forUTF8: parser.slice(content))
    }

    mutating func id(for text: String) -> UInt32 {
        var text = text
        return text.withUTF8 { id(forUTF8: $0) }
    }

    /// The id of `text` if it occurs, without adding it.
    func existingID(for text: String) -> UInt32? {
        var text = text
        return text.withUTF8 { bytes in
            let slot = find(bytes)
            return slots[slot] == 0 ? nil : slots[slot] - 1
        }
    }

    private mutating func id(forUTF8 bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let slot = find(bytes)
        if slots[slot] != 0 { return slots[slot] - 1 }
        let id = UInt32(strings.count)
        strings.append(String(decoding: bytes, as: UTF8.self))
        utf8.append(contentsOf: bytes)
        ends.append(utf8.count)
        slots[slot] = id + 1
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    /// The slot holding `bytes`, or the empty slot where they would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        utf8.withUnsafeBufferPointer { stored in
            while slots[slot] != 0, !Self.same(stored, id: Int(slots[slot] - 1), ends: ends, bytes) {
                slot = (slot + 1) & mask
            }
        }
        return slot
    }

    /// True when string `id` in `stored` has exactly the bytes `bytes`.
    private static func same(_ stored: UnsafeBufferPointer<UInt8>, id: Int, ends: [Int], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = id == 0 ? 0 : ends[id - 1]
        guard ends[id] - start == bytes.count else { return false }
        guard let base = bytes.baseAddress, let storedBase = stored.baseAddress else { return true }
        return memcmp(storedBase + start, base, bytes.count) == 0
    }

    private mutating func grow() {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        var start = 0
        for (index, end) in ends.enumerated() {
            let slot = utf8.withUnsafeBufferPointer { find(UnsafeBufferPointer(rebasing: $0[start..<end])) }
            slots[slot] = UInt32(index) + 1
            start = end
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// The events of a native trace: the index from the scan, and the file's bytes to parse an
/// event from when it is asked for.
struct NativeEventIndex: EventStore {
    let data: TraceData
    let table: NativeEventTable

    var count: Int { table.starts.count }

    func summary(_ index: Int) -> EventSummary {
        let flag = table.flags[index]
        let nameID = table.nameIDs[index]
        let time = table.times[index]
        return EventSummary(
            kind: table.kinds.strings[Int(table.kindIDs[index])],
            name: nameID == NativeEventTable.noName ? nil : table.names.strings[Int(nameID)],
            t: time.isNaN ? nil : time,
            hasError: flag & NativeEventTable.errorFlag != 0,
            effect: EffectKind(rawValue: flag & 3)!
        )
    }

    func firstIndex(ofKind kind: String) -> Int? {
        guard let id = table.kinds.existingID(for: kind) else { return nil }
        return table.kindIDs.firstIndex(of: id)
    }

    func firstErrorIndex() -> Int? {
        table.flags.firstIndex { $0 & NativeEventTable.errorFlag != 0 }
    }

    /// Gathered from the index columns, without a summary per event. Kind ids are handed
    /// out as the scan first meets each kind, so id order is the order of first appearance.
    func overview() -> TraceOverview {
        var counts = [Int](repeating: 0, count: table.kinds.strings.count)
        for id in table.kindIDs { counts[Int(id)] += 1 }
        return TraceOverview(
            errors: table.flags.indices.filter { table.flags[$0] & NativeEventTable.errorFlag != 0 },
            durationMilliseconds: table.times.lazy.filter { !$0.isNaN }.max(),
            kinds: counts.indices.filter { counts[$0] > 0 }.map { (table.kinds.strings[$0], counts[$0]) }
        )
    }

    func event(_ index: Int) throws(TraceError) -> Event {
        data.noteRead()
        let members = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> JSONObject in
            var parser = JSONParser(bytes: bytes, position: table.starts[index])
            do throws(JSONSyntaxError) {
                return try parser.parseObject()
            } catch {
                throw error.traceError(in: bytes)
            }
        }
        return try Event(nativeMembers: members, index: index)
    }

    /// Parses only the event's state/patch/merge value, found through the index.
    func effect(_ index: Int) throws(TraceError) -> EventEffect {
        let kind = EffectKind(rawValue: table.flags[index] & 3)!
        guard kind != .none else { return .none }
        data.noteRead()
        let start = table.starts[index] + Int(table.effectOffsets[index])
        return try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> EventEffect in
            let value: JSONValue
            do throws(JSONSyntaxError) {
                if kind == .patch {
                    var fast = JSONParser(bytes: bytes, position: start)
                    if let operations = try fast.plainPatchOperations() { return .patch(operations) }
                }
                var parser = JSONParser(bytes: bytes, position: start)
                value = try parser.parseValue()
            } catch {
                throw error.traceError(in: bytes)
            }
            return try EventEffect(kind, value, event: index)
        }
    }
}

extension JSONParser {
    /// The native event field the member name literal at `start..<end` (quotes included)
    /// names; matched on its bytes unless it holds escapes.
    func eventField(_ start: Int, _ end: Int) -> NativeEventField? {
        let name = slice(start + 1..<end - 1)
        guard name.contains(UInt8(ascii: "\\")) else { return NativeEventField(utf8: name) }
        return NativeEventField(rawValue: decodeKey(start, end))
    }

    /// Moves past spaces and tabs, stopping at a line break.
    mutating func skipSpacesAndTabs() {
        while currentByte == UInt8(ascii: " ") || currentByte == UInt8(ascii: "\t") {
            position += 1
        }
    }

    /// The double nearest to the number literal in `range` (infinity beyond double range).
    /// Plain decimals of up to 15 digits are converted directly (exactly: both parts are
    /// exact doubles, and one division rounds once); anything else goes through the
    /// standard library.
    func doubleValue(_ range: Range<Int>) -> Double {
        var index = range.lowerBound
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenPoint = false
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte &- UInt8(ascii: "0") < 10, digits < 15 {
                mantissa = mantissa * 10 + UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if seenPoint { fraction += 1 }
            } else {
                return Double(String(decoding: slice(range), as: UTF8.self)) ?? .nan
            }
            index += 1
        }
        let value = Double(mantissa) / Self.powersOfTen[fraction]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }
}
