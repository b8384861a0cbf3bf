import ReplayCore
import Synchronization

/// Records a Swift program's run as a native replay-trace in NDJSON, which replay-tui opens:
/// the state it started with, then one line an event with what the event changed.
///
/// ```swift
/// let recorder = try TraceRecorder(path: "run.ndjson", initialState: bank, meta: ["title": "bank"])
/// try recorder.record(kind: "call", name: "withdraw", payload: ["amount": 50], state: bank)
/// try recorder.crash(reason: "overdrawn")
/// ```
///
/// Each `record` encodes the new state (any `Encodable`, or a ``JSONValue``; see
/// docs/recorder.md for what a Codable value looks like in the trace), diffs it against the
/// previous one with ``StateDiff`` and writes the change as a JSON Patch, or the whole state
/// when that is shorter; an event that changed nothing carries no change. `t` is the time
/// since the recorder was made, in milliseconds, from a monotonic clock.
///
/// **Nothing recorded is lost when the program dies.** There is no buffer: each event is
/// one `write(2)` of a whole line (retried only if the kernel writes part of it), so once
/// `record` returns the event is in the file whatever happens to the process next — a
/// crash, a fatal signal or SIGKILL. `crash(reason:)` also asks the system to put the file on
/// disk (`fsync`). A file cut short by the machine going down still opens: replay-tui reads
/// every whole line before the cut (docs/reliability.md).
///
/// **Thread-safe, with a lock.** A recorder is `Sendable`; calls from any thread, task or
/// actor take a `Mutex` for the diff and the write, so events appear one whole line at a
/// time, in the order they took the lock, with `t` never decreasing. Encoding the state and
/// the payload happens before, outside the lock.
///
/// **Cheap when off.** ``off`` (or a `nil` path) records nothing: every call returns at once,
/// without encoding anything.
public final class TraceRecorder: Sendable {
    /// Where events go; nil when the recorder is off.
    private let file: TraceFile?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let recording: Mutex<Recording>

    /// What the lock guards: the state the last event written left.
    private struct Recording {
        /// The recorder's own copy, changed in place by each event's changes: it shares no
        /// storage with the program's state, so neither the program's next change to its
        /// state copies it nor the recorder frees a whole old state at each event.
        var state: JSONValue

        /// Applies `changes`, which lead from `state` to `new`.
        mutating func follow(_ changes: [StateChange], to new: JSONValue) {
            do {
                try JSONPatch.apply(changes.map(\.patchOperation), to: &state)
            } catch {
                state = new  // StateDiff's changes always apply to the state they came from
            }
        }
    }

    /// A recorder that records nothing.
    public static let off = TraceRecorder()

    /// Whether events are being written (false for ``off``).
    public var isOn: Bool { file != nil }

    private init() {
        file = nil
        start = clock.now
        recording = Mutex(Recording(state: .null))
    }

    /// Creates (or empties) the trace at `path` and writes its first line: the format,
    /// `meta` (with `"source": "ReplayRecorder"` unless it names a source) and the initial
    /// state. A `nil` path makes a recorder that is off. `meta` is free-form (replay-tui shows
    /// its `title` and `source`).
    public convenience init(path: String?, initialState: some Encodable, meta: KeyValuePairs<String, JSONValue> = [:]) throws(TraceRecorderError) {
        guard let path else {
            self.init()
            return
        }
        let state = try Self.encode(initialState, what: "the initial state", path: path)
        try self.init(path: path, initialJSON: state, meta: meta)
    }

