/// A place an event may have changed, as the ``TouchIndex`` records it.
///
/// A *value* touch at P says the value at P may differ after the event: it may change the
/// value at any pointer that is P, lies under P or lies above P. A *container* touch at P
/// says the container at P may have changed shape without its members being named: its
/// elements shifted (an array insertion or removal at P's child), or it became an object (a
/// merge patch reaching it when it was not one). It may change only the values reached
/// through P by an array index: `/items/3` for a container touch at `/items`.
public struct Touch: Hashable, Sendable {
    public enum Kind: UInt8, Sendable {
        case value, container
    }

    public var path: JSONPointer
    public var kind: Kind

    public init(_ kind: Kind, _ path: JSONPointer) {
        self.kind = kind
        self.path = path
    }

    /// True when this touch may have changed the value at `pointer`.
    public func mayChange(_ pointer: JSONPointer) -> Bool {
        Touch.mayChange(pointer, kind: kind, path: path.tokens)
    }

    static func mayChange(_ pointer: JSONPointer, kind: Kind, path: [String]) -> Bool {
        let shorter = min(path.count, pointer.tokens.count)
        for level in 0..<shorter where path[level] != pointer.tokens[level] { return false }
        switch kind {
        case .value:
            return true
        case .container:
            return path.count < pointer.tokens.count && JSONPointer.arrayIndex(pointer.tokens[path.count]) != nil
        }
    }
}

extension EventEffect {
    /// The places this change may have changed, without replay: a patch's paths (and, for
    /// an insertion or removal that may be an array's, the array as a container touch), a
    /// merge patch's leaves (each object it walks through as a container touch), the root for
    /// a full snapshot, nothing for no change. A superset: the value comparison decides.
    public var touches: [Touch] {
        var touches: [Touch] = []
        forEachTouch { touches.append($0) }
        return touches
    }

    /// True when one of ``touches`` may change the value at `pointer`.
    public func mayChange(_ pointer: JSONPointer) -> Bool {
        var found = false
        forEachTouch { touch in
            if !found && touch.mayChange(pointer) { found = true }
        }
        return found
    }

    /// Calls `body` with each of ``touches`` (possibly with repeats).
    public func forEachTouch(_ body: (Touch) -> Void) {
        switch self {
        case .none:
            break
        case .snapshot:
            body(Touch(.value, .root))
        case .merge(let patch):
            Self.forEachMergeTouch(patch, at: .root, body)
        case .patch(let operations):
            for operation in operations {
                switch operation.kind {
                case .test:
                    continue
                case .replace:
                    body(Touch(.value, operation.path))
                case .add, .copy:
                    Self.insertion(at: operation.path, body)
                case .remove:
                    Self.insertion(at: operation.path, body)
                case .move:
                    if let from = operation.from { Self.insertion(at: from, body) }
                    Self.insertion(at: operation.path, body)
                }
            }
        }
    }

    /// An insertion or removal at `path`: the value there, and its container when the last
    /// token may be an array index (the elements after it shift).
    private static func insertion(at path: JSONPointer, _ body: (Touch) -> Void) {
        body(Touch(.value, path))
        if let last = path.tokens.last, last == "-" || JSONPointer.arrayIndex(last) != nil {
            body(Touch(.container, JSONPointer(tokens: Array(path.tokens.dropLast()))))
        }
    }

    private static func forEachMergeTouch(_ patch: JSONValue, at path: JSONPointer, _ body: (Touch) -> Void) {
        guard case .object(let members) = patch, !members.isEmpty else {
            body(Touch(.value, path))
            return
        }
        body(Touch(.container, path))
        for (key, value) in members {
            forEachMergeTouch(value, at: path.appending(key), body)
        }
    }
}
