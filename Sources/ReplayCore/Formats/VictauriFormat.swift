/// Reads a Victauri `RecordedSession` (`runyourempire/victauri`, the Tauri introspection
/// plugin), as serde writes it:
///
/// ```json
/// {"id": "record-3f1c…", "started_at": "2026-01-01T00:00:00.000123456Z",
///  "events": [{"index": 0, "timestamp": "2026-01-01T00:00:01.005123456Z",
///              "event": {"type": "Ipc", "command": "increment", "result": {"Ok": 1}, …}}],
///  "checkpoints": [{"id": "cp-1", "label": "before click", "timestamp": "…",
///                   "state": {"count": 0}, "event_index": 0}]}
/// ```
///
/// The mapping:
/// - Every recorded event is a trace event, whatever its variant (`Ipc`, `StateChange`,
///   `DomMutation`, `DomInteraction`, `WindowEvent`, `Console`, or one this reader does not
///   know): kind = the event's `type`; name = the first of its `command`, `action`, `key`,
///   `event` or `level` fields that is a string; payload = the event's other fields; `seq` =
///   the recorder's `index`; `t` = milliseconds from `started_at` to the record's `timestamp`,
///   exact to the last digit of the RFC 3339 fraction (`1005.000000123` stays as is).
/// - Errors: an `Ipc` event whose `result` is `{"Err": text}` carries `text`; an event with
///   `"level": "error"` (a console error) carries its `message`. The first error is the
///   inferred crash, unless an event's type is `crash`.
/// - State: Victauri events carry no state deltas; the state is known only at checkpoints.
///   A checkpoint with `event_index` k was taken when k events had been recorded (k counts
///   the recorder's `index`es, so a session whose oldest events were evicted still lines up):
///   its `state` is the state at the position just before the event whose `index` is k. That
///   is a `snapshot` on the event before it, or the initial state when no event precedes it.
///   Between checkpoints the state does not change; before the first one it is `null`. When
///   several checkpoints fall on one position the last one listed wins.
/// - `meta` holds the session's members but `events` and `checkpoints` (`id`, `started_at`),
///   plus `checkpoints: [{position, label, id}]` so that checkpoints can be marked.
public enum VictauriFormat: TraceFormat {
    public static let name = TraceFormatName.victauri

    /// An object with a `started_at` string and an `events` array whose records each hold
    /// an `event` object with a `type`.
    public static func recognizes(_ document: JSONValue) -> Bool {
        guard let root = document.objectValue, root["started_at"]?.stringValue != nil,
            let records = root["events"]?.arrayValue
        else { return false }
        return records.allSatisfy { $0["event"]?["type"] != nil && $0["index"] != nil }
    }

    public static func read(_ document: JSONValue) throws(TraceError) -> Trace {
        let root = try RecordingShape.object(document, recording: "a Victauri session")
        let startText = try requiredString(root, "started_at", in: "the session", at: .file)
        guard let start = Timestamp(rfc3339: startText) else {
            throw TraceError(.file, "'started_at' is not an RFC 3339 timestamp: \"\(startText)\"")
        }
        let records = try RecordingShape.events(in: root, recording: "a Victauri session")

        var events: [Event] = []
        events.reserveCapacity(records.count)
        var indexes: [Int] = []
        for (i, record) in records.enumerated() {
            let (event, index) = try readEvent(record, at: i, start: start)
            if let previous = indexes.last, index <= previous {
                throw TraceError(.event(i), "'index' \(index) does not follow the previous event's \(previous)")
            }
            indexes.append(index)
            events.append(event)
        }

        var initialState = JSONValue.null
        var marks: [JSONValue] = []
        if let checkpointsValue = root["checkpoints"], checkpointsValue != .null {
            guard let checkpoints = checkpointsValue.arrayValue else {
                throw TraceError(.file, "'checkpoints' must be an array, found \(checkpointsValue.typeName)")
            }
            for (c, checkpoint) in checkpoints.enumerated() {
                guard let fields = checkpoint.objectValue else {
                    throw TraceError(.file, "checkpoints[\(c)]: a checkpoint must be an object, found \(checkpoint.typeName)")
                }
                guard let indexValue = fields["event_index"] else {
                    throw TraceError(.file, "checkpoints[\(c)]: the checkpoint has no 'event_index'")
                }
                guard let eventIndex = indexValue.numberValue?.intValue, eventIndex >= 0 else {
                    throw TraceError(.file, "checkpoints[\(c)]: 'event_index' must be a non-negative integer, found \(indexValue.jsonText(.compact))")
                }
                guard let state = fields["state"] else {
                    throw TraceError(.file, "checkpoints[\(c)]: the checkpoint has no 'state'")
                }
                let position = position(ofEventIndex: eventIndex, in: indexes)
                if position == 0 {
                    initialState = state
                } else {
                    events[position - 1].effect = .snapshot(state)
                }
                var mark: JSONObject = ["position": .number(JSONNumber(position)), "label": fields["label"] ?? .null]
                if let id = fields["id"] { mark["id"] = id }
                marks.append(.object(mark))
            }
        }

        var meta = root
        meta.removeValue(forKey: "events")
        meta.removeValue(forKey: "checkpoints")
        meta["checkpoints"] = .array(marks)

        let list = EventList(events)
        let crash = try Crash.locate(in: list, marked: nil)
        return Trace(format: name, meta: meta, initialState: initialState, events: list, crash: crash)
    }