    private init(path: String, initialJSON: JSONValue, meta pairs: KeyValuePairs<String, JSONValue>) throws(TraceRecorderError) {
        var meta = JSONObject(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        if meta["source"] == nil { meta["source"] = "ReplayRecorder" }
        let header: JSONObject = [
            "format": "replay-trace",
            "version": 1,
            "meta": .object(meta),
            "initial_state": initialJSON,
        ]
        let file = try TraceFile(creating: path)
        try file.append(Array((JSONWriter.text(.object(header), style: .compact) + "\n").utf8))
        self.file = file
        start = clock.now
        recording = Mutex(Recording(state: initialJSON))
    }

    /// Records an event: what happened (`kind`, such as `call`, `cast` or `info`, and a
    /// `name`), its data (`payload`), and the state after it. Leave `state` out when the
    /// event changed nothing.
    public func record(kind: String, name: String? = nil, payload: (some Encodable)? = Never?.none, state: (some Encodable)? = Never?.none) throws(TraceRecorderError) {
        try write(kind: kind, name: name, error: nil, payload: payload, state: state, sync: false)
    }

    /// Records an event that failed with `message` (an *error event*: replay-tui lists it
    /// with the errors, and takes the first one for the crash when there is none).
    public func error(_ message: String, kind: String, name: String? = nil, payload: (some Encodable)? = Never?.none, state: (some Encodable)? = Never?.none) throws(TraceRecorderError) {
        try write(kind: kind, name: name, error: message, payload: payload, state: state, sync: false)
    }

    /// Records the crash, an event of kind `crash` whose error is `reason` (the exception
    /// line and, on the lines after it, the stack, if there is one), and puts the file on
    /// disk. replay-tui stops on it.
    public func crash(reason: String, name: String? = nil, payload: (some Encodable)? = Never?.none, state: (some Encodable)? = Never?.none) throws(TraceRecorderError) {
        try write(kind: "crash", name: name, error: reason, payload: payload, state: state, sync: true)
    }

    private func write(kind: String, name: String?, error: String?, payload: (some Encodable)?, state: (some Encodable)?, sync: Bool) throws(TraceRecorderError) {
        guard let file else { return }
        let event = { [kind, name].compactMap { $0 }.joined(separator: " ") }
        let payloadJSON = try payload.map { value throws(TraceRecorderError) in try Self.encode(value, what: "the payload of \(event())", path: file.path) }
        let stateJSON = try state.map { value throws(TraceRecorderError) in try Self.encode(value, what: "the state after \(event())", path: file.path) }
        try recording.withLock { (recording: inout Recording) throws(TraceRecorderError) in
            var line = EventLine(t: clock.now - start, kind: kind, name: name, payload: payloadJSON, error: error)
            let changes = stateJSON.map { StateDiff.changes(from: recording.state, to: $0) } ?? []
            if let stateJSON, !changes.isEmpty { line.change = .changes(changes, to: stateJSON) }
            try file.append(line.bytes)
            // Only a written event moves the state the next patch is taken from.
            if let stateJSON, !changes.isEmpty { recording.follow(changes, to: stateJSON) }
            if sync { try file.sync() }
        }
    }

    /// `value` as JSON, or an error naming what it is and where in it the problem is.
    private static func encode(_ value: some Encodable, what: @autoclosure () -> String, path: String) throws(TraceRecorderError) -> JSONValue {
        do {
            return try ValueEncoder.encode(value)
        } catch let error as EncodingError {
            throw TraceRecorderError(path: path, message: "\(what()) cannot be written as JSON: \(error.located)")
        } catch {
            throw TraceRecorderError(path: path, message: "\(what()) cannot be written as JSON: \(error)")
        }
    }
}

/// A recording that could not be written: the trace's path and what went wrong.
public struct TraceRecorderError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, as replay-tui's own errors read.
    public var description: String { "\(path): \(message)" }
}

extension EncodingError {
    /// The message with the JSON Pointer of the value it is about: `/accounts/0/rate:
    /// Double nan has no JSON form`.
    var located: String {
        guard case .invalidValue(_, let context) = self else { return "\(self)" }
        let pointer = JSONPointer(tokens: context.codingPath.map(\.stringValue))
        return "\(pointer.shown): \(context.debugDescription)"
    }
}
