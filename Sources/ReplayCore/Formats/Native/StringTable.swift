#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interned strings: each distinct text gets a small id. A text of up to 16 bytes seen
/// lately is found by its ``ShortBytes`` alone; others are looked up by hashing the UTF-8
/// bytes in place (FNV-1a a word at a time, open addressing) and comparing them with the
/// stored bytes, all kept in one buffer, so a name seen before costs no string and no
/// reference counting.
struct StringTable: Sendable {
    private(set) var strings: [String] = []
    /// Every string's UTF-8 bytes, one after another: string `id` ends at `ends[id]`.
    private var utf8: [UInt8] = []
    private var ends: [Int] = []
    /// Slot -> id + 1 (0: empty); the capacity is a power of two, at most half full.
    private var slots = [UInt32](repeating: 0, count: 64)
    /// The ids of texts of up to 16 bytes looked up lately, by their ``ShortBytes`` (the last
    /// one in a slot wins): a trace's few kinds and names are found here without hashing.
    private var recent = [(key: ShortBytes, id: UInt32)](repeating: (.none, 0), count: 1 << recentBits)
    private static let recentBits = 6

    /// The id of the string literal at the parser's position, which it moves past.
    mutating func id(scanning parser: inout JSONParser) throws(JSONSyntaxError) -> UInt32 {
        let start = parser.position
        let (content, plain) = try parser.scanStringLiteral()
        guard plain else { return id(for: parser.decodeKey(start, content.upperBound + 1)) }
        return id(forUTF8: parser.slice(content))
    }

    mutating func id(for text: String) -> UInt32 {
        var text = text
        return text.withUTF8 { id(forUTF8: $0) }
    }

    /// The id of `text` if it occurs, without adding it.
    func existingID(for text: String) -> UInt32? {
        var text = text
        return text.withUTF8 { bytes in
            let slot = find(bytes)
            return slots[slot] == 0 ? nil : slots[slot] - 1
        }
    }

    private mutating func id(forUTF8 bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let key = ShortBytes(bytes) else { return lookUp(bytes) }
        let slot = key.slot(bits: Self.recentBits)
        if recent[slot].key == key { return recent[slot].id }
        let id = lookUp(bytes)
        recent[slot] = (key, id)
        return id
    }

    /// The id of `bytes` in the hash table, added if new.
    private mutating func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let slot = find(bytes)
        if slots[slot] != 0 { return slots[slot] - 1 }
        let id = UInt32(strings.count)
        strings.append(String(decoding: bytes, as: UTF8.self))
        utf8.append(contentsOf: bytes)
        ends.append(utf8.count)
        slots[slot] = id + 1
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    /// The slot holding `bytes`, or the empty slot where they would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        utf8.withUnsafeBufferPointer { stored in
            ends.withUnsafeBufferPointer { ends in
                while slots[slot] != 0, !Self.same(stored, id: Int(slots[slot] - 1), ends: ends, bytes) {
                    slot = (slot + 1) & mask
                }
            }
        }
        return slot
    }

    /// True when string `id` in `stored` has exactly the bytes `bytes`.
    @inline(__always)
    private static func same(_ stored: UnsafeBufferPointer<UInt8>, id: Int, ends: UnsafeBufferPointer<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = id == 0 ? 0 : ends[id - 1]
        guard ends[id] - start == bytes.count else { return false }
        guard let base = bytes.baseAddress, let storedBase = stored.baseAddress else { return true }
        // Names are short: a loop beats calling memcmp.
        guard bytes.count <= 16 else { return memcmp(storedBase + start, base, bytes.count) == 0 }
        for k in 0..<bytes.count where storedBase[start + k] != base[k] { return false }
        return true
    }

    private mutating func grow() {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        var start = 0
        for (index, end) in ends.enumerated() {
            let slot = utf8.withUnsafeBufferPointer { find(UnsafeBufferPointer(rebasing: $0[start..<end])) }
            slots[slot] = UInt32(index) + 1
            start = end
        }
    }

    /// FNV-1a over eight bytes at a time (then the last few one by one), reading only
    /// inside `bytes`.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
            hash ^= hash >> 29
            i += 8
        }
        while i < bytes.count {
            hash = (hash ^ UInt64(base[i])) &* prime
            i += 1
        }
        return hash ^ hash >> 32
    }
}
