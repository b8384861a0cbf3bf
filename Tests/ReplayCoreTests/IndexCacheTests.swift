import Foundation
import TestSupport
import Testing
@testable import ReplayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The persistent index: what the cache gives back is what indexing gives, and a cache
/// file that does not match the trace as it is now, or is damaged, is never used.
@Suite struct IndexCacheTests {
    /// A folder of the test's own, deleted afterwards.
    final class Folder {
        let path: String

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("index-cache-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        /// Writes `text` to `name` in the folder, modified `age` seconds ago.
        func write(_ text: String, to name: String, age: Double = 60) throws -> String {
            let file = path + "/" + name
            try text.write(toFile: file, atomically: false, encoding: .utf8)
            setModified(file, secondsAgo: age)
            return file
        }

        var cache: IndexCache { IndexCache(directory: path + "/cache") }
    }

    /// A random trace of at least ``IndexCache/smallestTrace`` bytes, as NDJSON or one object.
    static func bigTrace(seed: UInt64, ndjson: Bool) -> String {
        var events = 400
        while true {
            let made = RandomTrace.make(seed: seed, events: events)
            let text = ndjson ? made.ndjson : made.text
            if text.utf8.count >= IndexCache.smallestTrace { return text }
            events *= 2
        }
    }

    /// A cache file's bytes damaged every way a cache file may be: empty, cut off, one byte
    /// more, another layout version or kind, and `flips` single bits flipped at random.
    static func damages(of file: Data, seed: UInt64, flips: Int = 40) -> [(String, Data)] {
        var damages: [(String, Data)] = [
            ("empty", Data()), ("header only", file.prefix(CacheFile.headerLength)), ("cut in half", file.prefix(file.count / 2)),
            ("one byte short", file.dropLast()), ("one byte more", file + [0]),
        ]
        var version = file
        version[8] &+= 1
        damages.append(("another layout version", version))
        var kind = file
        kind[12] &+= 1
        damages.append(("another kind of file", kind))
        var random = SeededRandom(seed: seed)
        for _ in 0..<flips {
            var flipped = file
            let at = Int.random(in: 0..<file.count, using: &random)
            flipped[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            damages.append(("bit flipped at \(at)", flipped))
        }
        return damages
    }

    /// Loads `path` through `cache`, saving the index when it was built.
    @discardableResult
    private func load(_ path: String, _ cache: IndexCache) throws -> CachedTrace {
        let loaded = try TraceLoader.load(path: path, cache: cache)
        loaded.saveIndex()
        return loaded
    }

    /// Everything a trace answers without replaying, side by side with another's.
    private func expectSame(_ a: Trace, _ b: Trace, _ comment: Comment? = nil) throws {
        #expect(a.format == b.format, comment)
        #expect(a.meta == b.meta, comment)
        #expect(a.initialState == b.initialState, comment)
        #expect(a.crash == b.crash, comment)
        #expect(a.warnings == b.warnings, comment)
        try #require(a.count == b.count, comment)
        for index in 0..<a.count {
            #expect(a.events.summary(index) == b.events.summary(index), comment)
            #expect(try a.events.event(index).nativeJSON == b.events.event(index).nativeJSON, comment)
        }
        let (x, y) = (try #require(a.events as? NativeEventIndex).table, try #require(b.events as? NativeEventIndex).table)
        #expect(Array(x.starts) == Array(y.starts) && Array(x.kindIDs) == Array(y.kindIDs), comment)
        #expect(Array(x.nameIDs) == Array(y.nameIDs) && Array(x.laneIDs) == Array(y.laneIDs), comment)
        #expect(Array(x.effectOffsets) == Array(y.effectOffsets) && Array(x.flags) == Array(y.flags), comment)
        #expect(x.times.map(\.bitPattern) == y.times.map(\.bitPattern), comment)
        #expect(x.kinds.strings == y.kinds.strings && x.names.strings == y.names.strings && x.lanes.strings == y.lanes.strings, comment)
        let (o, p) = (TraceOverview(a), TraceOverview(b))
        #expect(o.errors == p.errors && o.durationMilliseconds == p.durationMilliseconds, comment)
        #expect(o.kinds.map { "\($0.kind) \($0.count)" } == p.kinds.map { "\($0.kind) \($0.count)" }, comment)
    }

    @Test func xxh64MatchesTheReferenceValues() {
        #expect(XXH64.hash(Array("".utf8)) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
    }

    @Test(arguments: Array(UInt64(1)...8))
    func anIndexFromTheCacheIsTheIndexBuilt(seed: UInt64) throws {
        let folder = try Folder()
        let path = try folder.write(Self.bigTrace(seed: seed, ndjson: seed % 2 == 0), to: "trace.json")
        let built = try load(path, folder.cache)
        #expect(!built.reused && built.entry != nil)
        let cached = try load(path, folder.cache)
        #expect(cached.reused)
        try expectSame(cached.trace, built.trace, "seed \(seed)")
        #expect(try states(cached.trace) == states(built.trace))
    }

    @Test func changesStartingPast64KBIntoTheirEventsAreSavedFourBytesEach() throws {
        let folder = try Folder()
        let far = String(repeating: "x", count: 70_000)
        let text = Self.bigTrace(seed: 9, ndjson: true)
            + #"{"kind": "call", "name": "far", "payload": {"text": "\#(far)"}, "merge": {"far": 1}}"# + "\n"
        let path = try folder.write(text, to: "far.ndjson")
        let built = try load(path, folder.cache)
        let table = try #require(built.trace.events as? NativeEventIndex).table
        #expect(table.effectOffsets.isWide && !table.kindIDs.isWide)
        let cached = try load(path, folder.cache)
        #expect(cached.reused)
        try expectSame(cached.trace, built.trace)
        #expect(try states(cached.trace) == states(built.trace))
    }

    @Test func aTraceCutOffKeepsItsWarningAndCrashFromTheCache() throws {
        let folder = try Folder()
        var text = Self.bigTrace(seed: 7, ndjson: true)
        text += #"{"kind": "crash", "name": "boom", "error": "late"}"# + "\n" + #"{"kind": "call", "na"#
        let path = try folder.write(text, to: "cut.ndjson")
        let built = try load(path, folder.cache)
        #expect(built.trace.warnings.count == 1)
        let cached = try load(path, folder.cache)
        #expect(cached.reused)
        try expectSame(cached.trace, built.trace)
    }

    /// Changes to a trace file after its index was saved, each of which its fingerprint
    /// notices.
    enum Change: CaseIterable {
        case appended, truncated, touched, replacedBySameSize, rewrittenInPlace
    }

    @Test(arguments: Change.allCases)
    func aChangedTraceIsIndexedAgain(change: Change) throws {
        let folder = try Folder()
        let original = Self.bigTrace(seed: 3, ndjson: true)
        let path = try folder.write(original, to: "trace.ndjson")
        try load(path, folder.cache)
        #expect(try load(path, folder.cache).reused)
        var expected = original
        switch change {
        case .appended:
            expected += #"{"kind": "call", "name": "late"}"# + "\n"
            _ = try folder.write(expected, to: "trace.ndjson", age: 30)
        case .truncated:
            var lines = original.split(separator: "\n", omittingEmptySubsequences: false)
            lines.removeLast(3)
            expected = lines.joined(separator: "\n") + "\n"
            _ = try folder.write(expected, to: "trace.ndjson", age: 30)
        case .touched:
            setModified(path, secondsAgo: 30)
        case .replacedBySameSize, .rewrittenInPlace:
            // The same size; only a byte in the middle differs (past the first 64 KB).
            let bytes = Array(original.utf8)
            let middle = try #require(bytes[(bytes.count / 2)...].firstIndex(of: UInt8(ascii: "\"")))
            var changed = bytes
            changed[middle + 1] = changed[middle + 1] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            expected = String(decoding: changed, as: UTF8.self)
            if change == .replacedBySameSize {
                let other = try folder.write(expected, to: "other.ndjson")
                let info = try modification(of: path)
                #expect(rename(other, path) == 0)
                setModified(path, to: info)
            } else {
                let file = try #require(FileHandle(forWritingAtPath: path))
                try file.write(contentsOf: Data(changed))
                try file.close()
                setModified(path, secondsAgo: 30)
            }
        }
        let reloaded = try load(path, folder.cache)
        #expect(!reloaded.reused)
        try expectSame(reloaded.trace, try TraceLoader.load(path: path))
        #expect(try load(path, folder.cache).reused, "saved again once indexed")
    }

    /// Damage to the cache file: every way it reads as no file at all.
    @Test func aDamagedCacheFileIsIgnoredAndRebuilt() throws {
        let folder = try Folder()
        let path = try folder.write(Self.bigTrace(seed: 5, ndjson: false), to: "trace.json")
        let built = try load(path, folder.cache)
        let entry = try #require(built.entry)
        let saved = try Data(contentsOf: URL(fileURLWithPath: entry.indexPath))
        for (what, bytes) in Self.damages(of: saved, seed: 11) {
            try bytes.write(to: URL(fileURLWithPath: entry.indexPath))
            let loaded = try TraceLoader.load(path: path, cache: folder.cache)
            #expect(!loaded.reused, "\(what)")
            try expectSame(loaded.trace, built.trace, "\(what)")
        }
        try load(path, folder.cache)
        #expect(try TraceLoader.load(path: path, cache: folder.cache).reused, "rebuilt")
    }

    @Test func anotherTracesIndexIsNotTaken() throws {
        let folder = try Folder()
        let a = try folder.write(Self.bigTrace(seed: 1, ndjson: true), to: "a.ndjson")
        let b = try folder.write(Self.bigTrace(seed: 2, ndjson: true), to: "b.ndjson")
        let entryA = try #require(try load(a, folder.cache).entry)
        let entryB = try #require(try TraceLoader.load(path: b, cache: folder.cache).entry)
        try FileManager.default.copyItem(atPath: entryA.indexPath, toPath: entryB.indexPath)
        #expect(try !TraceLoader.load(path: b, cache: folder.cache).reused)
    }

    @Test func smallFreshStandardInputAndOtherFormatsAreNotCached() throws {
        let folder = try Folder()
        let small = try folder.write(RandomTrace.make(seed: 1, events: 5).ndjson, to: "small.ndjson")
        #expect(try load(small, folder.cache).entry == nil)
        let fresh = try folder.write(Self.bigTrace(seed: 1, ndjson: true), to: "fresh.ndjson", age: 0)
        #expect(try load(fresh, folder.cache).entry == nil)
        let old = try folder.write(Self.bigTrace(seed: 1, ndjson: true), to: "old.ndjson")
        #expect(try TraceLoader.load(path: old, format: NativeFormat.name.rawValue, cache: folder.cache).entry == nil, "--format")
        #expect(!FileManager.default.fileExists(atPath: folder.cache.directory))
        #expect(try load(old, folder.cache).entry != nil)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["cache", "fresh.ndjson", "old.ndjson", "small.ndjson"], "nothing written next to the traces")
    }

    @Test func theLeastRecentlyUsedFilesGoFirstPastTheLimit() throws {
        let folder = try Folder()
        let paths = try (0..<4).map { try folder.write(Self.bigTrace(seed: UInt64($0), ndjson: true), to: "t\($0).ndjson") }
        var entries: [IndexCache.Entry] = []
        for (age, path) in zip([40.0, 10, 30, 20], paths) {
            let entry = try #require(try load(path, folder.cache).entry)
            setModified(entry.indexPath, secondsAgo: age)
            entries.append(entry)
        }
        let sizes = try entries.map { try #require(FileManager.default.attributesOfItem(atPath: $0.indexPath)[.size] as? Int) }
        // Room for the two used last (t1 and t3), not for a third.
        IndexCache(directory: folder.cache.directory, limit: sizes[1] + sizes[3] + min(sizes[0], sizes[2]) - 1).evict()
        let kept = entries.map { FileManager.default.fileExists(atPath: $0.indexPath) }
        #expect(kept == [false, true, false, true])
        // A read counts as a use: t1 read now, t3 then goes first.
        #expect(try TraceLoader.load(path: paths[1], cache: folder.cache).reused)
        IndexCache(directory: folder.cache.directory, limit: sizes[1]).evict()
        #expect(entries.map { FileManager.default.fileExists(atPath: $0.indexPath) } == [false, true, false, false])
    }

    @Test func theDebuggersBackgroundIndexSavesTheIndexWhenToldAndReadsItBack() throws {
        let folder = try Folder()
        let path = try folder.write(Self.bigTrace(seed: 4, ndjson: true), to: "trace.ndjson")
        let index = BackgroundIndex(path: path, cache: folder.cache)
        #expect(index.saveIndex() == nil, "nothing to save before the trace is loaded")
        guard case .finished(let built, _) = index.first() else {
            Issue.record("the trace did not load")
            return
        }
        let entry = try #require(folder.cache.entry(path: path, data: TraceData(contentsOf: path)))
        // Not saved by itself: the debugger says when, after the jump the trace answered.
        usleep(100_000)
        #expect(!FileManager.default.fileExists(atPath: entry.indexPath))
        let save = try #require(index.saveIndex())
        #expect(index.saveIndex() == nil, "saved once")
        save.wait()
        #expect(FileManager.default.fileExists(atPath: entry.indexPath))
        setModified(entry.indexPath, secondsAgo: 3600)
        let again = BackgroundIndex(path: path, cache: folder.cache)
        guard case .finished(let cached, _) = again.first() else {
            Issue.record("the trace did not load from the cache")
            return
        }
        try expectSame(cached, built)
        #expect(try modification(of: entry.indexPath).tv_sec > time(nil) - 600, "read from the cache")
        #expect(again.saveIndex() == nil, "an index read from the cache is not saved again")
    }

    @Test func theEnvironmentNamesTheFolderAndTheLimit() {
        func cache(_ variables: [String: String]) -> IndexCache? { IndexCache.standard { variables[$0] } }
        #expect(cache(["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"])?.directory == "/x/cache/replay-tui")
        #expect(cache(["HOME": "/home/u"])?.directory == "/home/u/.cache/replay-tui")
        #expect(cache(["XDG_CACHE_HOME": "relative", "HOME": "/home/u"])?.directory == "/home/u/.cache/replay-tui")
        #expect(cache([:]) == nil)
        #expect(cache(["HOME": "/h"])?.limit == IndexCache.defaultLimit)
        #expect(cache(["HOME": "/h", "REPLAY_TUI_CACHE_LIMIT": "64M"])?.limit == 64 << 20)
        #expect(cache(["HOME": "/h", "REPLAY_TUI_CACHE_LIMIT": "300k"])?.limit == 300 << 10)
        #expect(cache(["HOME": "/h", "REPLAY_TUI_CACHE_LIMIT": "12345"])?.limit == 12345)
        #expect(cache(["HOME": "/h", "REPLAY_TUI_CACHE_LIMIT": "lots"])?.limit == IndexCache.defaultLimit)
        #expect(cache(["HOME": "/h", "REPLAY_TUI_CACHE_LIMIT": "0"]) == nil)
    }
}

/// Sets the file's modification time `seconds` before now.
func setModified(_ path: String, secondsAgo seconds: Double) {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    let then = timespec(tv_sec: now.tv_sec - Int(seconds.rounded(.up)), tv_nsec: now.tv_nsec)
    setModified(path, to: then)
}

/// Sets the file's modification (and access) time.
func setModified(_ path: String, to time: timespec) {
    var times = [time, time]
    utimensat(AT_FDCWD, path, &times, 0)
}

/// The file's modification time.
func modification(of path: String) throws -> timespec {
    var info = stat()
    try #require(stat(path, &info) == 0)
    return info.st_mtim
}
