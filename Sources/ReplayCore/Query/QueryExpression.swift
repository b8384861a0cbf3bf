/// An event field a query may name after `@` (besides `@payload`).
enum QueryField: String, CaseIterable, Sendable {
    case index, kind, name, lane, t, error
}

/// A comparison between two values.
enum QueryComparison: String, CaseIterable, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// A value in a query: a place in the state or the event, a literal, or a length.
enum QueryOperand: Equatable, Sendable, CustomStringConvertible {
    /// The value at a pointer in the state after the event.
    case state(JSONPointer)
    /// An event field other than the payload: `index`, `kind`, `name`, `lane`, `t` or `error`.
    case field(QueryField)
    /// The value at a pointer in the event's payload (the root for `@payload`).
    case payload(JSONPointer)
    case literal(JSONValue)
    /// `len(path)`: the length of the array, object or string there.
    indirect case length(QueryOperand)

    var description: String {
        switch self {
        case .state(let pointer): pointer.description
        case .field(let field): "@" + field.rawValue
        case .payload(let pointer): "@payload" + pointer.description
        case .literal(let value): value.jsonText(.compact)
        case .length(let path): "len(\(path))"
        }
    }
}

/// A compiled `=~` pattern, compiled once when the query is parsed.
///
/// `Regex` is not `Sendable` on Linux; this one is never changed after parsing and its
/// compiled program is built before the query is shared (``init(_:)`` matches once), so
/// reading it from several threads is safe.
struct QueryPattern: @unchecked Sendable, Equatable, CustomStringConvertible {
    let source: String
    let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; a bad pattern throws the compiler's message.
    init(_ source: String) throws(QueryPatternError) {
        do {
            regex = try Regex(source)
        } catch {
            throw QueryPatternError(message: "\(error)")
        }
        self.source = source
        _ = "".contains(regex)
    }

    func matches(_ text: String) -> Bool {
        text.contains(regex)
    }

    static func == (a: QueryPattern, b: QueryPattern) -> Bool { a.source == b.source }

    var description: String { JSONValue.string(source).jsonText(.compact) }
}

/// Why a pattern did not compile.
struct QueryPatternError: Error {
    var message: String
}

/// The parsed form of a query expression.
indirect enum QueryExpression: Equatable, Sendable, CustomStringConvertible {
    case or(QueryExpression, QueryExpression)
    case and(QueryExpression, QueryExpression)
    case not(QueryExpression)
    /// `a OP b` for `==`, `!=`, `<`, `<=`, `>`, `>=`.
    case compare(QueryOperand, QueryComparison, QueryOperand)
    /// `a =~ "pattern"`.
    case matches(QueryOperand, QueryPattern)
    /// `changed(/p)`: the value at /p in the state before the event differs from after.
    /// `slot` is the pointer's place in ``Query/changedPointers``.
    case changed(JSONPointer, slot: Int)
    /// `exists(path)`.
    case exists(QueryOperand)

    /// Fully parenthesised, so tests can read how an expression grouped.
    var description: String {
        switch self {
        case .or(let a, let b): "(\(a) or \(b))"
        case .and(let a, let b): "(\(a) and \(b))"
        case .not(let a): "(not \(a))"
        case .compare(let a, let op, let b): "(\(a) \(op.rawValue) \(b))"
        case .matches(let a, let pattern): "(\(a) =~ \(pattern))"
        case .changed(let pointer, _): "changed(\(pointer))"
        case .exists(let path): "exists(\(path))"
        }
    }
}
