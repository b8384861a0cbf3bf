import TestSupport
import Foundation
import Testing
@testable import ReplayCore

/// The comparison of two runs against brute force: the alignment keeps as many
/// corresponding events as a longest common subsequence computed by a full table, and the
/// state divergences are exactly the corresponding pairs whose folded states differ.
@Suite struct TraceComparisonTests {
    /// Longest common subsequence length by the full O(nm) table.
    private func lcsLength<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }

    private struct Identity: Equatable {
        var kind: String
        var name: String
        var payload: JSONValue
    }

    private func identities(_ operations: [ComparePairs.Operation]) -> [Identity] {
        operations.map { Identity(kind: $0.kind, name: $0.name, payload: $0.payload) }
    }

    @Test(arguments: Array(UInt64(1)...60))
    func agreesWithBruteForce(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let left = ComparePairs.operations(Int.random(in: 0...40, using: &random), &random)
        let right = ComparePairs.edited(left, &random, edits: Int.random(in: 0...6, using: &random))
        // Every other seed records both runs with the same times, so that unchanged events
        // are the same bytes (the fast path); the others with times of their own.
        var timesA = SeededRandom(seed: seed % 2 == 0 ? 99 : seed &+ 1000)
        var timesB = SeededRandom(seed: seed % 2 == 0 ? 99 : seed &+ 2000)
        let (textA, statesA) = ComparePairs.trace(left, &timesA)
        let (textB, statesB) = ComparePairs.trace(right, &timesB)
        var traceA = try ComparePairs.load(textA)
        var traceB = try ComparePairs.load(textB)
        if seed % 3 == 0 { traceB = try ComparePairs.inMemory(traceB) }
        if seed % 5 == 0 { traceA = try ComparePairs.inMemory(traceA) }
        let comparison = try #require(try TraceComparison.compare(traceA, traceB))
        let alignment = comparison.alignment

        // Every event once, in order, on each side; corresponding rows hold the same identity.
        var nextA = 0
        var nextB = 0
        var same = 0
        var expected: [Divergence.What?] = []
        var expectedDifferences: [[ValueDifference]] = []
        for index in 0..<alignment.rowCount {
            let row = alignment.row(index)
            if let a = row.a { #expect(a == nextA); nextA += 1 }
            if let b = row.b { #expect(b == nextB); nextB += 1 }
            #expect(row.positionA == nextA && row.positionB == nextB)
            switch row.kind {
            case .same:
                same += 1
                #expect(identities([left[row.a!]]) == identities([right[row.b!]]), "seed \(seed) row \(index)")
                let differences = ValueComparison.differences(statesA[row.positionA], statesB[row.positionB])
                expected.append(differences.isEmpty ? nil : .state)
                expectedDifferences.append(differences)
            case .changed:
                #expect(left[row.a!].name == right[row.b!].name && left[row.a!].kind == right[row.b!].kind)
                #expect(left[row.a!].payload != right[row.b!].payload)
                expected.append(.event)
                expectedDifferences.append(ValueComparison.differences(left[row.a!].payload, right[row.b!].payload))
            case .onlyInA:
                expected.append(.onlyInA)
                expectedDifferences.append([])
            case .onlyInB:
                expected.append(.onlyInB)
                expectedDifferences.append([])
            }
        }
        #expect(nextA == left.count && nextB == right.count)
        #expect(same == lcsLength(identities(left), identities(right)), "seed \(seed)")

        // Every divergent row is in exactly one region, of its kind, with its places.
        var found = [Divergence.What?](repeating: nil, count: alignment.rowCount)
        for divergence in comparison.divergences {
            #expect(divergence.a == alignment.row(divergence.rows.lowerBound).a)
            #expect(divergence.b == alignment.row(divergence.rows.lowerBound).b)
            #expect(divergence.differences == expectedDifferences[divergence.rows.lowerBound], "seed \(seed)")
            for row in divergence.rows {
                #expect(found[row] == nil)
                found[row] = divergence.what
                #expect(expectedDifferences[row].map(\.path) == divergence.differences.map(\.path))
            }
        }
        #expect(found == expected, "seed \(seed)")
        #expect(comparison.isSame == (left == right))
    }

    @Test(arguments: Array(UInt64(1)...10))
    func identicalRunsAreTheSame(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let operations = ComparePairs.operations(Int.random(in: 0...60, using: &random), &random)
        let traceA = try ComparePairs.load(ComparePairs.trace(operations, &random).text)
        let traceB = try ComparePairs.load(ComparePairs.trace(operations, &random).text)
        for (a, b) in [(traceA, traceB), (traceA, try ComparePairs.inMemory(traceB)), (traceA, traceA)] {
            let comparison = try #require(try TraceComparison.compare(a, b))
            #expect(comparison.isSame)
            #expect(comparison.alignment.runs.allSatisfy { $0.kind == .same })
            #expect(comparison.alignment.rowCount == operations.count)
        }
    }

    @Test func aChangedStateValueIsFoundWhereItHappensAndEndsWhereItIsRepaired() throws {
        var random = SeededRandom(seed: 7)
        let ops = [("deposit", 0, 5), ("deposit", 1, 5), ("withdraw", 0, 1), ("deposit", 2, 1), ("deposit", 0, 1)]
        let left = ops.map { ComparePairs.Operation(kind: "call", name: $0.0, account: $0.1, amount: $0.2) }
        var right = left
        right[2].bug = 100
        let a = try ComparePairs.load(ComparePairs.trace(left, &random).text)
        let b = try ComparePairs.load(ComparePairs.trace(right, &random).text)
        let comparison = try #require(try TraceComparison.compare(a, b))
        #expect(comparison.divergences.count == 1)
        let divergence = try #require(comparison.divergences.first)
        #expect(divergence.what == .state && divergence.a == 2 && divergence.b == 2)
        #expect(divergence.paths == ["/accounts/0/balance"])
        #expect(divergence.differences.first?.a == 4 && divergence.differences.first?.b == 104)
        // The next deposit to account 0 rewrites the balance from its own (wrong) value:
        // the difference stays and so does the region, to the end.
        #expect(divergence.rows == 2..<5)
    }

    @Test func ignoredStatePathsAndPayloadFieldsDoNotDiverge() throws {
        var random = SeededRandom(seed: 8)
        let left = [ComparePairs.Operation(kind: "call", name: "tick", account: 0, amount: 1),
                    ComparePairs.Operation(kind: "call", name: "deposit", account: 1, amount: 1)]
        var right = left
        right[0].bug = 3
        right[1].account = 1
        right[1].amount = 9
        let a = try ComparePairs.load(ComparePairs.trace(left, &random).text)
        let b = try ComparePairs.load(ComparePairs.trace(right, &random).text)
        let plain = try #require(try TraceComparison.compare(a, b))
        #expect(plain.divergences.map(\.what) == [.state, .event])
        let ignoring = try CompareIgnores(parsing: ["/ticks", "@payload/amount", "/accounts/1"])
        let ignored = try #require(try TraceComparison.compare(a, b, ignoring: ignoring))
        #expect(ignored.isSame)
        #expect(throws: JSONPointerError.self) { try CompareIgnores(parsing: ["@name"]) }
        #expect(throws: JSONPointerError.self) { try CompareIgnores(parsing: ["ticks"]) }
    }

    /// Long runs with nothing in common in order still align in bounded time, through
    /// anchors, and every event is placed once.
    @Test func longVeryDifferentRunsAlignThroughAnchors() {
        var random = SeededRandom(seed: 9)
        let left = (0..<20_000).map { _ in Int.random(in: 0..<1_000_000, using: &random) }
        var right = left.shuffled(using: &random)
        right.replaceSubrange(5_000..<5_010, with: left[100..<110])
        var blocks: [MatchedBlock] = []
        let start = Date()
        SequenceAligner.align(left[...], right[...], depth: 0, into: &blocks)
        #expect(Date().timeIntervalSince(start) < 10)
        var lastA = -1
        var lastB = -1
        for block in blocks {
            #expect(block.a > lastA && block.b > lastB)
            for offset in 0..<block.count { #expect(left[block.a + offset] == right[block.b + offset]) }
            lastA = block.a + block.count - 1
            lastB = block.b + block.count - 1
        }
        #expect(blocks.reduce(0) { $0 + $1.count } >= 10)
    }

    @Test func myersFindsAShortestScript() {
        for seed in UInt64(1)...200 {
            var random = SeededRandom(seed: seed)
            let a = (0..<Int.random(in: 0...30, using: &random)).map { _ in Int.random(in: 0...3, using: &random) }
            let b = (0..<Int.random(in: 0...30, using: &random)).map { _ in Int.random(in: 0...3, using: &random) }
            let pairs = MyersDiff.matches(a, b, maxEdits: 100, maxWork: 100_000)
            #expect(pairs?.count == lcsLength(a, b), "seed \(seed)")
            #expect(pairs?.allSatisfy { a[$0.0] == b[$0.1] } == true)
        }
    }

    /// A Replayx recording and its native conversion are the same run: formats differ,
    /// events and states do not.
    @Test(arguments: ["a_bank_crash.json", "example_record_and_replay.json", "e_binary_jobqueue.etf", "e_binary_jobqueue.json"])
    func aReplayxRecordingAndItsConversionCompareEqual(file: String) throws {
        let recording = try TraceLoader.load(path: fixturesDirectory + "replayx/" + file)
        for ndjson in [false, true] {
            var text = ""
            try NativeFormat.write(recording, ndjson: ndjson) { text += $0 }
            let converted = try ComparePairs.load(text)
            #expect(converted.format == .native)
            let comparison = try #require(try TraceComparison.compare(recording, converted))
            #expect(comparison.isSame, "\(file): \(comparison.divergences.first.map { "\($0)" } ?? "")")
            #expect(comparison.alignment.rowCount == recording.count)
        }
    }

    @Test func eventBitsFindTheFirstMissingIndex() {
        var random = SeededRandom(seed: 11)
        for count in [0, 1, 63, 64, 65, 200] {
            var bits = EventBits(count: count)
            var set = Set<Int>()
            for _ in 0..<count { let index = Int.random(in: 0..<max(count, 1), using: &random); if count > 0 { bits.insert(index); set.insert(index) } }
            for start in 0...count {
                #expect(bits.firstMissing(from: start) == ((start..<count).first { !set.contains($0) } ?? count), "count \(count) start \(start)")
                #expect(bits.contains(start) == set.contains(start))
            }
        }
    }

    @Test func valuesDifferWhereTheyStopBeingTheSame() throws {
        let a = try JSONValue(parsing: #"{"list": [1, 2, null], "n": 1, "o": {"x": 1, "y": [1]}, "t": 1}"#)
        let b = try JSONValue(parsing: #"{"o": {"y": {"0": 1}, "x": 1}, "list": [1, 3], "n": 1.0, "u": null}"#)
        let differences = ValueComparison.differences(a, b)
        #expect(differences == [
            ValueDifference(path: JSONPointer(tokens: ["list", "1"]), a: 2, b: 3),
            ValueDifference(path: JSONPointer(tokens: ["list", "2"]), a: .null, b: nil),
            ValueDifference(path: JSONPointer(tokens: ["n"]), a: 1, b: .number(JSONNumber(literal: "1.0")!)),
            ValueDifference(path: JSONPointer(tokens: ["o", "y"]), a: [1], b: ["0": 1]),
            ValueDifference(path: JSONPointer(tokens: ["t"]), a: 1, b: nil),
            ValueDifference(path: JSONPointer(tokens: ["u"]), a: nil, b: .null),
        ])
        #expect(ValueComparison.differences(a, b, ignoring: [["list"], ["n"], ["o", "y"], ["t"], ["u"]]).isEmpty)
        #expect(ValueComparison(a, a).differences.isEmpty)
    }

    /// Anchors are the values found once on each side, as many of them in the same order on
    /// both as a quadratic longest-increasing-subsequence finds.
    @Test func anchorsAreTheLongestRunOfUniqueEventsInOrder() {
        for seed in UInt64(1)...100 {
            var random = SeededRandom(seed: seed)
            let a = (0..<Int.random(in: 0...40, using: &random)).map { _ in Int.random(in: 0...30, using: &random) }
            let b = (0..<Int.random(in: 0...40, using: &random)).map { _ in Int.random(in: 0...30, using: &random) }
            let anchors = SequenceAligner.anchors(a[...], b[...])
            let unique = a.indices.compactMap { i -> (Int, Int)? in
                guard a.filter({ $0 == a[i] }).count == 1, b.filter({ $0 == a[i] }).count == 1 else { return nil }
                return (i, b.firstIndex(of: a[i])!)
            }
            var best = [Int](repeating: 1, count: unique.count)
            for k in unique.indices {
                for l in 0..<k where unique[l].1 < unique[k].1 { best[k] = max(best[k], best[l] + 1) }
            }
            #expect(anchors.count == (best.max() ?? 0), "seed \(seed)")
            #expect(anchors.allSatisfy { anchor in a[anchor.0] == b[anchor.1] && unique.contains { $0 == anchor } })
            #expect(zip(anchors, anchors.dropFirst()).allSatisfy { $0.0 < $1.0 && $0.1 < $1.1 })
        }
    }
}
