#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an otel-ai record-replay capture session (`clayroach/otel-ai`,
/// `src/record-replay/otlp-capture`) as one trace. The capture service writes a folder per
/// session:
///
/// ```
/// <sessionId>/
/// ├── metadata.json                         {"sessionId", "startTime", "status", "enabledFlags", …}
/// └── raw/YYYY-MM-DD/HH/
///     ├── traces-<ms>-<uuid>.otlp.gz        one captured OTLP export request, gzipped
///     ├── metrics-<ms>-<uuid>.otlp.gz       (not read)
///     └── logs-<ms>-<uuid>.otlp.gz          (not read)
/// ```
///
/// - Every `traces-*.otlp.gz` (or `traces-*.otlp`) file anywhere under `raw/` is read, in
///   the order of the capture time in its name (`<ms>`), then by path. Each holds one export
///   request: OTLP/JSON (what the seed generator and JSON senders produce) or OTLP protobuf
///   (what the capture keeps when the sender posted protobuf, the collector's default); gzip
///   is undone when the bytes start with its magic number.
/// - All the files' spans become one trace, mapped exactly as ``OTLPFormat`` maps one
///   document (format `otlp`): events in time order across files, the state per service,
///   the first failed span as the inferred crash.
/// - `meta` is `metadata.json`'s members as written, then `traceFiles` (the files read,
///   relative to the session folder, in the order read), then ``OTLPFormat``'s summary keys
///   that `metadata.json` does not already have.
/// - Errors name the file: `raw/2024-09-25/21/traces-….otlp.gz: resourceSpans[0]…: …`.
///   A session with no traces file, or whose files hold no span, is an error.
public enum OTelSession {
    /// True when `directory` holds a `metadata.json` file and a `raw` folder.
    public static func isSession(directory: String) -> Bool {
        kind(of: join(directory, "metadata.json")) == .file && kind(of: join(directory, "raw")) == .directory
    }

    /// The session in `directory` as one trace.
    public static func load(directory: String) throws(TraceError) -> Trace {
        guard kind(of: directory) == .directory else {
            throw TraceError(.file, "is not a directory")
        }
        let metadataPath = join(directory, "metadata.json")
        guard kind(of: metadataPath) == .file else {
            throw TraceError(.file, "not an otel-ai session: there is no metadata.json")
        }
        let metadataDocument = try document(at: metadataPath, label: "metadata.json")
        guard var meta = metadataDocument.objectValue else {
            throw TraceError(.file, "metadata.json: the session metadata must be an object, found \(metadataDocument.typeName)")
        }
        guard kind(of: join(directory, "raw")) == .directory else {
            throw TraceError(.file, "not an otel-ai session: there is no raw/ folder")
        }
        let files = try traceFiles(in: directory)
        guard !files.isEmpty else {
            throw TraceError(.file, "the session has no traces-*.otlp.gz file under raw/")
        }
        var sources: [OTLPFormat.Source] = []
        for file in files {
            sources.append(OTLPFormat.Source(label: file, document: try traces(at: join(directory, file), label: file)))
        }
        meta["traceFiles"] = .array(files.map(JSONValue.string))
        return try OTLPFormat.read(sources, meta: meta)
    }

