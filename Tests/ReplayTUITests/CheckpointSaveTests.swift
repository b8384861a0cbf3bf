import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// The debugger saves a cached trace's checkpoints once replay has filled them all, whether
/// idle work or a jump to the end filled them, and only once.
@Suite struct CheckpointSaveTests {
    /// 600 events, each merging a counter: checkpoints at 256 and 512.
    static let trace = Fixture.trace(
        #"{"format": "replay-trace", "initial_state": {"n": 0}, "events": ["#
            + (1...600).map { #"{"kind": "tick", "merge": {"n": \#($0)}}"# }.joined(separator: ",") + "]}")

    static let entry = IndexCache.Entry(
        cache: IndexCache(directory: "/nonexistent/replay-tui"), base: "/nonexistent/replay-tui/0",
        fingerprint: TraceFingerprint(size: 1, modifiedSeconds: 0, modifiedNanoseconds: 0, device: 0, inode: 0, headHash: 0, tailHash: 0))

    static let expected = Effect.saveCheckpoints(
        entry, [Checkpoint(position: 256, state: ["n": 256]), Checkpoint(position: 512, state: ["n": 512])], eventCount: 600)

    static func cached() -> Model {
        var model = Fixture.model(trace, width: 100, height: 30)
        model.adopt(SavedCheckpoints(entry: entry, states: nil))
        return model
    }

    @Test func idleWorkThatFillsTheLastCheckpointSavesThemOnce() {
        var model = Self.cached()
        var saves: [Effect] = []
        for _ in 0..<10 {
            let effects: [Effect]
            (model, effects) = update(model, .idle)
            saves += effects
        }
        #expect(saves == [Self.expected])
    }

    @Test func aJumpToTheEndSavesThemAtOnce() {
        let (model, effects) = update(Self.cached(), .key(.end))
        #expect(effects == [Self.expected])
        #expect(update(model, .idle).1.isEmpty)
    }

    @Test func anUncachedTraceSavesNothing() {
        #expect(update(Fixture.model(Self.trace), .key(.end)).1.isEmpty)
    }
}
