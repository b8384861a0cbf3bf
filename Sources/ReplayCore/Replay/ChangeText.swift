extension StateChange {
    /// The change as one readable line: `+ /path new`, `- /path old` or `~ /path old -> new`,
    /// values as compact JSON. The whole state is named `(root)`.
    public var readableLine: String {
        readableLine { $0.jsonText(.compact) }
    }

    /// The readable line with values as `write` writes them.
    public func readableLine<E: Error>(writing write: (JSONValue) throws(E) -> String) throws(E) -> String {
        let where_ = path.shown
        func text(_ value: JSONValue?) throws(E) -> String { try write(value ?? .null) }
        switch op {
        case .add: return "+ \(where_) \(try text(new))"
        case .remove: return "- \(where_) \(try text(old))"
        case .replace: return "~ \(where_) \(try text(old)) -> \(try text(new))"
        }
    }
}
