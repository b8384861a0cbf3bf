import TestSupport
import Testing
@testable import ReplayCore

/// A replay run away from its replayer (``FarReplay``) passes the states a replay in place
/// would, and once the replayer takes them every answer is still the fold of the events.
@Suite struct FarReplayTests {
    private func load(_ text: String) throws -> Trace {
        try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
    }

    /// A trace of `count` merges and no snapshots, so that replays are as long as they look.
    private func counting(_ count: Int) throws -> Trace {
        let events = (0..<count).map { #"{"kind":"cast","name":"tick","merge":{"n":\#($0),"k\#($0 % 7)":[\#($0)]}}"# }
        return try load(#"{"format":"replay-trace","version":1,"initial_state":{"n":0},"events":["# + events.joined(separator: ",") + "]}")
    }

    /// Every state a far replay reports, on the way or on arrival, is the fold; the fractions
    /// rise; after the replayer takes them, the target is known and steps back from it and
    /// seeks anywhere still equal the fold.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func passedStatesAreTheFoldAndTakingThemKeepsTheLaw(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 2_000)
        let trace = try load(made.text)
        var random = SeededRandom(seed: seed)
        let replayer = Replayer(trace: trace, checkpointInterval: 64)
        for _ in 0..<6 {
            let target = Int.random(in: 1...trace.count, using: &random)
            guard let far = try replayer.farReplay(to: target, longerThan: 0) else {
                #expect(try replayer.farReplay(to: target, longerThan: -1) != nil || target == 0)
                continue
            }
            #expect(far.target == target && far.start < target)
            var fractions: [Double] = []
            var reports: [FarReplay.Passed] = []
            let arrived = try #require(try far.run(in: trace, reportingEvery: 100, while: { true }) { passed, fraction in
                reports.append(passed)
                fractions.append(fraction)
            })
            let inRange = fractions.allSatisfy { (0...1).contains($0) }
            #expect(fractions == fractions.sorted() && inRange)
            #expect(reports.map(\.arrival).allSatisfy { $0.isEmpty })
            let checkpoints = reports.flatMap(\.checkpoints) + arrived.checkpoints
            #expect(checkpoints.map(\.position) == Array(stride(from: (far.start / 64 + 1) * 64, through: target, by: 64)))
            for state in checkpoints + arrived.arrival {
                #expect(state.state == made.states[state.position], "seed \(seed), position \(state.position)")
            }
            #expect(arrived.arrival.last?.position == target)
            for passed in reports + [arrived] { replayer.take(passed) }
            #expect(try replayer.farReplay(to: target, longerThan: 0) == nil)
            for position in (max(target - 100, 0)...target).reversed() {
                #expect(try replayer.state(at: position) == made.states[position], "seed \(seed), back to \(position)")
            }
        }
        for position in (0...trace.count).shuffled(using: &random).prefix(200) {
            #expect(try replayer.state(at: position) == made.states[position])
        }
    }

    /// A far replay told to stop ends without arriving; what it reported before stopping is
    /// still true and safe to take.
    @Test func aStoppedReplayArrivesNowhereAndWhatItReportedHolds() throws {
        // Past the pipeline's threshold: the second core, reading ahead, is stopped too.
        let trace = try counting(EffectPipeline.threshold + 8_000)
        let reference = Replayer(trace: trace, checkpointInterval: Replayer.noCheckpoints)
        let replayer = Replayer(trace: trace, checkpointInterval: 256)
        let far = try #require(try replayer.farReplay(to: trace.count, longerThan: 1_000))
        var asked = 0
        var reports: [FarReplay.Passed] = []
        let arrived = try far.run(in: trace, reportingEvery: 2_048, while: {
            asked += 1
            return asked < 4
        }) { passed, _ in reports.append(passed) }
        #expect(arrived == nil)
        let arrivals = reports.map(\.arrival)
        #expect(!reports.isEmpty && arrivals.allSatisfy { $0.isEmpty })
        for passed in reports {
            for checkpoint in passed.checkpoints { #expect(try checkpoint.state == reference.state(at: checkpoint.position)) }
            replayer.take(passed)
        }
        #expect(replayer.checkpointCount == 1 + reports.map(\.checkpoints.count).reduce(0, +))
        for position in [0, 1_000, 5_000, 10_000, trace.count] {
            #expect(try replayer.state(at: position) == reference.state(at: position))
        }
    }

    /// Only replays longer than the threshold are far, measured from where replay would start:
    /// a state known nearby makes a far position near.
    @Test func farnessIsMeasuredFromTheNearestKnownState() throws {
        let replayer = Replayer(trace: try counting(5_000), checkpointInterval: Replayer.noCheckpoints)
        #expect(try replayer.farReplay(to: 4_000, longerThan: 3_999)?.start == 0)
        #expect(try replayer.farReplay(to: 4_000, longerThan: 4_000) == nil)
        _ = try replayer.state(at: 3_900)
        #expect(try replayer.farReplay(to: 4_000, longerThan: 100) == nil)
        #expect(try replayer.farReplay(to: 4_000, longerThan: 99)?.start == 3_900)
        #expect(throws: TraceError.self) { try replayer.farReplay(to: 5_001, longerThan: 0) }
    }

    /// A trace indexed in the background grows while a far replay runs, and the replayer is
    /// replaced by one for the longer trace, whose checkpoint spacing may have doubled: it
    /// takes the states on its own spacing and the arrival, and still answers as the fold.
    @Test func aGrownReplayerTakesWhatAReplayOfTheShorterTracePassed() throws {
        let whole = try counting(3_000)
        let reference = Replayer(trace: whole, checkpointInterval: Replayer.noCheckpoints)
        let short = try counting(1_000)
        let replayer = Replayer(trace: short, checkpointInterval: 2)
        let far = try #require(try replayer.farReplay(to: 900, longerThan: 100))
        var reports: [FarReplay.Passed] = []
        let arrived = try #require(try far.run(in: short, while: { true }) { passed, _ in reports.append(passed) })
        let grown = replayer.extended(to: whole)
        #expect(grown.checkpointInterval == 8)
        for passed in reports + [arrived] { grown.take(passed) }
        #expect(grown.checkpointCount == 1 + 900 / 8)
        #expect(try grown.farReplay(to: 900, longerThan: 0) == nil)
        for position in [0, 7, 8, 450, 899, 900, 901, 2_000, 3_000] {
            #expect(try grown.state(at: position) == reference.state(at: position), "at \(position)")
        }
    }
}
