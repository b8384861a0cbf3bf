extension StateChange {
    /// The change as one readable line: `+ /path new`, `- /path old` or `~ /path old -> new`,
    /// values as compact JSON. The whole state is named `(root)`.
    public var readableLine: String {
        let where_ = path.tokens.isEmpty ? "(root)" : path.description
        func text(_ value: JSONValue?) -> String { value?.jsonText(.compact) ?? "null" }
        switch op {
        case .add: return "+ \(where_) \(text(new))"
        case .remove: return "- \(where_) \(text(old))"
        case .replace: return "~ \(where_) \(text(old)) -> \(text(new))"
        }
    }
}
