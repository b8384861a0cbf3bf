extension NativeEventTable {
    /// Reads the event at the parser's position by its shape (``EventShapes``) and appends
    /// its row: true when it has the shape, every value in it read as the usual scan reads
    /// it. False with the position where it was and nothing appended, when it does not, or
    /// anything in it is not as the shape has it or is wrong: it is then read the usual way,
    /// which finds and reports what is wrong; `attempt` then says how far it was compared.
    @inline(__always)
    mutating func scanShapedEvent(_ parser: inout JSONParser, shapes: EventShapes, attempt: inout EventShapes.Attempt) -> Bool {
        let head = shapes.head
        if head.waits() {
            attempt = .waited
            return false
        }
        guard head.isRecorded else {
            attempt = .noShape
            return false
        }
        attempt = .headMissed
        return scanShapedEvent(&parser, shapes: shapes, head: head, attempt: &attempt)
    }

    private mutating func scanShapedEvent(
        _ parser: inout JSONParser, shapes: EventShapes, head: ValueShape, attempt: inout EventShapes.Attempt
    ) -> Bool {
        let values = shapes.values
        let start = parser.position
        guard let base = parser.bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let count = parser.bytes.count
        var shape = head
        var runs = shape.runCount
        var kept = shape.kept
        // The row's values as locals, as in scanEventMembers: gathered in a struct, which its
        // closure captures, they cost the member-by-member scan 7% more instructions.
        var kindID: UInt32?
        var nameID = Self.noName
        var laneID = Self.noName
        var time = Double.nan
        var wholeTime: Int32?
        var flag: UInt8 = 0
        var effectOffset: UInt32 = 0
        var i = start
        var k = 0
        while k < runs {
            let (length, hole) = shape.run(k)
            k += 1
            // Room for the last word's load, and for the value's first bytes.
            guard i &+ length &+ 8 <= count, ValueShape.keptMatches(raw, &i, &kept, length: length) else { return fail(&parser, at: start) }
            parser.position = i
            do throws(JSONSyntaxError) {
                switch hole {
                case EventShapes.Hole.seq.rawValue:
                    guard let end = parser.numberEnd(at: i) else { return fail(&parser, at: start) }
                    i = end
                case EventShapes.Hole.t.rawValue:
                    guard let end = parser.numberEnd(at: i) else { return fail(&parser, at: start) }
                    wholeTime = parser.eightDigits(i..<end).map { Int32($0) }
                    time = wholeTime == nil ? parser.doubleValue(i..<end) : .nan
                    i = end
                case EventShapes.Hole.kind.rawValue:
                    guard raw.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: "\"") else { return fail(&parser, at: start) }
                    kindID = try kinds.id(scanning: &parser)
                    i = parser.position
                case EventShapes.Hole.name.rawValue:
                    guard raw.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: "\"") else { return fail(&parser, at: start) }
                    nameID = try names.id(scanning: &parser)
                    i = parser.position
                    // The rest is the tail for this name.
                    attempt = .tailMissed
                    shape = shapes.tail(nameID)
                    (runs, kept, k) = (shape.runCount, shape.kept, 0)
                case EventShapes.Hole.lane.rawValue:
                    guard raw.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: "\"") else { return fail(&parser, at: start) }
                    laneID = try lanes.id(scanning: &parser)
                    i = parser.position
                case EventShapes.Hole.error.rawValue:
                    guard raw.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: "\""), let string = parser.validString(at: i) else {
                        return fail(&parser, at: start)
                    }
                    flag |= Self.errorFlag
                    i = string.close &+ 1
                case EventShapes.Hole.payload.rawValue:
                    try values.skipValue(&parser, of: .payload, name: nameID)
                    i = parser.position
                case EventShapes.Hole.state.rawValue, EventShapes.Hole.patch.rawValue, EventShapes.Hole.merge.rawValue:
                    let field: NativeEventField = hole == EventShapes.Hole.state.rawValue ? .state : hole == EventShapes.Hole.patch.rawValue ? .patch : .merge
                    guard field.typeProblem(JSONTypes(firstByte: raw.load(fromByteOffset: i, as: UInt8.self))) == nil,
                        let offset = UInt32(exactly: i - start), let effect = field.effect
                    else { return fail(&parser, at: start) }
                    flag |= effect.rawValue
                    effectOffset = offset
                    try values.skipValue(&parser, of: field, name: nameID)
                    i = parser.position
                case EventShapes.Hole.unknown.rawValue:
                    try parser.skipValue()
                    i = parser.position
                default:
                    break
                }
            } catch {
                return fail(&parser, at: start)
            }
        }
        guard runs > 0, let kindID else { return fail(&parser, at: start) }
        parser.position = i
        appendRow(start: start, kindID: kindID, nameID: nameID, laneID: laneID, time: time, wholeTime: wholeTime, flag: flag, effectOffset: effectOffset)
        head.noteMatch()
        if shape.base != head.base { shape.noteMatch() }
        return true
    }

    private func fail(_ parser: inout JSONParser, at start: Int) -> Bool {
        parser.position = start
        return false
    }
}