    /// The position a checkpoint taken when `eventIndex` events had been recorded stands
    /// at: the number of events whose recorder index is below it (`indexes` ascend).
    private static func position(ofEventIndex eventIndex: Int, in indexes: [Int]) -> Int {
        var low = 0
        var high = indexes.count
        while low < high {
            let middle = (low + high) / 2
            if indexes[middle] < eventIndex { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The fields, of the recorded event's fields, that name it, in order of preference.
    private static let nameFields = ["command", "action", "key", "event", "level"]

    /// One `RecordedEvent` as a trace event (no effect yet), and the recorder's index of it.
    private static func readEvent(_ record: JSONValue, at i: Int, start: Timestamp) throws(TraceError) -> (Event, Int) {
        guard let fields = record.objectValue else {
            throw TraceError(.event(i), "a recorded event must be an object, found \(record.typeName)")
        }
        guard let indexValue = fields["index"] else {
            throw TraceError(.event(i), "the recorded event has no 'index'")
        }
        guard let index = indexValue.numberValue?.intValue, index >= 0 else {
            throw TraceError(.event(i), "'index' must be a non-negative integer, found \(indexValue.jsonText(.compact))")
        }
        let timeText = try requiredString(fields, "timestamp", in: "the recorded event", at: .event(i))
        guard let time = Timestamp(rfc3339: timeText) else {
            throw TraceError(.event(i), "'timestamp' is not an RFC 3339 timestamp: \"\(timeText)\"")
        }
        guard let eventValue = fields["event"] else {
            throw TraceError(.event(i), "the recorded event has no 'event'")
        }
        guard var body = eventValue.objectValue else {
            throw TraceError(.event(i), "'event' must be an object, found \(eventValue.typeName)")
        }
        guard let typeValue = body["type"] else {
            throw TraceError(.event(i), "the event has no 'type'")
        }
        guard let kind = typeValue.stringValue else {
            throw TraceError(.event(i), "the event's 'type' must be a string, found \(typeValue.typeName)")
        }
        body.removeValue(forKey: "type")
        let error = error(of: kind, body)

        var name: String?
        for field in nameFields {
            if let text = body[field]?.stringValue {
                name = text
                body.removeValue(forKey: field)
                break
            }
        }

        let event = Event(
            index: i, seq: indexValue, t: time.milliseconds(since: start), kind: kind, name: name,
            payload: .object(body), error: error, extra: Event.extra(from: fields, mapped: ["index", "timestamp", "event"]))
        return (event, index)
    }

    /// The error an event carries: an IPC call's `Err` result, an error-level message.
    private static func error(of kind: String, _ body: JSONObject) -> String? {
        if kind == "Ipc", let failure = body["result"]?["Err"] {
            return failure.stringValue ?? failure.jsonText(.compact)
        }
        if let level = body["level"]?.stringValue, level.lowercased() == "error" {
            if let message = body["message"] { return message.stringValue ?? message.jsonText(.compact) }
            return "\(kind) at error level"
        }
        return nil
    }

    private static func requiredString(
        _ fields: JSONObject, _ key: String, in what: String, at location: TraceError.Location
    ) throws(TraceError) -> String {
        guard let value = fields[key] else { throw TraceError(location, "\(what) has no '\(key)'") }
        guard let text = value.stringValue else {
            throw TraceError(location, "'\(key)' must be a string, found \(value.typeName)")
        }
        return text
    }

    /// An instant written in RFC 3339 (`2026-01-01T00:00:01.005123456Z`, `…+02:00`), kept
    /// exactly: whole seconds and the fraction's digits as written, any number of them.
    struct Timestamp: Equatable {
        /// Whole seconds from 0000-03-01T00:00:00Z shifted by 400 days, so never negative.
        var seconds: Int
        /// The fraction's digits, as written.
        var fraction: [UInt8]

        /// Parses `date-time` of RFC 3339 §5.6; `t`, `z` and a space for `T` are accepted.
        init?(rfc3339 text: String) {
            let bytes = Array(text.utf8)
            var i = 0
            func digits(_ count: Int) -> Int? {
                guard i + count <= bytes.count else { return nil }
                var value = 0
                for byte in bytes[i..<(i + count)] {
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                i += count
                return value
            }
            func expect(_ allowed: String) -> Bool {
                guard i < bytes.count, allowed.utf8.contains(bytes[i]) else { return false }
                i += 1
                return true
            }
            guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
                expect("Tt "), let hour = digits(2), expect(":"), let minute = digits(2), expect(":"),
                let second = digits(2)
            else { return nil }
            guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
                hour <= 23, minute <= 59, second <= 60
            else { return nil }
            var fraction: [UInt8] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                    fraction.append(bytes[i] - UInt8(ascii: "0"))
                    i += 1
                }
                guard !fraction.isEmpty else { return nil }
            }
            var offset = 0
            if expect("Zz") {
                offset = 0
            } else if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let offsetHour = digits(2), expect(":"), let offsetMinute = digits(2),
                    offsetHour <= 23, offsetMinute <= 59
                else { return nil }
                offset = sign * (offsetHour * 3600 + offsetMinute * 60)
            } else {
                return nil
            }
            guard i == bytes.count else { return nil }
            let days = Self.daysFromMarchZero(year: year, month: month, day: day)
            seconds = (days + 400) * 86_400 + hour * 3600 + minute * 60 + second - offset
            self.fraction = fraction
        }

        static func daysIn(month: Int, year: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        /// Days from 0000-03-01 (H. Hinnant's `days_from_civil`, for years 0...9999).
        static func daysFromMarchZero(year: Int, month: Int, day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra
        }

        /// The fixed-point decimal digits of this instant, `width` integer digits and
        /// `scale` fraction digits.
        private func digits(width: Int, scale: Int) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: width + scale)
            var rest = seconds
            var position = width - 1
            while rest > 0, position >= 0 {
                result[position] = UInt8(rest % 10)
                rest /= 10
                position -= 1
            }
            for (k, digit) in fraction.enumerated() { result[width + k] = digit }
            return result
        }

        /// `self - start` in milliseconds, as an exact JSON number (`1005`, `-0.5`, `1.000123`).
        func milliseconds(since start: Timestamp) -> JSONNumber {
            let width = 20
            let scale = max(fraction.count, start.fraction.count, 3)
            var a = digits(width: width, scale: scale)
            var b = start.digits(width: width, scale: scale)
            let negative = a.lexicographicallyPrecedes(b)
            if negative { swap(&a, &b) }
            // a - b, digit by digit.
            var borrow: UInt8 = 0
            for k in stride(from: a.count - 1, through: 0, by: -1) {
                let subtrahend = b[k] + borrow
                if a[k] >= subtrahend {
                    a[k] -= subtrahend
                    borrow = 0
                } else {
                    a[k] = a[k] + 10 - subtrahend
                    borrow = 1
                }
            }
            // Seconds to milliseconds: the decimal point moves three digits right.
            let pointAt = width + 3
            var whole = a[..<pointAt].drop { $0 == 0 }.map { Character(String($0)) }
            if whole.isEmpty { whole = ["0"] }
            var part = Array(a[pointAt...])
            while part.last == 0 { part.removeLast() }
            var literal = String(whole)
            if !part.isEmpty { literal += "." + String(part.map { Character(String($0)) }) }
            if negative, literal != "0" { literal = "-" + literal }
            return JSONNumber(uncheckedLiteral: literal)
        }
    }
}
