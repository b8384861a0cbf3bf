#if canImport(Glibc)
import Glibc
#endif
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

    /// Appending a large column by moving its pages reads as appending its elements, wherever
    /// in a page the destination ends; a copy still sharing the moved column's memory makes
    /// the append copy instead, and the copy keeps reading what it held.
    @Test(arguments: [UInt64(1), 2, 3])
    func appendingByMovingPagesReadsAsAppendingTheElements(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<10 {
            checkMoving(UInt8.self, frontCount: Int.random(in: 0...70_000, using: &random), backCount: Int.random(in: 0...90_000, using: &random), random: &random)
            checkMoving(UInt32.self, frontCount: Int.random(in: 0...20_000, using: &random), backCount: Int.random(in: 0...30_000, using: &random), random: &random)
        }
    }

    private func checkMoving<Element: FixedWidthInteger & BitwiseCopyable>(_: Element.Type, frontCount: Int, backCount: Int, random: inout SeededRandom) {
        let front = (0..<frontCount).map { Element(truncatingIfNeeded: $0 &* 7) }
        let back = (0..<backCount).map { Element(truncatingIfNeeded: $0 &* 13 &+ 1) }
        var column = IndexColumn<Element>(reservingCapacity: frontCount + backCount + Int.random(in: 0...5_000, using: &random))
        column.append(contentsOf: front)
        var other = IndexColumn<Element>(reservingCapacity: backCount + Int.random(in: 0...9_000, using: &random))
        other.append(contentsOf: back)
        let shared = random.chance(0.3) ? other : nil
        column.append(moving: consume other)
        // Compared whole, reported briefly: a failure would print tens of thousands of elements.
        let appended = Array(column) == front + back
        #expect(appended, "\(Element.self): \(frontCount) elements, then \(backCount) moved")
        if let shared {
            let kept = Array(shared) == back
            #expect(kept, "the copy sharing the moved column's memory")
        }
        column.append(42)
        #expect(column.last == 42 && column.count == frontCount + backCount + 1)
    }

    #if canImport(Glibc)
    /// The pages themselves: for destinations at every kind of place in a page, the move is
    /// made (not refused) and the bytes land in order, the destination's bytes before them
    /// untouched.
    @Test func pagesMovedHoldTheBytesInOrder() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        for shift in [0, 1, 7, 2_048, page - 1] {
            let length = 5 * page + 321
            let source = try #require(mmap(nil, 7 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
            let destination = try #require(mmap(nil, 9 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
            defer {
                munmap(source, 7 * page)
                munmap(destination, 9 * page)
            }
            for offset in 0..<length { source.storeBytes(of: UInt8(truncatingIfNeeded: offset % 251), toByteOffset: offset, as: UInt8.self) }
            for offset in 0..<page + shift { destination.storeBytes(of: 0xEE, toByteOffset: offset, as: UInt8.self) }
            #expect(PageMove.append(source, sourceRoom: 7 * page, length: length, at: destination + page + shift))
            #expect((0..<page + shift).allSatisfy { destination.load(fromByteOffset: $0, as: UInt8.self) == 0xEE })
            #expect((0..<length).allSatisfy { destination.load(fromByteOffset: page + shift + $0, as: UInt8.self) == UInt8(truncatingIfNeeded: $0 % 251) })
        }
    }
    #endif

    /// Ids rewritten in place write only memory of the column's own: a column over a mapped
    /// file, or sharing memory with a copy, is copied first.
    @Test func updatingInPlaceLeavesSharedAndMappedMemoryAlone() {
        let bytes: [UInt8] = [1, 0, 2, 0, 3, 0]
        let owner = Owner(bytes)
        var mapped = owner.bytes.withUnsafeBytes { IndexColumn<UInt16>(mapped: $0.baseAddress!, count: 3, owner: owner) }
        mapped.update { $0 * 10 }
        #expect(Array(mapped) == [10, 20, 30])
        #expect(owner.bytes == bytes)
        var column = IndexColumn<UInt16>()
        for value in [UInt16(1), 2, 3] { column.append(value) }
        let copy = column
        column.update { $0 + 1 }
        #expect(Array(column) == [2, 3, 4])
        #expect(Array(copy) == [1, 2, 3])
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
        first.append(moving: second)
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
