/// A malformed query expression: what is wrong and where.
///
/// Printed as `expression:1:COL: message`, the column 1-based and counted in Unicode
/// characters (scalars) of the expression's text, like a compiler's `file:line:col`.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The 1-based column the problem starts at; one past the end for "expected more".
    public var column: Int
    public var message: String

    public init(column: Int, _ message: String) {
        self.column = column
        self.message = message
    }

    /// `expression:1:14: expected a value after '<'`.
    public var description: String { "expression:1:\(column): \(message)" }
}
