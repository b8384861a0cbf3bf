import OrderedCollections

/// The JSON form of Erlang terms: lossless, and plain JSON wherever JSON has the same thing,
/// so that states read naturally in `state --at`, diffs and JSON pointers (`/balance`).
///
/// | term | JSON |
/// | --- | --- |
/// | integer (any size) | a number without `.` or exponent: `-576460751037015103` |
/// | float | a number with `.` or exponent, Erlang's shortest form: `1.0`, `1.0e16` |
/// | `true`, `false`, `nil` | `true`, `false`, `null` |
/// | other atoms | `{"@atom": "ok"}` |
/// | a UTF-8 binary | a string |
/// | another binary | `{"@binary": "/wA="}` (Base64) |
/// | a bitstring | `{"@bits": {"bytes": "gA==", "bits": 1}}` (the last byte's high `bits` bits) |
/// | a proper list | an array |
/// | an improper list `[1, 2 \| 3]` | `{"@improper": [1, 2, 3]}` (the tail last) |
/// | a tuple | `{"@tuple": [...]}` |
/// | a map whose keys are all atoms, none starting with `@` | an object keyed by the atoms' names |
/// | any other map | `{"@map": [[key, value], ...]}` |
/// | a pid | `{"@pid": {"node": "a@b", "id": 96, "serial": 0, "creation": 0}}` |
/// | a port | `{"@port": {"node": "a@b", "id": 5, "creation": 0}}` |
/// | a reference | `{"@ref": {"node": "a@b", "creation": 0, "ids": [31192, 4060413953, 389858523]}}` |
/// | `&Mod.fun/2` | `{"@fun": {"module": "Elixir.Mod", "function": "fun", "arity": 2}}` |
/// | an anonymous function | `{"@fun": {"module", "arity", "uniq", "index", "old_index", "old_uniq", "pid", "free"}}` |
///
/// An object with exactly one member whose key starts with `@` is a tagged term; every other
/// object is an atom-keyed map (which is why a map with an `@` key is written as `@map`).
/// Maps and objects keep their order.
public enum ErlangTermJSON {
    /// How deeply a term may nest to be written as JSON: the JSON parser's own bound.
    public static let maxDepth = 1_000

    /// How JSON is read back as terms.
    public enum Reading: Sendable {
        /// The form above: objects are atom-keyed maps or tagged terms.
        case tagged
        /// Any JSON as Elixir would decode it (Jason): objects are maps with string keys, no tags.
        case plain
    }

    /// The JSON form of `term`.
    public static func json(_ term: ErlangTerm) throws(ErlangTermJSONError) -> JSONValue {
        try json(term, depth: 0)
    }

    /// The term `value` stands for. Errors name the place in `value` (a JSON pointer).
    public static func term(_ value: JSONValue, reading: Reading = .tagged) throws(ErlangTermJSONError) -> ErlangTerm {
        try term(value, reading: reading, at: .root, depth: 0)
    }

    // MARK: Writing

    private static func json(_ term: ErlangTerm, depth: Int) throws(ErlangTermJSONError) -> JSONValue {
        guard depth < maxDepth else {
            throw ErlangTermJSONError(at: nil, "the term nests deeper than \(maxDepth) levels")
        }
        func nested(_ terms: [ErlangTerm]) throws(ErlangTermJSONError) -> JSONValue {
            var elements: [JSONValue] = []
            elements.reserveCapacity(terms.count)
            for element in terms { elements.append(try json(element, depth: depth + 1)) }
            return .array(elements)
        }
        switch term {
        case .integer(let value):
            return .number(JSONNumber(uncheckedLiteral: value.description))
        case .float(let value):
            return .number(JSONNumber(uncheckedLiteral: ElixirFloat.format(value)))
        case .atom("true"): return .bool(true)
        case .atom("false"): return .bool(false)
        case .atom("nil"): return .null
        case .atom(let name):
            return tagged(.atom, .string(name))
        case .binary(let bytes):
            if let text = String(validating: bytes, as: UTF8.self) { return .string(text) }
            return tagged(.binary, .string(Base64.encode(bytes)))
        case .bitBinary(let bytes, let bits):
            return tagged(.bits, ["bytes": .string(Base64.encode(bytes)), "bits": number(bits)])
        case .list(let elements):
            return try nested(elements)
        case .improperList(let elements, let tail):
            return tagged(.improper, try nested(elements + [tail]))
        case .tuple(let elements):
            return tagged(.tuple, try nested(elements))
        case .map(let entries):
            if let members = try atomKeyed(entries, depth: depth) { return .object(members) }
            var pairs: [JSONValue] = []
            for (key, value) in entries {
                pairs.append(.array([try json(key, depth: depth + 2), try json(value, depth: depth + 2)]))
            }
            return tagged(.map, .array(pairs))
        case .pid(let pid):
            return tagged(.pid, pidFields(pid))
        case .port(let port):
            return tagged(.port, ["node": .string(port.node), "id": number(port.id), "creation": number(port.creation)])
        case .reference(let reference):
            return tagged(.reference, [
                "node": .string(reference.node), "creation": number(reference.creation),
                "ids": .array(reference.ids.map(number)),
            ])
        case .fun(.export(let module, let function, let arity)):
            return tagged(.fun, ["module": .string(module), "function": .string(function), "arity": number(arity)])
        case .fun(.closure(let closure)):
            return tagged(.fun, [
                "module": .string(closure.module), "arity": number(closure.arity),
                "uniq": .string(Base64.encode(closure.uniq)), "index": number(closure.index),
                "old_index": number(closure.oldIndex), "old_uniq": number(closure.oldUniq),
                "pid": pidFields(closure.pid), "free": try nested(closure.freeVariables),
            ])
        }
    }

