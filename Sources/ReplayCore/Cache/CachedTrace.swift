/// A trace loaded through the index cache (``TraceLoader/load(path:format:cache:progress:prefixes:)``).
public struct CachedTrace: Sendable {
    public let trace: Trace
    /// The trace's place in the cache; nil when it is not cached: no cache, standard input,
    /// `--format`, gzip, another format than the native one, a small trace or one modified
    /// moments ago.
    public let entry: IndexCache.Entry?
    /// True when the index was read from the cache rather than built.
    public let reused: Bool

    /// True when the index was built now and the cache keeps it: ``saveIndex()`` has work.
    public var hasIndexToSave: Bool { !reused && entry != nil }

    /// Saves the index when it was built now and the cache keeps it.
    public func saveIndex() {
        if hasIndexToSave { entry?.save(trace) }
    }

    /// A replayer for the trace, starting from the checkpoints the cache saved for it. When
    /// the trace is cached, the replayer keeps checkpoints at the usual spacing, for
    /// ``CachedReplay/save()`` to keep; otherwise none, as a one-shot answer needs none.
    public func replay() -> CachedReplay {
        guard let entry else {
            return CachedReplay(replayer: Replayer(trace: trace, checkpointInterval: Replayer.noCheckpoints), entry: nil, restoredThrough: 0)
        }
        let replayer = Replayer(trace: trace)
        let saved = entry.savedStates(eventCount: trace.count)
        if let saved { replayer.restore(saved) }
        return CachedReplay(replayer: replayer, entry: entry, restoredThrough: saved?.positions.last ?? 0)
    }
}

/// A replayer whose checkpoints come from the index cache and go back to it
/// (``CachedTrace/replay()``).
public struct CachedReplay {
    public let replayer: Replayer
    let entry: IndexCache.Entry?
    /// The last position the restored checkpoints reached.
    let restoredThrough: Int

    /// Saves the replayer's checkpoints when replay has filled some past those restored
    /// (the restored ones are read, to be saved again with them).
    public func save() {
        guard let entry else { return }
        let filled = replayer.filledCheckpoints
        guard let last = filled.last, last.position > restoredThrough else { return }
        entry.saveCheckpoints(filled, eventCount: replayer.trace.count)
    }
}

extension TraceLoader {
    /// Loads the trace at `path` as ``load(path:format:progress:prefixes:)`` does, but reads
    /// a native trace's index from `cache` when it holds one for the file as it is now. An
    /// index built instead is not saved here: ``CachedTrace/saveIndex()`` does it, when the
    /// caller has the time.
    public static func load(
        path: String, format: String? = nil, cache: IndexCache?, progress: ((Double) -> Void)? = nil, prefixes: NativePrefixes? = nil
    ) throws(TraceError) -> CachedTrace {
        guard let cache, format == nil, path != "-", !OTelSession.isSession(directory: path) else {
            return CachedTrace(trace: try load(path: path, format: format, progress: progress, prefixes: prefixes), entry: nil, reused: false)
        }
        let data = try TraceData(contentsOf: path)
        guard data.count > 0, !data.withBytes(Gzip.isGzip), let entry = cache.entry(path: path, data: data) else {
            return CachedTrace(trace: try load(data, progress: progress, prefixes: prefixes), entry: nil, reused: false)
        }
        if let trace = entry.savedTrace(data: data) {
            return CachedTrace(trace: trace, entry: entry, reused: true)
        }
        let trace = try load(data, progress: progress, prefixes: prefixes)
        return CachedTrace(trace: trace, entry: trace.events is NativeEventIndex ? entry : nil, reused: false)
    }
}
