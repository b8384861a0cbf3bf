import ReplayCore

/// One event of the trace as its NDJSON line: `{"t":…,"kind":…,"name":…,"payload":…,
/// "error":…,"patch"|"state":…}` and a newline, members left out when they are absent.
struct EventLine {
    var t: Duration
    var kind: String
    var name: String?
    var payload: JSONValue?
    var error: String?
    var change: Change = .none

    /// What the event did to the state.
    enum Change {
        case none
        /// The compact text of a JSON Patch.
        case patch(String)
        /// The compact text of the whole new state.
        case state(String)

        /// The change from `old` to `new`: nothing when they are equal, else a JSON Patch
        /// from ``StateDiff``, or the whole new state when that is shorter than the patch.
        static func between(_ old: JSONValue, _ new: JSONValue) -> Change {
            let changes = StateDiff.changes(from: old, to: new)
            guard !changes.isEmpty else { return .none }
            let patch = JSONValue.array(changes.map(\.patchOperation.jsonValue)).jsonText(.compact)
            let limit = patch.utf8.count
            return CompactSize.of(new, upTo: limit) < limit ? .state(new.jsonText(.compact)) : .patch(patch)
        }
    }

    var text: String {
        var line = "{\"t\":" + Self.milliseconds(t) + ",\"kind\":" + JSONValue.string(kind).jsonText(.compact)
        if let name { line += ",\"name\":" + JSONValue.string(name).jsonText(.compact) }
        if let payload { line += ",\"payload\":" + payload.jsonText(.compact) }
        if let error { line += ",\"error\":" + JSONValue.string(error).jsonText(.compact) }
        switch change {
        case .none: break
        case .patch(let text): line += ",\"patch\":" + text
        case .state(let text): line += ",\"state\":" + text
        }
        return line + "}\n"
    }

    /// A duration in milliseconds to the microsecond, as a JSON number: `12.345`, `0.042`, `7`.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let whole = String(microseconds / 1_000)
        var fraction = String(microseconds % 1_000)
        guard fraction != "0" else { return whole }
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return whole + "." + fraction
    }
}
