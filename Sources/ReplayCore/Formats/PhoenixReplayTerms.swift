/// phoenix_replay's default storage: `Storage.File` writes `<id>.etf.gz`, the gzip of
/// `:erlang.term_to_binary/1` of the recording's map (`<id>.etf` without gzip before 0.2):
///
/// ```elixir
/// %{id: "Xq3v…", view: MyApp.CounterLive, url: "http://localhost:4000/counter", params: %{},
///   session: %{}, connected_at: 1700000000000,
///   events: [{0, :mount, %{assigns: %{count: 0}}}, {812, :event, %{name: "inc", params: %{}}},
///            {813, :assigns, %{delta: %{count: 1}}}]}
/// ```
///
/// Each `{offset_ms, type, payload}` tuple is read as the JSON form's record
/// `{"offset", "type", "payload"}` and mapped the same way (``PhoenixReplayFormat``), with
/// the terms written in ``ErlangTermJSON``'s form, so that states, payloads and `meta` show
/// in Elixir as Replayx's do (`%{count: 1}`, `%Shop.Cart{…}`, `~D[2026-01-15]`). `view` is the
/// module's name for `mount` events. Merged assigns keep the order Elixir gives a map of
/// up to 32 atom keys (sorted), so they print as Elixir prints them; `meta` holds the recording's other keys and
/// `"serialization": "etf"`, which is what makes the trace's values Elixir terms.
extension PhoenixReplayFormat {
    /// A map with `:view` and `:events` keys.
    public static func recognizes(term: ErlangTerm) -> Bool {
        guard case .map(let root) = term else { return false }
        return root[.atom("view")] != nil && root[.atom("events")] != nil
    }

    public static func read(term: ErlangTerm) throws(TraceError) -> Trace {
        guard case .map(let root) = term else {
            throw TraceError(.file, "a binary phoenix_replay recording must be a map, found \(term.brief)")
        }
        var meta = JSONObject()
        var view: String?
        var records: [JSONValue]?
        for (key, value) in root {
            guard case .atom(let name) = key else {
                throw TraceError(.file, "a phoenix_replay recording's keys must be atoms, found \(key.brief)")
            }
            if name == "events" {
                guard case .list(let list) = value else {
                    throw TraceError(.file, ":events must be a list, found \(value.brief)")
                }
                records = []
                for (k, record) in list.enumerated() { records?.append(try self.record(record, at: k)) }
                continue
            }
            if name == "view" {
                if case .binary(let bytes) = value { view = String(decoding: bytes, as: UTF8.self) } else { view = value.elixirInspect }
            }
            meta[name] = try json(value, at: name)
        }
        guard let records else {
            throw TraceError(.file, "a binary phoenix_replay recording needs an :events list")
        }
        meta["serialization"] = "etf"
        return try read(records: records, meta: meta, view: view, termOrder: true)
    }

    /// A `{offset, type, payload}` tuple as the JSON form's record.
    private static func record(_ term: ErlangTerm, at k: Int) throws(TraceError) -> JSONValue {
        guard case .tuple(let parts) = term, parts.count == 3 else {
            throw TraceError(.file, "events[\(k)]: a record must be a tuple {offset_ms, type, payload}, found \(term.brief)")
        }
        guard case .atom(let type) = parts[1] else {
            throw TraceError(.file, "events[\(k)]: a record's type must be an atom, found \(parts[1].brief)")
        }
        // Assigns are maps with atom keys; only those merge and replace as the JSON form's objects do.
        if type == "mount" || type == "assigns", case .map(let payload) = parts[2] {
            for (key, assigns) in payload {
                guard case .map(let entries) = assigns else { continue }
                if let other = entries.keys.first(where: { if case .atom = $0 { false } else { true } }) {
                    throw TraceError(.file, "events[\(k)]: the \(type)'s \(key.brief) must be a map with atom keys, found the key \(other.brief)")
                }
            }
        }
        return [
            "offset": try json(parts[0], at: "events[\(k)]: offset"), "type": .string(type),
            "payload": try json(parts[2], at: "events[\(k)]: payload"),
        ]
    }

    private static func json(_ term: ErlangTerm, at place: String) throws(TraceError) -> JSONValue {
        do throws(ErlangTermJSONError) {
            return try ErlangTermJSON.json(term)
        } catch {
            throw TraceError(.file, "\(place): \(error)")
        }
    }
}
