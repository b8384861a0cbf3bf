/// Finds the members that patches' paths name without making a `String` of each token and
/// hashing it: a trace's patches name the same members over and over (`/accounts/7/balance`,
/// `/accounts/9/balance`), so each name met is kept by its bytes, with the place in its
/// object where it was last found. That place is trusted only after the name at it is checked
/// to be the one asked for; names are unique in an object, so then it is the member's.
/// One lookup serves one replay, on one thread.
struct MemberLookup {
    private struct Entry {
        /// A name of up to 16 bytes, as its first and last (up to) eight bytes and its length.
        var first: UInt64 = 0
        var last: UInt64 = 0
        var length = -1
        var name = ""
        var index = 0
    }

    private var entries = [Entry](repeating: Entry(), count: 64)

    /// The index in `members` of the member named by `token` (a plain name's UTF-8 bytes), or
    /// nil when there is none; and the name, for adding it.
    mutating func find(_ token: UnsafeBufferPointer<UInt8>, in members: JSONObject) -> (index: Int?, name: String) {
        guard token.count <= 16, let base = token.baseAddress else {
            let name = String(decoding: token, as: UTF8.self)
            return (members.index(forKey: name), name)
        }
        let (first, last) = Self.packed(UnsafeRawPointer(base), token.count)
        let slot = Int(truncatingIfNeeded: (((first ^ (last &* 31)) &+ UInt64(token.count)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
        return entries.withUnsafeMutableBufferPointer { entries in
            if entries[slot].length == token.count, entries[slot].first == first, entries[slot].last == last {
                let index = entries[slot].index
                if index < members.count, members.keys[index] == entries[slot].name { return (index, entries[slot].name) }
                let found = members.index(forKey: entries[slot].name)
                if let found { entries[slot].index = found }
                return (found, entries[slot].name)
            }
            let name = String(decoding: token, as: UTF8.self)
            let found = members.index(forKey: name)
            entries[slot] = Entry(first: first, last: last, length: token.count, name: name, index: found ?? 0)
            return (found, name)
        }
    }

    /// Up to 16 bytes as two words that, with the length, tell them apart: the first and the
    /// last eight (overlapping when fewer than 16), or for fewer than eight, the first and
    /// last four, or the bytes themselves. Reads only inside the bytes.
    private static func packed(_ bytes: UnsafeRawPointer, _ count: Int) -> (UInt64, UInt64) {
        if count >= 8 {
            return (bytes.loadUnaligned(as: UInt64.self), bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            return (UInt64(bytes.loadUnaligned(as: UInt32.self)), UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
        }
        var word: UInt64 = 0
        for index in 0..<count { word |= UInt64(bytes.load(fromByteOffset: index, as: UInt8.self)) << (8 * UInt64(index)) }
        return (word, 0)
    }
}
