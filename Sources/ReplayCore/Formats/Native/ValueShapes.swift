/// The shapes of the values the index scan walked last (``ValueShape``), by the field that
/// holds them (`payload`, `state`, `patch`, `merge`) and the event's name (as far as it is
/// known when the value comes): a value is first compared with its slot's shape and walked
/// only when it differs, and then its own shape is recorded in the slot (less and less
/// often when they keep differing: ``ValueShape/waits()``).
///
/// One scan's (``EventShapes/values``): a view of memory its ``EventShapes`` owns, so that
/// the member-by-member scan's closure holds it without reference counting.
struct ValueShapes {
    private let arena: UnsafeMutableRawPointer
    private static let names = 8
    /// The bytes the shapes take.
    static let size = 4 * names * ValueShape.size

    /// The shapes in `arena`, ``size`` zeroed bytes.
    init(_ arena: UnsafeMutableRawPointer) {
        self.arena = arena
    }

    /// Moves past the value of `field` (payload, state, patch or merge) at the parser's
    /// position, as ``JSONParser/skipValue()`` does, in an event named `name` (an interned
    /// id, or ``NativeEventTable/noName`` when none is known yet).
    @inline(__always)
    func skipValue(_ parser: inout JSONParser, of field: NativeEventField, name: UInt32) throws(JSONSyntaxError) {
        let slot = Self.slot(field) * Self.names + Int(name % UInt32(Self.names))
        let shape = ValueShape(base: arena + slot * ValueShape.size)
        if shape.waits() { return try parser.skipValue() }
        if parser.skipValidValue(shapedLike: shape) {
            shape.noteMatch()
            return
        }
        let start = parser.position
        try parser.skipValue()
        missed(shape, parser, from: start)
    }

    @inline(never)
    private func missed(_ shape: ValueShape, _ parser: JSONParser, from start: Int) {
        shape.noteMiss()
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
