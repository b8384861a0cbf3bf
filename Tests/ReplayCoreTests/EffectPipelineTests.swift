import TestSupport
import Testing
@testable import ReplayCore

/// Changes read ahead on a second core give the same replay as reading each in turn: the
/// same states, the same error at the same event, and an early stop leaves nothing running.
@Suite(.timeLimit(.minutes(2))) struct EffectPipelineTests {
    private func load(_ text: String) throws -> Trace {
        try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func aPipelinedReplayEqualsTheFold(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 7_000, targetedMerges: true)
        let trace = try load(seed % 2 == 0 ? made.text : made.ndjson)
        var random = SeededRandom(seed: seed)
        for interval in [256, 4_096, Replayer.noCheckpoints] {
            let replayer = Replayer(trace: trace, checkpointInterval: interval)
            replayer.pipelineThreshold = 1
            let positions = [trace.count] + (0..<20).map { _ in Int.random(in: 0...trace.count, using: &random) }
            for position in positions {
                #expect(try replayer.state(at: position) == made.states[position], "K=\(interval), position \(position)")
            }
        }
    }

    /// 6,000 events whose every change reads and applies, but for event #`bad`'s, which is
    /// `change`.
    private func trace(with change: String, at bad: Int) throws -> Trace {
        let events = (0..<6_000).map { index in
            index == bad ? #"{"kind": "call", "patch": [\#(change)]}"#
                : #"{"kind": "call", "patch": [{"op": "replace", "path": "/n", "value": \#(index)}]}"#
        }
        return try load(#"{"format": "replay-trace", "initial_state": {"n": 0}, "events": ["# + events.joined(separator: ",") + "]}")
    }

    @Test func aChangeThatDoesNotReadFailsAtItsEventAfterTheOnesBefore() throws {
        let trace = try trace(with: #"{"op": "jump", "path": "/n"}"#, at: 5_000)
        var seen: [Int] = []
        let expected = try #require(#expect(throws: TraceError.self) { try trace.events.effect(5_000) })
        var state = trace.initialState
        let thrown = #expect(throws: TraceError.self) {
            try EffectPipeline.apply(trace.events, in: 0..<trace.count, to: &state, threshold: 0) { index, _ in seen.append(index) }
        }
        #expect(thrown == expected)
        #expect(seen == Array(0..<5_000))
        #expect(state == ["n": 4_999])
        let replayer = Replayer(trace: trace)
        replayer.pipelineThreshold = 1
        #expect(throws: expected) { try replayer.state(at: trace.count) }
        #expect(try replayer.state(at: 5_000) == ["n": 4_999])
    }

    @Test func aChangeThatDoesNotApplyStopsTheReading() throws {
        let trace = try trace(with: #"{"op": "remove", "path": "/missing"}"#, at: 10)
        for _ in 0..<50 {
            var seen = 0
            var state = trace.initialState
            #expect(throws: TraceError(.event(10), "patch op #0 (remove /missing): path does not exist")) {
                try EffectPipeline.apply(trace.events, in: 0..<trace.count, to: &state, threshold: 0) { _, _ in seen += 1 }
            }
            #expect(seen == 10)
            #expect(state == ["n": 9])
        }
    }
}
