/// One RFC 6902 JSON Patch operation.
public struct PatchOperation: Equatable, Sendable {
    /// The six operations RFC 6902 defines.
    public enum Kind: String, Sendable, CaseIterable {
        case add, remove, replace, move, copy, test
    }

    public var kind: Kind
    public var path: JSONPointer
    /// The source of `move` and `copy`.
    public var from: JSONPointer?
    /// The value of `add`, `replace` and `test`.
    public var value: JSONValue?

    public init(kind: Kind, path: JSONPointer, from: JSONPointer? = nil, value: JSONValue? = nil) {
        self.kind = kind
        self.path = path
        self.from = from
        self.value = value
    }

    /// The operation as RFC 6902 writes it: `{"op", "path", "from"?, "value"?}`.
    public var jsonValue: JSONValue {
        var object: JSONObject = ["op": .string(kind.rawValue), "path": .string(path.description)]
        if let from { object["from"] = .string(from.description) }
        if let value { object["value"] = value }
        return .object(object)
    }
}

/// A patch operation that could not be read or applied, e.g.
/// `patch op #2 (remove /accounts/7): path does not exist`.
public struct PatchFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operation's 0-based index in the patch.
    public var opIndex: Int
    /// The operation's `op` as written, or `?` when it has none.
    public var op: String
    /// The operation's `path` as written, or `?` when it has none.
    public var path: String
    public var message: String

    public init(opIndex: Int, op: String, path: String, message: String) {
        self.opIndex = opIndex
        self.op = op
        self.path = path
        self.message = message
    }

    public var description: String {
        "patch op #\(opIndex) (\(op) \(path.isEmpty ? "\"\"" : path)): \(message)"
    }
}

