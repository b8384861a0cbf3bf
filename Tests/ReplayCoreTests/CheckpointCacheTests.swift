import Foundation
import TestSupport
import Testing
@testable import ReplayCore

/// Checkpoints kept in the index cache: a replayer restored from them answers every position
/// as replay from the start does, and checkpoints saved for another file, another count of
/// events, or damaged, are never taken.
@Suite struct CheckpointCacheTests {
    typealias Folder = IndexCacheTests.Folder

    /// Loads `path` through `cache`, saving the index when it was built.
    private func load(_ path: String, _ cache: IndexCache) throws -> CachedTrace {
        let loaded = try TraceLoader.load(path: path, cache: cache)
        loaded.saveIndex()
        return loaded
    }

    /// Fills every checkpoint of `path`'s replayer through the cache, as the debugger does
    /// while it waits for keys (a replay to the end starts at the last snapshot event and
    /// fills none before it), and saves them.
    private func replayToEnd(_ path: String, _ cache: IndexCache) throws -> CachedReplay {
        let replay = try load(path, cache).replay()
        try fill(replay.replayer)
        replay.save()
        return replay
    }

    /// Every state `entry` holds for a trace of `count` events, read.
    private func saved(_ entry: IndexCache.Entry, _ count: Int) -> [Checkpoint] {
        entry.savedStates(eventCount: count)?.checkpoints ?? []
    }

    private func fill(_ replayer: Replayer, replayingAbout budget: Int = 4_096) throws {
        while !replayer.isFullyCheckpointed { try replayer.fillCheckpoints(replayingAbout: budget) }
    }

    @Test(arguments: Array(UInt64(1)...6))
    func aReplayerRestoredFromTheCacheAnswersAsReplayFromTheStart(seed: UInt64) throws {
        let folder = try Folder()
        let path = try folder.write(IndexCacheTests.bigTrace(seed: seed, ndjson: seed % 2 == 0), to: "trace.json")
        let first = try replayToEnd(path, folder.cache)
        let saved = first.replayer.filledCheckpoints
        try #require(!saved.isEmpty, "the trace has checkpoints to save")

        let reopened = try load(path, folder.cache)
        #expect(reopened.reused)
        let restored = reopened.replay()
        #expect(restored.replayer.filledCheckpoints == saved)
        #expect(restored.replayer.isFullyCheckpointed)
        let trace = reopened.trace
        let plain = Replayer(trace: trace, checkpointInterval: Replayer.noCheckpoints)
        var random = SeededRandom(seed: seed)
        let positions = [trace.count, trace.count - 1, 0, 1] + (0..<12).map { _ in Int.random(in: 0...trace.count, using: &random) }
        for position in positions {
            #expect(try restored.replayer.state(at: position) == plain.state(at: position), "at \(position)")
        }
    }

    @Test func aReplayThatStopsEarlySavesWhatItFilledAndALaterOneSavesTheRest() throws {
        let folder = try Folder()
        let path = try folder.write(IndexCacheTests.bigTrace(seed: 2, ndjson: true), to: "trace.json")
        let partial = try load(path, folder.cache).replay()
        let count = partial.replayer.trace.count
        try partial.replayer.fillCheckpoints(replayingAbout: count / 2)
        partial.save()
        let entry = try #require(partial.entry)
        let half = saved(entry, count)
        #expect(half == partial.replayer.filledCheckpoints)
        #expect(!half.isEmpty && !partial.replayer.isFullyCheckpointed)

        let whole = try replayToEnd(path, folder.cache)
        #expect(whole.restoredThrough == half.last?.position)
        #expect(saved(entry, count) == whole.replayer.filledCheckpoints)
    }

