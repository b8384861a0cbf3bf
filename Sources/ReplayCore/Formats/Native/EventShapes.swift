/// The shape of the events the index scan read last (``ValueShape``, with the event's
/// fields for holes), so that an event of that shape is read by comparing its kept bytes
/// (the braces, the member names, colons, commas and nulls) and reading only its fields'
/// values, instead of member by member: `{"seq":`, a number, `,"t":`, a number,
/// `,"kind":`, a string, ... .
///
/// Events differ by name (a `deposit` carries a patch, a `stats` a merge), so the shape is
/// kept in two parts: the head, up to and including the `name` value, and a tail after it
/// for each name (by its id, modulo ``tails``). An event without a name, or with it null, is
/// all head. A part that stops matching is recorded again from the next event read the
/// usual way (less and less often when it keeps changing: ``ValueShape/waits()``).
///
/// One scan's, with the shapes of the values in its events (``values``): the loop that reads
/// the events owns it, and a thread reading parts of a trace one after another keeps it
/// from part to part.
final class EventShapes {
    /// The holes of an event's shape: each field's value, read as the usual scan reads it;
    /// numbered after ``ValueShape/Hole``'s, whose `end` closes an event's shape too.
    enum Hole: UInt16 {
        case seq = 3, t, kind, name, lane, error, payload, state, patch, merge, unknown
    }

    /// How far an event was compared with the shape before it was read the usual way.
    enum Attempt {
        /// Not compared: the head's slot waits.
        case waited
        /// Not compared: no head is recorded.
        case noShape
        /// Its head differed.
        case headMissed
        /// Its head matched, its tail differed.
        case tailMissed
    }

    /// A member of an event whose shape is recorded: its field's hole, or nil for a value
    /// the shape keeps (a null), and where its value starts and ends.
    struct Member {
        var hole: Hole?
        var field: NativeEventField?
        var valueStart: Int
        var valueEnd: Int
    }

    private let arena: UnsafeMutableRawPointer
    /// The shapes of the payloads and changes, in the same memory after the events'.
    let values: ValueShapes
    static let tails = 8
    static let maxMembers = 16

    init() {
        let events = (1 + Self.tails) * ValueShape.size
        arena = UnsafeMutableRawPointer.allocate(byteCount: events + ValueShapes.size, alignment: 64)
        arena.initializeMemory(as: UInt8.self, repeating: 0, count: events + ValueShapes.size)
        values = ValueShapes(arena + events)
    }

    deinit {
        arena.deallocate()
    }

    var head: ValueShape { ValueShape(base: arena) }

    /// The tail for the events named `name`.
    @inline(__always)
    func tail(_ name: UInt32) -> ValueShape {
        ValueShape(base: arena + (1 + Int(name % UInt32(Self.tails))) * ValueShape.size)
    }

    /// The members of the valid event at `start` in `bytes`, walked again (recording a shape
    /// is rare, and noting the members as the event is read would cost every event); nil when
    /// it has more than ``maxMembers``, or the walk fails (a value nested too deep for it).
    private static func members(of bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> [Member]? {
        var parser = JSONParser(bytes: UnsafeRawBufferPointer(bytes), position: start)
        var members: [Member] = []
        do throws(JSONSyntaxError) {
            try parser.readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
                let field = parser.eventField(keyStart, keyEnd)
                let valueStart = parser.position
                let hole = Self.hole(field, firstByte: parser.bytes[valueStart])
                try parser.skipValue()
                members.append(Member(hole: hole, field: field, valueStart: valueStart, valueEnd: parser.position))
            }
        } catch {
            return nil
        }
        return members.count <= maxMembers ? members : nil
    }

    /// After an event read the usual way, `bytes[start..<end]`, named `name`, and compared
    /// with the shape as far as `attempt` says: records its head and tail, or only its tail
    /// when the head matched, unless the part's slot waits. No shape for an event with more
    /// than ``maxMembers`` members or a field named twice.
    func missed(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, name: UInt32, after attempt: Attempt) {
        let tail = tail(name)
        let headMatched = attempt == .tailMissed
        switch attempt {
        case .waited:
            return
        case .noShape, .headMissed:
            head.noteMiss()
        case .tailMissed:
            guard !tail.waits() else { return }
            tail.noteMiss()
        }
        guard let members = Self.members(of: bytes, at: start) else { return head.clear() }
        var seen: UInt16 = 0
        for member in members {
            guard let field = member.field else { continue }
            let bit: UInt16 = 1 << field.ordinal
            guard seen & bit == 0 else {
                head.clear()
                return
            }
            seen |= bit
        }
        var recorder = headMatched ? nil : head.recorder(bytes)
        var tailRecorder: ShapeRecorder?
        var runStart = start
        for member in members {
            guard let hole = member.hole else { continue }
            if tailRecorder == nil {
                guard headMatched || recorder!.cut(runStart, member.valueStart, before: hole.rawValue) else { return head.clear() }
            } else {
                guard tailRecorder!.cut(runStart, member.valueStart, before: hole.rawValue) else { return tail.clear() }
            }
            runStart = member.valueEnd
            if hole == .name {
                recorder?.finish(levels: 0)
                recorder = nil
                tailRecorder = tail.recorder(bytes)
            }
        }
        if var tailRecorder {
            guard tailRecorder.cut(runStart, end, before: ValueShape.Hole.end.rawValue) else { return tail.clear() }
            tailRecorder.finish(levels: 0)
        } else if var recorder {
            guard recorder.cut(runStart, end, before: ValueShape.Hole.end.rawValue) else { return head.clear() }
            recorder.finish(levels: 0)
        }
    }

    /// The hole a member's value makes, or nil when the shape keeps it: a null where a
    /// string or number may be.
    private static func hole(_ field: NativeEventField?, firstByte: UInt8) -> Hole? {
        guard let field else { return .unknown }
        let null = firstByte == UInt8(ascii: "n")
        switch field {
        case .seq: return null ? nil : .seq
        case .t: return null ? nil : .t
        case .kind: return .kind
        case .name: return null ? nil : .name
        case .lane: return null ? nil : .lane
        case .error: return null ? nil : .error
        case .payload: return .payload
        case .state: return .state
        case .patch: return .patch
        case .merge: return .merge
        }
    }
}
