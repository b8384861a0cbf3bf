import OrderedCollections

/// The members of a JSON object, in the order they were recorded.
///
/// Duplicate keys in a document follow one rule everywhere: the last value wins and the
/// member keeps the position of the key's first occurrence (see docs/trace-format.md).
public typealias JSONObject = OrderedDictionary<String, JSONValue>

/// A JSON document, kept exactly as written.
///
/// Numbers keep their literal text (`9007199254740993`, `0.1`, `1e999999` and `-0` all
/// print back unchanged), objects keep their key order, strings are validated Unicode.
/// Equality is exact: `1` and `1.0` are different values (use
/// ``JSONValue/isSemanticallyEqual(to:)`` for the RFC 6902 `test` notion of equality).
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name, used in error messages ("expected an object, found a string").
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// A type name as messages say it, with its article: `an object`, `a string`.
    static func withArticle(_ typeName: String) -> String {
        (typeName == "array" || typeName == "object" ? "an " : "a ") + typeName
    }

    /// True for an array or an object.
    public var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }

    /// The members when this is an object, else nil.
    public var objectValue: JSONObject? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements when this is an array, else nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text when this is a string, else nil.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number when this is a number, else nil.
    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The member named `key` when this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Equality as RFC 6902 `test` defines it: numbers compare by numeric value (`1` equals
    /// `1.0`), objects compare regardless of member order, everything else exactly.
    public func isSemanticallyEqual(to other: JSONValue) -> Bool {
        isEqual(to: other) { $0.isNumericallyEqual(to: $1) }
    }

    /// Deep equality with objects compared regardless of member order and numbers by `same`.
    func isEqual(to other: JSONValue, numbers same: (JSONNumber, JSONNumber) -> Bool) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)):
            return same(a, b)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEqual(to: $1, numbers: same) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let match = b[key], value.isEqual(to: match, numbers: same) else { return false }
            }
            return true
        default:
            return self == other
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue {
    /// Changes the elements of an array in place, or returns nil when this is not an array.
    ///
    /// The elements are moved out of the enum while `body` runs, so copy-on-write sees a
    /// unique buffer and never copies it (a `switch` binding would keep a second reference).
    mutating func modifyArray<R, E: Error>(_ body: (inout [JSONValue]) throws(E) -> R) throws(E) -> R? {
        guard case .array(var elements) = self else { return nil }
        self = .null
        defer { self = .array(elements) }
        return try body(&elements)
    }

    /// Changes the members of an object in place, or returns nil when this is not an object.
    /// See ``modifyArray(_:)``.
    mutating func modifyObject<R, E: Error>(_ body: (inout JSONObject) throws(E) -> R) throws(E) -> R? {
        guard case .object(var members) = self else { return nil }
        self = .null
        defer { self = .object(members) }
        return try body(&members)
    }
}
