/// How Elixir decides that a binary prints as a string, and how it escapes the text of
/// strings, charlists, quoted atoms and regexes (`String.printable?/1` and
/// `Code.Identifier.escape/4` in Elixir 1.14).
enum ElixirText {
    /// True when `String.printable?/1` accepts `bytes`: UTF-8 of printable characters and the
    /// escapable controls `\n \r \t \v \b \f \e \d \a`.
    static func isPrintable(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if (0x20...0x7E).contains(byte) || (0x07...0x0D).contains(byte) || byte == 0x1B || byte == 0x7F {
                index += 1
                continue
            }
            guard let (scalar, length) = scalar(in: bytes, at: index), isPrintableBeyondASCII(scalar) else { return false }
            index += length
        }
        return true
    }

    /// `bytes` escaped for printing between two `quote` characters. `map` gives the escapes of
    /// control characters (``standardEscape(_:)`` for strings, ``regexEscape(_:)`` for regexes).
    static func escape(_ bytes: [UInt8], quote: UInt8, map: (UInt32) -> String? = standardEscape) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                text += "\\" + String(UnicodeScalar(byte))
                index += 1
            } else if byte == UInt8(ascii: "#"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                text += "\\#{"
                index += 2
            } else if let (scalar, length) = scalar(in: bytes, at: index) {
                text += map(scalar) ?? escapeCharacter(scalar)
                index += length
            } else {
                text += "\\x" + hex(UInt32(byte), digits: 2)
                index += 1
            }
        }
        return text
    }

    /// The escapes Elixir uses in strings, charlists and atoms.
    static func standardEscape(_ scalar: UInt32) -> String? {
        switch scalar {
        case 0x07: "\\a"
        case 0x08: "\\b"
        case 0x7F: "\\d"
        case 0x1B: "\\e"
        case 0x0C: "\\f"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        case 0x0B: "\\v"
        case 0x5C: "\\\\"
        default: nil
        }
    }

    /// The escapes Elixir uses in `~r` sigils: backslashes stay as they are.
    static func regexEscape(_ scalar: UInt32) -> String? {
        switch scalar {
        case 0x07: "\\a"
        case 0x0C: "\\f"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        case 0x0B: "\\v"
        default: nil
        }
    }

    /// A character with no escape of its own: itself when printable, else `\xHH` or `\x{HHHH}`.
    private static func escapeCharacter(_ scalar: UInt32) -> String {
        switch scalar {
        case 0: return "\\0"
        case 0xFEFF: return "\\uFEFF"
        case 0x20...0x7E: return String(UnicodeScalar(UInt8(scalar)))
        case _ where isPrintableBeyondASCII(scalar): return Unicode.Scalar(scalar).map(String.init) ?? ""
        case ..<0x100: return "\\x" + hex(scalar, digits: 2)
        case ..<0x10000: return "\\x{" + hex(scalar, digits: 4) + "}"
        default: return "\\x{" + hex(scalar, digits: 6) + "}"
        }
    }

    private static func isPrintableBeyondASCII(_ scalar: UInt32) -> Bool {
        (0xA0...0xD7FF).contains(scalar) || (0xE000...0xFFFD).contains(scalar) || (0x10000...0x10FFFF).contains(scalar)
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The Unicode scalar whose UTF-8 starts at `index`, and its length in bytes; nil when the
    /// bytes there are not well-formed UTF-8 (overlong forms and surrogates included).
    static func scalar(in bytes: [UInt8], at index: Int) -> (UInt32, length: Int)? {
        let lead = bytes[index]
        let length: Int
        let secondRange: ClosedRange<UInt8>
        switch lead {
        case 0x00...0x7F: return (UInt32(lead), 1)
        case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xE1...0xEF: (length, secondRange) = (3, 0x80...0xBF)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
        default: return nil
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let continuation = bytes[index + offset]
            guard continuation & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        return (value, length)
    }
}
