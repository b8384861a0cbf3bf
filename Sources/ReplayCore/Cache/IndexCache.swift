#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where saved trace indexes live (`$XDG_CACHE_HOME/replay-tui`, by default
/// `~/.cache/replay-tui`), and how much of the disk they may take: past ``limit`` bytes, the
/// files used least recently are deleted. Nothing is ever written next to a trace.
///
/// Each trace file has one entry, named after a hash of its real path: `KEY.index` (the
/// index, ``CachedIndex``) and `KEY.checkpoints` (replayed states, ``CachedCheckpoints``),
/// each carrying the trace's ``TraceFingerprint`` and used only when it matches.
public struct IndexCache: Equatable, Sendable {
    /// The limit when `REPLAY_TUI_CACHE_LIMIT` does not set one: 2 GiB.
    public static let defaultLimit = 2 << 30
    /// Traces smaller than this are indexed faster than a cache file is read: never cached.
    public static let smallestTrace = 128 << 10
    /// A trace modified less than this many seconds ago may still be growing: not cached.
    public static let settleSeconds = 2.0
    /// The environment variable that sets ``limit``: bytes, or a number with K, M or G.
    public static let limitVariable = "REPLAY_TUI_CACHE_LIMIT"

    /// The folder the files are in; made when first written to.
    public let directory: String
    /// The most bytes the folder's cache files may take together.
    public let limit: Int

    public init(directory: String, limit: Int = defaultLimit) {
        self.directory = directory
        self.limit = limit
    }

