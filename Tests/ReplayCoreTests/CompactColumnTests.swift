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
        var columns = [CompactColumn(reservingCapacity: Int.random(in: 0...40, using: &random))]
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
            for probe in array.suffix(3) { #expect(column.firstIndex(of: probe) == array.firstIndex(of: probe)) }
        }
    }

    /// Where two lists first differ, with what each holds there; nil when they are equal.
    private static func firstDifference(_ a: [UInt32], _ b: [UInt32]) -> String? {
        guard let index = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) else {
            return a.count == b.count ? nil : "lengths \(a.count) and \(b.count)"
        }
        return "#\(index): \(a[index]) against \(b[index])"
    }
}
