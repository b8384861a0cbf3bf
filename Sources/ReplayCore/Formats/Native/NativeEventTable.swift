/// What the index scan keeps for every event, column by column (``IndexColumn``: a copy of
/// a table shares its columns' memory, so handing out the events so far copies nothing).
struct NativeEventTable: Sendable {
    var starts = StartColumn()
    var kindIDs = IDColumn()
    var nameIDs = IDColumn()
    /// ``noName`` for an event without a lane.
    var laneIDs = IDColumn()
    /// `nan` for an event without a time.
    var times = TimeColumn()
    /// Where the event's state/patch/merge value starts, counted from the event's start; 0 for none.
    var effectOffsets = IDColumn()
    /// Bits 0-1: the ``EffectKind``; bit 2: carries an error.
    var flags = IndexColumn<UInt8>()
    var kinds = StringTable()
    var names = StringTable()
    var lanes = StringTable()

    static let errorFlag: UInt8 = 4
    static let noName = UInt32.max

    /// The start of the event being scanned, until it is complete.
    private(set) var openEventStart: Int?
    /// The last event's field names, which the next one's are compared with first.
    private var memberOrder = MemberOrder()

    init(expectedEvents: Int) {
        let capacity = min(expectedEvents, 1 << 28)
        starts = StartColumn(reservingCapacity: capacity)
        kindIDs = IDColumn(reservingCapacity: capacity)
        nameIDs = IDColumn(reservingCapacity: capacity)
        laneIDs = IDColumn(reservingCapacity: capacity)
        times = TimeColumn(reservingCapacity: capacity)
        flags = IndexColumn(reservingCapacity: capacity)
        effectOffsets = IDColumn(reservingCapacity: capacity)
    }

    /// Makes every column's pages for `events` more events present at once
    /// (``IndexColumn/faultIn(ahead:)``): the scan asks every few MB of the file.
    func faultIn(aheadEvents events: Int) {
        starts.faultIn(ahead: events)
        kindIDs.faultIn(ahead: events)
        nameIDs.faultIn(ahead: events)
        laneIDs.faultIn(ahead: events)
        times.faultIn(ahead: events)
        effectOffsets.faultIn(ahead: events)
        flags.faultIn(ahead: events)
    }

    /// Validates the event object at the parser's position, records its summary, and moves
    /// past it: by the shape of the events and values the scan read last, `shapes`, where it
    /// has it, else member by member.
    mutating func scanEvent(_ parser: inout JSONParser, index: Int, shapes: EventShapes) throws(JSONSyntaxError) {
        let start = parser.position
        var attempt = EventShapes.Attempt.noShape
        if scanShapedEvent(&parser, shapes: shapes, attempt: &attempt) { return }
        let name = try scanEventMembers(&parser, index: index, values: shapes.values)
        shapes.missed(parser.bytes, from: start, to: parser.position, name: name, after: attempt)
    }

