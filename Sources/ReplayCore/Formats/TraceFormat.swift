/// A recorder's file format that the loader recognises by content and imports as a
/// ``Trace``. The native format has its own streaming reader (``NativeFormat``); the others
/// are recordings of modest size, read from their parsed JSON document. The importers are
/// metatypes shared by every thread (``TraceFormats/all``), hence `SendableMetatype`.
public protocol TraceFormat: SendableMetatype {
    /// The name `info` reports and `--format` takes, e.g. `phoenix-replay`.
    static var name: TraceFormatName { get }
    /// True when `document` looks like this format. Checked in ``TraceFormats/all`` order,
    /// so a test should be specific to the format's own keys.
    static func recognizes(_ document: JSONValue) -> Bool
    /// The recording mapped onto a trace: events, initial state, state changes, crash.
    static func read(_ document: JSONValue) throws(TraceError) -> Trace
}

/// A format whose files may also be Erlang terms (`term_to_binary`), not JSON. The loader
/// decodes bytes that start with the External Term Format's version byte once, and reads the
/// term with the first of these formats whose shape it has.
public protocol ErlangTermTraceFormat: TraceFormat {
    /// True when `term` has this format's shape (the keys of its top-level map).
    static func recognizes(term: ErlangTerm) -> Bool
    /// The recording in `term` mapped onto a trace.
    static func read(term: ErlangTerm) throws(TraceError) -> Trace
}

/// A format written as JSON lines, one document a line, which no reader of one JSON document
/// reads: the loader offers the bytes to it before the native reader, whose NDJSON it would
/// otherwise be taken for.
public protocol JSONLinesTraceFormat: SendableMetatype {
    /// The name `info` reports and `--format` takes, e.g. `otlp-jsonl`.
    static var name: TraceFormatName { get }
    /// True when `bytes` (already inflated from gzip) are this format's lines.
    static func recognizes(lines bytes: UnsafeRawBufferPointer) -> Bool
    /// True when `line`, a file's first line, starts this format's lines (a file being
    /// followed may hold only its first line yet).
    static func recognizes(firstLine line: JSONValue) -> Bool
    /// The lines mapped onto a trace.
    static func read(lines bytes: UnsafeRawBufferPointer) throws(TraceError) -> Trace
}

/// The formats the loader knows besides the native one, in detection order.
public enum TraceFormats {
    public static let all: [any TraceFormat.Type] = [
        PhoenixReplayFormat.self, VictauriFormat.self, ReduxDevToolsFormat.self, OTLPFormat.self, JaegerFormat.self, ZipkinFormat.self,
        ReplayxFormat.self,
    ]

    /// The formats written as JSON lines, offered the bytes before the native reader.
    public static let jsonLines: [any JSONLinesTraceFormat.Type] = [OTLPJSONLinesFormat.self]

    /// The formats of ``all`` that have an Erlang term form, in detection order.
    static var erlangTerms: [any ErlangTermTraceFormat.Type] { all.compactMap { $0 as? any ErlangTermTraceFormat.Type } }

    /// The importer of the format called `name`, or nil for the native format and the JSON
    /// lines formats.
    static func named(_ name: TraceFormatName) -> (any TraceFormat.Type)? {
        all.first { $0.name == name }
    }

    /// The JSON lines format called `name`, if it is one.
    static func jsonLines(named name: TraceFormatName) -> (any JSONLinesTraceFormat.Type)? {
        jsonLines.first { $0.name == name }
    }
}

/// The shape most recordings share: a top-level object holding an `events` array of records.
/// `recording` names the file in errors, e.g. "a Victauri session".
enum RecordingShape {
    static func object(_ document: JSONValue, recording: String) throws(TraceError) -> JSONObject {
        guard let root = document.objectValue else {
            throw TraceError(.file, "\(recording) must be an object, found \(document.typeName)")
        }
        return root
    }

    static func events(in root: JSONObject, recording: String) throws(TraceError) -> [JSONValue] {
        guard let recordsValue = root["events"] else {
            throw TraceError(.file, "\(recording) needs an 'events' array")
        }
        guard let records = recordsValue.arrayValue else {
            throw TraceError(.file, "'events' must be an array, found \(recordsValue.typeName)")
        }
        return records
    }
}
