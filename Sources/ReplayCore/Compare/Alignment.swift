/// How two runs' events line up: rows in order, each an event of A with its counterpart in
/// B, a changed event (same kind and name, different payload) facing its counterpart, or an
/// event only one side has.
///
/// Kept as runs of rows of one kind, so two million-event traces that mostly agree take a
/// few runs.
public struct Alignment: Sendable, Equatable {
    /// A run of rows of one kind: rows `a..<a+count` of A and/or `b..<b+count` of B.
    public struct Run: Sendable, Equatable {
        public var kind: RowKind
        /// A's first event in the run, or (for ``RowKind/onlyInB``) how many of A's events
        /// come before it.
        public var a: Int
        /// The same for B.
        public var b: Int
        public var count: Int

        var advancesA: Bool { kind != .onlyInB }
        var advancesB: Bool { kind != .onlyInA }
    }

    /// What a row holds.
    public enum RowKind: Sendable, Equatable {
        /// Corresponding events: kind, name and payload the same.
        case same
        /// The same kind and name, a different payload.
        case changed
        case onlyInA
        case onlyInB
    }

    /// One row: the events on each side (nil for the side that has none) and how many events
    /// of each side are applied once the row is (the positions whose states it shows).
    public struct Row: Sendable, Equatable {
        public var kind: RowKind
        public var a: Int?
        public var b: Int?
        public var positionA: Int
        public var positionB: Int
    }

    public let runs: [Run]
    /// The first row of each run.
    private let firstRows: [Int]
    public let rowCount: Int

    init(runs: [Run]) {
        self.runs = runs
        var rows = 0
        var firstRows: [Int] = []
        for run in runs {
            firstRows.append(rows)
            rows += run.count
        }
        self.firstRows = firstRows
        rowCount = rows
    }

    /// Builds the rows from matched blocks; each stretch between blocks is paired by
    /// `pairs` (the changed events in it) and the rest is only in A, then only in B.
    init(blocks: [MatchedBlock], countA: Int, countB: Int, pairs: (Range<Int>, Range<Int>) -> [(Int, Int)]) {
        var runs: [Run] = []
        func add(_ kind: RowKind, _ a: Int, _ b: Int, _ count: Int) {
            guard count > 0 else { return }
            if let last = runs.last, last.kind == kind,
                last.a + (last.advancesA ? last.count : 0) == a, last.b + (last.advancesB ? last.count : 0) == b
            {
                runs[runs.count - 1].count += count
            } else {
                runs.append(Run(kind: kind, a: a, b: b, count: count))
            }
        }
        var cursor = (0, 0)
        for block in blocks + [MatchedBlock(a: countA, b: countB, count: 0)] {
            for (i, j) in pairs(cursor.0..<block.a, cursor.1..<block.b) {
                add(.onlyInA, cursor.0, cursor.1, i - cursor.0)
                add(.onlyInB, i, cursor.1, j - cursor.1)
                add(.changed, i, j, 1)
                cursor = (i + 1, j + 1)
            }
            add(.onlyInA, cursor.0, cursor.1, block.a - cursor.0)
            add(.onlyInB, block.a, cursor.1, block.b - cursor.1)
            add(.same, block.a, block.b, block.count)
            cursor = (block.a + block.count, block.b + block.count)
        }
        self.init(runs: runs)
    }

    /// The run holding row `row`.
    private func runIndex(ofRow row: Int) -> Int {
        var low = 0
        var high = firstRows.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firstRows[middle] <= row { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Row `row` (0..<``rowCount``).
    public func row(_ row: Int) -> Row {
        let runIndex = runIndex(ofRow: row)
        let run = runs[runIndex]
        let offset = row - firstRows[runIndex]
        let a = run.advancesA ? run.a + offset : nil
        let b = run.advancesB ? run.b + offset : nil
        return Row(kind: run.kind, a: a, b: b, positionA: a.map { $0 + 1 } ?? run.a, positionB: b.map { $0 + 1 } ?? run.b)
    }

    /// The row holding event `index` of A, or of B when `inB`.
    public func row(ofEvent index: Int, inB: Bool) -> Int? {
        for (runIndex, run) in runs.enumerated() where inB ? run.advancesB : run.advancesA {
            let start = inB ? run.b : run.a
            if (start..<start + run.count).contains(index) { return firstRows[runIndex] + index - start }
        }
        return nil
    }

    /// The first row of each run, with the run.
    public var runsWithRows: [(firstRow: Int, run: Run)] {
        Array(zip(firstRows, runs))
    }
}