    /// The members of a map whose keys are all atoms that cannot be taken for tags, else nil.
    private static func atomKeyed(
        _ entries: OrderedDictionary<ErlangTerm, ErlangTerm>, depth: Int
    ) throws(ErlangTermJSONError) -> JSONObject? {
        var members = JSONObject(minimumCapacity: entries.count)
        for (key, value) in entries {
            guard case .atom(let name) = key, !name.hasPrefix("@") else { return nil }
            members[name] = try json(value, depth: depth + 1)
        }
        return members
    }

    private static func pidFields(_ pid: ErlangPid) -> JSONValue {
        ["node": .string(pid.node), "id": number(pid.id), "serial": number(pid.serial), "creation": number(pid.creation)]
    }

    private static func tagged(_ tag: Tag, _ value: JSONValue) -> JSONValue {
        .object([tag.rawValue: value])
    }

    private static func number(_ value: some BinaryInteger) -> JSONValue {
        .number(JSONNumber(uncheckedLiteral: String(value)))
    }

    // MARK: Reading

    /// The tags, as written.
    enum Tag: String {
        case atom = "@atom", binary = "@binary", bits = "@bits", improper = "@improper", tuple = "@tuple"
        case map = "@map", pid = "@pid", port = "@port", reference = "@ref", fun = "@fun"
    }

    private static func term(
        _ value: JSONValue, reading: Reading, at path: JSONPointer, depth: Int
    ) throws(ErlangTermJSONError) -> ErlangTerm {
        guard depth < maxDepth else {
            throw ErlangTermJSONError(at: path, "the value nests deeper than \(maxDepth) levels")
        }
        switch value {
        case .null: return .atom("nil")
        case .bool(let flag): return .atom(flag ? "true" : "false")
        case .number(let number): return try self.number(number, at: path)
        case .string(let text): return .binary(Array(text.utf8))
        case .array(let elements):
            return .list(try terms(elements, reading: reading, at: path, depth: depth))
        case .object(let members):
            if reading == .tagged, members.count == 1, let key = members.keys.first, key.hasPrefix("@"), let inner = members[key] {
                guard let tag = Tag(rawValue: key) else {
                    throw ErlangTermJSONError(at: path, "unknown tag '\(key)'")
                }
                return try self.tagged(tag, inner, reading: reading, at: path.appending(key), depth: depth + 1)
            }
            var entries = OrderedDictionary<ErlangTerm, ErlangTerm>(minimumCapacity: members.count)
            for (key, member) in members {
                let keyTerm: ErlangTerm = reading == .tagged ? .atom(key) : .binary(Array(key.utf8))
                entries[keyTerm] = try term(member, reading: reading, at: path.appending(key), depth: depth + 1)
            }
            return .map(entries)
        }
    }

