/// An Erlang integer of any size, kept exactly.
///
/// Erlang integers are unbounded; the External Term Format writes small ones as 8- or 32-bit
/// values and larger ones as a sign and little-endian magnitude bytes. Every value has one
/// representation here (no negative zero, no high zero limbs), so equality is numeric.
public struct ErlangInteger: Hashable, Sendable, CustomStringConvertible {
    /// True when the value is below zero.
    public let isNegative: Bool
    /// The absolute value as little-endian 32-bit limbs, with no high zero limbs; empty for zero.
    public let magnitude: [UInt32]

    /// The integer `value`.
    public init(_ value: Int) {
        var rest = value.magnitude
        var limbs: [UInt32] = []
        while rest != 0 {
            limbs.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        }
        self.init(isNegative: value < 0, limbs: limbs)
    }

    /// The integer with the given sign and magnitude bytes, least significant first, as
    /// `SMALL_BIG_EXT` and `LARGE_BIG_EXT` store them.
    public init(isNegative: Bool, littleEndianBytes bytes: some Collection<UInt8>) {
        var limbs: [UInt32] = []
        limbs.reserveCapacity((bytes.count + 3) / 4)
        var limb: UInt32 = 0
        var shift: UInt32 = 0
        for byte in bytes {
            limb |= UInt32(byte) << shift
            shift += 8
            if shift == 32 {
                limbs.append(limb)
                limb = 0
                shift = 0
            }
        }
        if shift > 0 { limbs.append(limb) }
        self.init(isNegative: isNegative, limbs: limbs)
    }

    /// The integer a decimal literal spells (`-123`, digits only after an optional `-`), of any
    /// size; nil for anything else.
    public init?(decimal text: String) {
        var digits = Substring(text).utf8
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        var limbs: [UInt32] = []
        // Nine digits at a time: limbs = limbs * 10^chunk + chunk value.
        var rest = digits[...]
        while !rest.isEmpty {
            let chunk = rest.prefix(9)
            rest = rest.dropFirst(chunk.count)
            var scale: UInt64 = 1
            var value: UInt64 = 0
            for digit in chunk {
                scale *= 10
                value = value * 10 + UInt64(digit - UInt8(ascii: "0"))
            }
            var carry = value
            for index in limbs.indices {
                let product = UInt64(limbs[index]) * scale + carry
                limbs[index] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry > 0 { limbs.append(UInt32(carry)) }
        }
        self.init(isNegative: negative, limbs: limbs)
    }

    private init(isNegative: Bool, limbs: [UInt32]) {
        var limbs = limbs
        while limbs.last == 0 { limbs.removeLast() }
        self.magnitude = limbs
        self.isNegative = isNegative && !limbs.isEmpty
    }

    /// The value as an `Int`, or nil when it does not fit.
    public var intValue: Int? {
        guard magnitude.count <= 2 else { return nil }
        var absolute: UInt64 = 0
        for (index, limb) in magnitude.enumerated() { absolute |= UInt64(limb) << (32 * UInt64(index)) }
        if isNegative {
            guard absolute <= UInt64(Int.max) + 1 else { return nil }
            return absolute == UInt64(Int.max) + 1 ? Int.min : -Int(absolute)
        }
        return absolute <= UInt64(Int.max) ? Int(absolute) : nil
    }

    /// The value in decimal, with a leading `-` when negative.
    public var description: String {
        if let value = intValue { return String(value) }
        // Divide by 10^9 repeatedly; each remainder is nine decimal digits, least significant first.
        let chunkBase: UInt64 = 1_000_000_000
        var limbs = magnitude
        var chunks: [UInt32] = []
        while !limbs.isEmpty {
            var remainder: UInt64 = 0
            for index in limbs.indices.reversed() {
                let current = remainder << 32 | UInt64(limbs[index])
                limbs[index] = UInt32(current / chunkBase)
                remainder = current % chunkBase
            }
            chunks.append(UInt32(remainder))
            while limbs.last == 0 { limbs.removeLast() }
        }
        var text = isNegative ? "-" : ""
        text += String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }
}
