/// Opens a trace: reads the bytes (a path, or `-` for stdin), undoes gzip when the data
/// starts with its magic bytes, and recognises the format by content: a binary form first
/// (``BinaryTraceFormat``, e.g. Replayx's Erlang terms), then the native format (read in one
/// streaming pass), then each importer in ``TraceFormats/all``.
/// A directory is read as an otel-ai capture session (``OTelSession``) when it is one.
public enum TraceLoader {
    /// Loads the trace at `path`; `-` reads standard input; an otel-ai session folder is
    /// read as one OTLP trace. `format` names the format instead of recognising it.
    /// `progress` is told the fraction read while a large native trace is indexed.
    public static func load(path: String, format: String? = nil, progress: ((Double) -> Void)? = nil) throws(TraceError) -> Trace {
        if path != "-", OTelSession.isSession(directory: path) {
            if let format, format != OTLPFormat.name {
                throw TraceError(.file, "is an otel-ai session folder, which holds '\(OTLPFormat.name)' traces, not '\(format)'")
            }
            return try OTelSession.load(directory: path)
        }
        let data = path == "-" ? try TraceData.standardInput() : try TraceData(contentsOf: path)
        return try load(data, format: format, progress: progress)
    }

    /// Loads a trace from bytes already read.
    public static func load(_ data: TraceData, format: String? = nil, progress: ((Double) -> Void)? = nil) throws(TraceError) -> Trace {
        guard data.count > 0 else { throw TraceError(.file, "the input is empty") }
        if let format, format != NativeFormat.name, TraceFormats.named(format) == nil {
            throw TraceError(.file, "unknown format '\(format)'; formats are \(TraceFormats.names.joined(separator: ", "))")
        }
        guard data.withBytes(Gzip.isGzip) else { return try recognise(data, format: format, progress: progress) }
        let inflated = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in try Gzip.inflate(bytes) }
        let trace = try recognise(TraceData(bytes: inflated.bytes), format: format, progress: progress)
        guard inflated.truncated else { return trace }
        return trace.adding(warning: TraceError(.file, "the gzip stream is cut off; reading what inflated before the cut"))
    }

    /// Reads `data` as `format`, or as the first format that recognises it.
    private static func recognise(_ data: TraceData, format: String?, progress: ((Double) -> Void)?) throws(TraceError) -> Trace {
        let named = format.flatMap(TraceFormats.named)
        // The binary forms that may claim the bytes: the named format's, or, unnamed, all.
        let binaryFormats: [any BinaryTraceFormat.Type] =
            if format == nil { TraceFormats.binary } else { [named].compactMap { $0 as? any BinaryTraceFormat.Type } }
        if let binary = data.withBytes({ bytes in binaryFormats.first { $0.recognizes(bytes: bytes) } }) {
            return try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in try binary.read(bytes: bytes) }
        }
        if let importer = named {
            return try importer.read(parse(data))
        }
        do {
            let trace = try NativeFormat.read(data, progress: progress)
            // An object with an empty "events" array reads as an empty native trace; another
            // recorder's empty recording is more likely, and as small as it is cheap to ask.
            // So is a trace with no meta whose events carry a `type` the native format does
            // not know (Replayx's records `{"type": "message", "kind": "call", ...}`).
            if format == nil, trace.count == 0 || looksForeign(trace), let importer = try? importer(for: data) {
                return try importer.read(parse(data))
            }
            return trace
        } catch let nativeError {
            // Not a native trace: another recorder's document, or a broken native trace,
            // whose error is the one to report.
            guard format == nil, let importer = try? importer(for: data) else { throw nativeError }
            return try importer.read(parse(data))
        }
    }

    /// True when a native read of the data has no meta and a first event with a `type` field.
    private static func looksForeign(_ trace: Trace) -> Bool {
        trace.meta.isEmpty && (try? trace.events.event(0))?.extra["type"] != nil
    }

    /// The importer that recognises the parsed document, if any. The bytes are validated
    /// first, so a large file with a syntax error fails without building a tree up to it.
    private static func importer(for data: TraceData) throws(TraceError) -> (any TraceFormat.Type)? {
        try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in
            do throws(JSONSyntaxError) {
                try JSONParser.validate(bytes)
            } catch {
                throw error.traceError(in: bytes)
            }
        }
        let document = try parse(data)
        return TraceFormats.all.first { $0.recognizes(document) }
    }

    /// The whole document, with syntax errors located by line and column.
    static func parse(_ data: TraceData) throws(TraceError) -> JSONValue {
        try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> JSONValue in
            do throws(JSONSyntaxError) {
                return try JSONParser.parse(bytes)
            } catch {
                throw error.traceError(in: bytes)
            }
        }
    }
}

extension Trace {
    /// The same trace with one more warning, first.
    func adding(warning: TraceError) -> Trace {
        Trace(format: format, meta: meta, initialState: initialState, events: events, crash: crash, warnings: [warning] + warnings)
    }
}