    private static func terms(
        _ elements: [JSONValue], reading: Reading, at path: JSONPointer, depth: Int
    ) throws(ErlangTermJSONError) -> [ErlangTerm] {
        var terms: [ErlangTerm] = []
        terms.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            terms.append(try term(element, reading: reading, at: path.appending(index), depth: depth + 1))
        }
        return terms
    }

    /// An integer when the literal has no fraction or exponent, else a float.
    private static func number(_ number: JSONNumber, at path: JSONPointer) throws(ErlangTermJSONError) -> ErlangTerm {
        if number.isInteger, let integer = ErlangInteger(decimal: number.literal) { return .integer(integer) }
        let value = number.doubleValue
        guard value.isFinite else { throw ErlangTermJSONError(at: path, "\(number.literal) is beyond the range of a float") }
        return .float(value)
    }

    /// The term a tag's value stands for; `path` names the tag's member.
    private static func tagged(
        _ tag: Tag, _ value: JSONValue, reading: Reading, at path: JSONPointer, depth: Int
    ) throws(ErlangTermJSONError) -> ErlangTerm {
        let fields = TagFields(value: value, path: path)
        switch tag {
        case .atom:
            return .atom(try fields.string())
        case .binary:
            return .binary(try fields.bytes())
        case .bits:
            let bytes = try fields.bytes("bytes")
            let bits = try fields.integer("bits", in: 1...7)
            guard !bytes.isEmpty, bytes[bytes.count - 1] & (0xFF >> bits) == 0 else {
                throw ErlangTermJSONError(at: path, "the bytes must end in a byte whose low \(8 - bits) bits are zero")
            }
            return .bitBinary(bytes, bits: bits)
        case .improper:
            var elements = try terms(try fields.array(), reading: reading, at: path, depth: depth)
            guard elements.count >= 2 else { throw ErlangTermJSONError(at: path, "an improper list needs an element and a tail") }
            let tail = elements.removeLast()
            if case .list = tail { throw ErlangTermJSONError(at: path, "the tail of an improper list cannot be a list") }
            return .improperList(elements, tail: tail)
        case .tuple:
            return .tuple(try terms(try fields.array(), reading: reading, at: path, depth: depth))
        case .map:
            var entries = OrderedDictionary<ErlangTerm, ErlangTerm>()
            for (index, pair) in try fields.array().enumerated() {
                guard case .array(let parts) = pair, parts.count == 2 else {
                    throw ErlangTermJSONError(at: path.appending(index), "a map entry must be a [key, value] array")
                }
                let key = try term(parts[0], reading: reading, at: path.appending(index).appending(0), depth: depth + 2)
                guard entries[key] == nil else { throw ErlangTermJSONError(at: path.appending(index), "the key is repeated") }
                entries[key] = try term(parts[1], reading: reading, at: path.appending(index).appending(1), depth: depth + 2)
            }
            return .map(entries)
        case .pid:
            return .pid(try fields.pid())
        case .port:
            return .port(ErlangPort(
                node: try fields.string("node"), id: try fields.integer("id", in: 0...UInt64.max),
                creation: try fields.integer("creation", in: 0...UInt32.max)))
        case .reference:
            let node = try fields.string("node")
            let creation: UInt32 = try fields.integer("creation", in: 0...UInt32.max)
            let ids = try fields.integers("ids", in: 0...UInt32.max)
            guard (1...5).contains(ids.count) else { throw ErlangTermJSONError(at: path, "a reference has 1 to 5 ids") }
            return .reference(ErlangReference(node: node, creation: creation, ids: ids))
        case .fun:
            if fields.has("function") {
                return .fun(.export(
                    module: try fields.string("module"), function: try fields.string("function"),
                    arity: try fields.integer("arity", in: 0...255)))
            }
            let uniq = try fields.bytes("uniq")
            guard uniq.count == 16 else { throw ErlangTermJSONError(at: path, "'uniq' must hold 16 bytes") }
            let pidFields = TagFields(value: try fields.member("pid"), path: path.appending("pid"))
            let free = try terms(try fields.array("free"), reading: reading, at: path.appending("free"), depth: depth)
            return .fun(.closure(ErlangClosure(
                module: try fields.string("module"), arity: try fields.integer("arity", in: 0...255), uniq: uniq,
                index: try fields.integer("index", in: 0...UInt32.max),
                oldIndex: try fields.integer("old_index", in: Int(Int32.min)...Int(Int32.max)),
                oldUniq: try fields.integer("old_uniq", in: Int(Int32.min)...Int(Int32.max)),
                pid: try pidFields.pid(), freeVariables: free)))
        }
    }
}

/// Reads the value of a tag: the value itself, or named fields of an object, each checked.
private struct TagFields {
    let value: JSONValue
    let path: JSONPointer

    func has(_ name: String) -> Bool { value[name] != nil }

