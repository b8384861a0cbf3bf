/// The fields of a native event and the JSON types each may hold: one table that both the
/// index scan (which sees only a value's first byte) and the full event parse check against.
enum NativeEventField: String, CaseIterable {
    case seq, t, kind, name, payload, error, state, patch, merge

    /// The JSON type names the field accepts, or nil for any value.
    var allowedTypes: [String]? {
        switch self {
        case .seq, .t: ["number", "null"]
        case .kind: ["string"]
        case .name, .error: ["string", "null"]
        case .patch: ["array"]
        case .payload, .state, .merge: nil
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

    /// Nil when `typeName` is allowed, else the message saying what was expected.
    func typeProblem(_ typeName: String) -> String? {
        guard let allowed = allowedTypes, !allowed.contains(typeName) else { return nil }
        let expected = allowed.map { $0 == "null" ? "null" : article($0) + " " + $0 }.joined(separator: " or ")
        return "'\(rawValue)' must be \(expected), found \(article(typeName)) \(typeName)"
    }

    /// The message for an event that carries two state changes.
    static func twoEffectsProblem(_ first: String, _ second: String) -> String {
        "has both '\(first)' and '\(second)'; an event changes state by at most one of state, patch and merge"
    }
}

/// The JSON type a value has, judged from its first byte (the value is validated separately).
func jsonTypeName(firstByte: UInt8) -> String {
    switch firstByte {
    case UInt8(ascii: "{"): "object"
    case UInt8(ascii: "["): "array"
    case UInt8(ascii: "\""): "string"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): "boolean"
    case UInt8(ascii: "n"): "null"
    default: "number"
    }
}

private func article(_ typeName: String) -> String {
    typeName == "array" || typeName == "object" ? "an" : "a"
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
            if let problem = field.typeProblem(value.typeName) {
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
            case .state: effect = try EventEffect(.snapshot, value, event: index)
            case .merge: effect = try EventEffect(.merge, value, event: index)
            case .patch: effect = try EventEffect(.patch, value, event: index)
            }
        }
        guard let kind else { throw TraceError(.event(index), "an event needs a 'kind'") }
        self.kind = kind
    }
}