/// RFC 6902 JSON Patch: reading operations from JSON and applying them.
///
/// Application mutates the document in place along each operation's path only, so a patch
/// on a large state costs in proportion to its depth, not the state's size. Every change is
/// logged with its inverse, so a patch that fails is undone and leaves the document as it was.
public enum JSONPatch {
    /// Reads and checks a patch document: an array of operation objects.
    public static func operations(from document: JSONValue) throws(PatchFailure) -> [PatchOperation] {
        guard case .array(let elements) = document else {
            throw PatchFailure(opIndex: 0, op: "?", path: "?",
                               message: "a patch must be an array of operations, found \(document.typeName)")
        }
        var operations: [PatchOperation] = []
        operations.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            operations.append(try operation(from: element, index: index))
        }
        return operations
    }

    private static func operation(from element: JSONValue, index: Int) throws(PatchFailure) -> PatchOperation {
        let members = element.objectValue
        let opName = members?["op"]?.stringValue
        let pathText = members?["path"]?.stringValue
        func fail(_ message: String) -> PatchFailure {
            PatchFailure(opIndex: index, op: opName ?? "?", path: pathText ?? "?", message: message)
        }
        func pointer(_ text: String) throws(PatchFailure) -> JSONPointer {
            do throws(JSONPointerError) {
                return try JSONPointer(parsing: text)
            } catch {
                throw fail(error.description)
            }
        }
        guard let members else { throw fail("an operation must be an object, found \(element.typeName)") }
        guard let opName else { throw fail("'op' must be a string") }
        guard let kind = PatchOperation.Kind(rawValue: opName) else {
            throw fail("unknown op '\(opName)'; expected add, remove, replace, move, copy or test")
        }
        guard let pathText else { throw fail("'path' must be a string") }
        var operation = PatchOperation(kind: kind, path: try pointer(pathText))
        switch kind {
        case .move, .copy:
            guard let from = members["from"]?.stringValue else { throw fail("'\(opName)' needs a string 'from'") }
            operation.from = try pointer(from)
        case .add, .replace, .test:
            guard let value = members["value"] else { throw fail("'\(opName)' needs a 'value'") }
            operation.value = value
        case .remove:
            break
        }
        return operation
    }

    /// Applies `operations` in order. On failure the document is left exactly as it was.
    public static func apply(_ operations: [PatchOperation], to document: inout JSONValue) throws(PatchFailure) {
        var undo: [Edit] = []
        for index in operations.indices {
            do throws(PatchProblem) {
                try apply(operations[index], to: &document, undo: &undo)
            } catch {
                // Cannot fail: each inverse meets the document exactly as its edit left it.
                for index in undo.indices.reversed() { try! perform(&undo[index], on: &document) }
                let operation = operations[index]
                throw PatchFailure(opIndex: index, op: operation.kind.rawValue, path: operation.path.description,
                                   message: error.message)
            }
        }
    }

    /// Applies one operation as edits, appending the inverse of each to `undo`.
    private static func apply(_ operation: PatchOperation, to document: inout JSONValue, undo: inout [Edit]) throws(PatchProblem) {
        func edit(_ kind: Edit.Kind, at pointer: JSONPointer, _ value: JSONValue = .null) throws(PatchProblem) {
            guard kind != .remove || !pointer.tokens.isEmpty else { throw .invalid("cannot remove the whole document") }
            var edit = Edit(at: pointer, kind, value)
            try perform(&edit, on: &document)
            undo.append(edit)
        }
        func source() throws(PatchProblem) -> JSONValue {
            let from = operation.from!
            guard let value = from.resolve(in: document) else {
                throw .invalid("from \(from.description.isEmpty ? "\"\"" : from.description) does not exist")
            }
            return value
        }
        // A value put at the path nests as deep as the parser allows at most: `copy` of the
        // root into itself, repeated, would otherwise build any depth, and states that deep
        // overflow the stack (freeing one is recursive).
        func fits(_ value: JSONValue) throws(PatchProblem) -> JSONValue {
            guard !value.nests(deeperThan: JSONParser.maxDepth - operation.path.tokens.count) else {
                throw .invalid("the result would nest deeper than \(JSONParser.maxDepth) levels")
            }
            return value
        }
        switch operation.kind {
        case .add:
            try edit(.add, at: operation.path, fits(operation.value!))
        case .remove:
            try edit(.remove, at: operation.path)
        case .replace:
            try edit(.replace, at: operation.path, fits(operation.value!))
        case .move:
            let value = try fits(source())
            if operation.from == operation.path { return }
            guard !operation.path.tokens.starts(with: operation.from!.tokens) else {
                throw .invalid("cannot move a value into one of its own children")
            }
            try edit(.remove, at: operation.from!)
            try edit(.add, at: operation.path, value)
        case .copy:
            try edit(.add, at: operation.path, fits(source()))
        case .test:
            guard let actual = operation.path.resolve(in: document) else { throw .missing }
            guard actual.isSemanticallyEqual(to: operation.value!) else {
                throw .invalid("test failed: the value is \(abbreviated(actual)), not \(abbreviated(operation.value!))")
            }
        }
    }

    /// Makes `edit` on `document` and turns it into the edit that undoes it.
    private static func perform(_ edit: inout Edit, on document: inout JSONValue) throws(PatchProblem) {
        if edit.kind == .setRoot {
            swap(&edit.value, &document)
            return
        }
        var parentType: String?
        let found = try withValue(at: edit.parent, in: &document) { (parent: inout JSONValue) throws(PatchProblem) in
            if try parent.modifyObject({ (members: inout JSONObject) throws(PatchProblem) in
                try edit.apply(to: &members)
            }) == nil, try parent.modifyArray({ (elements: inout [JSONValue]) throws(PatchProblem) in
                try edit.apply(to: &elements)
            }) == nil {
                parentType = parent.typeName
            }
        }
        guard found, parentType == nil else {
            guard edit.kind == .add else { throw .missing }
            let parent = edit.parent.isEmpty ? "\"\"" : JSONPointer(tokens: Array(edit.parent)).description
            guard let parentType else { throw .invalid("parent \(parent) does not exist") }
            throw .invalid("parent \(parent) is \(parentType == "array" ? "an" : "a") \(parentType), not an object or array")
        }
    }

    /// Calls `body` with the value `tokens` name inside `value`; false when they name nothing.
    /// Each container on the way is moved out of its enum while `body` runs (see
    /// ``JSONValue/modifyArray(_:)``), so no level is copied.
    private static func withValue(
        at tokens: ArraySlice<String>, in value: inout JSONValue,
        _ body: (inout JSONValue) throws(PatchProblem) -> Void
    ) throws(PatchProblem) -> Bool {
        guard let token = tokens.first else {
            try body(&value)
            return true
        }
        let rest = tokens.dropFirst()
        if let found = try value.modifyObject({ (members: inout JSONObject) throws(PatchProblem) in
            guard let index = members.index(forKey: token) else { return false }
            return try withValue(at: rest, in: &members.values[index], body)
        }) {
            return found
        }
        return try value.modifyArray { (elements: inout [JSONValue]) throws(PatchProblem) in
            guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return false }
            return try withValue(at: rest, in: &elements[index], body)
        } ?? false
    }

    private static func abbreviated(_ value: JSONValue) -> String {
        value.jsonText(.compact).truncated(to: 60)
    }
}

