/// Reads the native `replay-trace` format, as one JSON object or as NDJSON (a header line,
/// then one event a line). See docs/trace-format.md.
///
/// The whole file is validated in one pass, but no event's JSON tree is built: the pass
/// records where each event's bytes are and the few fields every view needs (kind, name,
/// t, error, kind of change) in a ``NativeEventIndex``; events are parsed when asked for.
public enum NativeFormat {
    /// The name `info` reports.
    public static let name = "replay-trace"

    /// Reads a native trace from `data`.
    public static func read(_ data: TraceData) throws(TraceError) -> Trace {
        try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> Trace in
            var reader = NativeReader()
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
private struct NativeReader {
    var table = NativeEventTable()
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
                try parser.readElements { (parser: inout JSONParser) throws(JSONSyntaxError) in
                    try table.scanEvent(&parser, index: nextIndex)
                    nextIndex += 1
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
        while parser.currentByte != nil {
            do throws(JSONSyntaxError) {
                try table.scanEvent(&parser, index: index)
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
            guard let byte = parser.currentByte, let field = NativeEventField(rawValue: parser.decodeKey(keyStart, keyEnd)) else {
                return try parser.skipValue()
            }
            let valueStart = parser.position
            if let problem = field.typeProblem(jsonTypeName(firstByte: byte)) {
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
            case .kind: kindID = kinds.id(for: try parser.parseString())
            case .name where byte == UInt8(ascii: "\""): nameID = names.id(for: try parser.parseString())
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

/// Interned strings: each distinct text gets a small id.
struct StringTable: Sendable {
    private(set) var strings: [String] = []
    private var ids: [String: UInt32] = [:]

    mutating func id(for text: String) -> UInt32 {
        if let id = ids[text] { return id }
        let id = UInt32(strings.count)
        strings.append(text)
        ids[text] = id
        return id
    }

    /// The id of `text` if it occurs, without adding it.
    func existingID(for text: String) -> UInt32? { ids[text] }
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

    func event(_ index: Int) throws(TraceError) -> Event {
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
        let value = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> JSONValue in
            var parser = JSONParser(bytes: bytes, position: table.starts[index] + Int(table.effectOffsets[index]))
            do throws(JSONSyntaxError) {
                return try parser.parseValue()
            } catch {
                throw error.traceError(in: bytes)
            }
        }
        return try EventEffect(kind, value, event: index)
    }
}

extension JSONParser {
    /// Moves past spaces and tabs, stopping at a line break.
    mutating func skipSpacesAndTabs() {
        while currentByte == UInt8(ascii: " ") || currentByte == UInt8(ascii: "\t") {
            position += 1
        }
    }

    /// The double nearest to the number literal in `range` (infinity beyond double range).
    func doubleValue(_ range: Range<Int>) -> Double {
        Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)) ?? .nan
    }
}