    /// The cache the environment names: `$XDG_CACHE_HOME/replay-tui`, else
    /// `$HOME/.cache/replay-tui`, limited by `REPLAY_TUI_CACHE_LIMIT`; nil when neither
    /// variable names a folder or the limit is 0. `environment` reads a variable (by
    /// default, this process's).
    public static func standard(environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> IndexCache? {
        let base: String
        if let cache = environment("XDG_CACHE_HOME"), cache.hasPrefix("/") {
            base = cache
        } else if let home = environment("HOME"), home.hasPrefix("/") {
            base = home + "/.cache"
        } else {
            return nil
        }
        let limit = environment(limitVariable).flatMap(parseLimit) ?? defaultLimit
        guard limit > 0 else { return nil }
        return IndexCache(directory: base + "/replay-tui", limit: limit)
    }

    /// `500000`, `300K`, `64M`, `2G` (powers of 1024) as bytes; nil for anything else.
    static func parseLimit(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text.filter { !$0.isWhitespace })
        var unit = 1
        if let last = digits.last?.uppercased().first, let scale = units[last] {
            unit = scale
            digits = digits.dropLast()
        }
        guard let number = Int(digits), number >= 0 else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: unit)
        return overflow ? Int.max : bytes
    }

    /// The entry for the trace at `path` whose bytes `data` mapped, when it is worth caching:
    /// a regular file of at least ``smallestTrace`` bytes, unchanged for ``settleSeconds``.
    public func entry(path: String, data: TraceData) -> Entry? {
        guard data.count >= Self.smallestTrace, let real = realpath(path, nil) else { return nil }
        let absolute = String(cString: real)
        free(real)
        guard let fingerprint = TraceFingerprint(path: path, data: data), fingerprint.age >= Self.settleSeconds else { return nil }
        var key = absolute
        let hash = key.withUTF8 { XXH64.hash(UnsafeRawBufferPointer($0)) }
        let name = String(hash, radix: 16)
        return Entry(cache: self, base: directory + "/" + String(repeating: "0", count: 16 - name.count) + name, fingerprint: fingerprint)
    }

    /// One trace file's place in the cache.
    public struct Entry: Equatable, Sendable {
        public let cache: IndexCache
        /// The files' path without their extension.
        let base: String
        /// The trace file as it is now.
        public let fingerprint: TraceFingerprint

        var indexPath: String { base + ".index" }
        var checkpointsPath: String { base + ".checkpoints" }

        /// The saved index of the trace over `data`, when there is one for the file as it is
        /// now and it is whole; its use counts as recent (and the limit is applied again, in
        /// case it was lowered).
        public func savedTrace(data: TraceData) -> Trace? {
            guard let file = CacheFile.read(indexPath, kind: .index, inPlace: CachedIndex.columns),
                let trace = CachedIndex.trace(in: file, fingerprint: fingerprint, data: data)
            else { return nil }
            touch(indexPath)
            cache.evict()
            return trace
        }

        /// Saves `trace`'s index, then deletes the least recently used files past the limit.
        /// A cache that cannot be written is no error: the trace is indexed again next time.
        public func save(_ trace: Trace) {
            guard let sections = CachedIndex.sections(of: trace, fingerprint: fingerprint) else { return }
            write(sections, kind: .index, to: indexPath)
        }

        /// The checkpoints saved for the trace as it is now, replayed over its `eventCount`
        /// events, each read when first needed; nil when there are none (or none whole).
        public func savedStates(eventCount: Int) -> SavedStates? {
            guard let file = CacheFile.read(checkpointsPath, kind: .checkpoints),
                let states = CachedCheckpoints.states(in: file, eventCount: eventCount, fingerprint: fingerprint)
            else { return nil }
            touch(checkpointsPath)
            return states
        }

        /// Saves `checkpoints` (positions rising, each past 0) of the trace's `eventCount`
        /// events, replacing any saved before, within the budget ``CachedCheckpoints``
        /// sets; then deletes the least recently used files past the limit.
        public func saveCheckpoints(_ checkpoints: [Checkpoint], eventCount: Int) {
            guard let sections = CachedCheckpoints.sections(of: checkpoints, eventCount: eventCount, fingerprint: fingerprint) else { return }
            write(sections, kind: .checkpoints, to: checkpointsPath)
        }

        /// Saves as ``saveCheckpoints(_:eventCount:)`` does, on a thread of its own, so that
        /// the debugger's keys do not wait for it; ``BackgroundSave/wait()`` before exiting.
        public func saveCheckpointsInBackground(_ checkpoints: [Checkpoint], eventCount: Int) -> BackgroundSave {
            BackgroundSave { saveCheckpoints(checkpoints, eventCount: eventCount) }
        }

        func write(_ sections: [CacheFile.Section], kind: CacheFile.Kind, to path: String) {
            guard cache.makeDirectory() else { return }
            do throws(AtomicFileError) {
                try CacheFile.write(sections, kind: kind, to: path)
            } catch {
                return
            }
            cache.evict()
        }
    }

    /// Makes the cache folder (and its parents), readable by the user alone.
    private func makeDirectory() -> Bool {
        var path = ""
        for part in directory.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o700) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// Deletes cache files, least recently used first, until the rest fit in ``limit``;
    /// and a temporary file an interrupted write left behind an hour ago or more.
    func evict() {
        var files: [(path: String, used: timespec, size: Int)] = []
        var total = 0
        for (name, info) in listing() {
            let path = directory + "/" + name
            if name.hasPrefix("."), name.contains(".tmp-") {
                if Double(time(nil) - info.modified.tv_sec) > 3600 { unlink(path) }
                continue
            }
            guard name.hasSuffix(".index") || name.hasSuffix(".checkpoints") else { continue }
            files.append((path, info.modified, info.size))
            total += info.size
        }
        guard total > limit else { return }
        files.sort { ($0.used.tv_sec, $0.used.tv_nsec) < ($1.used.tv_sec, $1.used.tv_nsec) }
        for file in files where total > limit {
            if unlink(file.path) == 0 { total -= file.size }
        }
    }

    /// The regular files in the cache folder, with their modification times and sizes.
    private func listing() -> [(name: String, (modified: timespec, size: Int))] {
        guard let folder = opendir(directory) else { return [] }
        defer { closedir(folder) }
        var found: [(String, (timespec, Int))] = []
        while let item = readdir(folder) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            var info = stat()
            guard stat(directory + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            #if canImport(Darwin)
            found.append((name, (info.st_mtimespec, Int(info.st_size))))
            #else
            found.append((name, (info.st_mtim, Int(info.st_size))))
            #endif
        }
        return found
    }
}

/// A cache file being written on a thread of its own (or already written, when no thread
/// could be made).
public final class BackgroundSave: Sendable {
    private let thread: OtherThread?

    init(_ work: @escaping @Sendable () -> Void) {
        thread = OtherThread.start(needsSpareCore: false) { _ in
            OtherThread.yieldToOthers()
            work()
        }
        if thread == nil { work() }
    }

    /// Waits until the file is written.
    public func wait() {
        thread?.join()
    }
}

/// The checkpoints the index cache holds for a trace the debugger opens, and the entry that
/// keeps more (``BackgroundIndex/News/finished(_:checkpoints:)``).
public struct SavedCheckpoints: Equatable, Sendable {
    public let entry: IndexCache.Entry
    /// Nil when none are saved (or the trace was indexed now).
    public let states: SavedStates?

    public init(entry: IndexCache.Entry, states: SavedStates?) {
        self.entry = entry
        self.states = states
    }

    /// The same entry and the very same saved states.
    public static func == (a: SavedCheckpoints, b: SavedCheckpoints) -> Bool {
        a.entry == b.entry && a.states === b.states
    }
}

/// Marks a cache file as just used: eviction goes by modification time.
private func touch(_ path: String) {
    utimensat(AT_FDCWD, path, nil, 0)
}
