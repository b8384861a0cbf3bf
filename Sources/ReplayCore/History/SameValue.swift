extension JSONValue {
    /// Whether two values are the same JSON value, as history and blame compare them:
    /// numbers exactly as written (`1` is not `1.0`), arrays element by element, objects
    /// member by member whatever their order.
    public func isSameValue(as other: JSONValue) -> Bool {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isSameValue(as: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let match = b[key], value.isSameValue(as: match) else { return false }
            }
            return true
        default:
            return self == other
        }
    }

    /// ``isSameValue(as:)`` for values that may be absent: two absent values are the same.
    public static func isSame(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.isSameValue(as: b)
        default: false
        }
    }
}
