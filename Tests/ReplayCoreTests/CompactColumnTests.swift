import TestSupport
import Testing
@testable import ReplayCore

/// A compact column reads back what was appended, in 16 bits while every value fits (ids,
/// ``NativeEventTable/noName``) and in 32 once one does not (65,535 itself included, the
/// 16-bit stand-in for no name), and its copies behave as arrays.
@Suite struct CompactColumnTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func valuesReadBackAsAppendedAndCopiesAsArrays(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let widening = random.chance(0.5)
        func value() -> UInt32 {
            if widening, random.chance(0.002) { return random.pick([65_535, 65_536, 1 << 20, UInt32.max - 1]) }
            return random.chance(0.1) ? NativeEventTable.noName : UInt32.random(in: 0...65_534, using: &random)
        }
        var columns = [IDColumn(reservingCapacity: Int.random(in: 0...40, using: &random))]
        var arrays: [[UInt32]] = [[]]
        for _ in 0..<3_000 {
            let which = Int.random(in: 0..<columns.count, using: &random)
            switch Int.random(in: 0..<10, using: &random) {
            case 0 where columns.count < 6:
                columns.append(columns[which])
                arrays.append(arrays[which])
            case 1:
                let more = (0..<Int.random(in: 0...40, using: &random)).map { _ in value() }
                columns[which].append(contentsOf: more)
                arrays[which].append(contentsOf: more)
            case 2:
                // A value given in its narrow form, to a column that may be wide by now.
                let one = UInt32.random(in: 0...65_534, using: &random)
                columns[which].append(narrowed: NarrowIDs.narrowed(one)!)
                arrays[which].append(one)
            default:
                let one = value()
                columns[which].append(one)
                arrays[which].append(one)
            }
        }
        for (column, array) in zip(columns, arrays) {
            #expect(column.count == array.count, "seed \(seed)")
            #expect(Self.firstDifference(Array(column), array) == nil, "seed \(seed), iterated")
            #expect(Self.firstDifference(column.indices.map { column[$0] }, array) == nil, "seed \(seed), subscripted")
            #expect(column.isWide == array.contains { $0 >= 65_535 && $0 != UInt32.max }, "seed \(seed)")
            let width = column.isWide ? 4 : 2
            #expect(column.withUnsafeBytes(\.count) == array.count * width, "seed \(seed)")
            for probe in array.suffix(3) + [NativeEventTable.noName, 65_535, 7, 70_000] {
                #expect(column.firstIndex(of: probe) == array.firstIndex(of: probe), "seed \(seed), \(probe)")
            }
        }
    }

    /// Joining the two halves of an index: a column appended whole, or its ids translated
    /// through a table (no name staying as it is; the same ids, copied at once), narrow or
    /// wide on either side.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func columnsJoinAsArraysDo(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        func made(_ count: Int, below limit: UInt32) -> (IDColumn, [UInt32]) {
            let values = (0..<count).map { _ in random.chance(0.2) ? NativeEventTable.noName : UInt32.random(in: 0..<limit, using: &random) }
            var column = IDColumn()
            for value in values { column.append(value) }
            return (column, values)
        }
        // Every id its own (the halves met their names in the same order), or a table.
        var ids = random.chance(0.3) ? Array(0..<50) : (0..<50).map { _ in UInt32.random(in: 0...65_534, using: &random) }
        if random.chance(0.3) { ids[Int.random(in: 0..<50, using: &random)] = UInt32.random(in: 65_535...100_000, using: &random) }
        let (first, firstValues) = made(Int.random(in: 0...300, using: &random), below: random.chance(0.3) ? 70_000 : 60_000)
        let (second, secondValues) = made(Int.random(in: 0...300, using: &random), below: 50)
        var whole = first
        whole.append(contentsOf: second)
        #expect(Self.firstDifference(Array(whole), firstValues + secondValues) == nil, "seed \(seed), whole")
        var translated = first
        translated.append(second, translating: ids)
        let expected = firstValues + secondValues.map { $0 == NativeEventTable.noName ? $0 : ids[Int($0)] }
        #expect(Self.firstDifference(Array(translated), expected) == nil, "seed \(seed), translated")
        #expect(translated.isWide == expected.contains { $0 >= 65_535 && $0 != UInt32.max }, "seed \(seed)")
        #expect(Self.firstDifference(Array(first), firstValues) == nil, "seed \(seed): the first column's copy is untouched")
    }

    /// Times stay 4 bytes while they are whole numbers in 32 bits or missing (`nan`), and read
    /// back to the bit (`-0` and `nan` included) whichever way the column is kept.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func timesReadBackToTheBit(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let widening = random.chance(0.5)
        func time() -> Double {
            if widening, random.chance(0.01) { return random.pick([0.5, -0.0, 2_147_483_648, -2_147_483_648, 1.7e12, 1e300]) }
            return random.chance(0.1) ? .nan : Double(Int32.random(in: -2_147_483_647...2_147_483_647, using: &random))
        }
        var column = TimeColumn()
        var times: [Double] = []
        for _ in 0..<2_000 {
            if random.chance(0.1) {
                let more = (0..<Int.random(in: 0...30, using: &random)).map { _ in time() }
                column.append(contentsOf: more)
                times.append(contentsOf: more)
            } else {
                let one = time()
                column.append(one)
                times.append(one)
            }
        }
        #expect(column.map(\.bitPattern) == times.map(\.bitPattern), "seed \(seed)")
        #expect(column.indices.map { column[$0].bitPattern } == times.map(\.bitPattern), "seed \(seed)")
        let wholeIn32Bits = times.allSatisfy { $0.isNaN || (Int32(exactly: $0).map { $0 != Int32.min } ?? false && !($0 == 0 && $0.sign == .minus)) }
        #expect(column.isWide == !wholeIn32Bits, "seed \(seed)")
        #expect(column.withUnsafeBytes(\.count) == times.count * (column.isWide ? 8 : 4), "seed \(seed)")
    }

    /// Where two lists first differ, with what each holds there; nil when they are equal.
    private static func firstDifference(_ a: [UInt32], _ b: [UInt32]) -> String? {
        guard let index = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) else {
            return a.count == b.count ? nil : "lengths \(a.count) and \(b.count)"
        }
        return "#\(index): \(a[index]) against \(b[index])"
    }
}
