import ReplayCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#elseif canImport(Foundation)
import Foundation
#endif

/// Encodes an `Encodable` value into a ``JSONValue``, keeping what JSON can say exactly:
///
/// - integers of every width as their decimal digits, however large (`UInt64.max` stays
///   `18446744073709551615`);
/// - `Double` in Swift's shortest form that reads back as the same double (`0.1`, `1e+20`;
///   whole numbers below 10^15 without a fraction: `3`), `Float` in its own shortest form
///   (`Float(0.1)` is `0.1`, not the double nearest to it), Foundation's `Decimal` as its
///   decimal digits (`12.5`), as JSONEncoder writes them;
/// - object members in the order `encode(to:)` encodes them (for a synthesized conformance,
///   the order the properties are declared in), except for the collections Swift keeps in no
///   order: a `Dictionary`'s keys are sorted (integer keys numerically, before the others;
///   the rest by their text), a `Set`'s elements by their JSON text, so that the same value
///   is the same JSON on every run and from one event to the next;
/// - `nil` optionals are left out of objects (as JSONEncoder does) and are `null` in arrays;
/// - a ``JSONValue`` is itself, numbers and key order as they are.
///
/// NaN and the infinities have no JSON form: encoding one throws `EncodingError.invalidValue`
/// with the coding path of the value.
enum ValueEncoder {
    /// The JSON form of `value`.
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try EncodingNode(parent: nil, key: nil).encodeValue(value)
    }
}

/// An `Encoder` for one value: it holds either a finished value or the container being
/// filled, and knows where it is (its parent and its key) for error messages.
final class EncodingNode: Encoder {
    private let parent: EncodingNode?
    private let key: CodingKey?
    private var slot: Slot = .empty

    /// What the node holds so far.
    enum Slot {
        case empty
        case value(JSONValue)
        case object(ObjectBox)
        case array(ArrayBox)
    }

