/// A loaded recording: where it came from, its initial state, its events and its crash.
///
/// A `Trace` is immutable and safe to share; replaying it is the ``Replayer``'s job.
public final class Trace: Sendable {
    /// The format it was read from, e.g. `replay-trace`.
    public let format: TraceFormatName
    /// The recording's metadata (`meta` in the native format), in recorded order.
    public let meta: JSONObject
    /// The state before any event.
    public let initialState: JSONValue
    public let events: any EventStore
    /// The crashing event, if the recording has one.
    public let crash: Crash?
    /// Problems that did not stop the trace from loading (a recording cut off mid-write),
    /// located like errors so that they print the same way.
    public let warnings: [TraceError]

    public init(
        format: TraceFormatName, meta: JSONObject, initialState: JSONValue, events: any EventStore,
        crash: Crash?, warnings: [TraceError] = []
    ) {
        self.format = format
        self.meta = meta
        self.initialState = initialState
        self.events = events
        self.crash = crash
        self.warnings = warnings
    }

    /// The number of events; positions run from 0 (start) to `count` (all applied).
    public var count: Int { events.count }

    /// The format a native trace was converted from, as `convert` records it in
    /// `meta.converted_from`; nil when it names no known format.
    public var convertedFrom: TraceFormatName? {
        meta["converted_from"]?.stringValue.flatMap(TraceFormatName.init(rawValue:))
    }

    /// How the recorded process stopped when it stopped without crashing, as Elixir inspects
    /// the reason (`:normal`, `{:shutdown, :idle_timeout}`): `meta.stopped`, which the
    /// Replayx importer sets from a normal or shutdown `crash_reason`. Nil otherwise.
    public var normalStop: String? {
        meta["stopped"]?.stringValue
    }
}

/// The event a recording crashed on.
public struct Crash: Equatable, Sendable {
    /// The crashing event's index.
    public var index: Int
    /// Why it crashed, as recorded.
    public var reason: String?
    /// True when no explicit marker named it and it was inferred as the first error event.
    public var inferred: Bool

    public init(index: Int, reason: String?, inferred: Bool) {
        self.index = index
        self.reason = reason
        self.inferred = inferred
    }

    /// Finds the crash by the rule every format shares: the first event of kind `crash`;
    /// else the event the recording's own marker names (`marked`); else the first event
    /// carrying an error, reported as inferred; else none.
    public static func locate(in events: any EventStore, marked: Crash?) throws(TraceError) -> Crash? {
        if let marked, events.firstIndex(ofKind: "crash") == nil, marked.index >= events.count {
            throw TraceError(.file, "the crash marker names event #\(marked.index), but the trace has \(events.count) events")
        }
        if let crash = try declared(in: events, marked: marked) { return crash }
        guard let index = events.firstErrorIndex() else { return nil }
        return Crash(index: index, reason: try events.event(index).error, inferred: true)
    }

    /// The crash among the first events of a trace still being read that the rest cannot
    /// move: a `crash` event, or the marker's event once it is among them. A crash inferred
    /// from the first error must wait for the whole trace, which may hold a `crash` event.
    static func declared(in events: any EventStore, marked: Crash?) throws(TraceError) -> Crash? {
        if let index = events.firstIndex(ofKind: "crash") {
            let event = try events.event(index)
            return Crash(index: index, reason: event.error ?? marked?.reason ?? event.name, inferred: false)
        }
        guard let marked, marked.index < events.count else { return nil }
        var reason = marked.reason
        if reason == nil { reason = try events.event(marked.index).error }
        return Crash(index: marked.index, reason: reason, inferred: false)
    }
}
