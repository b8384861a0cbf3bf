/// How Elixir 1.14 writes an atom: as a literal (`:ok`, `:"a b"`, `String`), as a keyword or
/// map key (`ok:`, `"a b":`) and as the function of a remote call (`upcase`, `"Foo"`),
/// after `Macro.inspect_atom/2` and `Macro.classify_atom/1`.
enum ElixirAtom {
    /// The atom as a literal.
    static func literal(_ name: String) -> String {
        if name == "nil" || name == "true" || name == "false" { return name }
        switch classify(name) {
        case .alias:
            if name == "Elixir" || name == "Elixir.Elixir" || name.hasPrefix("Elixir.Elixir.") { return name }
            return String(name.dropFirst("Elixir.".count))
        case .other, .quotedOperator:
            return ":\"" + ElixirText.escape(Array(name.utf8), quote: UInt8(ascii: "\"")) + "\""
        case .identifier, .unquotedOperator, .notCallable:
            return ":" + name
        }
    }

    /// The atom as the key of a keyword list or map, colon included.
    static func key(_ name: String) -> String {
        switch classify(name) {
        case .alias:
            return "\"" + name + "\":"
        case .other, .quotedOperator:
            return "\"" + ElixirText.escape(Array(name.utf8), quote: UInt8(ascii: "\"")) + "\":"
        case .identifier, .unquotedOperator, .notCallable:
            return name + ":"
        }
    }

    /// The atom as the function name in `Module.function`.
    static func remoteCall(_ name: String) -> String {
        switch classify(name) {
        case .identifier, .unquotedOperator, .quotedOperator:
            return name
        case .notCallable, .alias:
            return "\"" + name + "\""
        case .other:
            return "\"" + ElixirText.escape(Array(name.utf8), quote: UInt8(ascii: "\"")) + "\""
        }
    }

    /// True for module names Elixir prints as aliases: `Elixir` then `.Upper[A-Za-z0-9_]*` pieces.
    static func isAlias(_ name: String) -> Bool {
        guard name.hasPrefix("Elixir") else { return false }
        var rest = Substring(name.dropFirst("Elixir".count)).utf8
        while !rest.isEmpty {
            guard rest.count >= 2, rest.first == UInt8(ascii: "."), let capital = rest.dropFirst().first,
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(capital)
            else { return false }
            rest = rest.dropFirst(2).drop(while: isASCIIIdentifierByte)
        }
        return true
    }

    // MARK: Classification

    /// `inner_classify/1` of Elixir's `Macro`.
    private enum Category {
        /// Special forms and ambiguous names (`:%{}`, `:..`), and valid non-identifiers such as `:Foo` or `:a@b`.
        case notCallable
        /// Operators that must be quoted as atoms (`:"::"`).
        case quotedOperator
        /// Operators written bare (`:+`, `:when`).
        case unquotedOperator
        case alias
        /// Names usable as variables or local calls (`:ok`, `:valid?`).
        case identifier
        /// Everything else, quoted (`:"hello world"`, `:""`).
        case other
    }

    private static let notCallable: Set<String> = ["%", "%{}", "{}", "<<>>", "...", "..", ".", "..//", "->"]
    private static let quotedOperators: Set<String> = ["::", "^^^", "~~~", "<|>"]
    /// Unary and binary operators (`Code.Identifier.unary_op/1` and `binary_op/1`; `//` is not one).
    private static let operators: Set<String> = [
        "&", "!", "^", "not", "+", "-", "~~~", "@",
        "<-", "\\\\", "when", "::", "|", "=", "||", "|||", "or", "&&", "&&&", "and",
        "==", "!=", "=~", "===", "!==", "<", "<=", ">=", ">",
        "|>", "<<<", ">>>", "<~", "~>", "<<~", "~>>", "<~>", "<|>", "in", "^^^",
        "++", "--", "..", "<>", "+++", "---", "*", "/", "**", ".",
    ]

    private static func classify(_ name: String) -> Category {
        if notCallable.contains(name) { return .notCallable }
        if quotedOperators.contains(name) { return .quotedOperator }
        if operators.contains(name) { return .unquotedOperator }
        if isAlias(name) { return .alias }
        guard let token = tokenize(Array(name.unicodeScalars)) else { return .other }
        if !token.isIdentifier || token.hasAt { return .notCallable }
        return token.needsNormalizing ? .other : .identifier
    }

    /// What Elixir's identifier tokenizer (`String.Tokenizer`) makes of a whole atom name, or
    /// nil when the name is not one token.
    private struct Token {
        /// Starts with a lowercase letter or `_` (not `Foo`).
        var isIdentifier: Bool
        var hasAt = false
        /// Contains `µ`, which the tokenizer replaces by `μ`.
        var needsNormalizing = false
    }

    private static func tokenize(_ scalars: [Unicode.Scalar]) -> Token? {
        guard let head = scalars.first else { return nil }
        var token: Token
        if head.isASCII {
            guard isASCIILetter(head) || head == "_" else { return nil }
            token = Token(isIdentifier: !("A"..."Z").contains(head))
        } else if isUnicodeUpper(head) {
            token = Token(isIdentifier: false)
        } else if head == "\u{B5}" {
            token = Token(isIdentifier: true, needsNormalizing: true)
        } else if head.properties.isIDStart {
            token = Token(isIdentifier: true)
        } else {
            return nil
        }
        for (index, scalar) in scalars.enumerated().dropFirst() {
            switch scalar {
            case "!", "?":
                // Only as the last character.
                return index == scalars.count - 1 ? token : nil
            case "@":
                token.hasAt = true
            case _ where scalar.isASCII:
                guard isASCIILetter(scalar) || ("0"..."9").contains(scalar) || scalar == "_" else { return nil }
            case "\u{B5}":
                token.needsNormalizing = true
            default:
                guard scalar.properties.isIDContinue || isUnicodeUpper(scalar) else { return nil }
            }
        }
        return token
    }

    private static func isUnicodeUpper(_ scalar: Unicode.Scalar) -> Bool {
        let category = scalar.properties.generalCategory
        return (category == .uppercaseLetter || category == .titlecaseLetter) && !scalar.properties.isPatternSyntax
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isASCIIIdentifierByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }
}
