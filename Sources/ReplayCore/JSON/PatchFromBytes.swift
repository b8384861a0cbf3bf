#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONParser {
    /// Reads the RFC 6902 patch at the current position, moving past it, when it is the
    /// common simple kind: one `add`, `remove` or `replace` whose path is written without
    /// escapes or `~`. Only the operation's value is built; its path stays the bytes it is
    /// (``SimpleOperation/apply(to:in:)`` follows it through the document token by token),
    /// so no operation, pointer or token list is made. Nil for any other patch, which the
    /// caller reads the general way (``JSONPatch/operations(from:)``).
    mutating func simplePatchOperation() throws(JSONSyntaxError) -> SimpleOperation? {
        guard currentByte == UInt8(ascii: "[") else { return nil }
        var operation: SimpleOperation?
        var elements = 0
        try readElements { (parser: inout JSONParser) throws(JSONSyntaxError) in
            elements += 1
            guard elements == 1 else { return try parser.skipValue() }
            operation = try parser.simpleOperation()
        }
        return elements == 1 ? operation : nil
    }

    /// Reads one operation object (always moving past it); nil when it is not simple.
    private mutating func simpleOperation() throws(JSONSyntaxError) -> SimpleOperation? {
        guard currentByte == UInt8(ascii: "{") else {
            try skipValue()
            return nil
        }
        var kind: SimpleOperation.Kind?
        var path: Range<Int>?
        var value: JSONValue?
        var simple = true
        try readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
            guard simple else { return try parser.skipValue() }
            let key = parser.slice(keyStart + 1..<keyEnd - 1)
            if key.spells("op") {
                kind = try parser.plainString().flatMap { SimpleOperation.Kind(parser.slice($0)) }
                simple = kind != nil
            } else if key.spells("path") {
                path = try parser.plainString()
                simple = path.map { parser.slice($0).isPlainPointer } ?? false
            } else if key.spells("value") {
                value = try parser.parseValue()
            } else {
                try parser.skipValue()
            }
        }
        guard simple, let kind, let path, kind == .remove || value != nil else { return nil }
        return SimpleOperation(kind: kind, path: path, value: value ?? .null)
    }

    /// Where the content of the string literal at the position is, when it holds no escapes,
    /// else nil (either way, moves past the value).
    private mutating func plainString() throws(JSONSyntaxError) -> Range<Int>? {
        guard currentByte == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        let (content, plain) = try scanStringLiteral()
        return plain ? content : nil
    }
}

/// One `add`, `remove` or `replace` read from a patch's bytes, its path still those bytes.
struct SimpleOperation: Sendable {
    enum Kind: Sendable {
        case add, remove, replace

        init?(_ name: UnsafeBufferPointer<UInt8>) {
            if name.spells("add") {
                self = .add
            } else if name.spells("remove") {
                self = .remove
            } else if name.spells("replace") {
                self = .replace
            } else {
                return nil
            }
        }
    }

    let kind: Kind
    /// Where the path is in the bytes it was read from: empty (the whole document) or `/`
    /// and tokens separated by `/`, without `~`.
    let path: Range<Int>
    let value: JSONValue

    /// Makes the change on `document`, reading the path from `bytes` (those it was read
    /// from); false, changing nothing, when it does not apply as simply: a path that names
    /// nothing, a value that would nest too deep.
    func apply(to document: inout JSONValue, in bytes: UnsafeRawBufferPointer) -> Bool {
        let path = UnsafeBufferPointer(rebasing: bytes.assumingMemoryBound(to: UInt8.self)[self.path])
        if kind != .remove, value.isContainer, value.nests(deeperThan: JSONParser.maxDepth - path.count { $0 == UInt8(ascii: "/") }) {
            return false
        }
        guard !path.isEmpty else {
            guard kind != .remove else { return false }
            document = value
            return true
        }
        return Self.withParent(from: 1, of: path, in: &document) { (parent: inout JSONValue, token: UnsafeBufferPointer<UInt8>) in
            change(token, in: &parent)
        }
    }

    /// Changes the member or element `token` names in `parent`; false when it cannot.
    private func change(_ token: UnsafeBufferPointer<UInt8>, in parent: inout JSONValue) -> Bool {
        if let done = parent.modifyObject({ (members: inout JSONObject) -> Bool in
            let key = String(decoding: token, as: UTF8.self)
            switch kind {
            case .add:
                members[key] = value
            case .replace:
                guard let index = members.index(forKey: key) else { return false }
                members.values[index] = value
            case .remove:
                return members.removeValue(forKey: key) != nil
            }
            return true
        }) {
            return done
        }
        return parent.modifyArray { (elements: inout [JSONValue]) -> Bool in
            if kind == .add, token.spells("-") {
                elements.append(value)
                return true
            }
            guard let index = Self.arrayIndex(token), index < elements.count || (kind == .add && index == elements.count) else {
                return false
            }
            switch kind {
            case .add: elements.insert(value, at: index)
            case .replace: elements[index] = value
            case .remove: elements.remove(at: index)
            }
            return true
        } ?? false
    }

    /// Calls `body` with the container that holds the target of `path` (whose tokens start at
    /// `offset`) and the target's token; false when a token on the way names nothing.
    private static func withParent(
        from offset: Int, of path: UnsafeBufferPointer<UInt8>, in value: inout JSONValue,
        _ body: (inout JSONValue, UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        guard let slash = path[offset...].firstIndex(of: UInt8(ascii: "/")) else {
            return body(&value, UnsafeBufferPointer(rebasing: path[offset...]))
        }
        let token = UnsafeBufferPointer(rebasing: path[offset..<slash])
        if let found = value.modifyObject({ (members: inout JSONObject) -> Bool in
            guard let index = members.index(forKey: String(decoding: token, as: UTF8.self)) else { return false }
            return withParent(from: slash + 1, of: path, in: &members.values[index], body)
        }) {
            return found
        }
        return value.modifyArray { (elements: inout [JSONValue]) -> Bool in
            guard let index = arrayIndex(token), index < elements.count else { return false }
            return withParent(from: slash + 1, of: path, in: &elements[index], body)
        } ?? false
    }

    /// The array index `token` spells (``JSONPointer/arrayIndex(_:)``), read from its bytes;
    /// nil also for one too long to be an index of any array in memory.
    private static func arrayIndex(_ token: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = token.first, token.count <= 18, first != UInt8(ascii: "0") || token.count == 1 else { return nil }
        var index = 0
        for byte in token {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            index = index * 10 + Int(digit)
        }
        return index
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// True for a pointer's text that ``SimpleOperation`` follows: empty, or starting with
    /// `/`, without `~` (whose escapes need decoding).
    fileprivate var isPlainPointer: Bool {
        !contains(UInt8(ascii: "~")) && (isEmpty || self[0] == UInt8(ascii: "/"))
    }

    /// True when the bytes are exactly `word`'s.
    func spells(_ word: StaticString) -> Bool {
        guard count == word.utf8CodeUnitCount, let base = baseAddress else { return count == 0 && word.utf8CodeUnitCount == 0 }
        return memcmp(base, word.utf8Start, count) == 0
    }
}
