import TestSupport
import Testing
@testable import ReplayCore

/// ``StringTable`` gives each distinct text (by its bytes) one id, in the order texts first
/// come, whether it finds an id among the recent ones or in its hash table.
@Suite struct StringTableTests {
    /// Texts that differ in one byte only, at every position of every length the recent ids
    /// are kept for and one past it: a byte their key did not tell apart would give the
    /// second text the first one's id.
    @Test func textsDifferingInOneByteGetTheirOwnIDs() {
        var table = StringTable()
        var reference = Reference()
        for pair in OneByteApart.pairs(lengths: 1...17) {
            for bytes in [pair.text, pair.other, pair.text, pair.other] {
                #expect(Self.id(bytes, &table) == reference.id(bytes), "length \(pair.length), byte \(pair.position)")
            }
        }
        #expect(table.strings.count == reference.ids.count)
    }

    /// Random texts of 0 to 20 bytes from a small alphabet (with canonically equal spellings
    /// of `é`, which are different bytes), so that texts repeat, crowd the recent slots and
    /// grow the hash table; each id's string is the text's bytes.
    @Test(arguments: 1...10 as ClosedRange<UInt64>)
    func idsFollowFirstAppearanceByBytes(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let pieces = ["a", "b", "é", "e\u{301}", "call", "_"].map { Array($0.utf8) }
        var table = StringTable()
        var reference = Reference()
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...20, using: &random)
            var bytes: [UInt8] = []
            while bytes.count < length { bytes += random.pick(pieces) }
            let id = Self.id(bytes, &table)
            #expect(id == reference.id(bytes), "seed \(seed): \(bytes)")
            #expect(Array(table.strings[Int(id)].utf8) == bytes)
        }
    }

    /// Ids given in the order texts first come, by their bytes.
    private struct Reference {
        var ids: [[UInt8]: UInt32] = [:]

        mutating func id(_ bytes: [UInt8]) -> UInt32 {
            if let id = ids[bytes] { return id }
            ids[bytes] = UInt32(ids.count)
            return UInt32(ids.count - 1)
        }
    }

    private static func id(_ bytes: [UInt8], _ table: inout StringTable) -> UInt32 {
        table.id(for: String(decoding: bytes, as: UTF8.self))
    }
}