    init(parent: EncodingNode?, key: CodingKey?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [CodingKey] {
        var path: [CodingKey] = []
        var node: EncodingNode? = self
        while let current = node {
            if let key = current.key { path.append(key) }
            node = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(ObjectContainer<Key>(node: self, box: objectBox()))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        ArrayContainer(node: self, box: arrayBox())
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleValue(node: self)
    }

    /// The object this node is filling; asking twice gives the same one, as `Encoder` requires.
    private func objectBox() -> ObjectBox {
        if case .object(let box) = slot { return box }
        let box = ObjectBox()
        slot = .object(box)
        return box
    }

    private func arrayBox() -> ArrayBox {
        if case .array(let box) = slot { return box }
        let box = ArrayBox()
        slot = .array(box)
        return box
    }

    func set(_ value: JSONValue) {
        slot = .value(value)
    }

    /// What was encoded: an empty object when `encode(to:)` asked for nothing (as JSONEncoder
    /// writes it).
    func finish() throws -> JSONValue {
        switch slot {
        case .empty: .object([:])
        case .value(let value): value
        case .object(let box): try box.finish()
        case .array(let box): try box.finish()
        }
    }

    /// `value` encoded by a child node at `key`, or directly when JSON has a form for it.
    func encodeChild<T: Encodable>(_ value: T, at key: CodingKey) throws -> JSONValue {
        try EncodingNode(parent: self, key: key).encodeValue(value)
    }

    /// Encodes `value` into this node and returns the result.
    func encodeValue<T: Encodable>(_ value: T) throws -> JSONValue {
        if let primitive = try primitive(value) { return primitive }
        try value.encode(to: self)
        let encoded = try finish()
        return T.self is any UnorderedCollection.Type ? Self.ordered(encoded, setElements: T.self is any UnorderedElements.Type) : encoded
    }

    /// The JSON of the values with an exact form of their own. (Comparing the type first keeps
    /// the common case, a type that is none of these, to a few pointer comparisons.)
    private func primitive<T: Encodable>(_ value: T) throws -> JSONValue? {
        let type = T.self
        if type == JSONValue.self { return value as? JSONValue }
        if type == String.self { return (value as? String).map(JSONValue.string) }
        if type == Int.self { return (value as? Int).map { .number(JSONNumber($0)) } }
        if type == Double.self, let number = value as? Double { return try double(number) }
        if type == Bool.self { return (value as? Bool).map(JSONValue.bool) }
        if type == Float.self, let number = value as? Float { return try float(number) }
        #if canImport(FoundationEssentials) || canImport(Foundation)
        if type == Decimal.self, let number = value as? Decimal { return try decimal(number) }
        #endif
        return nil
    }

    func double(_ value: Double) throws -> JSONValue {
        guard let number = JSONNumber(value) else { throw invalid(value, "Double \(value) has no JSON form") }
        return .number(number)
    }

    func float(_ value: Float) throws -> JSONValue {
        guard value.isFinite else { throw invalid(value, "Float \(value) has no JSON form") }
        // Whole floats as integers, like doubles; the rest in Float's own shortest form.
        if value == value.rounded(), abs(value) < 1e15 { return try double(Double(value)) }
        return .number(JSONNumber(literal: value.description)!)
    }

    #if canImport(FoundationEssentials) || canImport(Foundation)
    private func decimal(_ value: Decimal) throws -> JSONValue {
        guard let number = JSONNumber(literal: value.description) else { throw invalid(value, "Decimal \(value) has no JSON form") }
        return .number(number)
    }
    #endif

    func integer<I: BinaryInteger>(_ value: I) -> JSONValue {
        .number(JSONNumber(literal: String(value))!)
    }

    func invalid(_ value: Any, _ message: String) -> EncodingError {
        EncodingError.invalidValue(value, EncodingError.Context(codingPath: codingPath, debugDescription: message))
    }

    /// A dictionary's members sorted by key, or a set's elements by their JSON text; a
    /// dictionary whose keys are not strings or integers encodes as an array of key, value,
    /// key, value..., whose pairs are sorted by their key's JSON text.
    private static func ordered(_ value: JSONValue, setElements: Bool) -> JSONValue {
        switch value {
        case .object(let members):
            let sorted = members.elements.map { (SortKey($0.key), $0.value) }.sorted { $0.0 < $1.0 }
            return .object(JSONObject(uniqueKeysWithValues: sorted.map { ($0.0.text, $0.1) }))
        case .array(let elements) where setElements:
            return .array(elements.map { ($0.jsonText(.compact), $0) }.sorted { $0.0 < $1.0 }.map(\.1))
        case .array(let elements) where elements.count % 2 == 0:
            let pairs = stride(from: 0, to: elements.count, by: 2).map { (elements[$0].jsonText(.compact), elements[$0], elements[$0 + 1]) }
            return .array(pairs.sorted { $0.0 < $1.0 }.flatMap { [$0.1, $0.2] })
        default:
            return value
        }
    }

    /// Dictionary keys in order: integers by value first, then the others by their text.
    private struct SortKey: Comparable {
        let integer: Int?
        let text: String

        init(_ text: String) {
            self.text = text
            integer = Int(text)
        }

        static func < (a: SortKey, b: SortKey) -> Bool {
            switch (a.integer, b.integer) {
            case (let x?, let y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.text < b.text
            }
        }
    }
}

/// The Swift collections that keep no order of their own; their JSON is put in order.
protocol UnorderedCollection {}
/// The unordered collections of single elements (sets), as opposed to dictionaries.
protocol UnorderedElements: UnorderedCollection {}

extension Dictionary: UnorderedCollection {}
extension Set: UnorderedElements {}

/// An object being filled; members encoded through a nested container or a super encoder
/// are filled in when the object is finished, each in the place its key was first given.
final class ObjectBox {
    /// Room for the members of a typical struct, so that filling it allocates once.
    var members = JSONObject(minimumCapacity: 8)
    var pending: [(key: String, node: Pending)] = []

    func finish() throws -> JSONValue {
        for (key, node) in pending { members[key] = try node.finish() }
        return .object(members)
    }
}

/// An array being filled, with the same deferred elements as ``ObjectBox``.
final class ArrayBox {
    var elements: [JSONValue] = []
    var pending: [(index: Int, node: Pending)] = []

    func finish() throws -> JSONValue {
        for (index, node) in pending { elements[index] = try node.finish() }
        return .array(elements)
    }
}

/// A nested container or a super encoder, finished with its parent.
enum Pending {
    case node(EncodingNode)
    case object(ObjectBox)
    case array(ArrayBox)

    func finish() throws -> JSONValue {
        switch self {
        case .node(let node): try node.finish()
        case .object(let box): try box.finish()
        case .array(let box): try box.finish()
        }
    }
}

/// An array index as a coding key, for coding paths in errors.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { String(intValue!) }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// The key of a super encoder: `super`, as JSONEncoder names it.
struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }

    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}
