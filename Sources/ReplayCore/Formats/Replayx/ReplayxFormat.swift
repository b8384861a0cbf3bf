/// Reads recordings of Replayx (`SumitPugalia/replayx`), the Elixir GenServer record/replay
/// library, in both forms `Replayx.Trace.write` has (either may be gzipped; the loader undoes it):
///
/// - JSON: `{"events": [...], "metadata": {"elixir", "node", "receiver_node", "crash_reason"?}}`,
///   records `{"type": "message", "seq", "kind", "from", "payload", "from_node"?}` (terms as
///   Base64 `term_to_binary`), `time_monotonic` / `time_system` (`value`), `rand` (`value`),
///   `rand_seed` (`seed`), `send_after` (`ref`, `delay_ms`) and `state_snapshot` (`state`).
/// - binary: `term_to_binary(%{metadata: ..., events: [tuple]})`, usually compressed; the
///   records are the tuples (`{:message, seq, kind, from, payload}`, or a 6-tuple ending in
///   `[from_node: node]`, `{:time_monotonic, t}`, `{:state_snapshot, state}`, …).
///
/// The mapping (``ReplayxTraceBuilder``): each message is an event (kind `call`, `cast` or
/// `info`; name = the payload's atom or its leading atom, `{:withdraw, 50}` is `withdraw`),
/// the records after it are its details, and a snapshot is the state after it. Terms are
/// written in the JSON form of ``ErlangTermJSON``. When `crash_reason` is present and is not a
/// normal stop (`:normal`, `:shutdown`, `{:shutdown, _}`), the last message is the crash and
/// `crash_reason` (Elixir's inspect text) its reason and error; `meta.exit` says `crash` or `normal`,
/// and for a normal stop `meta.stopped` holds the reason's text (``Trace/normalStop``).
public enum ReplayxFormat: ErlangTermTraceFormat {
    public static let name = TraceFormatName.replayx

    /// The record types Replayx writes.
    static let recordTypes: Set<String> = [
        "message", "time_monotonic", "time_system", "rand", "rand_seed", "send_after", "state_snapshot",
    ]

    /// An object with a `metadata` object and an `events` array that is empty or has a record
    /// of a Replayx `type` (so that a recording with one malformed record is still reported
    /// as Replayx, naming that record).
    public static func recognizes(_ document: JSONValue) -> Bool {
        guard let root = document.objectValue, root["metadata"]?.objectValue != nil,
            let records = root["events"]?.arrayValue
        else { return false }
        return records.isEmpty || records.contains { record in
            record["type"]?.stringValue.map(recordTypes.contains) ?? false
        }
    }

    /// A map with an `:events` key and no `:view` (which a phoenix_replay recording has).
    public static func recognizes(term: ErlangTerm) -> Bool {
        guard case .map(let root) = term else { return false }
        return root[.atom("events")] != nil && root[.atom("view")] == nil
    }

    public static func read(_ document: JSONValue) throws(TraceError) -> Trace {
        let root = try RecordingShape.object(document, recording: "a Replayx recording")
        let records = try RecordingShape.events(in: root, recording: "a Replayx recording")
        var meta: JSONObject = [:]
        switch root["metadata"] {
        case nil: break
        case .object(let members)?: meta = members
        case let other?: throw TraceError(.file, "'metadata' must be an object, found \(other.typeName)")
        }
        var builder = ReplayxTraceBuilder()
        for (k, record) in records.enumerated() {
            try builder.add(ReplayxRecord(json: record, at: k), at: k)
        }
        let reason: CrashReason? = switch meta["crash_reason"] {
        case nil, .null?: nil
        case .string(let text)?: .text(text)
        case let other?: throw TraceError(.file, "metadata: 'crash_reason' must be a string, found \(other.typeName)")
        }
        return try trace(builder, meta: meta, reason: reason)
    }

    public static func read(term document: ErlangTerm) throws(TraceError) -> Trace {
        guard case .map(let root) = document else {
            throw TraceError(.file, "a binary Replayx recording must be a map, found \(document.brief)")
        }
        guard let events = root[.atom("events")] else {
            throw TraceError(.file, "a binary Replayx recording needs an :events list")
        }
        guard case .list(let records) = events else {
            throw TraceError(.file, ":events must be a list, found \(events.brief)")
        }
        var meta: JSONObject = [:]
        var reason: CrashReason?
        switch root[.atom("metadata")] {
        case nil: break
        case .map(let entries)?:
            for (key, value) in entries {
                let name: String
                switch key {
                case .atom(let atom): name = atom
                case .binary(let bytes): name = String(decoding: bytes, as: UTF8.self)
                default: throw TraceError(.file, ":metadata keys must be strings or atoms, found \(key.brief)")
                }
                if name == "crash_reason" { reason = .term(value) }
                do throws(ErlangTermJSONError) {
                    meta[name] = try ErlangTermJSON.json(value)
                } catch {
                    throw TraceError(.file, "metadata: \(name): \(error)")
                }
            }
        case let other?: throw TraceError(.file, ":metadata must be a map, found \(other.brief)")
        }
        var builder = ReplayxTraceBuilder()
        for (k, record) in records.enumerated() {
            try builder.add(ReplayxRecord(term: record, at: k), at: k)
        }
        return try trace(builder, meta: meta, reason: reason)
    }

    /// Why the GenServer stopped, as recorded: Elixir's inspect text (what Replayx writes) or a term.
    private enum CrashReason {
        case text(String)
        case term(ErlangTerm)

        /// The reason as Elixir's inspect text; a term is inspected with `options` (the
        /// recording's Elixir version).
        func text(_ options: ElixirInspectOptions) -> String {
            switch self {
            case .text(let text): text
            case .term(.binary(let bytes)): String(decoding: bytes, as: UTF8.self)
            case .term(let term): term.elixirInspect(options)
            }
        }

        /// `:normal`, `:shutdown` and `{:shutdown, _}`: the exits a supervisor takes for a
        /// normal stop.
        var isNormalStop: Bool {
            switch self {
            case .term(.atom("normal")), .term(.atom("shutdown")): return true
            case .term(.tuple(let parts)) where parts.count == 2 && parts[0] == .atom("shutdown"): return true
            case .term(.binary), .text: break
            case .term: return false
            }
            let text = text(.standard).trimmingWhitespace
            return text == ":normal" || text == ":shutdown" || (text.hasPrefix("{:shutdown, ") && text.hasSuffix("}"))
        }
    }

    private static func trace(_ builder: ReplayxTraceBuilder, meta: JSONObject, reason: CrashReason?) throws(TraceError) -> Trace {
        var meta = meta
        if !builder.leadingFacts.isEmpty { meta["before_first_message"] = .object(builder.leadingFacts) }
        var events = builder.events
        var marked: Crash?
        if let reason {
            let normal = reason.isNormalStop
            let text = reason.text(ElixirInspectOptions(charlistSigil: ElixirInspectOptions.writesCharlistSigil(elixirVersion: meta["elixir"]?.stringValue)))
            meta["exit"] = .string(normal ? "normal" : "crash")
            if normal { meta["stopped"] = .string(text.trimmingWhitespace) }
            if !normal, let last = events.indices.last {
                // The crashing message carries the reason as its error, so it shows with it.
                events[last].error = text
                marked = Crash(index: last, reason: text, inferred: false)
            }
        }
        let list = EventList(events)
        let crash = try Crash.locate(in: list, marked: marked)
        return Trace(format: name, meta: meta, initialState: builder.initialState, events: list, crash: crash)
    }

}

extension String {
    /// The text without leading and trailing spaces and line breaks.
    fileprivate var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
