/// What the native index scan needs of the parser beyond plain JSON: matching an event's
/// field names on their bytes, line-by-line NDJSON, and fast doubles for `t`.
extension JSONParser {
    /// The native event field the validated member name literal at `start..<end` (quotes
    /// included) names; matched on its bytes unless it holds escapes. The index scan's names
    /// are matched by ``eventFieldName()``, which comes here only for the names its one load
    /// does not settle.
    func eventField(_ start: Int, _ end: Int) -> NativeEventField? {
        let name = slice(start + 1..<end - 1)
        guard name.contains(UInt8(ascii: "\\")) else { return NativeEventField(utf8: name) }
        return NativeEventField(rawValue: decodeKey(start, end))
    }

    /// ``readMembers(_:)`` for an event object: `body` is called with the start of each
    /// member's name and the native event field it names, if any: the one at the same place
    /// in the last event when the name spells it (`order`), else as ``eventFieldName()``
    /// matches it, which `order` then remembers.
    mutating func readEventMembers(
        order: inout MemberOrder, _ body: (inout JSONParser, _ keyStart: Int, NativeEventField?) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        guard try enterMembers() else { return }
        var member = 0
        repeat {
            try expectMemberName()
            let keyStart = position
            let field: NativeEventField?
            if keyStart + 9 <= bytes.count, let base = bytes.baseAddress,
                let known = order.field(member, after: UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: keyStart + 1, as: UInt64.self))) {
                field = known.field
                position = keyStart + known.length
                if !known.coversColon {
                    try expectColon()
                } else if position < bytes.count, bytes[position] <= 0x20 {
                    skipWhitespace()
                }
            } else {
                field = try eventFieldName().field
                order.remember(field, at: member)
                try expectColon()
            }
            member += 1
            try body(&self, keyStart, field)
        } while try nextMember()
    }

    /// Moves past the member name at the current position (its opening quote) and returns
    /// where it started and the native event field it names, if any. A name that spells a
    /// field in plain bytes is matched with one load, its closing quote included, instead of
    /// being scanned and then matched: the index scan reads six or so names an event.
    ///
    /// The bytes before the first quote are packed as ``NativeEventField/packed(_:)`` packs
    /// a name, which drops nothing but zero bytes at the end: a name whose last byte is
    /// zero (a raw NUL, which JSON does not allow in a string) could pack as a shorter
    /// field's, so it goes the general way, which reports it.
    @inline(__always)
    mutating func eventFieldName() throws(JSONSyntaxError) -> (keyStart: Int, field: NativeEventField?) {
        let keyStart = position
        if keyStart + 9 <= bytes.count, let base = bytes.baseAddress {
            let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: keyStart + 1, as: UInt64.self))
            // The lowest zero byte of `quotes` is the first quote (the borrow trick is exact there).
            let quotes = word ^ 0x2222_2222_2222_2222
            let firstQuote = (quotes &- 0x0101_0101_0101_0101) & ~quotes & 0x8080_8080_8080_8080
            let length = firstQuote.trailingZeroBitCount >> 3
            if (1..<8).contains(length), word >> (8 * UInt64(length - 1)) & 0xFF != 0,
                let field = NativeEventField(packedName: word & ((1 << (8 * UInt64(length))) - 1)) {
                position = keyStart + length + 2
                return (keyStart, field)
            }
        }
        try skipString()
        return (keyStart, eventField(keyStart, position))
    }

    /// Moves past spaces and tabs, stopping at a line break.
    mutating func skipSpacesAndTabs() {
        while currentByte == UInt8(ascii: " ") || currentByte == UInt8(ascii: "\t") {
            position += 1
        }
    }

    /// The double nearest to the number literal in `range` (infinity beyond double range).
    /// Up to 8 digits alone (a time in milliseconds) are read in one word; plain decimals of
    /// up to 15 digits are converted directly (exactly: both parts are exact doubles, and one
    /// division rounds once); anything else goes through the standard library.
    func doubleValue(_ range: Range<Int>) -> Double {
        if let whole = eightDigits(range) { return Double(whole) }
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

    /// The value of the 1 to 8 digits in `range`, loaded as one word with the bytes before
    /// them (so not at the start of the input) and converted all at once; nil when the
    /// literal is longer or holds anything but digits.
    @inline(__always)
    func eightDigits(_ range: Range<Int>) -> UInt64? {
        guard (1...8).contains(range.count), range.upperBound >= 8, let base = bytes.baseAddress else { return nil }
        let loaded = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: range.upperBound - 8, as: UInt64.self))
        // The bytes before the literal become leading zeros.
        let before: UInt64 = range.count == 8 ? 0 : (1 << (8 * UInt64(8 - range.count))) - 1
        let zeros: UInt64 = 0x3030_3030_3030_3030
        let word = (loaded & ~before) | (zeros & before)
        // A byte below "0" borrows and one above "9" carries into its top bit.
        guard ((word &+ 0x4646_4646_4646_4646) | (word &- zeros)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        // Pairs of digits, then fours, then all eight (the first byte is the highest digit).
        var value = word & 0x0F0F_0F0F_0F0F_0F0F
        value = (value &* 2_561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }
}
