import OrderedCollections

/// One record of a Replayx recording, as either of its forms holds it: a JSON object
/// (`{"type": "message", ...}`, terms as Base64 `term_to_binary`) or an Erlang tuple
/// (`{:message, seq, kind, from, payload}`).
enum ReplayxRecord {
    /// A message the GenServer handled.
    case message(ReplayxMessage)
    /// The GenServer's state after the message before it.
    case snapshot(ErlangTerm)
    /// Something the message before it drew on, kept for its details: `time_monotonic` and
    /// `time_system` (an integer), `rand` (a number), `rand_seed` (a 3-tuple), `send_after`
    /// (`%{ref: ref, delay_ms: ms}`).
    case fact(type: String, value: ErlangTerm)
}

/// A `message` record.
struct ReplayxMessage {
    var seq: ErlangInteger
    /// `call`, `cast` or `info`.
    var kind: String
    /// The caller (`{pid, tag}` for a call), or `nil`.
    var from: ErlangTerm
    var payload: ErlangTerm
    /// The sender's node: as recorded, else the node of the caller's pid.
    var fromNode: String?

    init(seq: ErlangInteger, kind: String?, from: ErlangTerm, payload: ErlangTerm, fromNode: String?) {
        self.seq = seq
        // Replayx's own reader infers a missing kind: a call when `from` is a 2-tuple.
        if let kind {
            self.kind = kind
        } else if case .tuple(let parts) = from, parts.count == 2 {
            self.kind = "call"
        } else {
            self.kind = "info"
        }
        self.from = from
        self.payload = payload
        // As Replayx's writer does for the JSON form: the node of a pid or `{pid, tag}` caller.
        var caller = from
        if case .tuple(let parts) = from, parts.count == 2 { caller = parts[0] }
        if case .pid(let pid) = caller {
            self.fromNode = fromNode ?? pid.node
        } else {
            self.fromNode = fromNode
        }
    }

    static let kinds: Set<String> = ["call", "cast", "info"]
}

/// A problem with one record: `events[k]: field: what`.
private func problem(_ k: Int, _ message: String) -> TraceError {
    TraceError(.file, "events[\(k)]: \(message)")
}

extension ReplayxRecord {
    // MARK: The JSON form

    /// Reads record `k` of a JSON recording.
    init(json record: JSONValue, at k: Int) throws(TraceError) {
        guard case .object(let fields) = record else {
            throw problem(k, "a record must be an object, found \(record.typeName)")
        }
        guard let typeValue = fields["type"] else { throw problem(k, "the record has no 'type'") }
        guard case .string(let type) = typeValue else {
            throw problem(k, "'type' must be a string, found \(typeValue.typeName)")
        }
        let record = JSONRecord(fields: fields, type: type, k: k)
        switch type {
        case "message":
            let kind = try record.optionalString("kind")
            if let kind, !ReplayxMessage.kinds.contains(kind) {
                throw problem(k, "kind: '\(kind)' is not call, cast or info")
            }
            self = .message(ReplayxMessage(
                seq: try record.integer("seq", nonNegative: true), kind: kind, from: try record.term("from"),
                payload: try record.term("payload"), fromNode: try record.optionalString("from_node")))
        case "state_snapshot":
            self = .snapshot(try record.term("state"))
        case "time_monotonic", "time_system":
            self = .fact(type: type, value: .integer(try record.integer("value")))
        case "rand":
            self = .fact(type: type, value: try record.number("value"))
        case "rand_seed":
            let seed = try record.member("seed")
            guard case .array(let parts) = seed, parts.count == 3 else {
                throw problem(k, "seed: must be an array of 3 integers, found \(seed.jsonText(.compact))")
            }
            var integers: [ErlangTerm] = []
            for part in parts {
                guard case .number(let number) = part, number.isInteger, let value = ErlangInteger(decimal: number.literal) else {
                    throw problem(k, "seed: must be an array of 3 integers, found \(seed.jsonText(.compact))")
                }
                integers.append(.integer(value))
            }
            self = .fact(type: type, value: .tuple(integers))
        case "send_after":
            self = .fact(type: type, value: ReplayxRecord.sendAfter(
                ref: try record.term("ref"), delay: try record.integer("delay_ms", nonNegative: true)))
        default:
            throw problem(k, "unknown record type '\(type)'")
        }
    }

    /// The fields of one JSON record, read with errors that name the record and field.
    private struct JSONRecord {
        let fields: JSONObject
        let type: String
        let k: Int

        func member(_ name: String) throws(TraceError) -> JSONValue {
            guard let value = fields[name] else { throw problem(k, "the \(type) record has no '\(name)'") }
            return value
        }