    /// The session's traces files, relative to `directory`, in capture order.
    static func traceFiles(in directory: String) throws(TraceError) -> [String] {
        var found: [String] = []
        try walk(directory, relative: "raw", depth: 0, into: &found)
        func stamp(_ path: String) -> UInt64? {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return UInt64(name.dropFirst("traces-".count).prefix { $0.isASCII && $0.isNumber })
        }
        return found.map { (stamp($0) ?? UInt64.max, $0) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map(\.1)
    }

    private static func isTraceFile(_ name: String) -> Bool {
        name.hasPrefix("traces-") && (name.hasSuffix(".otlp.gz") || name.hasSuffix(".otlp"))
    }

    /// Collects the traces files under `base/relative`, folders to a bounded depth (links
    /// are followed, so a loop must end somewhere).
    private static func walk(_ base: String, relative: String, depth: Int, into found: inout [String]) throws(TraceError) {
        guard depth < 32 else { return }
        let path = join(base, relative)
        guard let stream = opendir(path) else {
            throw TraceError(.file, "\(relative): cannot list the folder: \(systemMessage(errno))")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        for name in names.sorted() {
            let child = relative + "/" + name
            switch kind(of: join(base, child)) {
            case .directory:
                try walk(base, relative: child, depth: depth + 1, into: &found)
            case .file where isTraceFile(name):
                found.append(child)
            default:
                break
            }
        }
    }

    // MARK: - Files

    /// One traces file's export request as OTLP/JSON: parsed from JSON, or decoded from
    /// protobuf into the same shape.
    static func traces(at path: String, label: String) throws(TraceError) -> JSONValue {
        let data = try contents(at: path, label: label)
        return try data.withBytes { (buffer: UnsafeRawBufferPointer) throws(TraceError) -> JSONValue in
            try decodeTraces(buffer, label: label)
        }
    }

    /// OTLP/JSON or OTLP protobuf bytes as an OTLP/JSON document. Bytes that start, after
    /// any whitespace, with `{` are JSON; protobuf's first tag is 0x0A (which JSON reads as a
    /// newline, and whose length byte may be `{`), so JSON that does not parse and starts
    /// with 0x0A is tried as protobuf before its syntax error is reported.
    static func decodeTraces(_ buffer: UnsafeRawBufferPointer, label: String) throws(TraceError) -> JSONValue {
        let looksLikeJSON = buffer.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
        let mayBeProtobuf = buffer.first == 0x0A
        guard looksLikeJSON || mayBeProtobuf else { return try parseJSON(buffer, label: label) }
        if looksLikeJSON {
            do throws(TraceError) {
                return try parseJSON(buffer, label: label)
            } catch {
                guard mayBeProtobuf, let document = try? OTLPProtobuf.traces(buffer) else { throw error }
                return document
            }
        }
        do throws(TraceError) {
            return try OTLPProtobuf.traces(buffer)
        } catch {
            throw TraceError(.file, "\(label): neither OTLP/JSON nor OTLP protobuf: \(error.message)")
        }
    }

    private static func parseJSON(_ buffer: UnsafeRawBufferPointer, label: String) throws(TraceError) -> JSONValue {
        do throws(JSONSyntaxError) {
            return try JSONParser.parse(buffer)
        } catch {
            let located = error.traceError(in: buffer)
            guard case .text(let line, let column) = located.location else {
                throw TraceError(.file, "\(label): \(located.message)")
            }
            throw TraceError(.file, "\(label):\(line):\(column): \(located.message)")
        }
    }

    /// A JSON file's document, syntax errors located as `label:line:column`.
    private static func document(at path: String, label: String) throws(TraceError) -> JSONValue {
        let data = try contents(at: path, label: label)
        return try data.withBytes { (buffer: UnsafeRawBufferPointer) throws(TraceError) -> JSONValue in
            try parseJSON(buffer, label: label)
        }
    }

    /// A file's bytes, gunzipped when they are gzip.
    private static func contents(at path: String, label: String) throws(TraceError) -> TraceData {
        let data: TraceData
        do throws(TraceError) {
            data = try TraceData(contentsOf: path)
        } catch {
            throw TraceError(.file, "\(label): \(error.message)")
        }
        guard data.withBytes(Gzip.isGzip) else { return data }
        do throws(TraceError) {
            let inflated = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in try Gzip.inflate(bytes) }
            guard !inflated.truncated else { throw TraceError(.file, "the gzip stream is cut off") }
            return TraceData(bytes: inflated.bytes)
        } catch {
            throw TraceError(.file, "\(label): \(error.message)")
        }
    }

    // MARK: - Paths

    private enum Kind { case file, directory, other, missing }

    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    private static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }
}
