/// Reads recordings of phoenix_replay (`dannote/phoenix_replay`), the Phoenix LiveView session
/// recorder, as its JSON storage writes them (`<id>.json.gz`; the loader undoes the gzip):
///
/// ```json
/// {"id": "Xq3v…", "view": "MyApp.CounterLive", "url": "http://localhost:4000/counter",
///  "params": {}, "session": {}, "connected_at": 1700000000000,
///  "events": [{"offset": 0,   "type": "mount",   "payload": {"assigns": {"count": 0}}},
///             {"offset": 812, "type": "event",   "payload": {"name": "inc", "params": {}}},
///             {"offset": 813, "type": "assigns", "payload": {"delta": {"count": 1}}}]}
/// ```
///
/// The mapping:
/// - Every record but `assigns` is a timeline event: kind = the record's `type` (`mount`,
///   `handle_params`, `event`, `info`, or anything else, kept as written), `t` = `offset`
///   (milliseconds since the LiveView connected), payload = the record's `payload`. The name
///   is the event's `name` for `event`, the recording's `view` for `mount`, and the path of
///   `payload.url` (`/counter?page=2`) for `handle_params`; other kinds have none.
/// - The state is the LiveView's assigns. A first `mount` record's `payload.assigns` is the
///   initial state (the mount event itself then changes nothing, unless assigns records
///   follow it); a later `mount` replaces the assigns, as phoenix_replay's own player does.
///   With no mount first, the assigns start empty (`{}`).
/// - An `assigns` record is the state change of the timeline event before it, so it is not
///   an event of its own: `{"delta": {...}}` is merged *shallowly* (top-level keys replaced,
///   Elixir's `Map.merge/2`; a `null` value sets the key to `null`, since assigns can be `nil`),
///   `{"snapshot": {...}}` replaces the assigns. Several assigns records after one event are
///   combined in order; assigns records before any timeline event change the initial state.
///   An event's change is a `merge` when that is equivalent (deltas whose values are neither
///   `null` nor objects, which RFC 7386 would delete or merge deeply), else a `snapshot` of
///   the assigns after it. The assigns records' own offsets are not kept.
/// - Maps are kept exactly as stored, `__struct__` keys of flattened Elixir structs included.
/// - The recording's other members (`id`, `view`, `url`, `params`, `session`,
///   `connected_at`, …) are the trace's `meta`. phoenix_replay records no errors: a trace
///   has a crash only if a record's type is `crash`.
///
/// A malformed record is reported as `events[k]: …`, naming the record's position in the
/// file (records and trace events are not numbered alike, as assigns records are folded in).
public enum PhoenixReplayFormat: ErlangTermTraceFormat {
    public static let name = TraceFormatName.phoenixReplay

    /// An object with a `view` and an `events` array whose records all have `type` and `offset`.
    public static func recognizes(_ document: JSONValue) -> Bool {
        guard let root = document.objectValue, root["view"] != nil,
            let records = root["events"]?.arrayValue
        else { return false }
        return records.allSatisfy { record in
            guard let fields = record.objectValue else { return false }
            return fields["type"] != nil && fields["offset"] != nil
        }
    }

    public static func read(_ document: JSONValue) throws(TraceError) -> Trace {
        let root = try RecordingShape.object(document, recording: "a phoenix_replay recording")
        let records = try RecordingShape.events(in: root, recording: "a phoenix_replay recording")
        var meta = root
        meta.removeValue(forKey: "events")
        return try read(records: records, meta: meta, view: root["view"]?.stringValue)
    }

    /// The records (in the JSON form's shape) mapped onto a trace, as documented above;
    /// `view` is the name of `mount` events. `termOrder` keeps merged assigns in the order
    /// Elixir keeps a map of atom keys (see ``PhoenixReplayFormat/elixirOrder(_:)``).
    static func read(records: [JSONValue], meta: JSONObject, view: String?, termOrder: Bool = false) throws(TraceError) -> Trace {

        var assigns: JSONObject = [:]
        var initialState: JSONObject?
        var events: [Event] = []
        var change = Change.none

        /// Gives the last timeline event the change gathered since it (before the first
        /// event, the change is part of the initial state).
        func finishEvent() {
            if let last = events.indices.last { events[last].effect = change.effect(after: assigns) }
            change = .none
        }

        for (k, record) in records.enumerated() {
            guard let fields = record.objectValue else {
                throw TraceError(.file, "events[\(k)]: a record must be an object, found \(record.typeName)")
            }
            guard let typeValue = fields["type"] else {
                throw TraceError(.file, "events[\(k)]: the record has no 'type'")
            }
            guard let type = typeValue.stringValue else {
                throw TraceError(.file, "events[\(k)]: 'type' must be a string, found \(typeValue.typeName)")
            }
            guard let offsetValue = fields["offset"] else {
                throw TraceError(.file, "events[\(k)]: the \(type) record has no 'offset'")
            }
            guard let offset = offsetValue.numberValue else {
                throw TraceError(.file, "events[\(k)]: 'offset' must be a number, found \(offsetValue.typeName)")
            }
            let payload = fields["payload"]
            if let payload, payload != .null, payload.objectValue == nil {
                throw TraceError(.file, "events[\(k)]: 'payload' must be an object, found \(payload.typeName)")
            }

            if type == "assigns" {
                let (key, value) = try assignsChange(payload, record: k)
                if key == "delta" {
                    for (name, member) in value { assigns[name] = member }
                    change.add(delta: value)
                    if termOrder, let ordered = elixirOrder(assigns) {
                        // A merge would leave the new keys last: only a snapshot has them in place.
                        assigns = ordered
                        change = .snapshot
                    }
                } else {
                    assigns = value
                    change = .snapshot
                }
                continue
            }

            // A timeline record: the event before it is complete.
            finishEvent()
            if type == "mount" {
                assigns = try mountAssigns(payload, record: k)
                // The first event's mount is the initial state; a later one is a change.
                if !events.isEmpty { change = .snapshot }
            }
            if initialState == nil { initialState = assigns }
            events.append(Event(
                index: events.count, t: offset, kind: type, name: eventName(type, payload: payload, view: view),
                payload: payload, extra: Event.extra(from: fields, mapped: ["offset", "type", "payload"])))
        }
        finishEvent()

        let list = EventList(events)
        let crash = try Crash.locate(in: list, marked: nil)
        return Trace(
            format: name, meta: meta, initialState: .object(initialState ?? assigns), events: list, crash: crash)
    }

