/// Member names read from a trace's bytes, each made into a `String` once, and where each
/// was last found: replay from the bytes looks up the same few names (`accounts`,
/// `balance`…) millions of times, and making a `String` of a name (checking its UTF-8, then
/// building it) cost more than finding it; hashing it to find it cost about as much again.
///
/// A name of up to 16 bytes is kept in one of 256 slots picked by its bytes, the last name
/// seen there winning; longer names are made each time. What comes back for some bytes is
/// always the `String` those bytes make, so a name found here is the name made afresh.
///
/// Objects of one shape keep a name at the same position (every account's `balance` is its
/// third member), so ``index(of:in:)`` first looks where the name was found last and hashes
/// it only when the member there has another name.
struct MemberNameCache {
    private struct Entry {
        var key = ShortBytes.none
        var name = ""
        /// Where the name was last found in an object, or -1.
        var position = -1
    }

    private static let slotBits = 8
    private var entries = [Entry](repeating: Entry(), count: 1 << slotBits)

    /// The name spelt by `bytes`, as `String(decoding: bytes, as: UTF8.self)` makes it.
    mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let key = ShortBytes(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        return withEntry(key, bytes) { $0.name }
    }

    /// Where the member named by `bytes` is in `members`, if it is there: what
    /// `members.index(forKey: name(bytes))` answers.
    mutating func index(of bytes: UnsafeBufferPointer<UInt8>, in members: JSONObject) -> Int? {
        guard let key = ShortBytes(bytes) else { return members.index(forKey: String(decoding: bytes, as: UTF8.self)) }
        return withEntry(key, bytes) { (entry: inout Entry) -> Int? in
            // Keys are unique under String's equality, which the lookup uses too.
            if entry.position >= 0, entry.position < members.count, members.keys[entry.position] == entry.name {
                return entry.position
            }
            let found = members.index(forKey: entry.name)
            if let found { entry.position = found }
            return found
        }
    }

    /// The member named by `bytes` in `members`, if it is there.
    mutating func member(_ bytes: UnsafeBufferPointer<UInt8>, in members: JSONObject) -> JSONValue? {
        index(of: bytes, in: members).map { members.values[$0] }
    }

    /// Calls `body` with the entry of `key`, made for `bytes` first when its slot holds
    /// another name.
    @inline(__always)
    private mutating func withEntry<R>(_ key: ShortBytes, _ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout Entry) -> R) -> R {
        let slot = key.slot(bits: Self.slotBits)
        return entries.withUnsafeMutableBufferPointer { entries in
            if entries[slot].key != key { entries[slot] = Entry(key: key, name: String(decoding: bytes, as: UTF8.self)) }
            return body(&entries[slot])
        }
    }
}
