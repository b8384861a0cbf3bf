/// A trace loaded through the index cache (``TraceLoader/load(path:format:cache:progress:prefixes:)``).
public struct CachedTrace: Sendable {
    public let trace: Trace
    /// The trace's place in the cache; nil when it is not cached: no cache, standard input,
    /// `--format`, gzip, another format than the native one, a small trace or one modified
    /// moments ago.
    public let entry: IndexCache.Entry?
    /// True when the index was read from the cache rather than built.
    public let reused: Bool

    /// Saves the index when it was built now and the cache keeps it.
    public func saveIndex() {
        if !reused { entry?.save(trace) }
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
