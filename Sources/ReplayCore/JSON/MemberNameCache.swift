/// Member names read from a trace's bytes, each made into a `String` once: replay from the
/// bytes looks up the same few names (`accounts`, `balance`…) millions of times, and making
/// a `String` of a name (checking its UTF-8, then building it) cost more than finding it.
///
/// A name of up to 16 bytes is kept in one of 256 slots picked by its bytes, the last name
/// seen there winning; longer names are made each time. What comes back for some bytes is
/// always the `String` those bytes make, so a name found here is the name made afresh.
struct MemberNameCache {
    private struct Entry {
        var low: UInt64 = 0
        var high: UInt64 = 0
        /// The name's byte count; 0 for an empty slot (the empty name is never kept).
        var count = 0
        var name = ""
    }

    private static let slotBits = 8
    private var entries = [Entry](repeating: Entry(), count: 1 << slotBits)

    /// The name spelt by `bytes`, as `String(decoding: bytes, as: UTF8.self)` makes it.
    mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= 16, let words = Self.words(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        let mixed = (words.low ^ words.high &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)) &* 0xBF58_476D_1CE4_E5B9
        let slot = Int(truncatingIfNeeded: mixed >> (64 - UInt64(Self.slotBits)))
        return entries.withUnsafeMutableBufferPointer { entries in
            if entries[slot].count == bytes.count, entries[slot].low == words.low, entries[slot].high == words.high {
                return entries[slot].name
            }
            let name = String(decoding: bytes, as: UTF8.self)
            entries[slot] = Entry(low: words.low, high: words.high, count: bytes.count, name: name)
            return name
        }
    }

    /// Two words that, with the count, tell 1 to 16 bytes apart, loaded only from inside
    /// them: the first and the last 8 (or 4) bytes, which overlap when there are fewer than
    /// 16 (or 8); up to 3 bytes one by one. Nil for no bytes.
    @inline(__always)
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (low: UInt64, high: UInt64)? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        if count >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            return (UInt64(raw.loadUnaligned(as: UInt32.self)), UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
        }
        return (UInt64(base[0]) | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1]) << 16, 0)
    }
}
