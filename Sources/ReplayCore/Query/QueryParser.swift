/// Parses tokens into a ``QueryExpression`` by recursive descent.
///
/// ```
/// query      = or END
/// or         = and ("or" and)*
/// and        = not ("and" not)*
/// not        = "not" not | primary
/// primary    = "(" or ")" | "changed" "(" POINTER ")" | "exists" "(" path ")"
///            | value ("==" | "!=" | "<" | "<=" | ">" | ">=") value
///            | value "=~" STRING
/// value      = path | NUMBER | STRING | "true" | "false" | "null" | "len" "(" path ")"
/// path       = POINTER | FIELD
/// ```
struct QueryParser {
    private let tokens: [QueryToken]
    private var position = 0
    /// The distinct pointers of `changed()`, in order of appearance.
    private var changedPointers: [JSONPointer] = []

    /// The expression, and the distinct pointers its `changed()` calls name (their slots).
    static func parse(_ text: String) throws(QueryError) -> (QueryExpression, changedPointers: [JSONPointer]) {
        var parser = QueryParser(tokens: try QueryLexer.tokens(text))
        guard parser.current.kind != .end else { throw QueryError(column: 1, "expected a condition, found an empty expression") }
        let expression = try parser.or()
        guard parser.current.kind == .end else {
            throw parser.unexpected("expected 'and', 'or' or the end")
        }
        return (expression, parser.changedPointers)
    }

    private init(tokens: [QueryToken]) {
        self.tokens = tokens
    }

    private var current: QueryToken { tokens[position] }

    private mutating func advance() -> QueryToken {
        defer { position += 1 }
        return current
    }

    private func isWord(_ word: String) -> Bool {
        current.kind == .word(word)
    }

    /// An error at the current token: `expected ..., found 'x'`, or at the end of the text
    /// just `expected ...`.
    private func unexpected(_ expected: String) -> QueryError {
        let found = current.kind == .end ? "" : ", found '\(current.text)'"
        return QueryError(column: current.column, expected + found)
    }

    private mutating func or() throws(QueryError) -> QueryExpression {
        try chain("or", QueryExpression.or) { (parser: inout QueryParser) throws(QueryError) in try parser.and() }
    }

    private mutating func and() throws(QueryError) -> QueryExpression {
        try chain("and", QueryExpression.and) { (parser: inout QueryParser) throws(QueryError) in try parser.not() }
    }

    /// `operand (word operand)*`, grouped from the left by `join`.
    private mutating func chain(
        _ word: String, _ join: (QueryExpression, QueryExpression) -> QueryExpression,
        _ operand: (inout QueryParser) throws(QueryError) -> QueryExpression
    ) throws(QueryError) -> QueryExpression {
        var expression = try operand(&self)
        while isWord(word) {
            _ = advance()
            expression = join(expression, try operand(&self))
        }
        return expression
    }

    private mutating func not() throws(QueryError) -> QueryExpression {
        guard isWord("not") else { return try primary() }
        _ = advance()
        guard current.kind != .end else { throw unexpected("expected a condition after 'not'") }
        return .not(try not())
    }

    private mutating func primary() throws(QueryError) -> QueryExpression {
        if current.kind == .openParenthesis {
            let open = advance()
            guard current.kind != .closeParenthesis else { throw unexpected("expected a condition inside '('") }
            let inner = try or()
            guard current.kind == .closeParenthesis else {
                throw unexpected("expected ')' to close the '(' at column \(open.column)")
            }
            _ = advance()
            return inner
        }
        if isWord("changed") {
            let argument = try functionArgument("changed")
            guard case .state(let pointer) = argument.operand else {
                throw QueryError(column: argument.column, "changed() takes a pointer into the state, such as /accounts/0")
            }
            if !changedPointers.contains(pointer) { changedPointers.append(pointer) }
            return .changed(pointer, slot: changedPointers.firstIndex(of: pointer)!)
        }
        if isWord("exists") {
            return .exists(try functionArgument("exists").operand)
        }
        for word in ["and", "or"] where isWord(word) {
            throw unexpected("expected a condition before '\(word)'")
        }
        guard let left = try value() else { throw unexpected("expected a condition") }
        let leftText = tokens[left.first..<position].map(\.text).joined()
        guard case .comparison(let operation) = current.kind else {
            throw unexpected("expected a comparison (==, !=, <, <=, >, >=, =~) after '\(leftText)'")
        }
        _ = advance()
        if operation == "=~" {
            guard case .string(let source) = current.kind else {
                throw unexpected("expected a string holding a regex after '=~'")
            }
            let literal = advance()
            do throws(QueryPatternError) {
                return .matches(left.operand, try QueryPattern(source))
            } catch {
                throw QueryError(column: literal.column, "invalid regex \(literal.text): \(error.message)")
            }
        }
        guard let right = try value() else { throw unexpected("expected a value after '\(operation)'") }
        return .compare(left.operand, QueryComparison(rawValue: operation)!, right.operand)
    }

    /// A value and the index of its first token, or nil (consuming nothing) when the
    /// current token starts none.
    private mutating func value() throws(QueryError) -> (operand: QueryOperand, first: Int)? {
        let first = position
        switch current.kind {
        case .number(let number):
            _ = advance()
            return (.literal(.number(number)), first)
        case .string(let text):
            _ = advance()
            return (.literal(.string(text)), first)
        case .word("true"), .word("false"), .word("null"):
            let word = advance().text
            return (.literal(word == "null" ? .null : .bool(word == "true")), first)
        case .word("len"):
            return (.length(try functionArgument("len").operand), first)
        case .word(let word) where !["and", "or", "not", "changed", "exists"].contains(word):
            let keywords = ["and", "or", "not", "true", "false", "null", "changed", "exists", "len"]
            let hint = keywords.contains(word.lowercased()) ? " (write '\(word.lowercased())' in lower case)" : ""
            throw QueryError(column: current.column, "unknown word '\(word)'\(hint)")
        default:
            guard let operand = path() else { return nil }
            return (operand, first)
        }
    }

    /// A pointer into the state or an event field, consumed; nil when the current token is neither.
    private mutating func path() -> QueryOperand? {
        switch current.kind {
        case .pointer(let pointer):
            _ = advance()
            return .state(pointer)
        case .field("payload", let pointer):
            _ = advance()
            return .payload(pointer ?? .root)
        case .field(let name, _):
            _ = advance()
            return .field(QueryField(rawValue: name)!)
        default:
            return nil
        }
    }

    /// `name ( path )`, with the current token on `name`; returns the path and its column.
    private mutating func functionArgument(_ name: String) throws(QueryError) -> (operand: QueryOperand, column: Int) {
        _ = advance()
        guard current.kind == .openParenthesis else { throw unexpected("expected '(' after '\(name)'") }
        _ = advance()
        let column = current.column
        guard let operand = path() else {
            throw unexpected("\(name)() takes a path such as /accounts/0 or @payload/id")
        }
        guard current.kind == .closeParenthesis else { throw unexpected("expected ')' after the path") }
        _ = advance()
        return (operand, column)
    }
}
