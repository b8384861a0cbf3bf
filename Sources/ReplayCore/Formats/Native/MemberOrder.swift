/// The field names of the last event the index scan read, member by member. A trace's
/// events mostly name their fields in one order, so the scan first compares each member's
/// name with the one at the same place in the last event, its bytes, closing quote and
/// colon in one masked load, before matching it the general way (``JSONParser/eventFieldName()``): on
/// the benchmark trace 93% of names match so.
struct MemberOrder {
    /// Members past these are matched the general way.
    static let remembered = 8

    /// A field's name as the scan meets it in compact JSON: the bytes after the opening
    /// quote, the closing quote and the colon after it included when they fit in eight (all
    /// names but `payload`'s), and the mask that keeps them.
    struct QuotedName {
        let pattern: UInt64
        let mask: UInt64
        /// From the opening quote to past the closing one, or past the colon.
        let length: Int
        /// True when the pattern holds the colon after the name.
        let coversColon: Bool
        let field: NativeEventField

        /// No field: its zero mask matches nothing (``MemberOrder/field(_:after:)`` checks).
        static let none = QuotedName(pattern: 0, mask: 0, length: 0, coversColon: false, field: .seq)

        init(pattern: UInt64, mask: UInt64, length: Int, coversColon: Bool, field: NativeEventField) {
            (self.pattern, self.mask, self.length, self.coversColon, self.field) = (pattern, mask, length, coversColon, field)
        }

        init(_ field: NativeEventField) {
            // Every field name is at most seven bytes, so its closing quote fits too.
            var bytes = Array(field.rawValue.utf8) + [UInt8(ascii: "\"")]
            coversColon = bytes.count < 8
            if coversColon { bytes.append(UInt8(ascii: ":")) }
            pattern = bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            mask = bytes.count == 8 ? .max : (1 << (8 * UInt64(bytes.count))) - 1
            length = bytes.count + 1
            self.field = field
        }
    }

    /// Each field's quoted name, by ``NativeEventField/ordinal``.
    private static let quoted = NativeEventField.allCases.map(QuotedName.init)

    private var names = [QuotedName](repeating: .none, count: remembered)

    /// The field member `k` names, and how far its name reaches, when the eight bytes after
    /// its opening quote, `word`, begin as the last event's member `k` did; nil otherwise.
    @inline(__always)
    func field(_ k: Int, after word: UInt64) -> QuotedName? {
        guard k < Self.remembered else { return nil }
        let name = names[k]
        return name.mask != 0 && word & name.mask == name.pattern ? name : nil
    }

    /// Remembers that member `k` named `field` (nil: no field, or not in plain bytes).
    mutating func remember(_ field: NativeEventField?, at k: Int) {
        guard k < Self.remembered else { return }
        names[k] = field.map { Self.quoted[$0.ordinal] } ?? .none
    }
}
