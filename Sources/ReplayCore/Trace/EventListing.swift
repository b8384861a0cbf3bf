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

/// Room a native store reuses from one `events --json` line to the next
/// (``NativeEventIndex/appendFastListingLine(_:to:scratch:)``).
struct ListingScratch {
    /// The event's fields and unknown members, by their ranges in the file.
    var fields: [(field: NativeEventField, value: Range<Int>)] = []
    var extra: [(key: Range<Int>, value: Range<Int>)] = []
    /// The containers open in a value being copied, and the member names seen in them.
    var containers: [(isObject: Bool, firstName: Int)] = []
    var names: [Range<Int>] = []
}
