/// Splits a query expression into tokens (docs/queries.md#tokens).
///
/// Columns count Unicode scalars from 1. A pointer runs to the next space or one of
/// `( ) = ! < > "`; a backslash puts the character after it into the pointer as is
/// (`/notes/a\ b` is the member `a b`).
struct QueryLexer {
    private let scalars: [Unicode.Scalar]
    private var offset = 0

    /// The event fields an expression may name after `@`.
    static let fields = QueryField.allCases.map(\.rawValue) + ["payload"]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Every token of the text, ending with `.end`.
    static func tokens(_ text: String) throws(QueryError) -> [QueryToken] {
        var lexer = QueryLexer(text)
        var tokens: [QueryToken] = []
        repeat {
            tokens.append(try lexer.next())
        } while tokens.last?.kind != .end
        return tokens
    }

    private var current: Unicode.Scalar? { offset < scalars.count ? scalars[offset] : nil }

    private func peek(_ distance: Int) -> Unicode.Scalar? {
        offset + distance < scalars.count ? scalars[offset + distance] : nil
    }

    private func text(from start: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<offset]))
    }

    mutating func next() throws(QueryError) -> QueryToken {
        while let scalar = current, scalar.properties.isWhitespace { offset += 1 }
        let start = offset
        let column = start + 1
        func token(_ kind: QueryToken.Kind) -> QueryToken {
            QueryToken(kind: kind, column: column, text: text(from: start))
        }
        guard let scalar = current else { return QueryToken(kind: .end, column: column, text: "") }
        switch scalar {
        case "(":
            offset += 1
            return token(.openParenthesis)
        case ")":
            offset += 1
            return token(.closeParenthesis)
        case "/":
            return token(.pointer(try pointer(column: column)))
        case "@":
            return token(try field(column: column))
        case "\"":
            return token(.string(try string(column: column)))
        case "=", "!", "<", ">":
            return token(.comparison(try comparison(column: column)))
        case "&", "|":
            let word = scalar == "&" ? "and" : "or"
            throw QueryError(column: column, "use '\(word)' instead of '\(scalar)\(peek(1) == scalar ? "\(scalar)" : "")'")
        case "-", "0"..."9":
            while let next = current, "0123456789.eE+-".unicodeScalars.contains(next) { offset += 1 }
            let literal = text(from: start)
            guard let number = JSONNumber(literal: literal) else {
                throw QueryError(column: column, "invalid number '\(literal)'")
            }
            return token(.number(number))
        default:
            guard Self.isWordCharacter(scalar) else {
                throw QueryError(column: column, "unexpected character '\(scalar)'")
            }
            while let next = current, Self.isWordCharacter(next) { offset += 1 }
            return token(.word(text(from: start)))
        }
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// The characters that end a pointer.
    private static func endsPointer(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || "()=!<>\"".unicodeScalars.contains(scalar)
    }

    /// A pointer starting at the `/` under the cursor; `\` takes the next character as is.
    private mutating func pointer(column: Int) throws(QueryError) -> JSONPointer {
        var raw = String.UnicodeScalarView()
        while let scalar = current, !Self.endsPointer(scalar) {
            if scalar == "\\" {
                guard let escaped = peek(1) else {
                    throw QueryError(column: offset + 1, "expected a character after '\\' in the pointer")
                }
                raw.append(escaped)
                offset += 2
            } else {
                raw.append(scalar)
                offset += 1
            }
        }
        do throws(JSONPointerError) {
            return try JSONPointer(parsing: String(raw))
        } catch {
            throw QueryError(column: column, "invalid pointer '\(String(raw))': \(error.message)")
        }
    }

    /// `@name`, or `@payload` followed at once by a pointer into the payload.
    private mutating func field(column: Int) throws(QueryError) -> QueryToken.Kind {
        offset += 1
        let start = offset
        while let next = current, Self.isWordCharacter(next) { offset += 1 }
        let name = text(from: start)
        guard Self.fields.contains(name) else {
            let known = Self.fields.map { "@" + $0 }.joined(separator: ", ")
            throw QueryError(column: column, "unknown event field '@\(name)' (known: \(known))")
        }
        guard current == "/" else { return .field(name, nil) }
        guard name == "payload" else {
            throw QueryError(column: offset + 1, "only @payload takes a pointer, not @\(name)")
        }
        return .field(name, try pointer(column: offset + 1))
    }

    /// A JSON string literal, escapes and all, decoded.
    private mutating func string(column: Int) throws(QueryError) -> String {
        let start = offset
        offset += 1
        while let scalar = current, scalar != "\"" {
            offset += scalar == "\\" ? 2 : 1
        }
        guard current == "\"" else { throw QueryError(column: column, "unterminated string") }
        offset += 1
        let literal = text(from: start)
        let value: JSONValue
        do throws(JSONSyntaxError) {
            value = try JSONValue(parsing: literal)
        } catch {
            throw QueryError(column: column, "invalid string \(literal): \(error.message)")
        }
        guard case .string(let decoded) = value else { throw QueryError(column: column, "invalid string \(literal)") }
        return decoded
    }

    /// `==`, `!=`, `<`, `<=`, `>`, `>=` or `=~`.
    private mutating func comparison(column: Int) throws(QueryError) -> String {
        let first = current!
        let second = peek(1)
        switch (first, second) {
        case ("=", "="), ("!", "="), ("<", "="), (">", "="), ("=", "~"):
            offset += 2
            return "\(first)\(second!)"
        case ("<", _), (">", _):
            offset += 1
            return "\(first)"
        case ("=", _):
            throw QueryError(column: column, "'=' is not an operator: use '==' to compare")
        default:
            throw QueryError(column: column, "'!' is not an operator: use 'not', or '!=' to compare")
        }
    }
}
