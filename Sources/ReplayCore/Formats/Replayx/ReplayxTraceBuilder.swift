/// Maps the records of a Replayx recording, in order, onto trace events: each `message` is an
/// event; the facts after it (times, random numbers, seeds, timers) are its details; a
/// `state_snapshot` is the state after it. Records before the first message belong to a
/// message the ring buffer dropped: a snapshot there is the initial state, other facts are
/// kept in `meta.before_first_message`.
struct ReplayxTraceBuilder {
    private(set) var events: [Event] = []
    private(set) var initialState: JSONValue = .null
    /// The facts before the first message, by type.
    private(set) var leadingFacts: JSONObject = [:]

    /// Adds record `k`.
    mutating func add(_ record: ReplayxRecord, at k: Int) throws(TraceError) {
        switch record {
        case .message(let message):
            events.append(try Self.event(message, index: events.count, at: k))
        case .snapshot(let state):
            let json = try Self.json(state, field: "state", at: k)
            if let last = events.indices.last {
                events[last].effect = .snapshot(json)
            } else {
                initialState = json
            }
        case .fact(let type, let value):
            let json = try Self.json(value, field: type, at: k)
            if let last = events.indices.last {
                Self.append(json, to: &events[last].extra, as: type)
            } else {
                Self.append(json, to: &leadingFacts, as: type)
            }
        }
    }

    /// The event for a message: kind, name (the payload's atom, or its leading atom when it is
    /// a tuple), `seq`, the payload, and the caller and its node among the details; the
    /// node the message came from is also its lane.
    private static func event(_ message: ReplayxMessage, index: Int, at k: Int) throws(TraceError) -> Event {
        var extra: JSONObject = ["from": try json(message.from, field: "from", at: k)]
        if let node = message.fromNode { extra["from_node"] = .string(node) }
        return Event(
            index: index, seq: try json(.integer(message.seq), field: "seq", at: k), kind: message.kind,
            name: name(of: message.payload), payload: try json(message.payload, field: "payload", at: k), lane: message.fromNode,
            extra: extra)
    }

    /// `withdraw` for `:withdraw` and `{:withdraw, 50}`; nil for other payloads.
    static func name(of payload: ErlangTerm) -> String? {
        let atom: String? = switch payload {
        case .atom(let name): name
        case .tuple(let parts): if case .atom(let name)? = parts.first { name } else { nil }
        default: nil
        }
        return atom.map { ElixirAtom.literal($0).droppingColon }
    }

    /// Facts of one type gather in an array, in recorded order.
    private static func append(_ value: JSONValue, to object: inout JSONObject, as type: String) {
        var values = object[type]?.arrayValue ?? []
        values.append(value)
        object[type] = .array(values)
    }

    private static func json(_ term: ErlangTerm, field: String, at k: Int) throws(TraceError) -> JSONValue {
        do throws(ErlangTermJSONError) {
            return try ErlangTermJSON.json(term)
        } catch {
            throw TraceError(.file, "events[\(k)]: \(field): \(error)")
        }
    }
}

extension String {
    /// The text without a leading `:` (an atom's literal as a name: `:ok` gives `ok`).
    fileprivate var droppingColon: String { hasPrefix(":") ? String(dropFirst()) : self }
}
