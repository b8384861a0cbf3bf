import ReplayCore

/// The length of a value's compact JSON text, counted without writing it, and given up on as
/// soon as it reaches a limit: deciding between a patch and the whole state costs what the
/// patch is long, not what the state is.
enum CompactSize {
    /// The number of UTF-8 bytes `JSONWriter` writes for `value` in compact style, or some
    /// number at least `limit` when that is `limit` or more.
    static func of(_ value: JSONValue, upTo limit: Int) -> Int {
        var size = 0
        add(value, to: &size, limit: limit)
        return size
    }

    private static func add(_ value: JSONValue, to size: inout Int, limit: Int) {
        guard size < limit else { return }
        switch value {
        case .null: size += 4
        case .bool(let flag): size += flag ? 4 : 5
        case .number(let number): size += number.literal.utf8.count
        case .string(let text): size += string(text)
        case .array(let elements):
            size += 2 + max(elements.count - 1, 0)
            for element in elements {
                add(element, to: &size, limit: limit)
                if size >= limit { return }
            }
        case .object(let members):
            size += 2 + max(members.count - 1, 0)
            for (key, member) in members {
                size += string(key) + 1
                add(member, to: &size, limit: limit)
                if size >= limit { return }
            }
        }
    }

    /// A string literal's length with its quotes and escapes, as `JSONWriter` escapes it.
    private static func string(_ text: String) -> Int {
        var size = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x09, 0x0A, 0x0C, 0x0D: size += 2
            case 0..<0x20: size += 6
            default: size += 1
            }
        }
        return size
    }
}
