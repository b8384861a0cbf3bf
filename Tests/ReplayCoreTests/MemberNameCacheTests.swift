import TestSupport
import Testing
@testable import ReplayCore

/// ``MemberNameCache`` gives back exactly the `String` the bytes make (the same UTF-8, not
/// just a canonically equal name), however names crowd its slots.
@Suite struct MemberNameCacheTests {
    /// Names that differ in one byte only, at every position of every length the cache keeps
    /// and one past it, looked up one after the other: a byte the cache does not tell apart
    /// would hand the first name back for the second.
    @Test func namesDifferingInOneByteAreToldApart() {
        var cache = MemberNameCache()
        for pair in OneByteApart.pairs(lengths: 1...17) {
            for bytes in [pair.text, pair.other, pair.text] {
                #expect(Self.made(bytes, &cache) == bytes, "length \(pair.length), byte \(pair.position)")
            }
        }
    }

    /// Random names of 0 to 20 bytes (ASCII, UTF-8 beyond ASCII, invalid bytes) from a small
    /// alphabet, so that names repeat and share slots, each read as `String(decoding:)` reads it.
    @Test(arguments: 1...10 as ClosedRange<UInt64>)
    func everyNameIsTheStringItsBytesMake(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let pieces: [[UInt8]] = [Array("a".utf8), Array("b".utf8), Array("é".utf8), Array("e\u{301}".utf8), [0xFF], [0xC3]]
        var cache = MemberNameCache()
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...20, using: &random)
            var bytes: [UInt8] = []
            while bytes.count < length { bytes += random.pick(pieces) }
            let expected = Array(String(decoding: bytes, as: UTF8.self).utf8)
            #expect(Self.made(bytes, &cache) == expected, "seed \(seed): \(bytes)")
        }
    }

    /// Where the cache finds a member is where the object's own lookup finds it, while
    /// objects of two shapes alternate, members come and go (moving the others), names crowd
    /// the slots, and names are spelt two ways Swift takes as one (`é`, and `e` with a
    /// combining accent): a position remembered from one object is only ever a guess.
    @Test(arguments: 1...10 as ClosedRange<UInt64>)
    func indexOfAMemberIsTheObjectsOwn(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let names = ["a", "b", "balance", "tx", "\u{e9}", "e\u{301}", "a-very-long-member-name", "x", "y", "z"]
        var objects: [JSONObject] = [[:], [:]]
        var cache = MemberNameCache()
        for _ in 0..<5_000 {
            let which = Int.random(in: 0..<2, using: &random)
            let name = random.pick(names)
            if random.chance(0.2) {
                if random.chance(0.5) {
                    objects[which][name] = .null
                } else {
                    objects[which].removeValue(forKey: name)
                }
            }
            let asked = random.pick(names)
            let found = Array(asked.utf8).withUnsafeBufferPointer { cache.index(of: $0, in: objects[which]) }
            #expect(found == objects[which].index(forKey: asked), "seed \(seed): \(asked) in \(objects[which].keys)")
        }
    }

    /// The UTF-8 of the name the cache gives for `bytes`.
    private static func made(_ bytes: [UInt8], _ cache: inout MemberNameCache) -> [UInt8] {
        bytes.withUnsafeBufferPointer { Array(cache.name($0).utf8) }
    }
}
