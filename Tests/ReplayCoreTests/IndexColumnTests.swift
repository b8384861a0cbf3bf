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
            case 3:
                // Faulting pages in ahead, past the capacity too, changes nothing anyone reads.
                columns[which].faultIn(ahead: random.pick([1, 9_000, 1 << 20]))
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

    /// Pages faulted in ahead (a call of its own above 64 KB) hold nothing a reader sees:
    /// the column, a copy of it, and what is appended after read as before.
    @Test func faultingInAheadChangesNothing() {
        var column = IndexColumn<Int>(reservingCapacity: 100_000)
        for value in 0..<1_000 { column.append(value) }
        let copy = column
        column.faultIn(ahead: 50_000)
        column.faultIn(ahead: 1 << 30)
        for value in 1_000..<60_000 { column.append(value) }
        #expect(Array(column) == Array(0..<60_000))
        #expect(Array(copy) == Array(0..<1_000))
    }

    @Test func aMappedColumnReadsUnalignedBytesAndCopiesBeforeAppending() {
        let values: [UInt64] = [1, 0xFFFF_FFFF_FFFF, 42]
        let bytes = [UInt8](repeating: 0xAB, count: 3) + values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
        let owner = Owner(bytes)
        var column = owner.bytes.withUnsafeBytes { IndexColumn<UInt64>(mapped: $0.baseAddress! + 3, count: 3, owner: owner) }
        let before = column
        column.faultIn(ahead: 1 << 20)
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

/// Event starts kept in 32 bits and the events where they pass another 4 GiB read back as
/// they were appended, however they are joined, and a cache file's wraps are checked.
@Suite struct StartColumnTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func startsPastFourGiBReadBackAsAppended(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var starts: [Int] = []
        var next = Int.random(in: 0..<1_000, using: &random)
        for _ in 0..<3_000 {
            starts.append(next)
            next += random.chance(0.01) ? Int.random(in: 1...(3 << 32), using: &random) : Int.random(in: 1...5_000_000, using: &random)
        }
        let cut = Int.random(in: 0...starts.count, using: &random)
        var whole = StartColumn(), first = StartColumn(), second = StartColumn()
        for start in starts { whole.append(start) }
        for start in starts[..<cut] { first.append(start) }
        for start in starts[cut...] { second.append(start) }
        first.append(contentsOf: second)
        #expect(Array(whole) == starts)
        #expect(Array(first) == starts)
        #expect(StartColumn(low: whole.low, wraps: whole.wraps).map(Array.init) == starts)
    }

    @Test func aStartUnderFourGiBNeedsNoWraps() {
        var column = StartColumn()
        for start in [0, 17, 1 << 31, (1 << 32) - 1] { column.append(start) }
        #expect(column.wraps.isEmpty)
        column.append(1 << 32)
        #expect(column.wraps == [4])
        #expect(Array(column) == [0, 17, 1 << 31, (1 << 32) - 1, 1 << 32])
    }

    @Test func wrapsACacheFileCannotHoldAreRefused() {
        var low = IndexColumn<UInt32>()
        for value in [UInt32(1), 2, 3] { low.append(value) }
        #expect(StartColumn(low: low, wraps: [2, 1]) == nil)
        #expect(StartColumn(low: low, wraps: [3]) == nil)
        #expect(StartColumn(low: low, wraps: [-1]) == nil)
        #expect(StartColumn(low: low, wraps: [1, 1]).map(Array.init) == [1, 2 + (2 << 32), 3 + (2 << 32)])
    }
}
