#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONParser {
    /// Reads the RFC 6902 patch at the current position, moving past it, when it is of the
    /// common simple kind: `add`, `remove`, `replace` and `test` operations whose paths are
    /// written without escapes or `~`; when there are several, at most
    /// ``SimplePatch/limit``, none of whose paths leads to another's (nor, for an `add` or a
    /// `remove`, to another's container), so that each meets the document as it was before
    /// the patch. Only the operations' values are built; their paths stay the bytes they are
    /// (``SimpleOperation/apply(to:in:names:)`` follows them through the document token by token),
    /// so no operation, pointer or token list is made. Nil for any other patch, which the
    /// caller reads the general way (``JSONPatch/operations(from:)``).
    mutating func simplePatch() throws(JSONSyntaxError) -> SimplePatch? {
        guard currentByte == UInt8(ascii: "[") else { return nil }
        var first: SimpleOperation?
        var more: [SimpleOperation] = []
        var simple = true
        try readElements { (parser: inout JSONParser) throws(JSONSyntaxError) in
            guard simple, more.count + 1 < SimplePatch.limit else {
                simple = false
                return try parser.skipValue()
            }
            guard let operation = try parser.simpleOperation() else {
                simple = false
                return
            }
            if first == nil { first = operation } else { more.append(operation) }
        }
        guard simple, let first else { return nil }
        guard !more.isEmpty else { return .one(first) }
        let operations = [first] + more
        guard SimpleOperation.areIndependent(operations, in: bytes) else { return nil }
        return .independent(operations)
    }

    /// Reads one operation object (always moving past it); nil when it is not simple, or
    /// when a member's name has an escape.
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
                kind = try parser.plainStringContent().flatMap { SimpleOperation.Kind(parser.slice($0)) }
                simple = kind != nil
            } else if key.spells("path") {
                path = try parser.plainStringContent()
                simple = path.map { parser.slice($0).isPlainPointer } ?? false
            } else if key.spells("value") {
                value = try parser.parseValue()
            } else {
                // An escaped name may spell one of the above (`o\u0070`), whose value would
                // then win over the plain one's, as a repeated name's last value does.
                simple = !key.contains(UInt8(ascii: "\\"))
                try parser.skipValue()
            }
        }
        guard simple, let kind, let path, kind == .remove || value != nil else { return nil }
        // (A `test` keeps its value to compare; a `remove` needs none.)
        return SimpleOperation(kind: kind, path: path, value: value ?? .null)
    }

    /// Where the content of the string literal at the position is, when it holds no escapes,
    /// else nil (either way, moves past the value, whatever it is).
    mutating func plainStringContent() throws(JSONSyntaxError) -> Range<Int>? {
        guard currentByte == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        let (content, plain) = try scanStringLiteral()
        return plain ? content : nil
    }
}

/// A patch ``JSONParser/simplePatch()`` read: one operation, or several independent ones.
enum SimplePatch: Sendable {
    /// The most operations a patch read from the bytes holds: checking that they are
    /// independent compares every pair.
    static let limit = 16

    case one(SimpleOperation)
    /// Operations none of which changes what another reads: applied after all of them are
    /// found to apply to the document as it was (``SimpleOperation/canApply(to:in:names:)``).
    case independent([SimpleOperation])
}

/// One `add`, `remove`, `replace` or `test` read from a patch's bytes, its path still those
/// bytes.
struct SimpleOperation: Sendable {
    enum Kind: Sendable {
        case add, remove, replace, test

