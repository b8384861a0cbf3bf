/// The fields of a native event and the JSON types each may hold: one table that both the
/// index scan (which sees only a value's first byte) and the full event parse check against.
enum NativeEventField: String, CaseIterable {
    case seq, t, kind, name, payload, error, lane, state, patch, merge

    /// The JSON types the field accepts.
    var allowedTypes: JSONTypes {
        switch self {
        case .seq, .t: [.number, .null]
        case .kind: .string
        case .name, .error, .lane: [.string, .null]
        case .patch: .array
        case .payload, .state, .merge: .any
        }
    }

    /// The field's place in ``allCases``, for tables kept by field.
    var ordinal: Int {
        switch self {
        case .seq: 0
        case .t: 1
        case .kind: 2
        case .name: 3
        case .payload: 4
        case .error: 5
        case .lane: 6
        case .state: 7
        case .patch: 8
        case .merge: 9
        }
    }

    /// The fields that change state; an event may carry at most one of them.
    var effect: EffectKind? {
        switch self {
        case .state: .snapshot
        case .patch: .patch
        case .merge: .merge
        default: nil
        }
    }

    /// The field a member name's UTF-8 bytes spell, matched without building a string: every
    /// field name fits in eight bytes, so a name is compared as one integer, against
    /// constants (no table to retain: the index scan and `events --json` call this for every
    /// member, on both cores at once; a test checks each constant against its name).
    init?(utf8 name: UnsafeBufferPointer<UInt8>) {
        guard name.count <= 8 else { return nil }
        self.init(packedName: Self.packed(name))
    }

    /// The field whose name is `key`, a name's bytes packed into an integer as
    /// ``packed(_:)`` does.
    @inline(__always)
    init?(packedName key: UInt64) {
        switch key {
        case 0x716573: self = .seq
        case 0x74: self = .t
        case 0x646E696B: self = .kind
        case 0x656D616E: self = .name
        case 0x64616F6C796170: self = .payload
        case 0x726F727265: self = .error
        case 0x656E616C: self = .lane
        case 0x6574617473: self = .state
        case 0x6863746170: self = .patch
        case 0x656772656D: self = .merge
        default: return nil
        }
    }

    /// Up to eight bytes as one integer, the first byte lowest; the length is implied, since
    /// no field name holds a zero byte.
    private static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        for index in bytes.indices { key |= UInt64(bytes[index]) << (8 * index) }
        return key
    }

    /// Nil when a value of `type` is allowed, else the message saying what was expected.
    @inline(__always)
    func typeProblem(_ type: JSONTypes) -> String? {
        allowedTypes.contains(type) ? nil : typeMessage(type)
    }

    private func typeMessage(_ type: JSONTypes) -> String {
        let expected = allowedTypes.names.map { $0 == "null" ? "null" : JSONValue.withArticle($0) }.joined(separator: " or ")
        let found = type.names.first ?? "value"
        return "'\(rawValue)' must be \(expected), found \(JSONValue.withArticle(found))"
    }

    /// The message for an event that carries two state changes.
    static func twoEffectsProblem(_ first: String, _ second: String) -> String {
        "has both '\(first)' and '\(second)'; an event changes state by at most one of state, patch and merge"
    }
}

/// A set of JSON types, one bit each, so that the index scan checks a field's type with a
/// bit test on the value's first byte.
struct JSONTypes: OptionSet {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    static let object = JSONTypes(rawValue: 1)
    static let array = JSONTypes(rawValue: 2)
    static let string = JSONTypes(rawValue: 4)
    static let boolean = JSONTypes(rawValue: 8)
    static let null = JSONTypes(rawValue: 16)
    static let number = JSONTypes(rawValue: 32)
    static let any: JSONTypes = [.object, .array, .string, .boolean, .null, .number]

