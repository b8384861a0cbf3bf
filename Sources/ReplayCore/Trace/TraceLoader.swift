/// Opens a trace: reads the bytes (a path, or `-` for stdin), undoes gzip when the data
/// starts with its magic bytes, and hands them to the format reader.
public enum TraceLoader {
    /// Loads the trace at `path`; `-` reads standard input.
    public static func load(path: String) throws(TraceError) -> Trace {
        let data = path == "-" ? try TraceData.standardInput() : try TraceData(contentsOf: path)
        return try load(data)
    }

    /// Loads a trace from bytes already read.
    public static func load(_ data: TraceData) throws(TraceError) -> Trace {
        guard data.count > 0 else { throw TraceError(.file, "the input is empty") }
        guard data.withBytes(Gzip.isGzip) else { return try NativeFormat.read(data) }
        let inflated = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in try Gzip.inflate(bytes) }
        let trace = try NativeFormat.read(TraceData(bytes: inflated.bytes))
        guard inflated.truncated else { return trace }
        return trace.adding(warning: TraceError(.file, "the gzip stream is cut off; reading what inflated before the cut"))
    }
}

extension Trace {
    /// The same trace with one more warning.
    func adding(warning: TraceError) -> Trace {
        Trace(format: format, meta: meta, initialState: initialState, events: events, crash: crash, warnings: [warning] + warnings)
    }
}