        init?(_ name: UnsafeBufferPointer<UInt8>) {
            if name.spells("add") {
                self = .add
            } else if name.spells("remove") {
                self = .remove
            } else if name.spells("replace") {
                self = .replace
            } else if name.spells("test") {
                self = .test
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
    /// from) and making its member names through `names`; false, changing nothing, when it
    /// does not apply as simply: a path that names nothing, a value that would nest too deep.
    func apply(to document: inout JSONValue, in bytes: UnsafeRawBufferPointer, names: inout MemberNameCache) -> Bool {
        guard kind != .test else { return canApply(to: document, in: bytes, names: &names) }
        let path = UnsafeBufferPointer(rebasing: bytes.assumingMemoryBound(to: UInt8.self)[self.path])
        if nestsTooDeep(at: path) { return false }
        guard !path.isEmpty else {
            guard kind != .remove else { return false }
            document = value
            return true
        }
        return Self.withParent(from: 1, of: path, in: &document, names: &names) { (parent: inout JSONValue, token: UnsafeBufferPointer<UInt8>, names: inout MemberNameCache) in
            change(token, in: &parent, names: &names)
        }
    }

    /// Changes the member or element `token` names in `parent`; false when it cannot.
    private func change(_ token: UnsafeBufferPointer<UInt8>, in parent: inout JSONValue, names: inout MemberNameCache) -> Bool {
        if let done = parent.modifyObject({ (members: inout JSONObject) -> Bool in
            let index = names.index(of: token, in: members)
            switch kind {
            case .add:
                if let index { members.values[index] = value } else { members[names.name(token)] = value }
            case .replace:
                guard let index else { return false }
                members.values[index] = value
            case .remove:
                guard let index else { return false }
                members.remove(at: index)
            case .test:
                return false
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
            case .test: return false
            }
            return true
        } ?? false
    }

    /// True when the value put at `path` would nest deeper than the parser allows.
    private func nestsTooDeep(at path: UnsafeBufferPointer<UInt8>) -> Bool {
        kind != .remove && kind != .test && value.isContainer
            && value.nests(deeperThan: JSONParser.maxDepth - path.count { $0 == UInt8(ascii: "/") })
    }

    /// True when the operation would apply to `document` (a `test`: when it holds), found
    /// without changing it.
    func canApply(to document: JSONValue, in bytes: UnsafeRawBufferPointer, names: inout MemberNameCache) -> Bool {
        let path = UnsafeBufferPointer(rebasing: bytes.assumingMemoryBound(to: UInt8.self)[self.path])
        if nestsTooDeep(at: path) { return false }
        guard let slash = path.lastIndex(of: UInt8(ascii: "/")) else {
            return kind == .test ? document.isSemanticallyEqual(to: value) : kind != .remove
        }
        let token = UnsafeBufferPointer(rebasing: path[(slash + 1)...])
        var parent = document
        var offset = 1
        while offset <= slash {
            let end = path.firstSlash(from: offset) ?? slash
            guard let child = Self.child(UnsafeBufferPointer(rebasing: path[offset..<end]), of: parent, names: &names) else { return false }
            parent = child
            offset = end + 1
        }
        switch parent {
        case .object(let members):
            let member = names.member(token, in: members)
            switch kind {
            case .add: return true
            case .remove, .replace: return member != nil
            case .test: return member?.isSemanticallyEqual(to: value) ?? false
            }
        case .array(let elements):
            if kind == .add, token.spells("-") { return true }
            guard let index = Self.arrayIndex(token) else { return false }
            switch kind {
            case .add: return index <= elements.count
            case .remove, .replace: return index < elements.count
            case .test: return index < elements.count && elements[index].isSemanticallyEqual(to: value)
            }
        default:
            return false
        }
    }

    /// The member or element `token` names in `value`, if any.
    private static func child(_ token: UnsafeBufferPointer<UInt8>, of value: JSONValue, names: inout MemberNameCache) -> JSONValue? {
        switch value {
        case .object(let members): names.member(token, in: members)
        case .array(let elements): arrayIndex(token).flatMap { $0 < elements.count ? elements[$0] : nil }
        default: nil
        }
    }

    /// True when no operation's path leads to another's (or is it), and none leads to the
    /// container of an `add` or a `remove` (which may shift an array's later elements), so
    /// that each operation meets the document as it was before any of them: then they all
    /// apply in turn if each applies to it alone. Paths are compared as bytes, so a path
    /// with a byte beyond ASCII makes the answer no: Swift takes `é` and `e` with a
    /// combining accent as one member name.
    static func areIndependent(_ operations: [SimpleOperation], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for (index, operation) in operations.enumerated() {
            let path = UnsafeBufferPointer(rebasing: bytes[operation.path])
            if path.contains(where: { $0 >= 0x80 }) { return false }
            let container = UnsafeBufferPointer(rebasing: path[..<(path.lastIndex(of: UInt8(ascii: "/")) ?? 0)])
            for other in operations[(index + 1)...] {
                let otherPath = UnsafeBufferPointer(rebasing: bytes[other.path])
                let otherContainer = UnsafeBufferPointer(rebasing: otherPath[..<(otherPath.lastIndex(of: UInt8(ascii: "/")) ?? 0)])
                if path.leads(to: otherPath) || otherPath.leads(to: path) { return false }
                if operation.kind == .add || operation.kind == .remove, container.leads(to: otherPath) { return false }
                if other.kind == .add || other.kind == .remove, otherContainer.leads(to: path) { return false }
            }
        }
        return true
    }

    /// Calls `body` with the container that holds the target of `path` (whose tokens start at
    /// `offset`) and the target's token; false when a token on the way names nothing.
    private static func withParent(
        from offset: Int, of path: UnsafeBufferPointer<UInt8>, in value: inout JSONValue, names: inout MemberNameCache,
        _ body: (inout JSONValue, UnsafeBufferPointer<UInt8>, inout MemberNameCache) -> Bool
    ) -> Bool {
        guard let slash = path.firstSlash(from: offset) else {
            return body(&value, UnsafeBufferPointer(rebasing: path[offset...]), &names)
        }
        let token = UnsafeBufferPointer(rebasing: path[offset..<slash])
        if let found = value.modifyObject({ (members: inout JSONObject) -> Bool in
            guard let index = names.index(of: token, in: members) else { return false }
            return withParent(from: slash + 1, of: path, in: &members.values[index], names: &names, body)
        }) {
            return found
        }
        return value.modifyArray { (elements: inout [JSONValue]) -> Bool in
            guard let index = arrayIndex(token), index < elements.count else { return false }
            return withParent(from: slash + 1, of: path, in: &elements[index], names: &names, body)
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
    /// True when this pointer's text names `other`'s place or one of its containers:
    /// `/a` leads to `/a` and `/a/b`, not to `/ab`; the empty pointer leads everywhere.
    fileprivate func leads(to other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard other.count >= count, count == 0 || memcmp(baseAddress!, other.baseAddress!, count) == 0 else { return false }
        return other.count == count || other[count] == UInt8(ascii: "/")
    }

    /// Where the first `/` at or after `offset` is, if any: where a pointer's token ends.
    @inline(__always)
    fileprivate func firstSlash(from offset: Int) -> Int? {
        guard offset < count, let found = memchr(baseAddress! + offset, Int32(UInt8(ascii: "/")), count - offset) else { return nil }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - baseAddress!
    }

    /// True for a pointer's text read as it is, without decoding: empty, or starting with
    /// `/`, without `~` (whose escapes need decoding).
    var isPlainPointer: Bool {
        !contains(UInt8(ascii: "~")) && (isEmpty || self[0] == UInt8(ascii: "/"))
    }

    /// True when the bytes are exactly `word`'s.
    func spells(_ word: StaticString) -> Bool {
        guard count == word.utf8CodeUnitCount, let base = baseAddress else { return count == 0 && word.utf8CodeUnitCount == 0 }
        return memcmp(base, word.utf8Start, count) == 0
    }
}
