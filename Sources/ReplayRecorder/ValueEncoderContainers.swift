import ReplayCore

/// The keyed container of an ``EncodingNode``: members in the order they are encoded.
struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let box: ObjectBox

    var codingPath: [CodingKey] { node.codingPath }

    private func put(_ value: JSONValue, _ key: Key) {
        box.members[key.stringValue] = value
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try node.encodeChild(value, at: key), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try node.encodeChild(value, at: key), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.number(JSONNumber(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(node.integer(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(node.integer(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(node.integer(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(node.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(node.integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(node.integer(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(node.integer(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(node.integer(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(node.integer(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try node.encodeChild(value, at: key), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode(parent: node, key: key)
        keepPlace(key, .node(child))
        return child.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = EncodingNode(parent: node, key: key)
        keepPlace(key, .node(child))
        return child.unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        let child = EncodingNode(parent: node, key: SuperKey())
        box.members["super"] = .null
        box.pending.append((key: "super", node: .node(child)))
        return child
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        let child = EncodingNode(parent: node, key: key)
        keepPlace(key, .node(child))
        return child
    }

    /// Keeps the member's place now; its value is filled in when the object is finished.
    private func keepPlace(_ key: Key, _ pending: Pending) {
        box.members[key.stringValue] = .null
        box.pending.append((key: key.stringValue, node: pending))
    }
}

/// The unkeyed container of an ``EncodingNode``: an array's elements in order.
struct ArrayContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let box: ArrayBox

    var codingPath: [CodingKey] { node.codingPath }
    var count: Int { box.elements.count }

    private func append(_ value: JSONValue) {
        box.elements.append(value)
    }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try node.encodeChild(value, at: IndexKey(count))) }
    mutating func encode(_ value: Float) throws { append(try node.encodeChild(value, at: IndexKey(count))) }
    mutating func encode(_ value: Int) throws { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: Int8) throws { append(node.integer(value)) }
    mutating func encode(_ value: Int16) throws { append(node.integer(value)) }
    mutating func encode(_ value: Int32) throws { append(node.integer(value)) }
    mutating func encode(_ value: Int64) throws { append(node.integer(value)) }
    mutating func encode(_ value: UInt) throws { append(node.integer(value)) }
    mutating func encode(_ value: UInt8) throws { append(node.integer(value)) }
    mutating func encode(_ value: UInt16) throws { append(node.integer(value)) }
    mutating func encode(_ value: UInt32) throws { append(node.integer(value)) }
    mutating func encode(_ value: UInt64) throws { append(node.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try node.encodeChild(value, at: IndexKey(count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode(parent: node, key: IndexKey(count))
        keepPlace(.node(child))
        return child.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let child = EncodingNode(parent: node, key: IndexKey(count))
        keepPlace(.node(child))
        return child.unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        let child = EncodingNode(parent: node, key: IndexKey(count))
        keepPlace(.node(child))
        return child
    }

    /// Keeps the element's place now; its value is filled in when the array is finished.
    private func keepPlace(_ pending: Pending) {
        box.pending.append((index: box.elements.count, node: pending))
        box.elements.append(.null)
    }
}

/// The single-value container of an ``EncodingNode``.
struct SingleValue: SingleValueEncodingContainer {
    let node: EncodingNode

    var codingPath: [CodingKey] { node.codingPath }

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { node.set(.bool(value)) }
    mutating func encode(_ value: String) throws { node.set(.string(value)) }
    mutating func encode(_ value: Double) throws { node.set(try node.double(value)) }
    mutating func encode(_ value: Float) throws { node.set(try node.float(value)) }
    mutating func encode(_ value: Int) throws { node.set(.number(JSONNumber(value))) }
    mutating func encode(_ value: Int8) throws { node.set(node.integer(value)) }
    mutating func encode(_ value: Int16) throws { node.set(node.integer(value)) }
    mutating func encode(_ value: Int32) throws { node.set(node.integer(value)) }
    mutating func encode(_ value: Int64) throws { node.set(node.integer(value)) }
    mutating func encode(_ value: UInt) throws { node.set(node.integer(value)) }
    mutating func encode(_ value: UInt8) throws { node.set(node.integer(value)) }
    mutating func encode(_ value: UInt16) throws { node.set(node.integer(value)) }
    mutating func encode(_ value: UInt32) throws { node.set(node.integer(value)) }
    mutating func encode(_ value: UInt64) throws { node.set(node.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.set(try EncodingNode(parent: node, key: nil).encodeValue(value))
    }
}