        func optionalString(_ name: String) throws(TraceError) -> String? {
            switch fields[name] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case let other?: throw problem(k, "\(name): must be a string, found \(other.typeName)")
            }
        }

        func integer(_ name: String, nonNegative: Bool = false) throws(TraceError) -> ErlangInteger {
            let value = try member(name)
            guard case .number(let number) = value, number.isInteger, let integer = ErlangInteger(decimal: number.literal),
                !(nonNegative && integer.isNegative)
            else {
                throw problem(k, "\(name): must be \(nonNegative ? "a non-negative" : "an") integer, found \(value.jsonText(.compact))")
            }
            return integer
        }

        func number(_ name: String) throws(TraceError) -> ErlangTerm {
            let value = try member(name)
            guard case .number = value, let term = try? ErlangTermJSON.term(value) else {
                throw problem(k, "\(name): must be a number, found \(value.jsonText(.compact))")
            }
            return term
        }

        /// A term stored as Base64 `term_to_binary` text.
        func term(_ name: String) throws(TraceError) -> ErlangTerm {
            let value = try member(name)
            guard case .string(let text) = value else {
                throw problem(k, "\(name): must be a Base64 string, found \(value.typeName)")
            }
            do throws(ETFError) {
                return try ETFDecoder.decode(base64: text)
            } catch {
                throw problem(k, "\(name): \(error)")
            }
        }
    }

    // MARK: The binary form

    /// Reads record `k` of a binary recording: one of the tuples `Replayx.Trace` documents.
    init(term: ErlangTerm, at k: Int) throws(TraceError) {
        guard case .tuple(let parts) = term, case .atom(let type)? = parts.first else {
            throw problem(k, "a record must be a tuple starting with its type, found \(term.brief)")
        }
        func shape(_ expected: String) -> TraceError {
            problem(k, "a \(type) record must be \(expected), found \(term.brief)")
        }
        switch (type, parts.count) {
        case ("message", 5), ("message", 6):
            guard case .integer(let seq) = parts[1], !seq.isNegative, case .atom(let kind) = parts[2],
                ReplayxMessage.kinds.contains(kind)
            else { throw shape("{:message, seq, :call | :cast | :info, from, payload}") }
            var fromNode: String?
            if parts.count == 6 {
                guard case .list(let options) = parts[5] else { throw shape("a 6-tuple ending in a keyword list") }
                for option in options {
                    guard case .tuple(let pair) = option, pair.count == 2, case .atom(let key) = pair[0] else {
                        throw shape("a 6-tuple ending in a keyword list")
                    }
                    let value = pair[1]
                    if key == "from_node" {
                        guard case .binary(let bytes) = value, let node = String(validating: bytes, as: UTF8.self) else {
                            throw shape("a 6-tuple whose from_node is a string")
                        }
                        fromNode = node
                    }
                }
            }
            self = .message(ReplayxMessage(seq: seq, kind: kind, from: parts[3], payload: parts[4], fromNode: fromNode))
        case ("state_snapshot", 2):
            self = .snapshot(parts[1])
        case ("time_monotonic", 2), ("time_system", 2):
            guard case .integer = parts[1] else { throw shape("{:\(type), integer}") }
            self = .fact(type: type, value: parts[1])
        case ("rand", 2):
            switch parts[1] {
            case .float, .integer: self = .fact(type: type, value: parts[1])
            default: throw shape("{:rand, number}")
            }
        case ("rand_seed", 2):
            guard case .tuple(let seed) = parts[1], seed.count == 3, seed.allSatisfy({ if case .integer = $0 { true } else { false } }) else {
                throw shape("{:rand_seed, {integer, integer, integer}}")
            }
            self = .fact(type: type, value: parts[1])
        case ("send_after", 3):
            guard case .integer(let delay) = parts[2], !delay.isNegative else { throw shape("{:send_after, ref, delay_ms}") }
            self = .fact(type: type, value: ReplayxRecord.sendAfter(ref: parts[1], delay: delay))
        case ("message", _), ("state_snapshot", _), ("time_monotonic", _), ("time_system", _), ("rand", _),
            ("rand_seed", _), ("send_after", _):
            throw problem(k, "a \(type) record cannot be a \(parts.count)-tuple: \(term.brief)")
        default:
            throw problem(k, "unknown record type :\(type)")
        }
    }

    /// A `send_after` record's details as one term.
    private static func sendAfter(ref: ErlangTerm, delay: ErlangInteger) -> ErlangTerm {
        .map([.atom("ref"): ref, .atom("delay_ms"): .integer(delay)])
    }
}