/// One change at one place in a document: what every operation is made of, and what undoes one.
private struct Edit {
    enum Kind: Equatable {
        /// Sets an object member (in place if it exists, else at the end) or inserts an array
        /// element at the index or `-`.
        case add
        case remove
        case replace
        /// Puts back an object member removed from `position`.
        case restoreMember(position: Int)
        /// Replaces the whole document.
        case setRoot
    }

    /// The tokens of the container that holds the target.
    var parent: ArraySlice<String>
    /// The target's token in its container.
    var token: String
    var kind: Kind
    /// The value `add`, `replace`, `restoreMember` and `setRoot` put in place.
    var value: JSONValue

    /// The edit `kind` of `value` at `pointer`; `add` and `replace` of the root set the root.
    init(at pointer: JSONPointer, _ kind: Kind, _ value: JSONValue) {
        parent = pointer.tokens.dropLast()
        token = pointer.tokens.last ?? ""
        self.kind = pointer.tokens.isEmpty && kind != .remove ? .setRoot : kind
        self.value = value
    }

    /// Makes the edit on member `token` and turns it into the edit that undoes it.
    mutating func apply(to members: inout JSONObject) throws(PatchProblem) {
        guard let index = members.index(forKey: token) else {
            switch kind {
            case .add: members[token] = value
            case .restoreMember(let position): members.updateValue(value, forKey: token, insertingAt: position)
            default: throw .missing
            }
            (kind, value) = (.remove, .null)
            return
        }
        if kind == .remove {
            (kind, value) = (.restoreMember(position: index), members.remove(at: index).value)
        } else {
            kind = .replace
            swap(&value, &members.values[index])
        }
    }

    /// Makes the edit on the element `token` names and turns it into the edit that undoes it.
    mutating func apply(to elements: inout [JSONValue]) throws(PatchProblem) {
        if kind == .add {
            guard let index = token == "-" ? elements.count : JSONPointer.arrayIndex(token), index <= elements.count else {
                throw .invalid("'\(token)' is not an index from 0 to \(elements.count) or '-'")
            }
            elements.insert(value, at: index)
            (kind, token, value) = (.remove, String(index), .null)
            return
        }
        guard let index = JSONPointer.arrayIndex(token), index < elements.count else { throw .missing }
        if kind == .remove {
            (kind, value) = (.add, elements.remove(at: index))
        } else {
            swap(&value, &elements[index])
        }
    }
}

/// Why one operation failed, before it is tied to its index.
private enum PatchProblem: Error {
    /// The operation's path names nothing.
    case missing
    case invalid(String)

    var message: String {
        switch self {
        case .missing: "path does not exist"
        case .invalid(let text): text
        }
    }
}
