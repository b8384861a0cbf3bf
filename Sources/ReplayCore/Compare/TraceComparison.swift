/// Two runs compared: how their events line up, and every region where they diverge.
///
/// Two events correspond when kind, name and payload are the same (`t`, `seq` and other
/// fields are not compared; ignored payload fields are left out). The alignment is a minimal
/// edit script over event identities (``SequenceAligner``); an event of one side facing an
/// event of the other with the same kind and name is a changed event. After each pair of
/// corresponding events the states are compared (``StateWalk``), outside ignored paths.
/// Consecutive rows that differ in the same way (the same kind of row, the same places)
/// make one ``Divergence``. docs/compare.md has the rules.
public struct TraceComparison: Sendable, Equatable {
    public let alignment: Alignment
    /// Every divergent region, first first.
    public let divergences: [Divergence]

    /// True when the runs are the same: no divergence at all.
    public var isSame: Bool { divergences.isEmpty }

    /// Compares run A with run B. `shouldContinue` is asked now and then (every few thousand
    /// events) with the fraction done, 0...1; when it says false, the comparison stops and
    /// the answer is nil.
    public static func compare(
        _ a: Trace, _ b: Trace, ignoring ignores: CompareIgnores = .none, shouldContinue: (Double) -> Bool = { _ in true }
    ) throws(CompareError) -> TraceComparison? {
        let left = ComparedTrace(a, side: .a, ignoring: ignores)
        let right = ComparedTrace(b, side: .b, ignoring: ignores)
        guard let aligned = try SequenceAligner(a: left, b: right).align(shouldContinue: { shouldContinue(0.3 * $0) }) else { return nil }
        let alignment = Alignment(blocks: aligned.blocks, countA: a.count, countB: b.count) { rangeA, rangeB in
            changedPairs(left, rangeA, right, rangeB)
        }
        var regions = Regions()
        var walk = StateWalk(left, right)
        var rowsDone = 0
        var lastReport = 0
        for (firstRow, run) in alignment.runsWithRows {
            var offset = 0
            while offset < run.count {
                let index = firstRow + offset
                // Rows whose changes are identical on both sides need no look while the
                // states are identical.
                if run.kind == .same, walk.isIdentical, aligned.identicalChanges.contains(run.a + offset) {
                    let end = aligned.identicalChanges.firstMissing(from: run.a + offset)
                    let rows = min(end - (run.a + offset), run.count - offset)
                    regions.close()
                    offset += rows
                    rowsDone += rows
                    continue
                }
                let row = alignment.row(index)
                switch run.kind {
                case .same:
                    let differences = try walk.step(row)
                    if differences.isEmpty { regions.close() } else { regions.add(.state, at: index, row, differences) }
                case .changed:
                    _ = try walk.step(row)
                    let differences = ValueComparison(try left.identityPayload(row.a!), try right.identityPayload(row.b!)).differences
                    regions.add(.event, at: index, row, differences)
                case .onlyInA:
                    _ = try walk.step(row)
                    regions.add(.onlyInA, at: index, row, [])
                case .onlyInB:
                    _ = try walk.step(row)
                    regions.add(.onlyInB, at: index, row, [])
                }
                offset += 1
                rowsDone += 1
                if rowsDone - lastReport >= 4096 {
                    lastReport = rowsDone
                    if !shouldContinue(0.3 + 0.7 * Double(rowsDone) / Double(alignment.rowCount)) { return nil }
                }
            }
        }
        return TraceComparison(alignment: alignment, divergences: regions.finished)
    }

    /// The events of a stretch between matched blocks that face an event of the same kind
    /// and name on the other side (a minimal edit script over kinds and names, bounded like
    /// the alignment; none when that bound is exceeded).
    private static func changedPairs(_ a: ComparedTrace, _ rangeA: Range<Int>, _ b: ComparedTrace, _ rangeB: Range<Int>) -> [(Int, Int)] {
        guard !rangeA.isEmpty, !rangeB.isEmpty else { return [] }
        struct KindAndName: Hashable {
            var kind: String
            var name: String?
        }
        let left = rangeA.map { KindAndName(kind: a.summary($0).kind, name: a.summary($0).name) }
        let right = rangeB.map { KindAndName(kind: b.summary($0).kind, name: b.summary($0).name) }
        let pairs = SequenceAligner.myers(left[...], right[...]) ?? []
        return pairs.map { ($0.0 + rangeA.lowerBound, $0.1 + rangeB.lowerBound) }
    }
}

/// Gathers rows into divergent regions.
private struct Regions {
    var done: [Divergence] = []
    private var open: Divergence?

    /// Adds a divergent row: to the open region when it continues it, else as a new one.
    mutating func add(_ what: Divergence.What, at row: Int, _ aligned: Alignment.Row, _ differences: [ValueDifference]) {
        if var current = open, current.what == what, current.rows.upperBound == row,
            current.differences.count == differences.count,
            zip(current.differences, differences).allSatisfy({ $0.path == $1.path })
        {
            current.rows = current.rows.lowerBound..<row + 1
            open = current
            return
        }
        close()
        open = Divergence(what: what, rows: row..<row + 1, a: aligned.a, b: aligned.b, differences: differences)
    }

    /// Ends the open region: a row that does not diverge.
    mutating func close() {
        if let current = open { done.append(current) }
        open = nil
    }

    /// The regions, the last one closed.
    var finished: [Divergence] {
        mutating get {
            close()
            return done
        }
    }
}