    /// `assigns` in the order Elixir keeps a map of at most 32 atom keys (sorted, as
    /// `Map.merge/2` leaves it and `inspect` prints it), or nil when that is their order
    /// already or the map is larger (its order is then the VM's hash order, which a file
    /// does not give).
    static func elixirOrder(_ assigns: JSONObject) -> JSONObject? {
        guard assigns.count <= 32 else { return nil }
        let sorted = assigns.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        guard sorted != Array(assigns.keys) else { return nil }
        return JSONObject(uniqueKeysWithValues: sorted.map { ($0, assigns[$0] ?? .null) })
    }

    /// The name shown for a timeline record.
    private static func eventName(_ type: String, payload: JSONValue?, view: String?) -> String? {
        switch type {
        case "event": payload?["name"]?.stringValue
        case "mount": view
        case "handle_params": payload?["url"]?.stringValue.map(urlPath)
        default: nil
        }
    }

    /// The path and query of a URL (`http://host:4000/a?b=1` gives `/a?b=1`); the text as
    /// it is when it has no scheme and host.
    static func urlPath(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let afterHost = url[schemeEnd.upperBound...]
        guard let slash = afterHost.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return "/" }
        let rest = afterHost[slash...]
        return rest.first == "/" ? String(rest) : "/" + rest
    }

    /// The assigns a `mount` record sets.
    private static func mountAssigns(_ payload: JSONValue?, record k: Int) throws(TraceError) -> JSONObject {
        guard let value = payload?["assigns"] else {
            throw TraceError(.file, "events[\(k)]: the mount record has no 'payload.assigns'")
        }
        guard let assigns = value.objectValue else {
            throw TraceError(.file, "events[\(k)]: the mount's 'assigns' must be an object, found \(value.typeName)")
        }
        return assigns
    }

    /// The `delta` or `snapshot` of an `assigns` record.
    private static func assignsChange(_ payload: JSONValue?, record k: Int) throws(TraceError) -> (String, JSONObject) {
        let delta = payload?["delta"]
        let snapshot = payload?["snapshot"]
        let key: String
        let value: JSONValue
        switch (delta, snapshot) {
        case (let delta?, nil):
            (key, value) = ("delta", delta)
        case (nil, let snapshot?):
            (key, value) = ("snapshot", snapshot)
        case (.some, .some):
            throw TraceError(.file, "events[\(k)]: the assigns record has both 'delta' and 'snapshot'")
        case (nil, nil):
            throw TraceError(.file, "events[\(k)]: the assigns record has neither 'delta' nor 'snapshot'")
        }
        guard let members = value.objectValue else {
            throw TraceError(.file, "events[\(k)]: the assigns '\(key)' must be an object, found \(value.typeName)")
        }
        return (key, members)
    }

    /// The state change gathered for one timeline event from the assigns records after it.
    private enum Change {
        case none
        /// Deltas so far, combined, all expressible as an RFC 7386 merge.
        case merge(JSONObject)
        /// Some change only a full snapshot expresses.
        case snapshot

        mutating func add(delta: JSONObject) {
            // A shallow merge equals RFC 7386 when no value is null (7386 deletes the key)
            // or an object (7386 merges it into the old value instead of replacing it).
            let mergeable = delta.values.allSatisfy { $0 != .null && $0.objectValue == nil }
            switch self {
            case .none where mergeable:
                self = .merge(delta)
            case .merge(var combined) where mergeable:
                for (name, value) in delta { combined[name] = value }
                self = .merge(combined)
            default:
                self = .snapshot
            }
        }

        func effect(after assigns: JSONObject) -> EventEffect {
            switch self {
            case .none: .none
            case .merge(let delta): .merge(.object(delta))
            case .snapshot: .snapshot(.object(assigns))
            }
        }
    }
}