    /// ``scanEvent(_:index:shapes:)`` member by member; returns the event's name id.
    private mutating func scanEventMembers(_ parser: inout JSONParser, index: Int, values: ValueShapes) throws(JSONSyntaxError) -> UInt32 {
        let start = parser.position
        if parser.currentByte == nil { throw parser.truncated("unexpected end of input, expected event #\(index)") }
        guard parser.currentByte == UInt8(ascii: "{") else {
            throw parser.error("event #\(index) must be an object, found \(parser.describeByte(at: start))")
        }
        openEventStart = start
        var kindID: UInt32?
        var nameID = Self.noName
        var laneID = Self.noName
        var time = Double.nan
        // The time when it is up to 8 digits alone: narrow as it is.
        var wholeTime: Int32?
        var flag: UInt8 = 0
        var effectField: NativeEventField?
        var effectOffset: UInt32 = 0
        try parser.readEventMembers(order: &memberOrder) { (parser: inout JSONParser, keyStart: Int, field: NativeEventField?) throws(JSONSyntaxError) in
            guard let byte = parser.currentByte, let field else {
                return try parser.skipValue()
            }
            let valueStart = parser.position
            if let problem = field.typeProblem(JSONTypes(firstByte: byte)) {
                throw parser.error("event #\(index): \(problem)")
            }
            // A field named twice keeps its last value, as in any object (trace-format.md).
            if let effect = field.effect {
                if let effectField, effectField != field {
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
            case .lane where byte == UInt8(ascii: "\""): laneID = try lanes.id(scanning: &parser)
            // A number (the type check allows only that or null): read as one, not walked as any value.
            case .seq where byte != UInt8(ascii: "n"):
                _ = try parser.scanNumber()
            case .t where byte != UInt8(ascii: "n"):
                let end = try parser.scanNumber()
                wholeTime = parser.eightDigits(valueStart..<end).map { Int32($0) }
                time = wholeTime == nil ? parser.doubleValue(valueStart..<end) : .nan
            // Null (the type check allows nothing else here), perhaps after a value given earlier.
            case .name:
                nameID = Self.noName
                try parser.skipValue()
            case .lane:
                laneID = Self.noName
                try parser.skipValue()
            case .t:
                (time, wholeTime) = (.nan, nil)
                try parser.skipValue()
            case .error:
                flag = byte == UInt8(ascii: "n") ? flag & ~Self.errorFlag : flag | Self.errorFlag
                try parser.skipValue()
            case .payload, .state, .patch, .merge:
                try values.skipValue(&parser, of: field, name: nameID)
            default:
                try parser.skipValue()
            }
        }
        guard let kindID else {
            throw JSONSyntaxError(offset: start, message: "event #\(index) has no 'kind'; every event needs one")
        }
        appendRow(start: start, kindID: kindID, nameID: nameID, laneID: laneID, time: time, wholeTime: wholeTime, flag: flag, effectOffset: effectOffset)
        openEventStart = nil
        return nameID
    }

    /// Appends an event's row to the columns.
    @inline(__always)
    mutating func appendRow(
        start: Int, kindID: UInt32, nameID: UInt32, laneID: UInt32, time: Double, wholeTime: Int32?, flag: UInt8, effectOffset: UInt32
    ) {
        starts.append(start)
        kindIDs.append(kindID)
        nameIDs.append(nameID)
        laneIDs.append(laneID)
        if let wholeTime { times.append(narrowed: wholeTime) } else { times.append(time) }
        flags.append(flag)
        effectOffsets.append(effectOffset)
    }
}

extension NativeEventTable {
    /// Appends the events of a table scanned separately, translating its kind, name and
    /// lane ids. Its columns' pages are moved here where they can be
    /// (``IndexColumn/append(moving:)``), else copied, and each column is let go of once
    /// appended, so that the two tables' columns are not all held at once.
    mutating func append(_ other: consuming NativeEventTable) {
        let kindIDs = other.kinds.strings.map { kinds.id(for: $0) }
        let nameIDs = other.names.strings.map { names.id(for: $0) }
        let laneIDs = other.lanes.strings.map { lanes.id(for: $0) }
        // Each column taken out of `other`, an empty one left in its place, so that the one
        // taken is the only value sharing its memory, whose pages can then be moved.
        starts.append(moving: exchange(&other.starts, with: StartColumn()))
        self.kindIDs.append(exchange(&other.kindIDs, with: IDColumn()), translating: kindIDs)
        self.nameIDs.append(exchange(&other.nameIDs, with: IDColumn()), translating: nameIDs)
        self.laneIDs.append(exchange(&other.laneIDs, with: IDColumn()), translating: laneIDs)
        times.append(moving: exchange(&other.times, with: TimeColumn()))
        flags.append(moving: exchange(&other.flags, with: IndexColumn()))
        effectOffsets.append(moving: exchange(&other.effectOffsets, with: IDColumn()))
    }
}
