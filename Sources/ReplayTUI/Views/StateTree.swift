import ReplayCore

/// The state as the rows of a foldable tree: what the state pane shows and the cursor moves over.
public enum StateTree {
    /// One visible row: a member or element, how deep it is, and whether it is open.
    public struct Row: Equatable, Sendable {
        public var path: JSONPointer
        public var depth: Int
        /// `key` for object members, `[i]` for array elements, empty for a scalar root; in
        /// Elixir also `{i}` for tuple elements and a key's text for other maps.
        public var label: String
        /// What is written between label and value: `: `, or ` => ` for an Elixir map's key.
        public var separator: String
        public var value: JSONValue
        public var isOpen: Bool
        /// True when the row opens into rows of its own (``ValueSyntax/children(of:)``).
        public var isContainer: Bool
    }

    /// The rows of `state` with the nodes in `expanded` open, as `syntax` divides values. The
    /// root is always open and has no row of its own unless it is a single value.
    public static func rows(of state: JSONValue, expanded: Set<JSONPointer>, syntax: ValueSyntax = .json) -> [Row] {
        rows(of: state, syntax: syntax, opening: expanded.contains)
    }

    /// Every node of `state` as a row, all open, in the order the tree shows them.
    public static func allRows(of state: JSONValue, syntax: ValueSyntax = .json) -> [Row] {
        rows(of: state, syntax: syntax, opening: { _ in true })
    }

    private static func rows(of state: JSONValue, syntax: ValueSyntax, opening isOpened: (JSONPointer) -> Bool) -> [Row] {
        var rows: [Row] = []
        var stack: [(JSONPointer, Int, ValueSyntax.Child)] = []
        func pushChildren(_ children: [ValueSyntax.Child], at path: JSONPointer, depth: Int) {
            for child in children.reversed() {
                stack.append((JSONPointer(tokens: path.tokens + child.tokens), depth, child))
            }
        }
        guard let top = syntax.children(of: state) else {
            return [Row(path: .root, depth: 0, label: "", separator: "", value: state, isOpen: false, isContainer: false)]
        }
        pushChildren(top, at: .root, depth: 0)
        while let (path, depth, child) = stack.popLast() {
            let children = syntax.children(of: child.value)
            let isOpen = children != nil && isOpened(path)
            rows.append(Row(
                path: path, depth: depth, label: child.label, separator: child.separator, value: child.value,
                isOpen: isOpen, isContainer: children != nil))
            if isOpen, let children { pushChildren(children, at: path, depth: depth + 1) }
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

    /// The node the cursor shows as selected: the row for `cursor` or its nearest shown
    /// ancestor, else the first row; the root when there are no rows.
    public static func selectedPath(_ cursor: JSONPointer, in rows: [Row]) -> JSONPointer {
        rows.isEmpty ? .root : rows[index(of: cursor, in: rows)].path
    }

    /// A one-line summary of a row's value: an open container by size, anything else as a
    /// preview cut at `limit` characters.
    public static func summary(_ row: Row, limit: Int, syntax: ValueSyntax = .json) -> String {
        guard row.isOpen, let count = syntax.children(of: row.value)?.count else {
            return syntax.preview(row.value, limit: limit)
        }
        return syntax.openSummary(row.value, count: count)
    }
}