    /// The type of a value, judged from its first byte (the value is validated separately).
    init(firstByte: UInt8) {
        switch firstByte {
        case UInt8(ascii: "{"): self = .object
        case UInt8(ascii: "["): self = .array
        case UInt8(ascii: "\""): self = .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): self = .boolean
        case UInt8(ascii: "n"): self = .null
        default: self = .number
        }
    }

    /// The type of a parsed value.
    init(_ value: JSONValue) {
        switch value {
        case .object: self = .object
        case .array: self = .array
        case .string: self = .string
        case .bool: self = .boolean
        case .null: self = .null
        case .number: self = .number
        }
    }

    /// The types' names, in a fixed order.
    var names: [String] {
        [(JSONTypes.object, "object"), (.array, "array"), (.string, "string"), (.number, "number"), (.boolean, "boolean"), (.null, "null")]
            .filter { contains($0.0) }.map(\.1)
    }
}

extension EventEffect {
    /// The effect of `kind` that a native event's `state`, `patch` or `merge` value holds;
    /// a malformed patch is an error naming event `#event`.
    init(_ kind: EffectKind, _ value: JSONValue, event: Int) throws(TraceError) {
        switch kind {
        case .none: self = .none
        case .snapshot: self = .snapshot(value)
        case .merge: self = .merge(value)
        case .patch:
            do throws(PatchFailure) {
                self = .patch(try JSONPatch.operations(from: value))
            } catch {
                throw TraceError(.event(event), error.description)
            }
        }
    }
}

extension Event {
    /// Builds an event from the members of a native event object, checking every known
    /// field's type; unknown members are kept in ``extra``.
    init(nativeMembers members: JSONObject, index: Int) throws(TraceError) {
        var kind: String?
        var effectField: NativeEventField?
        self.init(index: index, kind: "")
        for (key, value) in members {
            guard let field = NativeEventField(rawValue: key) else {
                extra[key] = value
                continue
            }
            if let problem = field.typeProblem(JSONTypes(value)) {
                throw TraceError(.event(index), problem)
            }
            if field.effect != nil {
                if let effectField { throw TraceError(.event(index), NativeEventField.twoEffectsProblem(effectField.rawValue, field.rawValue)) }
                effectField = field
            }
            switch field {
            case .seq: seq = value == .null ? nil : value
            case .t: t = value.numberValue
            case .kind: kind = value.stringValue
            case .name: name = value.stringValue
            case .payload: payload = value
            case .error: error = value.stringValue
            case .lane: lane = value.stringValue
            case .state: effect = try EventEffect(.snapshot, value, event: index)
            case .merge: effect = try EventEffect(.merge, value, event: index)
            case .patch: effect = try EventEffect(.patch, value, event: index)
            }
        }
        guard let kind else { throw TraceError(.event(index), "an event needs a 'kind'") }
        self.kind = kind
    }
}

extension Event {
    /// Another recorder's record's fields, less the ones an importer maps (`mapped`), as an
    /// event's ``extra``: in order, each under its own name but for one whose name a native
    /// event field has (`kind`, `state`, ...), which is kept as `record.NAME` so that writing
    /// the event as a native one (``nativeJSON``, `convert`) does not drop it.
    static func extra(from fields: JSONObject, mapped: [String]) -> JSONObject {
        var extra: JSONObject = [:]
        for (key, value) in fields where !mapped.contains(key) {
            var name = key
            while NativeEventField(rawValue: name) != nil || (name != key && fields[name] != nil) || extra[name] != nil {
                name = "record." + name
            }
            extra[name] = value
        }
        return extra
    }

    /// The event as a native event object, the inverse of reading one: known fields in the
    /// format's order, then the change, then unknown fields.
    public var nativeJSON: JSONValue {
        var object: JSONObject = [:]
        if let seq { object["seq"] = seq }
        if let t { object["t"] = .number(t) }
        object["kind"] = .string(kind)
        if let name { object["name"] = .string(name) }
        if let payload { object["payload"] = payload }
        if let error { object["error"] = .string(error) }
        if let lane { object["lane"] = .string(lane) }
        switch effect {
        case .none: break
        case .snapshot(let state): object["state"] = state
        case .patch(let operations): object["patch"] = .array(operations.map(\.jsonValue))
        case .merge(let patch): object["merge"] = patch
        }
        for (key, value) in extra where object[key] == nil { object[key] = value }
        return .object(object)
    }
}
