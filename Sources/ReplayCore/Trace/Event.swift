import OrderedCollections

/// One recorded event, fully parsed.
///
/// Every field but ``kind`` is optional in a recording. Fields the format does not know are
/// kept in ``extra`` and shown, never dropped.
public struct Event: Equatable, Sendable {
    /// The event's 0-based position in the trace: outputs name it `#index`.
    public var index: Int
    /// The recorder's own sequence number, as written.
    public var seq: JSONValue?
    /// Milliseconds from the start of the recording, as written.
    public var t: JSONNumber?
    public var kind: String
    public var name: String?
    public var payload: JSONValue?
    /// The error the event carries; an event with one is an error event.
    public var error: String?
    /// Where in a distributed run it happened: the service of a span, the node a Replayx
    /// message came from, a native event's `lane`; nil when the recording does not say.
    public var lane: String?
    /// How the event changes the state.
    public var effect: EventEffect
    /// Fields the format does not define, in recorded order.
    public var extra: JSONObject

    public init(
        index: Int, seq: JSONValue? = nil, t: JSONNumber? = nil, kind: String, name: String? = nil,
        payload: JSONValue? = nil, error: String? = nil, lane: String? = nil, effect: EventEffect = .none,
        extra: JSONObject = [:]
    ) {
        self.index = index
        self.seq = seq
        self.t = t
        self.kind = kind
        self.name = name
        self.payload = payload
        self.error = error
        self.lane = lane
        self.effect = effect
        self.extra = extra
    }

    /// The cheap facts about this event that the trace index keeps for every event.
    public var summary: EventSummary {
        EventSummary(kind: kind, name: name, t: t?.doubleValue, hasError: error != nil, effect: effect.kind, lane: lane)
    }

    /// Applies this event's change to `state` (the state before the event). On failure the
    /// state is left as it was and the error names this event.
    public func apply(to state: inout JSONValue) throws(TraceError) {
        try effect.apply(to: &state, event: index)
    }
}

/// How an event changes the state: by exactly one of these.
public enum EventEffect: Equatable, Sendable {
    /// The event did not change the state.
    case none
    /// The full state after the event (`state`).
    case snapshot(JSONValue)
    /// RFC 6902 operations applied to the state before the event (`patch`).
    case patch([PatchOperation])
    /// An RFC 7386 merge patch applied to the state before the event (`merge`).
    case merge(JSONValue)

    /// Applies the change to `state` (the state before event `#event`). On failure the state
    /// is left as it was and the error names the event.
    public func apply(to state: inout JSONValue, event: Int) throws(TraceError) {
        switch self {
        case .none:
            break
        case .snapshot(let after):
            state = after
        case .patch(let operations):
            do throws(PatchFailure) {
                try JSONPatch.apply(operations, to: &state)
            } catch {
                throw TraceError(.event(event), error.description)
            }
        case .merge(let patch):
            MergePatch.apply(patch, to: &state)
        }
    }

    /// Which kind of change this is, without its data.
    public var kind: EffectKind {
        switch self {
        case .none: .none
        case .snapshot: .snapshot
        case .patch: .patch
        case .merge: .merge
        }
    }
}

/// The kind of an ``EventEffect``, small enough to keep for every event of a large trace.
public enum EffectKind: UInt8, Sendable {
    case none, snapshot, patch, merge
}

/// What the trace index knows about an event without parsing it.
public struct EventSummary: Equatable, Sendable {
    public var kind: String
    public var name: String?
    /// `t` as a double, for timing; the exact literal is in the parsed ``Event``.
    public var t: Double?
    public var hasError: Bool
    public var effect: EffectKind
    public var lane: String?

    public init(kind: String, name: String?, t: Double?, hasError: Bool, effect: EffectKind, lane: String? = nil) {
        self.kind = kind
        self.name = name
        self.t = t
        self.hasError = hasError
        self.effect = effect
        self.lane = lane
    }
}

