/// A problem with the data in a trace: where it is and what is wrong.
///
/// Every command prints it the same way, prefixed by the trace's path:
/// `path:line:col: message` for syntax, `path: event #i: message` for an event's meaning,
/// `path: message` for the file as a whole.
public struct TraceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the trace the problem is.
    public enum Location: Equatable, Sendable {
        /// A byte position, shown as 1-based line and column (column counts bytes).
        case text(line: Int, column: Int)
        /// An event, by its 0-based index in the file.
        case event(Int)
        /// The file as a whole.
        case file
    }

    public var location: Location
    public var message: String

    public init(_ location: Location, _ message: String) {
        self.location = location
        self.message = message
    }

    /// The error as the CLI prints it, e.g. `trace.json:3:14: expected ',' or '}'`.
    public func rendered(path: String) -> String {
        switch location {
        case .text(let line, let column): "\(path):\(line):\(column): \(message)"
        case .event(let index): "\(path): event #\(index): \(message)"
        case .file: "\(path): \(message)"
        }
    }

    public var description: String { rendered(path: "<trace>") }
}

/// A line and column for a byte offset in `bytes`, both 1-based; columns count bytes.
public func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    let limit = min(offset, bytes.count)
    var i = 0
    while i < limit {
        if bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        i += 1
    }
    return (line, offset - lineStart + 1)
}
