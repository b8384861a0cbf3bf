/// Base64 (RFC 4648, standard alphabet), the one codec of the core: Erlang terms stored as
/// text (Replayx, ``ErlangTermJSON``) and OTLP protobuf `bytes` fields as OTLP/JSON writes them.
enum Base64 {
    /// Why text is not Base64, and where: the UTF-8 offset of the problem in the text.
    struct Problem: Error, CustomStringConvertible {
        var offset: Int
        var message: String

        /// The message and where, e.g. `invalid Base64: misplaced '=' at offset 6`.
        var description: String { "\(message) at offset \(offset)" }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `bytes` as Base64 text, with `=` padding.
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group: UInt32 = 0
            for offset in 0..<3 { group = group << 8 | UInt32(offset < count ? bytes[index + offset] : 0) }
            for digit in 0..<4 {
                text.append(digit <= count ? alphabet[Int(group >> UInt32(18 - 6 * digit) & 0x3F)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes `text` encodes. Padding is optional, ASCII whitespace is skipped; anything
    /// else outside the alphabet is an error at its UTF-8 offset in `text`.
    static func decode(_ text: String) throws(Problem) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 4 * 3 + 2)
        var group: UInt32 = 0
        var digits = 0
        var padding = 0
        for (offset, character) in text.utf8.enumerated() {
            switch character {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "="):
                padding += 1
                guard digits >= 2, digits + padding <= 4 else {
                    throw Problem(offset: offset, message: "invalid Base64: misplaced '='")
                }
            default:
                guard padding == 0, let value = sextet(character) else {
                    let what = padding == 0 ? "character \(describe(character))" : "data after the '=' padding"
                    throw Problem(offset: offset, message: "invalid Base64: unexpected \(what)")
                }
                group = group << 6 | value
                digits += 1
                if digits == 4 {
                    bytes += [UInt8(truncatingIfNeeded: group >> 16), UInt8(truncatingIfNeeded: group >> 8), UInt8(truncatingIfNeeded: group)]
                    group = 0
                    digits = 0
                }
            }
        }
        switch digits {
        case 0 where padding == 0:
            break
        case 2:
            bytes.append(UInt8(truncatingIfNeeded: group >> 4))
        case 3:
            bytes += [UInt8(truncatingIfNeeded: group >> 10), UInt8(truncatingIfNeeded: group >> 2)]
        default:
            throw Problem(offset: text.utf8.count, message: "invalid Base64: the text ends in the middle of a group")
        }
        return bytes
    }

    private static func sextet(_ character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    private static func describe(_ character: UInt8) -> String {
        (0x21..<0x7F).contains(character) ? "'\(Character(Unicode.Scalar(character)))'" : "byte \(character)"
    }
}
