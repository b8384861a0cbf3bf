/// What the native index scan needs of the parser beyond plain JSON: matching an event's
/// field names on their bytes, line-by-line NDJSON, and fast doubles for `t`.
extension JSONParser {
    /// The native event field the member name literal at `start..<end` (quotes included)
    /// names; matched on its bytes unless it holds escapes.
    @inline(__always)
    func eventField(_ start: Int, _ end: Int) -> NativeEventField? {
        let name = slice(start + 1..<end - 1)
        // Away from the end of the input, the name's bytes are one load, the bytes after it masked off.
        if name.count <= 8, start + 9 <= bytes.count, let base = bytes.baseAddress {
            let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start + 1, as: UInt64.self))
            let packed = name.count == 8 ? word : word & (1 << (8 * UInt64(name.count)) - 1)
            if let field = NativeEventField(packedName: packed) { return field }
        }
        guard name.contains(UInt8(ascii: "\\")) else { return NativeEventField(utf8: name) }
        return NativeEventField(rawValue: decodeKey(start, end))
    }

    /// Moves past spaces and tabs, stopping at a line break.
    mutating func skipSpacesAndTabs() {
        while currentByte == UInt8(ascii: " ") || currentByte == UInt8(ascii: "\t") {
            position += 1
        }
    }

    /// The double nearest to the number literal in `range` (infinity beyond double range).
    /// Plain decimals of up to 15 digits are converted directly (exactly: both parts are
    /// exact doubles, and one division rounds once); anything else goes through the
    /// standard library.
    func doubleValue(_ range: Range<Int>) -> Double {
        var index = range.lowerBound
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenPoint = false
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte &- UInt8(ascii: "0") < 10, digits < 15 {
                mantissa = mantissa * 10 + UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if seenPoint { fraction += 1 }
            } else {
                return Double(String(decoding: slice(range), as: UTF8.self)) ?? .nan
            }
            index += 1
        }
        let value = fraction == 0 ? Double(mantissa) : Double(mantissa) / Self.powersOfTen[fraction]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }
}
