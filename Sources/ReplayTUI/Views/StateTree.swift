import ReplayCore

/// The state as the rows of a foldable tree: what the state pane shows and the cursor moves over.
public enum StateTree {
    /// One visible row: a member or element, how deep it is, and whether it is open.
    public struct Row: Equatable, Sendable {
        public var path: JSONPointer
        public var depth: Int
        /// `key` for object members, `[i]` for array elements, empty for a scalar root.
        public var label: String
        public var value: JSONValue
        public var isOpen: Bool

        public var isContainer: Bool {
            switch value {
            case .array, .object: true
            default: false
            }
        }
    }

    /// The rows of `state` with the nodes in `expanded` open. The root is always open and
    /// has no row of its own unless it is a scalar.
    public static func rows(of state: JSONValue, expanded: Set<JSONPointer>) -> [Row] {
        var rows: [Row] = []
        var stack: [(JSONPointer, Int, String, JSONValue)] = []
        func pushChildren(of value: JSONValue, at path: JSONPointer, depth: Int) {
            switch value {
            case .object(let members):
                for (key, child) in members.reversed() { stack.append((path.appending(key), depth, key, child)) }
            case .array(let elements):
                for (index, child) in elements.enumerated().reversed() { stack.append((path.appending(index), depth, "[\(index)]", child)) }
            default:
                break
            }
        }
        switch state {
        case .object, .array: pushChildren(of: state, at: .root, depth: 0)
        default: return [Row(path: .root, depth: 0, label: "", value: state, isOpen: false)]
        }
        while let (path, depth, label, value) = stack.popLast() {
            let isOpen = expanded.contains(path)
            rows.append(Row(path: path, depth: depth, label: label, value: value, isOpen: isOpen))
            if isOpen { pushChildren(of: value, at: path, depth: depth + 1) }
        }
        return rows
    }

    /// The index of the row for `path`, or of its nearest shown ancestor, else 0.
    public static func index(of path: JSONPointer, in rows: [Row]) -> Int {
        var target: JSONPointer? = path
        while let current = target {
            if let index = rows.firstIndex(where: { $0.path == current }) { return index }
            target = current.parent
        }
        return 0
    }

    /// A one-line summary of a value: scalars as JSON, open containers by size, closed ones
    /// as a preview cut at `limit` characters.
    public static func summary(_ value: JSONValue, open: Bool, limit: Int) -> String {
        switch value {
        case .object(let members) where open: "{\(members.count) \(members.count == 1 ? "key" : "keys")}"
        case .array(let elements) where open: "[\(elements.count) \(elements.count == 1 ? "item" : "items")]"
        default: Preview.of(value, limit: limit)
        }
    }
}
