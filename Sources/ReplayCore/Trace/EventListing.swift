extension Event {
    /// The event as an `events --json` line: index, seq, t, kind, name, lane, payload and
    /// error in that order (null when absent), then unknown fields under `extra`.
    public var listingJSON: JSONValue {
        var object: JSONObject = [
            "index": JSONValue(integerLiteral: index),
            "seq": seq ?? .null,
            "t": t.map(JSONValue.number) ?? .null,
            "kind": .string(kind),
            "name": name.map(JSONValue.string) ?? .null,
            "lane": lane.map(JSONValue.string) ?? .null,
            "payload": payload ?? .null,
            "error": error.map(JSONValue.string) ?? .null,
        ]
        if !extra.isEmpty { object["extra"] = .object(extra) }
        return .object(object)
    }
}
