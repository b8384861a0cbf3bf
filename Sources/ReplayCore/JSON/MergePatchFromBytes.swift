#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONParser {
    /// Checks the RFC 7386 merge patch at the current position, moving past it, for
    /// ``applySimpleMergePatch(to:names:)``: true unless an object in it repeats a member name or
    /// writes one with escapes or beyond ASCII. A repeated name's last value wins in the
    /// tree, at the first one's position, which applying member by member would not
    /// reproduce; such a patch is read the general way (``MergePatch/apply(_:to:)``).
    mutating func isSimpleMergePatch() throws(JSONSyntaxError) -> Bool {
        try skipMergePatch(levels: 0)
    }

    /// Applies the merge patch at the current position, which ``isSimpleMergePatch()``
    /// accepted, to `document` straight from its bytes, building only the values it puts in
    /// place: what parsing it and calling ``MergePatch/apply(_:to:)`` does, without a tree
    /// for the patch. Member names are made through `names`.
    mutating func applySimpleMergePatch(to document: inout JSONValue, names: inout MemberNameCache) throws(JSONSyntaxError) {
        try merge(into: &document, names: &names)
    }

    /// Validates the value at the current position, `levels` deep in the patch, and moves
    /// past it; false when one of its objects repeats a member name or writes one with
    /// escapes, or when it nests deeper than the parser allows (whose error the general
    /// reading then names).
    private mutating func skipMergePatch(levels: Int) throws(JSONSyntaxError) -> Bool {
        guard levels < Self.maxDepth else { return false }
        guard currentByte == UInt8(ascii: "{") else {
            try skipValue()
            return true
        }
        var names = MemberNames()
        var plain = true
        try readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
            guard plain, names.insert(parser.slice(keyStart + 1..<keyEnd - 1)) else {
                plain = false
                return try parser.skipValue()
            }
            plain = try parser.skipMergePatch(levels: levels + 1)
        }
        return plain
    }

    /// Merges the value at the current position into `target` and moves past it.
    private mutating func merge(into target: inout JSONValue, names: inout MemberNameCache) throws(JSONSyntaxError) {
        guard currentByte == UInt8(ascii: "{") else {
            target = try parseValue()
            return
        }
        if case .object = target {} else { target = .object([:]) }
        try target.modifyObject { (members: inout JSONObject) throws(JSONSyntaxError) in
            try readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
                let name = parser.slice(keyStart + 1..<keyEnd - 1)
                let index = names.index(of: name, in: members)
                if parser.currentByte == UInt8(ascii: "n") {
                    try parser.skipValue()
                    if let index { members.remove(at: index) }
                } else if let index {
                    try parser.merge(into: &members.values[index], names: &names)
                } else {
                    var fresh = JSONValue.null
                    try parser.merge(into: &fresh, names: &names)
                    members[names.name(name)] = fresh
                }
            }
        }
    }
}

/// The member names of one object of a merge patch, as byte ranges of the document, to find
/// a repeated one. Up to ``capacity`` names are kept inline; an object with more is not
/// taken member by member (``insert(_:)`` says no), nor is one whose names have escapes or
/// bytes beyond ASCII, since equal names could then be spelt differently (Swift compares
/// names by canonical equivalence: `é` and `e` with a combining accent are one name).
private struct MemberNames {
    static let capacity = 16
    private var names = InlineArray<16, UnsafeBufferPointer<UInt8>>(repeating: UnsafeBufferPointer(start: nil, count: 0))
    private var count = 0

    /// Adds `name`; false when it was there already, has an escape or a byte beyond ASCII,
    /// or there is no room.
    mutating func insert(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count < Self.capacity, !name.contains(where: { $0 == UInt8(ascii: "\\") || $0 >= 0x80 }) else { return false }
        for index in 0..<count where names[index].count == name.count {
            if name.isEmpty || memcmp(names[index].baseAddress!, name.baseAddress!, name.count) == 0 { return false }
        }
        names[count] = name
        count += 1
        return true
    }
}