/// The events of a trace: a count, a cheap summary of each, and the full event on demand.
///
/// Importers that read a whole recording into memory use ``EventList``; the native format
/// keeps only an index of where each event's bytes are and parses an event when asked.
public protocol EventStore: Sendable {
    var count: Int { get }
    func summary(_ index: Int) -> EventSummary
    func event(_ index: Int) throws(TraceError) -> Event
    /// Just the event's change: what replay needs, which a store may read more cheaply
    /// than the whole event.
    func effect(_ index: Int) throws(TraceError) -> EventEffect
    /// The changes of the events in `range`, each read as far as it can be without the state
    /// it applies to; any thread may ask. At an event whose change does not read: the changes
    /// before it, and its error. A store that keeps the events' bytes may leave simple
    /// changes to be applied straight from them.
    func prepareEffects(_ range: Range<Int>) -> ReadAhead.Made<[PreparedEffect]>
    /// Applies the prepared changes of the events from `start` on to `state` in order, as
    /// applying their `effect(_:)` would, calling `body` after each with the event's index
    /// and the state after it. On an error, `state` is the state before the event that
    /// failed, and the error names the event.
    func apply(
        _ prepared: [PreparedEffect], from start: Int, to state: inout JSONValue, after body: (Int, JSONValue) -> Void
    ) throws(TraceError)
    /// Appends the `events --json` lines of the events in `range` that `selected` keeps,
    /// each ``Event/listingJSON`` as compact JSON and a newline, which a store that keeps the
    /// events' bytes may write straight from them. On an event that fails to parse, the
    /// lines before it are appended and its error thrown.
    func appendListingLines(_ range: Range<Int>, where selected: (Int) -> Bool, to lines: inout [UInt8]) throws(TraceError)
    /// The kinds and the names (events without one left out) of the events in `range`, each
    /// once, in no particular order: what a table sizes its columns by.
    func kindsAndNames(in range: Range<Int>) -> (kinds: [String], names: [String])
    /// The kinds of change of the events in `range`, in one call, without making their
    /// summaries' strings: what the density strip weighs a large trace's events by.
    func effectKinds(in range: Range<Int>) -> [EffectKind]
    /// The first event of kind `kind`, if any.
    func firstIndex(ofKind kind: String) -> Int?
    /// The first event that carries an error, if any.
    func firstErrorIndex() -> Int?
    /// The last event in `range` whose change is of kind `effect`, if any: replay looks for
    /// the last full-state snapshot before a position, which makes the events before it moot.
    func lastIndex(withEffect effect: EffectKind, in range: Range<Int>) -> Int?
    /// Facts about all the events: errors, duration, counts by kind.
    func overview() -> TraceOverview
    /// The events in `range` that a search may match, ascending: those whose raw bytes pass
    /// `prefilter`, a superset of the matches; every one for a store that keeps no bytes.
    func candidates(for prefilter: SearchPrefilter, in range: Range<Int>) -> [Int]
}

/// Answers from the summaries; a store with an index of its own may answer faster.
extension EventStore {
    public func effect(_ index: Int) throws(TraceError) -> EventEffect {
        try event(index).effect
    }

    public func prepareEffects(_ range: Range<Int>) -> ReadAhead.Made<[PreparedEffect]> {
        PreparedEffect.reading(range) { (index: Int) throws(TraceError) in PreparedEffect(.effect(try effect(index))) }
    }

    public func apply(
        _ prepared: [PreparedEffect], from start: Int, to state: inout JSONValue, after body: (Int, JSONValue) -> Void
    ) throws(TraceError) {
        for (offset, prepared) in prepared.enumerated() {
            let index = start + offset
            // Only the native store makes other forms; any other reads such an event whole.
            let effect = if case .effect(let effect) = prepared.form { effect } else { try effect(index) }
            try effect.apply(to: &state, event: index)
            body(index, state)
        }
    }

    public func appendListingLines(_ range: Range<Int>, where selected: (Int) -> Bool, to lines: inout [UInt8]) throws(TraceError) {
        for index in range where selected(index) {
            lines.append(contentsOf: try event(index).listingJSON.jsonText(.compact).utf8)
            lines.append(UInt8(ascii: "\n"))
        }
    }

    public func kindsAndNames(in range: Range<Int>) -> (kinds: [String], names: [String]) {
        var kinds: Set<String> = []
        var names: Set<String> = []
        for index in range {
            let summary = summary(index)
            kinds.insert(summary.kind)
            if let name = summary.name { names.insert(name) }
        }
        return (Array(kinds), Array(names))
    }

    public func effectKinds(in range: Range<Int>) -> [EffectKind] {
        range.map { summary($0).effect }
    }

    public func firstIndex(ofKind kind: String) -> Int? {
        (0..<count).first { summary($0).kind == kind }
    }

    public func lastIndex(withEffect effect: EffectKind, in range: Range<Int>) -> Int? {
        range.last { summary($0).effect == effect }
    }

    public func firstErrorIndex() -> Int? {
        (0..<count).first { summary($0).hasError }
    }

    public func overview() -> TraceOverview {
        TraceOverview(summarizing: self)
    }

    public func candidates(for prefilter: SearchPrefilter, in range: Range<Int>) -> [Int] {
        Array(range)
    }
}

/// An ``EventStore`` over events already in memory.
public struct EventList: EventStore {
    public var events: [Event]

    public init(_ events: [Event]) {
        self.events = events
    }

    public var count: Int { events.count }
    public func summary(_ index: Int) -> EventSummary { events[index].summary }
    public func event(_ index: Int) throws(TraceError) -> Event { events[index] }
}
