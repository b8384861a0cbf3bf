/// A JSON number kept as its literal text, so that no digit is ever lost.
///
/// `9007199254740993`, `0.1`, `1e999999` and `-0` all stay as written. Conversions to
/// `Int` and `Double` are offered for callers that need arithmetic; they never change the
/// stored literal.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The literal exactly as it appeared in the document (a valid RFC 8259 number).
    public let literal: String

    /// Wraps a literal that the caller guarantees is a valid JSON number (the parser does).
    init(uncheckedLiteral literal: String) {
        self.literal = literal
    }

    /// Validates `literal` against the JSON number grammar.
    public init?(literal: String) {
        guard JSONNumber.isValidLiteral(Array(literal.utf8)) else { return nil }
        self.literal = literal
    }

    /// An integer number.
    public init(_ value: Int) {
        literal = String(value)
    }

    /// A floating-point number in Swift's shortest round-trip form; nil for NaN or infinity,
    /// which JSON cannot express.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 {
            literal = value.sign == .minus && value == 0 ? "-0" : String(Int(value))
        } else {
            literal = "\(value)"
        }
    }

    public var description: String { literal }

    /// True when the literal has no fraction and no exponent.
    public var isInteger: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as an `Int` when the literal is an integer that fits, else nil.
    public var intValue: Int? {
        isInteger ? Int(literal) : nil
    }

    /// The nearest `Double` (infinity when the literal is beyond double range).
    public var doubleValue: Double {
        Double(literal) ?? .nan
    }

    /// Numeric equality of two literals, exact at any size: `1`, `1.0` and `10e-1` are equal,
    /// as are `0` and `-0`.
    public func isNumericallyEqual(to other: JSONNumber) -> Bool {
        literal == other.literal || DecimalForm(literal) == DecimalForm(other.literal)
    }

    /// Numeric order of two literals, exact at any size and precision: `-1` < `-0.5` < `0`
    /// == `-0` < `0.1` < `1e999999`. Returns a negative number, zero or a positive number as
    /// this number is below, equal to or above `other`. (Exponents beyond `Int` range
    /// saturate, so such numbers order by the rest of their digits.)
    public func numericOrder(comparedTo other: JSONNumber) -> Int {
        if literal == other.literal { return 0 }
        if let a = smallInteger, let b = other.smallInteger { return a < b ? -1 : a == b ? 0 : 1 }
        return DecimalForm(literal).order(comparedTo: DecimalForm(other.literal))
    }

    /// The value when the literal is an integer of at most 18 digits (so it fits an `Int`
    /// whatever the digits), found without building a `String`.
    private var smallInteger: Int? {
        literal.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            let negative = bytes.first == UInt8(ascii: "-")
            let digits = negative ? bytes.count - 1 : bytes.count
            guard digits > 0, digits <= 18 else { return nil }
            var value = 0
            for byte in bytes[(negative ? 1 : 0)...] {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value &* 10 &+ Int(digit)
            }
            return negative ? -value : value
        } ?? nil
    }

    /// Checks the RFC 8259 number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    static func isValidLiteral(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            numberLiteralEnd(buffer, from: 0) == buffer.count
        }
    }

    /// Scans a number literal starting at `start`; returns the index just past it, or nil when
    /// the bytes there do not form a valid number.
    @inline(__always)
    static func numberLiteralEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        let end = bytes.count
        func isDigit(_ i: Int) -> Bool { i < end && bytes[i] &- UInt8(ascii: "0") < 10 }
        if i < end, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return nil }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            i = digitsEnd(bytes, from: i + 1)
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return nil }
            i = digitsEnd(bytes, from: i + 1)
        }
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return nil }
            i = digitsEnd(bytes, from: i + 1)
        }
        return i
    }

    /// The offset of the first byte from `start` on that is not an ASCII digit (or the end),
    /// eight bytes at a time away from the end: the lowest byte whose top bit is set in
    /// `(word + 0x46) | (word - 0x30)` (bytewise) is the first one above `9` or below `0`.
    /// Carries and borrows only run upward from a byte that is itself flagged, so the lowest
    /// flag is exact.
    @inline(__always)
    static func digitsEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= bytes.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let notDigits = ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080
                if notDigits != 0 { return i + notDigits.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < bytes.count, bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        return i
    }
}

/// A number literal reduced to sign, significant digits and a power of ten, so that two
/// literals compare by value without converting to a binary float.
private struct DecimalForm: Equatable {
    var negative = false
    var digits: [UInt8] = []
    var exponent = 0

    init(_ literal: String) {
        var bytes = Array(literal.utf8)[...]
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var fractionDigits = 0
        var seenPoint = false
        var exponentText: ArraySlice<UInt8> = []
        for (offset, byte) in zip(bytes.indices, bytes) {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponentText = bytes[(offset + 1)...]
                break
            } else {
                digits.append(byte)
                if seenPoint { fractionDigits += 1 }
            }
        }
        // Exponents beyond Int range saturate; such numbers are equal only when written alike.
        var written = 0
        if !exponentText.isEmpty {
            let saturated = exponentText.first == UInt8(ascii: "-") ? Int.min / 2 : Int.max / 2
            written = Int(String(decoding: exponentText, as: UTF8.self)) ?? saturated
        }
        exponent = written.clamped(to: Int.min / 2...Int.max / 2) - fractionDigits
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            negative = false
            exponent = 0
        }
    }
}

extension DecimalForm {
    /// Negative, zero or positive as `self` is below, equal to or above `other`.
    func order(comparedTo other: DecimalForm) -> Int {
        if negative != other.negative { return negative ? -1 : 1 }
        let magnitude = magnitudeOrder(comparedTo: other)
        return negative ? -magnitude : magnitude
    }

    /// The order of the absolute values: by the place of the leading digit, then digit by digit.
    private func magnitudeOrder(comparedTo other: DecimalForm) -> Int {
        if digits.isEmpty || other.digits.isEmpty { return (digits.isEmpty ? 0 : 1) - (other.digits.isEmpty ? 0 : 1) }
        let place = digits.count + exponent
        let otherPlace = other.digits.count + other.exponent
        if place != otherPlace { return place < otherPlace ? -1 : 1 }
        for (a, b) in zip(digits, other.digits) where a != b { return a < b ? -1 : 1 }
        return digits.count == other.digits.count ? 0 : digits.count < other.digits.count ? -1 : 1
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
