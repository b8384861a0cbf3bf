import ReplayCore

/// One event of the trace as its NDJSON line: `{"t":…,"kind":…,"name":…,"payload":…,
/// "error":…,"patch"|"state":…}` and a newline, members left out when they are absent,
/// written into one buffer.
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
        /// The changes ``StateDiff`` found, leading to the given state: written as a JSON
        /// Patch, or as the whole state when that is shorter.
        case changes([StateChange], to: JSONValue)
    }

    /// The line's bytes, newline included.
    var bytes: [UInt8] {
        var writer = JSONWriter(style: .compact)
        writer.output.reserveCapacity(256)
        writer.output += #"{"t":"#.utf8
        writer.output += Self.milliseconds(t).utf8
        writer.output += #","kind":"#.utf8
        writer.writeString(kind)
        if let name {
            writer.output += #","name":"#.utf8
            writer.writeString(name)
        }
        if let payload {
            writer.output += #","payload":"#.utf8
            writer.write(payload)
        }
        if let error {
            writer.output += #","error":"#.utf8
            writer.writeString(error)
        }
        if case .changes(let changes, let new) = change {
            Self.write(changes, to: new, into: &writer)
        }
        writer.output += "}\n".utf8
        return writer.output
    }

    /// Appends `,"patch":[…]`, or `,"state":…` when the state's text is shorter than the
    /// patch's (measured without writing it, and only as far as the patch is long).
    private static func write(_ changes: [StateChange], to new: JSONValue, into writer: inout JSONWriter) {
        let start = writer.output.count
        writer.output += #","patch":["#.utf8
        for (index, change) in changes.enumerated() {
            writer.output += (index == 0 ? #"{"op":""# : #",{"op":""#).utf8
            writer.output += change.op.rawValue.utf8
            writer.output += #"","path":"#.utf8
            writer.writeString(change.path.description)
            if let value = change.new {
                writer.output += #","value":"#.utf8
                writer.write(value)
            }
            writer.output.append(UInt8(ascii: "}"))
        }
        writer.output.append(UInt8(ascii: "]"))
        let patchSize = writer.output.count - start - #","patch":"#.utf8.count
        guard CompactSize.of(new, upTo: patchSize) < patchSize else { return }
        writer.output.removeSubrange(start...)
        writer.output += #","state":"#.utf8
        writer.write(new)
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
