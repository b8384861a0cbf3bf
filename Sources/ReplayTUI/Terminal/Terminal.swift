/// What the run loop needs from a terminal. ``CursesTerminal`` is the real one; tests drive
/// the app without one.
public protocol Terminal: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows `canvas` (the terminal keeps what did not change).
    func draw(_ canvas: Canvas)
    /// Waits up to `milliseconds` (nil: until something happens) for input, a resize or a
    /// signal, and returns what arrived (empty on timeout).
    func read(timeout milliseconds: Int?) -> [TerminalInput]
    /// Gives the terminal back as it was: cursor, echo, main screen, mouse reporting off.
    func restore()
}

/// What a terminal reports.
public enum TerminalInput: Equatable, Sendable {
    case message(Msg)
    /// SIGTERM, SIGHUP or SIGINT arrived.
    case signal(Int32)
}
