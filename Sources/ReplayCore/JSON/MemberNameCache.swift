/// Member names read from a trace's bytes, each made into a `String` once: replay from the
/// bytes looks up the same few names (`accounts`, `balance`…) millions of times, and making
/// a `String` of a name (checking its UTF-8, then building it) cost more than finding it.
///
/// A name of up to 16 bytes is kept in one of 256 slots picked by its bytes, the last name
/// seen there winning; longer names are made each time. What comes back for some bytes is
/// always the `String` those bytes make, so a name found here is the name made afresh.
struct MemberNameCache {
    private struct Entry {
        var key = ShortBytes.none
        var name = ""
    }

    private static let slotBits = 8
    private var entries = [Entry](repeating: Entry(), count: 1 << slotBits)

    /// The name spelt by `bytes`, as `String(decoding: bytes, as: UTF8.self)` makes it.
    mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let key = ShortBytes(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        let slot = key.slot(bits: Self.slotBits)
        return entries.withUnsafeMutableBufferPointer { entries in
            if entries[slot].key == key { return entries[slot].name }
            let name = String(decoding: bytes, as: UTF8.self)
            entries[slot] = Entry(key: key, name: name)
            return name
        }
    }
}
