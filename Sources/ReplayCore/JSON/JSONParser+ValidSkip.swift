/// The parser's fast path: walking a value that is valid in one loop, without recursion,
/// closures or errors. It only says whether the value is valid; when it is not (or it
/// cannot tell cheaply: a surrogate pair, the last bytes of the input, nesting beyond 64
/// levels), the caller walks the value again the careful way, which finds and reports the
/// first problem. The two must agree on what is valid; the parser's tests and the fuzz
/// targets hold them to it on valid and damaged input alike.
extension JSONParser {
    /// Moves past the value at the current position and returns true when it is valid JSON
    /// that nests no deeper than ``maxDepth`` allows here; false otherwise, with the
    /// position left anywhere.
    mutating func skipValidValue() -> Bool {
        let count = bytes.count
        var i = position
        // Bit k set: the container k + 1 levels up from the innermost is an object.
        var objects: UInt64 = 0
        var levels = 0
        let deepest = min(64, Self.maxDepth - depth)
        var expecting = Expecting.value
        while true {
            switch expecting {
            case .value:
                // As the careful walk, a value is expected right at the start, and after
                // spaces inside a container.
                if levels > 0 { i = afterSpace(i) }
                guard i < count else { return false }
                expecting = .next
                switch bytes[i] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard levels < deepest else { return false }
                    let isObject = bytes[i] == UInt8(ascii: "{")
                    objects = objects << 1 | (isObject ? 1 : 0)
                    levels += 1
                    i = afterSpace(i + 1)
                    guard i < count else { return false }
                    if bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        i += 1
                        objects >>= 1
                        levels -= 1
                    } else {
                        expecting = isObject ? .memberName : .value
                    }
                case UInt8(ascii: "\""):
                    guard let string = validString(at: i) else { return false }
                    i = string.close + 1
                case UInt8(ascii: "t"):
                    guard word(at: i, is: "true") else { return false }
                    i += 4
                case UInt8(ascii: "f"):
                    guard word(at: i, is: "false") else { return false }
                    i += 5
                case UInt8(ascii: "n"):
                    guard word(at: i, is: "null") else { return false }
                    i += 4
                default:
                    guard let end = JSONNumber.numberLiteralEnd(bytes, from: i) else { return false }
                    i = end
                }
            case .memberName:
                guard i < count, bytes[i] == UInt8(ascii: "\""), let name = validString(at: i) else { return false }
                i = name.close + 1
                // Compact JSON: the colon right after the name.
                if i >= count || bytes[i] != UInt8(ascii: ":") {
                    i = afterSpace(i)
                    guard i < count, bytes[i] == UInt8(ascii: ":") else { return false }
                }
                i += 1
                expecting = .value
            case .next:
                guard levels > 0 else {
                    position = i
                    return true
                }
                i = afterSpace(i)
                guard i < count else { return false }
                let inObject = objects & 1 != 0
                switch bytes[i] {
                case UInt8(ascii: ","):
                    i = afterSpace(i + 1)
                    expecting = inObject ? .memberName : .value
                case UInt8(ascii: "}") where inObject, UInt8(ascii: "]") where !inObject:
                    i += 1
                    objects >>= 1
                    levels -= 1
                default:
                    return false
                }
            }
        }
    }

    /// What ``skipValidValue()`` looks for next.
    private enum Expecting {
        case value, memberName
        /// After a value: the end, when it was the outermost one; else a comma or the
        /// bracket that closes its container.
        case next
    }

    /// The offset of the closing quote of the string literal whose opening quote is at
    /// `open`, and whether it holds no escapes; nil when it is not valid, holds a surrogate
    /// pair or ends in the last eight bytes of the input. Eight bytes at a time, straight to
    /// the first byte that needs a look (``attentionMask(_:)``).
    @inline(__always)
    func validString(at open: Int) -> (close: Int, plain: Bool)? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var i = open + 1
        var plain = true
        while i + 8 <= count {
            let mask = Self.attentionMask(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            guard mask != 0 else {
                i += 8
                continue
            }
            i += mask.trailingZeroBitCount >> 3
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                return (i, plain)
            } else if byte == UInt8(ascii: "\\") {
                guard let end = validEscapeEnd(at: i) else { return nil }
                plain = false
                i = end
            } else if byte < 0x20 {
                return nil
            } else {
                guard case .valid(let end) = utf8Sequence(at: i) else { return nil }
                i = end
            }
        }
        return nil
    }

    /// The offset after the escape whose backslash is at `i`: one of `\" \\ \/ \b \f \n \r
    /// \t`, or `\u` and four hex digits naming no surrogate; nil for anything else.
    func validEscapeEnd(at i: Int) -> Int? {
        guard i + 1 < bytes.count else { return nil }
        switch bytes[i + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return i + 2
        case UInt8(ascii: "u"):
            guard i + 6 <= bytes.count else { return nil }
            var unit: UInt16 = 0
            for k in i + 2..<i + 6 {
                guard let digit = hexDigit(bytes[k]) else { return nil }
                unit = unit << 4 | UInt16(digit)
            }
            return unit & 0xF800 == 0xD800 ? nil : i + 6
        default:
            return nil
        }
    }

    /// The first offset from `i` on that holds no JSON whitespace.
    @inline(__always)
    func afterSpace(_ i: Int) -> Int {
        var i = i
        while i < bytes.count, bytes[i] <= 0x20, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
            i += 1
        }
        return i
    }

    /// True when the bytes at `i` spell `literal`.
    @inline(__always)
    func word(at i: Int, is literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard i + length <= bytes.count else { return false }
        for k in 0..<length where bytes[i + k] != literal.utf8Start[k] { return false }
        return true
    }
}