    @Test func checkpointsOfAnotherFileOrCountOrDamagedAreNotTaken() throws {
        let folder = try Folder()
        let path = try folder.write(IndexCacheTests.bigTrace(seed: 3, ndjson: true), to: "trace.json")
        let replay = try replayToEnd(path, folder.cache)
        let entry = try #require(replay.entry)
        let count = replay.replayer.trace.count
        #expect(!saved(entry, count).isEmpty)
        #expect(saved(entry, count + 1).isEmpty, "another number of events")

        let file = try Data(contentsOf: URL(fileURLWithPath: entry.checkpointsPath))
        for (what, bytes) in IndexCacheTests.damages(of: file, seed: 9, flips: 30) {
            try bytes.write(to: URL(fileURLWithPath: entry.checkpointsPath))
            #expect(saved(entry, count).isEmpty, "\(what)")
        }

        // Checksums that hold over contents that do not: positions out of order, outside the
        // trace, or text that is not JSON.
        let state = JSONValue.object(["n": .bool(true)])
        let crafted: [(String, [Checkpoint])] = [
            ("out of order", [Checkpoint(position: 512, state: state), Checkpoint(position: 256, state: state)]),
            ("past the end", [Checkpoint(position: count + 256, state: state)]),
            ("at the start", [Checkpoint(position: 0, state: state)]),
        ]
        for (what, checkpoints) in crafted {
            let sections = try #require(CachedCheckpoints.sections(of: checkpoints, eventCount: count, fingerprint: entry.fingerprint))
            try CacheFile.write(sections, kind: .checkpoints, to: entry.checkpointsPath)
            #expect(saved(entry, count).isEmpty, "\(what)")
        }
        var head = CacheByteWriter()
        CachedIndex.write(entry.fingerprint, to: &head)
        head.int(count)
        try CacheFile.write([head.bytes, [256], [3], Array("{x}".utf8)] as [CacheFile.Section], kind: .checkpoints, to: entry.checkpointsPath)
        let unreadable = try #require(entry.savedStates(eventCount: count), "its sections hold together")
        #expect(unreadable.checkpoints.isEmpty, "not JSON")
        let restored = Replayer(trace: replay.replayer.trace, checkpointInterval: 256)
        restored.restore(unreadable)
        let plain = Replayer(trace: replay.replayer.trace, checkpointInterval: Replayer.noCheckpoints)
        #expect(try restored.state(at: 300) == plain.state(at: 300), "replayed from the start instead")

        // The trace changed: its checkpoints are another file's.
        setModified(path, secondsAgo: 30)
        _ = try replayToEnd(path, folder.cache)
        let changed = try #require(try load(path, folder.cache).entry)
        #expect(saved(changed, count) == replay.replayer.filledCheckpoints, "saved again for the file as it is now")
        #expect(saved(entry, count).isEmpty, "not for the file as it was")
    }

    @Test func pastTheBudgetEverySecondCheckpointIsKeptCountingBackFromTheLast() throws {
        let folder = try Folder()
        let path = try folder.write(IndexCacheTests.bigTrace(seed: 1, ndjson: true), to: "trace.json")
        let entry = try #require(try load(path, folder.cache).entry)
        let state = JSONValue.string(String(repeating: "x", count: 98))  // 100 bytes of text
        let checkpoints = (1...10).map { Checkpoint(position: $0 * 256, state: state) }
        for (budget, kept) in [(1_000, Array(1...10)), (999, [2, 4, 6, 8, 10]), (450, [2, 6, 10]), (100, [10]), (10, [10])] {
            let sections = try #require(CachedCheckpoints.sections(of: checkpoints, eventCount: 2_560, fingerprint: entry.fingerprint, budget: budget))
            try CacheFile.write(sections, kind: .checkpoints, to: entry.checkpointsPath)
            #expect(saved(entry, 2_560).map(\.position) == kept.map { $0 * 256 }, "budget \(budget)")
        }
        #expect(CachedCheckpoints.budget(traceSize: 1 << 30) == 128 << 20)
        #expect(CachedCheckpoints.budget(traceSize: 1 << 20) == 16 << 20)
        #expect(CachedCheckpoints.budget(traceSize: 8 << 30) == 256 << 20)
    }

    @Test func aReplayerTakesOnlyCheckpointsOnItsSpacing() throws {
        let folder = try Folder()
        let path = try folder.write(IndexCacheTests.bigTrace(seed: 4, ndjson: false), to: "trace.json")
        let loaded = try load(path, folder.cache)
        let entry = try #require(loaded.entry)
        let reference = Replayer(trace: loaded.trace, checkpointInterval: 64)
        try fill(reference)
        var offered = reference.filledCheckpoints
        try #require(offered.count >= 4)
        offered.insert(Checkpoint(position: 100, state: .null), at: 1)
        entry.saveCheckpoints(offered, eventCount: loaded.trace.count)
        let states = try #require(entry.savedStates(eventCount: loaded.trace.count))
        let replayer = Replayer(trace: loaded.trace, checkpointInterval: 64)
        replayer.restore(states)
        #expect(replayer.filledCheckpoints == reference.filledCheckpoints)
        let wider = Replayer(trace: loaded.trace, checkpointInterval: 128)
        wider.restore(states)
        #expect(wider.filledCheckpoints == reference.filledCheckpoints.filter { $0.position % 128 == 0 })
    }

    @Test func theDebuggersBackgroundIndexHandsOutTheSavedCheckpoints() throws {
        let folder = try Folder()
        let path = try folder.write(IndexCacheTests.bigTrace(seed: 5, ndjson: true), to: "trace.ndjson")
        let replay = try replayToEnd(path, folder.cache)
        guard case .finished(_, let saved) = BackgroundIndex(path: path, cache: folder.cache).first() else {
            Issue.record("the trace did not load")
            return
        }
        #expect(saved?.entry == replay.entry)
        #expect(saved?.states?.checkpoints == replay.replayer.filledCheckpoints)
    }
}

extension SavedStates {
    /// Every saved state that reads, in order.
    var checkpoints: [Checkpoint] {
        positions.compactMap { position in state(at: position).map { Checkpoint(position: position, state: $0) } }
    }
}
