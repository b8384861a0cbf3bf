import TestSupport
import Testing
@testable import ReplayCore

/// An index column is a value like an array, though copies share its memory: random appends
/// to random copies, checked against arrays doing the same.
@Suite struct IndexColumnTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func copiesBehaveAsArraysWhoeverAppends(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var columns = [IndexColumn<Int>(reservingCapacity: Int.random(in: 0...40, using: &random))]
        var arrays: [[Int]] = [[]]
        for step in 0..<2_000 {
            let which = Int.random(in: 0..<columns.count, using: &random)
            switch Int.random(in: 0..<10, using: &random) {
            case 0 where columns.count < 8:
                columns.append(columns[which])
                arrays.append(arrays[which])
            case 1:
                let more = (0..<Int.random(in: 0...50, using: &random)).map { _ in step }
                var other = IndexColumn<Int>()
                for value in more { other.append(value) }
                columns[which].append(contentsOf: other)
                arrays[which].append(contentsOf: more)
            case 2:
                let more = (0..<Int.random(in: 0...5, using: &random)).map { -$0 }
                columns[which].append(contentsOf: more)
                arrays[which].append(contentsOf: more)
            default:
                columns[which].append(step)
                arrays[which].append(step)
            }
        }
        for (column, array) in zip(columns, arrays) {
            #expect(Array(column) == array)
            #expect(column.withUnsafeBytes { Array($0.bindMemory(to: Int.self)) } == array)
        }
    }

    @Test func aMappedColumnReadsUnalignedBytesAndCopiesBeforeAppending() {
        let values: [UInt64] = [1, 0xFFFF_FFFF_FFFF, 42]
        let bytes = [UInt8](repeating: 0xAB, count: 3) + values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
        let owner = Owner(bytes)
        var column = owner.bytes.withUnsafeBytes { IndexColumn<UInt64>(mapped: $0.baseAddress! + 3, count: 3, owner: owner) }
        let before = column
        #expect(Array(column) == values)
        column.append(7)
        #expect(Array(column) == values + [7])
        #expect(Array(before) == values)
        #expect(owner.bytes == bytes, "the mapped bytes are never written")
    }

    private final class Owner {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }
}
