import TestSupport
import Testing
@testable import ReplayCore

/// ``MemberLookup`` finds what `index(forKey:)` finds, whatever the objects and however they
/// change between lookups: names of every length around its 4, 8 and 16 byte packings, names
/// alike but in one byte, names beyond ASCII, and objects whose members move or go.
@Suite struct MemberLookupTests {
    static let names = [
        "", "a", "ab", "abc", "abcd", "abce", "abcdefg", "abcdefgh", "abcdefgi", "abcdefghijklmno", "abcdefghijklmnop",
        "abcdefghijklmnoq", "bbcdefghijklmnop", "abcdefghijklmnopq", "balance", "accounts", "id", "é", "e\u{301}",
        "K", "\u{212A}", "山田", "🎉",
    ]

    @Test(arguments: Array(UInt64(1)...20))
    func findsWhatTheDictionaryFinds(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var lookup = MemberLookup()
        var objects: [JSONObject] = (0..<4).map { _ in
            var members = JSONObject()
            for name in Self.names.shuffled(using: &random).prefix(Int.random(in: 0...12, using: &random)) { members[name] = .null }
            return members
        }
        for _ in 0..<2_000 {
            let which = Int.random(in: 0..<objects.count, using: &random)
            if random.chance(0.1), let index = objects[which].keys.indices.randomElement(using: &random) {
                objects[which].remove(at: index)
            } else if random.chance(0.1) {
                objects[which][random.pick(Self.names)] = .null
            }
            let name = random.pick(Self.names)
            let found = Array(name.utf8).withUnsafeBufferPointer { lookup.find($0, in: objects[which]) }
            #expect(found.index == objects[which].index(forKey: name), "seed \(seed): \(name.debugDescription)")
            #expect(found.name == name)
        }
    }
}
