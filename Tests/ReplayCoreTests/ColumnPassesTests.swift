import TestSupport
import Testing
@testable import ReplayCore

/// The whole-column passes the overview and the crash search make, several elements a load,
/// give what one element at a time gives: in columns of runs (words of one value) and of
/// mixed values, of every length (the elements after the last whole word), narrow and wide.
@Suite struct ColumnPassesTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func idsAreCountedAndFoundAsInAnArray(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let widening = random.chance(0.3)
        var ids: [UInt32] = []
        let length = Int.random(in: 0...400, using: &random)
        while ids.count < length {
            let id: UInt32 =
                if widening, random.chance(0.05) { random.pick([65_535, 65_536, 70_000]) }
                else if random.chance(0.2) { NativeEventTable.noName }
                else { UInt32.random(in: 0..<12, using: &random) }
            // Runs, as of one kind, or single ids.
            ids.append(contentsOf: repeatElement(id, count: random.chance(0.5) ? Int.random(in: 1...9, using: &random) : 1))
        }
        var column = IDColumn()
        for id in ids { column.append(id) }
        #expect(column.isWide == ids.contains { $0 >= 65_535 && $0 != NativeEventTable.noName }, "seed \(seed)")
        for limit in [0, 1, 5, 12, 65_536, 70_001] {
            let expected = (0..<limit).map { value in ids.count { $0 == value } }
            #expect(column.tally(below: limit) == expected, "seed \(seed), below \(limit)")
        }
        for probe in Array(0...12) + [NativeEventTable.noName, 65_535, 65_536, 70_000, 1 << 20] {
            #expect(column.firstIndex(of: probe) == ids.firstIndex(of: probe), "seed \(seed), \(probe)")
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func flaggedPositionsAreFoundFromAnyStart(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let flags = (0..<Int.random(in: 0...100, using: &random)).map { _ in
            random.chance(0.1) ? UInt8.random(in: 0...255, using: &random) : UInt8.random(in: 0...3, using: &random)
        }
        var column = IndexColumn<UInt8>()
        column.append(contentsOf: flags)
        for bits: UInt8 in [NativeEventTable.errorFlag, 0x80, 0x06] {
            for start in 0...flags.count {
                let expected = flags.indices.first { $0 >= start && flags[$0] & bits != 0 }
                #expect(column.firstPosition(from: start, withAnyOf: bits) == expected, "seed \(seed), bits \(bits), from \(start)")
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func theLatestTimeIsTheLargest(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let untimed = random.chance(0.2)
        let widening = random.chance(0.5)
        let times = (0..<Int.random(in: 0...60, using: &random)).map { _ -> Double in
            if untimed || random.chance(0.3) { return .nan }
            if widening, random.chance(0.1) { return random.pick([0.5, -0.0, 1e300, -1e300, 2_147_483_648]) }
            return Double(Int32.random(in: -2_147_483_647...2_147_483_647, using: &random))
        }
        var column = TimeColumn()
        column.append(contentsOf: times)
        let timed = times.filter { !$0.isNaN }
        #expect(column.latest == timed.max(), "seed \(seed), \(column.isWide ? "wide" : "narrow")")
    }
}
