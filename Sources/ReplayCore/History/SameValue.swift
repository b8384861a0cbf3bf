extension JSONValue {
    /// Whether two values are the same JSON value, as history and blame compare them:
    /// numbers exactly as written (`1` is not `1.0`), arrays element by element, objects
    /// member by member whatever their order.
    public func isSameValue(as other: JSONValue) -> Bool {
        isEqual(to: other) { $0 == $1 }
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
