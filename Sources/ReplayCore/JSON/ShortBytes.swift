/// 1 to 16 bytes told apart by two words and their count, loaded only from inside them: the
/// first and the last 8 (or 4) bytes, which overlap when there are fewer than 16 (or 8), and
/// up to 3 bytes one by one. What the caches of short names (``MemberNameCache``, the
/// ``StringTable``'s recent ids) are keyed by: two loads and a compare instead of a hash of
/// every byte and a byte-by-byte comparison.
struct ShortBytes: Equatable {
    let low: UInt64
    let high: UInt64
    /// How many bytes; 0 only for ``none``.
    let count: Int

    /// The key of no bytes: an empty cache slot.
    static let none = ShortBytes(low: 0, high: 0, count: 0)

    private init(low: UInt64, high: UInt64, count: Int) {
        self.low = low
        self.high = high
        self.count = count
    }

    /// The key of `bytes`; nil when there are none or more than 16.
    @inline(__always)
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, (1...16).contains(bytes.count) else { return nil }
        let raw = UnsafeRawPointer(base)
        count = bytes.count
        if count >= 8 {
            low = raw.loadUnaligned(as: UInt64.self)
            high = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            low = UInt64(raw.loadUnaligned(as: UInt32.self))
            high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else {
            low = UInt64(base[0]) | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1]) << 16
            high = 0
        }
    }

    /// A slot among `1 << bits`, from every bit of the key.
    @inline(__always)
    func slot(bits: Int) -> Int {
        let mixed = (low ^ high &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> (64 - UInt64(bits)))
    }
}