    /// The value itself (`name` nil) or its member `name`.
    func member(_ name: String? = nil) throws(ErlangTermJSONError) -> JSONValue {
        guard let name else { return value }
        guard case .object(let members) = value else {
            throw ErlangTermJSONError(at: path, "expected an object, found \(JSONValue.withArticle(value.typeName))")
        }
        guard let member = members[name] else { throw ErlangTermJSONError(at: path, "the object has no '\(name)'") }
        return member
    }

    private func place(_ name: String?) -> JSONPointer { name.map { path.appending($0) } ?? path }

    func string(_ name: String? = nil) throws(ErlangTermJSONError) -> String {
        let found = try member(name)
        guard case .string(let text) = found else {
            throw ErlangTermJSONError(at: place(name), "expected a string, found \(JSONValue.withArticle(found.typeName))")
        }
        return text
    }

    func array(_ name: String? = nil) throws(ErlangTermJSONError) -> [JSONValue] {
        let found = try member(name)
        guard case .array(let elements) = found else {
            throw ErlangTermJSONError(at: place(name), "expected an array, found \(JSONValue.withArticle(found.typeName))")
        }
        return elements
    }

    func bytes(_ name: String? = nil) throws(ErlangTermJSONError) -> [UInt8] {
        let text = try string(name)
        do throws(Base64.Problem) {
            return try Base64.decode(text)
        } catch {
            throw ErlangTermJSONError(at: place(name), error.description)
        }
    }

    func integer<Value: FixedWidthInteger>(_ name: String, in range: ClosedRange<Value>) throws(ErlangTermJSONError) -> Value {
        try integer(try member(name), in: range, at: path.appending(name))
    }

    func integers<Value: FixedWidthInteger>(_ name: String, in range: ClosedRange<Value>) throws(ErlangTermJSONError) -> [Value] {
        var values: [Value] = []
        for (index, element) in try array(name).enumerated() {
            values.append(try integer(element, in: range, at: path.appending(name).appending(index)))
        }
        return values
    }

    private func integer<Value: FixedWidthInteger>(
        _ found: JSONValue, in range: ClosedRange<Value>, at place: JSONPointer
    ) throws(ErlangTermJSONError) -> Value {
        guard case .number(let number) = found, number.isInteger, let value = Value(number.literal), range.contains(value) else {
            throw ErlangTermJSONError(at: place, "expected an integer from \(range.lowerBound) to \(range.upperBound), found \(found.jsonText(.compact))")
        }
        return value
    }

    func pid() throws(ErlangTermJSONError) -> ErlangPid {
        ErlangPid(
            node: try string("node"), id: try integer("id", in: 0...UInt32.max),
            serial: try integer("serial", in: 0...UInt32.max), creation: try integer("creation", in: 0...UInt32.max))
    }
}

/// Why JSON does not stand for a term (or a term is too deep for JSON), and where.
public struct ErlangTermJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The place in the JSON value, or nil for a term too deep to write.
    public var path: JSONPointer?
    public var message: String

    init(at path: JSONPointer?, _ message: String) {
        self.path = path
        self.message = message
    }

    /// `at /balance/@tuple/0: unknown tag '@x'`, or the message alone.
    public var description: String {
        guard let path else { return message }
        return "at \(path.shown): \(message)"
    }
}

extension ErlangTermJSON.Reading {
    /// How the values of `trace` stand for terms: in the tagged form when an importer of
    /// Erlang terms wrote them (a Replayx trace, a phoenix_replay trace read from its ETF
    /// storage, which says so in `meta.serialization`, or one `convert` made from either,
    /// which says so in `meta.converted_from`), as plain JSON otherwise.
    public init(for trace: Trace) {
        let format = trace.convertedFrom ?? trace.format
        let terms = format == .replayx || (format == .phoenixReplay && trace.meta["serialization"] == "etf")
        self = terms ? .tagged : .plain
    }
}

extension JSONValue {
    /// The term this value stands for as Elixir's `inspect` prints it: `%{balance: 100}`,
    /// `{:withdraw, 50}`, `#PID<0.96.0>`; with the plain reading, `%{"balance" => 100}`.
    /// `options` give the charlists' syntax and the remote nodes' numbers.
    public func elixirText(reading: ErlangTermJSON.Reading, options: ElixirInspectOptions = .standard) throws(ErlangTermJSONError) -> String {
        try ErlangTermJSON.term(self, reading: reading).elixirInspect(options)
    }
}
