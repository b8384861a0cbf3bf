/// What a piece of text means on screen. Views choose roles; a ``Theme`` turns them into
/// colours (or, in monochrome, into attributes) only when the screen is drawn.
public enum Role: String, CaseIterable, Sendable {
    case text, dim, accent, crash, error, added, removed, changed, playhead, breakpoint
    case selection, header, border, match, background
    /// The spans on a trace's critical path, in the span pane.
    case critical

    /// The role drawn in a theme file's place when the file predates this role (themes
    /// written before the span pane name no `critical`).
    var fallback: Role? {
        self == .critical ? .accent : nil
    }
}

/// How a cell is drawn: a foreground role, an optional background role, and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: Role
    public var background: Role?
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ foreground: Role = .text, background: Role? = nil, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
}
