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

/// A patch operation that could not be read or applied, named by its index in the patch.
public struct PatchFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var opIndex: Int
    /// The operation's kind and path as written, e.g. `remove /accounts/7`.
    public var operation: String
    public var message: String

    public var description: String { "patch op #\(opIndex) (\(operation)): \(message)" }
}

/// RFC 6902 JSON Patch: reading operations from JSON and applying them.
///
/// Application mutates the document in place along the operation's path only, so a patch
/// on a large state costs in proportion to its depth, not the state's size. A patch that
/// fails leaves the document as it was.
public enum JSONPatch {
    /// Reads and checks a patch document: an array of operation objects.
    public static func operations(from document: JSONValue) throws(PatchFailure) -> [PatchOperation] {
        guard case .array(let elements) = document else {
            throw PatchFailure(opIndex: 0, operation: "patch", message: "a patch must be an array of operations, found \(document.typeName)")
        }
        var operations: [PatchOperation] = []
        operations.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            operations.append(try operation(from: element, index: index))
        }
        return operations
    }

    private static func operation(from element: JSONValue, index: Int) throws(PatchFailure) -> PatchOperation {
        guard case .object(let members) = element else {
            throw PatchFailure(opIndex: index, operation: "?", message: "an operation must be an object, found \(element.typeName)")
        }
        let opName = members["op"]?.stringValue
        let pathText = members["path"]?.stringValue
        let written = "\(opName ?? "?") \(pathText ?? "?")"
        func fail(_ message: String) -> PatchFailure { PatchFailure(opIndex: index, operation: written, message: message) }
        guard let opName else { throw fail("'op' must be a string") }
        guard let kind = PatchOperation.Kind(rawValue: opName) else {
            throw fail("unknown op '\(opName)'; expected add, remove, replace, move, copy or test")
        }
        guard let pathText else { throw fail("'path' must be a string") }
        func pointer(_ text: String) throws(PatchFailure) -> JSONPointer {
            do throws(JSONPointerError) {
                return try JSONPointer(parsing: text)
            } catch {
                throw fail(error.description)
            }
        }
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

    /// Applies `operations` in order. On failure the document is left unchanged.
    public static func apply(_ operations: [PatchOperation], to document: inout JSONValue) throws(PatchFailure) {
        // Each single operation other than move checks everything before it mutates, so
        // it can run in place; anything longer runs on a copy that replaces the document
        // only once every operation has applied.
        if operations.count == 1, operations[0].kind != .move {
            try apply(operations[0], index: 0, to: &document)
            return
        }
        var working = document
        for (index, operation) in operations.enumerated() {
            try apply(operation, index: index, to: &working)
        }
        document = working
    }

    private static func apply(_ operation: PatchOperation, index: Int, to document: inout JSONValue) throws(PatchFailure) {
        do throws(PatchProblem) {
            switch operation.kind {
            case .add:
                try add(operation.value!, at: operation.path, in: &document)
            case .remove:
                _ = try remove(at: operation.path, in: &document)
            case .replace:
                try replace(at: operation.path, with: operation.value!, in: &document)
            case .move:
                let from = operation.from!
                guard from != operation.path else {
                    guard from.resolve(in: document) != nil else { throw PatchProblem.missing(from) }
                    return
                }
                guard !operation.path.tokens.starts(with: from.tokens) else {
                    throw PatchProblem.other("cannot move \(from) into one of its own children")
                }
                let value = try remove(at: from, in: &document)
                try add(value, at: operation.path, in: &document)
            case .copy:
                guard let value = operation.from!.resolve(in: document) else { throw PatchProblem.missing(operation.from!) }
                try add(value, at: operation.path, in: &document)
            case .test:
                guard let actual = operation.path.resolve(in: document) else { throw PatchProblem.missing(operation.path) }
                guard actual.isSemanticallyEqual(to: operation.value!) else {
                    throw PatchProblem.other("test failed: the value is \(abbreviated(actual)), not \(abbreviated(operation.value!))")
                }
            }
        } catch {
            throw PatchFailure(opIndex: index, operation: "\(operation.kind.rawValue) \(operation.path)", message: error.message)
        }
    }

    private static func add(_ value: JSONValue, at path: JSONPointer, in document: inout JSONValue) throws(PatchProblem) {
        guard let last = path.tokens.last else {
            document = value
            return
        }
        try withContainer(of: path, in: &document) { (container: inout JSONValue) throws(PatchProblem) in
            if container.modifyObject({ $0[last] = value }) != nil { return }
            let added = try container.modifyArray { (elements: inout [JSONValue]) throws(PatchProblem) in
                let index = last == "-" ? elements.count : JSONPointer.arrayIndex(last)
                guard let index, index <= elements.count else {
                    throw PatchProblem.other("'\(last)' is not an index from 0 to \(elements.count) or '-'")
                }
                elements.insert(value, at: index)
            }
            guard added != nil else {
                throw PatchProblem.other("the parent is a \(container.typeName), not an object or array")
            }
        }
    }

    private static func remove(at path: JSONPointer, in document: inout JSONValue) throws(PatchProblem) -> JSONValue {
        guard let last = path.tokens.last else { throw PatchProblem.other("cannot remove the whole document") }
        return try withContainer(of: path, in: &document) { (container: inout JSONValue) throws(PatchProblem) -> JSONValue in
            let removed = container.modifyObject { $0.removeValue(forKey: last) }
                ?? container.modifyArray { elements in
                    JSONPointer.arrayIndex(last).flatMap { $0 < elements.count ? elements.remove(at: $0) : nil }
                }
            guard let removed = removed ?? nil else { throw PatchProblem.missing(path) }
            return removed
        }
    }

    private static func replace(at path: JSONPointer, with value: JSONValue, in document: inout JSONValue) throws(PatchProblem) {
        guard let last = path.tokens.last else {
            document = value
            return
        }
        try withContainer(of: path, in: &document) { (container: inout JSONValue) throws(PatchProblem) in
            let replaced = container.modifyObject { members in
                members.index(forKey: last).map { members.values[$0] = value }
            } ?? container.modifyArray { elements in
                JSONPointer.arrayIndex(last).flatMap { $0 < elements.count ? (elements[$0] = value) : nil }
            }
            guard replaced ?? nil != nil else { throw PatchProblem.missing(path) }
        }
    }

    /// Calls `body` with the value holding the last token of `path` (its parent), mutably and
    /// in place along the way (see ``JSONValue/modifyArray(_:)``).
    private static func withContainer<R>(
        of path: JSONPointer, in document: inout JSONValue,
        _ body: (inout JSONValue) throws(PatchProblem) -> R
    ) throws(PatchProblem) -> R {
        try descend(&document, path.tokens.dropLast(), path, body)
    }

    private static func descend<R>(
        _ value: inout JSONValue, _ tokens: ArraySlice<String>, _ path: JSONPointer,
        _ body: (inout JSONValue) throws(PatchProblem) -> R
    ) throws(PatchProblem) -> R {
        guard let token = tokens.first else { return try body(&value) }
        let rest = tokens.dropFirst()
        let inObject = try value.modifyObject { (members: inout JSONObject) throws(PatchProblem) -> R? in
            guard let index = members.index(forKey: token) else { return nil }
            return try descend(&members.values[index], rest, path, body)
        }
        let inArray = try value.modifyArray { (elements: inout [JSONValue]) throws(PatchProblem) -> R? in
            guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return nil }
            return try descend(&elements[index], rest, path, body)
        }
        guard let result = (inObject ?? inArray) ?? nil else { throw PatchProblem.missingParent(path) }
        return result
    }

    private static func abbreviated(_ value: JSONValue) -> String {
        let text = value.jsonText(.compact)
        return text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }
}

/// Why one operation failed, before it is tied to its index.
private enum PatchProblem: Error {
    case missing(JSONPointer)
    case missingParent(JSONPointer)
    case other(String)

    var message: String {
        switch self {
        case .missing(let path): "path \(path.description.isEmpty ? "\"\"" : path.description) does not exist"
        case .missingParent(let path): "the parent of \(path) does not exist"
        case .other(let text): text
        }
    }
}
