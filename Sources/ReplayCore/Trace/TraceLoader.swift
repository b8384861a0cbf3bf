/// Opens a trace: reads the bytes (a path, or `-` for stdin), undoes gzip when the data
/// starts with its magic bytes (into a mapped temporary file: ``TraceData/inflating(_:spare:)``), and recognises the format by content: Erlang terms first
/// (``ErlangTermTraceFormat``: Replayx's and phoenix_replay's, told apart by shape), then JSON lines of another recorder
/// (``JSONLinesTraceFormat``, e.g. OTLP JSON lines), then the native format (read in one
/// streaming pass), then each importer in ``TraceFormats/all``.
/// A directory is read as an otel-ai capture session (``OTelSession``) when it is one.
public enum TraceLoader {
    /// Loads the trace at `path`; `-` reads standard input; an otel-ai session folder is
    /// read as one OTLP trace. `format` names the format instead of recognising it (as
    /// `--format` gives it: an unknown name is an error listing the known ones).
    /// `progress` is told the fraction read while a large native trace is indexed, and
    /// `prefixes` the events indexed so far (``BackgroundIndex``).
    public static func load(
        path: String, format: String? = nil, progress: ((Double) -> Void)? = nil, prefixes: NativePrefixes? = nil
    ) throws(TraceError) -> Trace {
        if path != "-", OTelSession.isSession(directory: path) {
            if let format, TraceFormatName(rawValue: format) != .otlp {
                throw TraceError(.file, "is an otel-ai session folder, which holds '\(OTLPFormat.name)' traces, not '\(format)'")
            }
            return try OTelSession.load(directory: path)
        }
        let data = path == "-" ? try TraceData.standardInput() : try TraceData(contentsOf: path)
        return try load(data, format: format, progress: progress, prefixes: prefixes)
    }

    /// Loads a trace from bytes already read.
    public static func load(
        _ data: TraceData, format: String? = nil, progress: ((Double) -> Void)? = nil, prefixes: NativePrefixes? = nil
    ) throws(TraceError) -> Trace {
        guard data.count > 0 else { throw TraceError(.file, "the input is empty") }
        let named = try format.map(formatName)
        guard data.withBytes(Gzip.isGzip) else { return try recognise(data, format: named, progress: progress, prefixes: prefixes) }
        let inflated = try TraceData.inflating(data)
        let trace = try recognise(inflated.data, format: named, progress: progress, prefixes: prefixes)
        guard inflated.truncated else { return trace }
        return trace.adding(warning: TraceError(.file, "the gzip stream is cut off; reading what inflated before the cut"))
    }

    /// The format `--format` names.
    private static func formatName(_ text: String) throws(TraceError) -> TraceFormatName {
        guard let name = TraceFormatName(rawValue: text) else {
            let names = TraceFormatName.allCases.map(\.rawValue).joined(separator: ", ")
            throw TraceError(.file, "unknown format '\(text)'; formats are \(names)")
        }
        return name
    }

    /// Reads `data` as `format`, or as the first format that recognises it.
    private static func recognise(
        _ data: TraceData, format: TraceFormatName?, progress: ((Double) -> Void)?, prefixes: NativePrefixes?
    ) throws(TraceError) -> Trace {
        let named = format.flatMap(TraceFormats.named)
        // The Erlang term forms that may claim the bytes: the named format's, or, unnamed, all.
        let termFormats: [any ErlangTermTraceFormat.Type] =
            if format == nil { TraceFormats.erlangTerms } else { [named].compactMap { $0 as? any ErlangTermTraceFormat.Type } }
        if !termFormats.isEmpty, data.withBytes({ $0.first == ETFDecoder.versionByte }) {
            return try readTerm(data, formats: termFormats, named: format != nil)
        }
        if let lines = format.flatMap(TraceFormats.jsonLines(named:))
            ?? (format == nil ? data.withBytes({ bytes in TraceFormats.jsonLines.first { $0.recognizes(lines: bytes) } }) : nil)
        {
            return try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in try lines.read(lines: bytes) }
        }
        if let importer = named {
            return try importer.read(parse(data))
        }
        let trace: Trace
        do {
            trace = try NativeFormat.read(data, progress: progress, prefixes: prefixes)
        } catch let nativeError {
            // Not a native trace: another recorder's document, or a broken native trace. When
            // no importer claims it, or it is not JSON at all, the native reader's error is
            // the one reported: it names the first problem, with its line and column. Bytes
            // that are all whitespace (a gzip bomb, say) are no document: not read again.
            guard format == nil, nativeError.message != NativeFormat.onlyWhitespace,
                case .claimed(let importer, let document) = askImporters(data)
            else { throw nativeError }
            return try importer.read(document)
        }
        // An object with an empty "events" array reads as an empty native trace; another
        // recorder's empty recording is more likely, and as small as it is cheap to ask.
        // So is a trace with no meta whose events carry a `type` the native format does
        // not know (Replayx's records `{"type": "message", "kind": "call", ...}`). NDJSON and
        // a file cut off mid-event are not one JSON document, so they stay native.
        if format == nil, trace.count == 0 || looksForeign(trace), case .claimed(let importer, let document) = askImporters(data) {
            return try importer.read(document)
        }
        return trace
    }

    /// The Erlang term in `data` read by the first of `formats` whose shape it has, or by the
    /// one format `--format` named, whatever its shape.
    private static func readTerm(_ data: TraceData, formats: [any ErlangTermTraceFormat.Type], named: Bool) throws(TraceError) -> Trace {
        let term = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> ErlangTerm in
            do throws(ETFError) {
                return try ETFDecoder.decode(Array(bytes))
            } catch {
                throw TraceError(.file, "not a valid Erlang term: \(error)")
            }
        }
        guard let importer = named ? formats.first : formats.first(where: { $0.recognizes(term: term) }) else {
            throw TraceError(.file, "an Erlang term that is no recording: a Replayx recording is a map with :events, a phoenix_replay recording a map with :view and :events; found \(term.brief)")
        }
        return try importer.read(term: term)
    }

    /// True when a native read of the data has no meta and a first event with a `type` field.
    private static func looksForeign(_ trace: Trace) -> Bool {
        trace.meta.isEmpty && (try? trace.events.event(0))?.extra["type"] != nil
    }

    /// What the importers of ``TraceFormats/all`` make of the data.
    private enum Recognition {
        /// `importer` claims the data, parsed once into `document`, which it reads.
        case claimed(any TraceFormat.Type, JSONValue)
        /// One JSON document that no importer claims.
        case unclaimed
        /// Not one JSON document (a syntax error, NDJSON, a file cut off): no importer's.
        case notADocument
    }

    /// Offers the data to each importer in turn. The bytes are validated before they are
    /// parsed, so a large file with a syntax error fails without building a tree up to it.
    private static func askImporters(_ data: TraceData) -> Recognition {
        let document: JSONValue
        do throws(JSONSyntaxError) {
            document = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue in
                try JSONParser.validate(bytes)
                return try JSONParser.parse(bytes)
            }
        } catch {
            return .notADocument
        }
        guard let importer = TraceFormats.all.first(where: { $0.recognizes(document) }) else { return .unclaimed }
        return .claimed(importer, document)
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
