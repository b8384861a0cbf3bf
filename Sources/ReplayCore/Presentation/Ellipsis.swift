extension StringProtocol {
    /// The text itself when it has at most `limit` characters, else its first `limit - 1`
    /// characters followed by "…". The one way text is cut short by characters: previews,
    /// `events` rows and error messages. (The UI cuts by terminal cells, in `DisplayWidth`.)
    public func truncated(to limit: Int) -> String {
        count <= limit ? String(self) : String(prefix(Swift.max(limit - 1, 0))) + "…"
    }

    /// The first line of the text, followed by " …" when more lines follow.
    public var firstLineTruncated: String {
        guard let end = firstIndex(where: \.isNewline) else { return String(self) }
        return String(self[..<end]) + " …"
    }
}
