/// The shapes of the values the index scan walked last (``ValueShape``), by the field that
/// holds them (`payload`, `state`, `patch`, `merge`) and the event's name (as far as it is
/// known when the value comes): a value is first compared with its slot's shape and walked
/// only when it differs, and then its own shape is recorded in the slot.
///
/// Recording a shape costs about a walk, so a slot whose shapes keep differing records
/// less and less often: after a shape that was never matched, it lets 1, 3, 7, ... up to
/// 255 values go by before recording again; a match resets that.
///
/// One scan's: the table that scans owns it, and the copies of a table handed out while it
/// scans never scan.
final class ValueShapes: @unchecked Sendable {
    private let arena: UnsafeMutableRawPointer
    private static let names = 8
    private static let slots = 4 * names
    /// Each slot's counts, in its shape's bytes 2 to 5 (see ``ValueShape``).
    private static let hitsOffset = 2
    private static let waitOffset = 4
    private static let backoffOffset = 5

    init() {
        arena = UnsafeMutableRawPointer.allocate(byteCount: Self.slots * ValueShape.size, alignment: 64)
        arena.initializeMemory(as: UInt8.self, repeating: 0, count: Self.slots * ValueShape.size)
    }

    deinit {
        arena.deallocate()
    }

    /// Moves past the value of `field` (payload, state, patch or merge) at the parser's
    /// position, as ``JSONParser/skipValue()`` does, in an event named `name` (an interned
    /// id, or ``NativeEventTable/noName`` when none is known yet).
    @inline(__always)
    func skipValue(_ parser: inout JSONParser, of field: NativeEventField, name: UInt32) throws(JSONSyntaxError) {
        let slot = Self.slot(field) * Self.names + Int(name % UInt32(Self.names))
        let shape = ValueShape(base: arena + slot * ValueShape.size)
        if parser.skipValidValue(shapedLike: shape) {
            let hits = shape.base.load(fromByteOffset: Self.hitsOffset, as: UInt16.self)
            shape.base.storeBytes(of: hits == .max ? hits : hits + 1, toByteOffset: Self.hitsOffset, as: UInt16.self)
            return
        }
        let start = parser.position
        try parser.skipValue()
        missed(shape, parser, from: start)
    }

    /// After a value of another shape than its slot's, `parser.bytes[start..<parser.position]`:
    /// records its shape, unless the slot is waiting.
    @inline(never)
    private func missed(_ shape: ValueShape, _ parser: JSONParser, from start: Int) {
        let wait = shape.base.load(fromByteOffset: Self.waitOffset, as: UInt8.self)
        guard wait == 0 else {
            shape.base.storeBytes(of: wait - 1, toByteOffset: Self.waitOffset, as: UInt8.self)
            return
        }
        let matched = shape.base.load(fromByteOffset: Self.hitsOffset, as: UInt16.self) > 0
        let backoff = shape.base.load(fromByteOffset: Self.backoffOffset, as: UInt8.self)
        let next: UInt8 = matched ? 0 : (backoff >= 127 ? 255 : 2 * backoff + 1)
        shape.base.storeBytes(of: next, toByteOffset: Self.backoffOffset, as: UInt8.self)
        shape.base.storeBytes(of: next, toByteOffset: Self.waitOffset, as: UInt8.self)
        shape.base.storeBytes(of: 0, toByteOffset: Self.hitsOffset, as: UInt16.self)
        _ = shape.record(parser, from: start, to: parser.position)
    }

    private static func slot(_ field: NativeEventField) -> Int {
        switch field {
        case .payload: 0
        case .state: 1
        case .patch: 2
        default: 3
        }
    }
}
