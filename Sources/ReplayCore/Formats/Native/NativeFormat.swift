/// Reads the native `replay-trace` format, as one JSON object or as NDJSON (a header line,
/// then one event a line). See docs/trace-format.md.
///
/// The whole file is validated in one pass, but no event's JSON tree is built: the pass
/// records where each event's bytes are and the few fields every view needs (kind, name,
/// t, error, kind of change) in a ``NativeEventIndex``; events are parsed when asked for.
public enum NativeFormat {
    /// The name `info` reports.
    public static let name = TraceFormatName.native

    /// The error for bytes that are all whitespace: no format's, so no importer is asked.
    static let onlyWhitespace = "the file holds only whitespace"

    /// Events spanning more bytes than this are indexed from both ends at once, on two cores
    /// (``NativeSplitScan``).
    public static let splitThreshold = 4 << 20

    /// Reads a native trace from `data`.
    /// `progress` is told the fraction of the bytes read, every 4 MB. `splitAbove` is the
    /// size of the events from which parts of them are indexed on another core. `prefixes`,
    /// when given, is handed the events indexed so far, as a trace (see ``NativePrefixes``).
    public static func read(
        _ data: TraceData, progress: ((Double) -> Void)? = nil, splitAbove: Int = splitThreshold,
        prefixes: NativePrefixes? = nil
    ) throws(TraceError) -> Trace {
        try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> Trace in
            var reader = NativeReader(data: data, progress: progress, splitAbove: splitAbove)
            reader.prefixes = prefixes
            do throws(JSONSyntaxError) {
                try reader.readDocument(bytes)
            } catch where error.message == onlyWhitespace {
                // Not located: counting the lines of gigabytes of blanks would read them again.
                throw TraceError(.file, onlyWhitespace)
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
    /// How many events it had indexed then.
    private var eventsReleased = 0
    /// How far the scan had come when it last offered its events so far.
    private var offered = 0
    static let releaseStride = 4 << 20

    let progress: ((Double) -> Void)?
    let splitAbove: Int
    /// Told the events indexed so far, when the header allows it (``NativePrefixes``).
    var prefixes: NativePrefixes?
    /// True once the header has shown the trace to be native with its initial state up
    /// front: only then are prefixes handed out.
    private var headerFirst = false
    /// The parts being indexed on another core, for progress.
    private var otherCore: NativeSplitScan?
    /// The shapes of the events read last.
    private let shapes = EventShapes()

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
        skipWhitespace(&parser)
        guard let first = parser.currentByte else { throw parser.error(NativeFormat.onlyWhitespace) }
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
        skipWhitespace(&parser)
        if parser.currentByte != nil && !sawEvents {
            try readEventLines(&parser, headerNamedFormat: sawFormat)
        } else if parser.currentByte != nil {
            throw parser.error("unexpected \(parser.describeByte(at: parser.position)) after the end of the trace object")
        } else if !sawEvents && !sawFormat {
            throw JSONSyntaxError(offset: 0, message: "not a replay trace: the object has no \"format\": \"replay-trace\" and no 'events' array")
        }
        if let versionProblem { throw versionProblem }
    }

    /// The members of the top-level object; `sawEvents` turns true as the events begin.
    private mutating func readMembers(_ parser: inout JSONParser, sawEvents: inout Bool, sawFormat: inout Bool) throws(JSONSyntaxError) {
        var sawInitialState = false
        try parser.readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
            let valueStart = parser.position
            switch parser.decodeKey(keyStart, keyEnd) {
            case "format":
                let format = try parser.parseValue()
                guard format == .string(NativeFormat.name.rawValue) else {
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
                sawInitialState = true
            case "events":
                // Events are indexed as they come, so a second array cannot replace the first
                // as a repeated member's last value would (trace-format.md).
                guard !sawEvents else { throw parser.error("'events' appears twice; a trace has one events array") }
                guard parser.currentByte == UInt8(ascii: "[") else {
                    throw parser.error("'events' must be an array, found \(parser.describeByte(at: parser.position))")
                }
                sawEvents = true
                headerFirst = sawFormat && sawInitialState
                let split = startSplitScan(parser, layout: .array)
                defer { split?.finish() }
                try parser.readElements { (parser: inout JSONParser) throws(JSONSyntaxError) in
                    if let split, parser.position >= split.nextStart, meet(split, at: &parser) { return }
                    try table.scanEvent(&parser, index: table.starts.count, shapes: shapes)
                    releasePages(behind: parser.position)
                }
            default:
                try parser.skipValue()
            }
        }
    }

    /// The NDJSON form: after the header line, one event object a line. A last line cut off
    /// mid-event ends the events there.
    mutating func readEventLines(_ parser: inout JSONParser, headerNamedFormat: Bool) throws(JSONSyntaxError) {
        // The header line is whole before the first event: no initial state can come later.
        headerFirst = headerNamedFormat
        let split = startSplitScan(parser, layout: .lines)
        defer { split?.finish() }
        while parser.currentByte != nil {
            if let split, parser.position >= split.nextStart, meet(split, at: &parser) { return }
            do throws(JSONSyntaxError) {
                try table.scanEvent(&parser, index: table.starts.count, shapes: shapes)
                releasePages(behind: parser.position)
            } catch where error.isEndOfInput {
                cut = Cut(offset: table.openEventStart ?? error.offset)
                return
            }
            parser.skipSpacesAndTabs()
            guard parser.currentByte == nil || parser.currentByte == UInt8(ascii: "\n") || parser.currentByte == UInt8(ascii: "\r") else {
                throw parser.error("expected a newline after event #\(table.starts.count - 1), found \(parser.describeByte(at: parser.position))")
            }
            skipWhitespace(&parser)
        }
    }

    /// Starts indexing parts of the events that begin at the parser's position on another
    /// core, when they are large enough to be worth it: 64 parts, or fewer of a quarter of
    /// ``splitAbove`` each.
    private mutating func startSplitScan(_ parser: JSONParser, layout: NativeSplitScan.Layout) -> NativeSplitScan? {
        let events = parser.bytes.count - parser.position
        guard events >= splitAbove else { return nil }
        otherCore = NativeSplitScan.start(
            UnsafeRawBufferPointer(parser.bytes), eventsFrom: parser.position, partBytes: max(events / 64, splitAbove / 4), layout: layout, data: data)
        return otherCore
    }

    /// At the start of an event at or past the next part's start: appends the other core's
    /// parts from there on, as long as the scan lands on each and it is whole, and moves the
    /// parser past them. True when they end the events; false when the scan goes on.
    /// Never inlined: it runs once a part, and inlined into the loop over the events, its
    /// appends gave that loop a frame of 3 KB and a stack check (12 instructions an event).
    @inline(never)
    private mutating func meet(_ split: NativeSplitScan, at parser: inout JSONParser) -> Bool {
        while parser.position >= split.nextStart {
            guard let part = split.reach(parser.position) else { continue }
            let (end, endsEvents) = (part.end, part.endsEvents)
            // Handed over whole, so that append can move its columns' pages and lets go of
            // each column once appended.
            table.append((consume part).table)
            parser.position = end
            // The appended events' pages are in place: none to fault in ahead for them.
            eventsReleased = table.starts.count
            releasePages(behind: end)
            if endsEvents {
                otherCore = nil
                return true
            }
        }
        return false
    }

    /// Every ``releaseStride`` bytes, lets go of the file's pages behind the scan and reports
    /// progress (the bytes this scan and the other core's have read); every
    /// ``NativePrefixes/stride``, hands out the events so far when it is time to. Asked after
    /// every event, so the questions are asked inline and only the work, done every few MB,
    /// is a call: a call after every event had cost the first half of a split scan some 30 ms
    /// against the second's.
    @inline(__always)
    private mutating func releasePages(behind offset: Int) {
        if headerFirst, offset - offered >= prefixes?.stride ?? .max { offerPrefix(behind: offset) }
        if offset - released >= Self.releaseStride { letGo(behind: offset) }
    }

    private mutating func offerPrefix(behind offset: Int) {
        offered = offset
        prefixes?.offer(prefixTrace(), fraction: fraction(behind: offset))
    }

    private mutating func letGo(behind offset: Int) {
        data.releasePages(before: offset)
        released = offset
        // The columns' pages for as many events as the stride just read held, in one call each.
        table.faultIn(aheadEvents: table.starts.count - eventsReleased)
        eventsReleased = table.starts.count
        progress?(fraction(behind: offset))
    }

    /// Skips whitespace as the parser does, letting go of the pages behind every stride: a
    /// trace padded with gigabytes of spaces (a gzip bomb) is read in a few MB.
    private mutating func skipWhitespace(_ parser: inout JSONParser) {
        let bytes = parser.bytes
        let raw = UnsafeRawBufferPointer(bytes)
        var position = parser.position
        while position < bytes.count {
            // Runs of spaces, the usual padding, eight bytes at a time.
            if position + 8 <= bytes.count, raw.loadUnaligned(fromByteOffset: position, as: UInt64.self) == 0x2020_2020_2020_2020 {
                position += 8
                if position - released >= Self.releaseStride { releasePages(behind: position) }
                continue
            }
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default:
                parser.position = position
                return
            }
            if position - released >= Self.releaseStride { releasePages(behind: position) }
        }
        parser.position = position
    }

    /// Of the bytes, those this scan and the other core's have read.
    private func fraction(behind offset: Int) -> Double {
        Double(offset + (otherCore?.scannedBytes ?? 0)) / Double(max(data.count, 1))
    }

    /// The events indexed so far as a trace, with the crash that more events cannot move.
    private func prefixTrace() -> Trace {
        let index = NativeEventIndex(data: data, table: table)
        let crash = try? Crash.declared(in: index, marked: crashMarker)
        return Trace(format: NativeFormat.name, meta: meta, initialState: initialState, events: index, crash: crash ?? nil)
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
