extension Int {
    /// The count with its noun, singular for one: `1 error`, `3 errors`, `0 changes`.
    /// Nouns here form their plural with an `s`.
    public func counted(_ noun: String) -> String {
        "\(self) \(noun)\(self == 1 ? "" : "s")"
    }
}
