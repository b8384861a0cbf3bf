import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The persistent index as the commands use it: a second run reads the index the first
/// saved in `$XDG_CACHE_HOME/replay-tui` and answers the same; `--no-cache` neither reads
/// nor writes it; a damaged cache file is rebuilt. Every run has a cache folder of its own.
@Suite(.timeLimit(.minutes(5))) struct IndexCacheCommandTests {
    /// A 2,000-event trace from scripts/make-big-trace.py (about 330 KB: worth caching),
    /// last modified a minute ago, and an empty cache home, in a folder deleted afterwards.
    final class Setup {
        let made: MadeTrace
        let cacheHome: String

        init() throws {
            made = try MadeTrace(events: 2_000)
            cacheHome = made.directory.appendingPathComponent("cache-home").path
            setModified(trace, secondsAgo: 60)
        }

        var directory: URL { made.directory }
        var trace: String { made.path }

        var cacheFolder: String { cacheHome + "/replay-tui" }

        /// The files in the cache folder.
        var cached: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: cacheFolder)) ?? []).sorted() }

        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(arguments, environment: ["XDG_CACHE_HOME": cacheHome])
        }
    }

    /// Each subcommand on the setup's trace.
    static let commands: [[String]] = [
        ["info", "--json"], ["state", "--at", "end", "--compact"], ["state", "--at", "1000", "--path", "/stats"],
        ["events", "--errors"], ["diff", "--at", "1500"], ["validate"], ["find", "len(/ledger) > 3"],
        ["history", "/accounts/3/balance"], ["blame", "/accounts/3/balance", "--at", "end"],
        ["render", "--at", "1999", "--size", "80x24", "--format", "text"], ["spans"],
    ]

    @Test(arguments: commands)
    func aSecondRunReadsTheSavedIndexAndAnswersTheSame(command: [String]) throws {
        let setup = try Setup()
        let arguments = [command[0], setup.trace] + command.dropFirst()
        let first = try setup.run(arguments)
        let index = try #require(setup.cached.first { $0.hasSuffix(".index") }, "\(setup.cached)")
        // Set back, so that a read shows as the file's use.
        setModified(setup.cacheFolder + "/" + index, secondsAgo: 3600)
        let second = try setup.run(arguments)
        #expect(second.status == first.status)
        #expect(second.stdout == first.stdout)
        #expect(second.stderr == first.stderr)
        #expect(age(of: setup.cacheFolder + "/" + index) < 600, "the index was read")
    }

    @Test(arguments: commands + [["compare", "SELF"]])
    func noCacheReadsAndWritesNothing(command: [String]) throws {
        let setup = try Setup()
        let arguments = [command[0], setup.trace] + command.dropFirst().map { $0 == "SELF" ? setup.trace : $0 }
        let plain = try setup.run(arguments + ["--no-cache"])
        #expect(!FileManager.default.fileExists(atPath: setup.cacheHome), "\(setup.cached)")
        let cached = try setup.run(arguments)
        #expect(!setup.cached.isEmpty, "without --no-cache the index is saved")
        #expect(cached.stdout == plain.stdout)
        // A saved index is not read either: a damaged one would make no difference anyway,
        // so the test is that the file is left as it was, untouched.
        let index = try #require(setup.cached.first { $0.hasSuffix(".index") })
        setModified(setup.cacheFolder + "/" + index, secondsAgo: 3600)
        #expect(try setup.run(arguments + ["--no-cache"]).stdout == plain.stdout)
        #expect(age(of: setup.cacheFolder + "/" + index) > 3000)
    }

    @Test func aDamagedCacheFileIsRebuilt() throws {
        let setup = try Setup()
        let first = try setup.run(["info", setup.trace, "--json"])
        let index = setup.cacheFolder + "/" + (try #require(setup.cached.first { $0.hasSuffix(".index") }))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: index))
        let saved = bytes
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: index))
        let second = try setup.run(["info", setup.trace, "--json"])
        #expect(second.status == 0 && second.stderr == "")
        #expect(second.stdout == first.stdout)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == saved, "rebuilt as it was")
        try Data(bytes.prefix(100)).write(to: URL(fileURLWithPath: index))
        #expect(try setup.run(["info", setup.trace, "--json"]).stdout == first.stdout)
    }

    @Test func stateSavesCheckpointsThatALaterRunStartsFrom() throws {
        let setup = try Setup()
        let arguments = ["state", setup.trace, "--at", "end", "--compact"]
        let first = try setup.run(arguments)
        let checkpoints = setup.cacheFolder + "/" + (try #require(setup.cached.first { $0.hasSuffix(".checkpoints") }, "\(setup.cached)"))
        setModified(checkpoints, secondsAgo: 3600)
        let second = try setup.run(arguments)
        #expect(second.stdout == first.stdout && second.status == 0 && second.stderr == "")
        #expect(age(of: checkpoints) < 600, "the checkpoints were read")
        #expect(try setup.run(["state", setup.trace, "--at", "1900", "--compact"]).stdout == setup.run(["state", setup.trace, "--at", "1900", "--compact", "--no-cache"]).stdout)

        var bytes = try Data(contentsOf: URL(fileURLWithPath: checkpoints))
        bytes[bytes.count - 10] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: checkpoints))
        #expect(try setup.run(arguments).stdout == first.stdout, "damaged checkpoints are not taken")
    }

    @Test func theLimitEvictsTheLeastRecentlyUsed() throws {
        let setup = try Setup()
        let other = setup.directory.appendingPathComponent("other.json").path
        try FileManager.default.copyItem(atPath: setup.trace, toPath: other)
        setModified(other, secondsAgo: 60)
        _ = try setup.run(["info", setup.trace])
        let size = try #require(FileManager.default.attributesOfItem(atPath: setup.cacheFolder + "/" + setup.cached[0])[.size] as? Int)
        let limited = try CLI.run(["info", other], environment: ["XDG_CACHE_HOME": setup.cacheHome, "REPLAY_TUI_CACHE_LIMIT": "\(size * 3 / 2)"])
        #expect(limited.status == 0)
        #expect(setup.cached.count == 1, "one index fits: the older one went")
        _ = try CLI.run(["info", other], environment: ["XDG_CACHE_HOME": setup.cacheHome, "REPLAY_TUI_CACHE_LIMIT": "1K"])
        #expect(setup.cached.isEmpty, "none fits in 1 KB")
    }

    @Test func aFreshOrSmallTraceIsNotCached() throws {
        let setup = try Setup()
        setModified(setup.trace, secondsAgo: 0)
        _ = try setup.run(["info", setup.trace])
        #expect(setup.cached.isEmpty, "modified just now: it may still be growing")
        _ = try setup.run(["info", CLI.fixture("tiny.json")])
        #expect(setup.cached.isEmpty, "too small to gain from it")
    }
}

/// Sets the file's modification time `seconds` before now.
func setModified(_ path: String, secondsAgo seconds: Double) {
    let then = Date().addingTimeInterval(-seconds)
    try? FileManager.default.setAttributes([.modificationDate: then], ofItemAtPath: path)
}

/// Seconds since the file was modified.
func age(of path: String) -> Double {
    let date = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
    return -date.timeIntervalSinceNow
}
