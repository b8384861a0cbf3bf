/// An RFC 6901 JSON Pointer: a path of reference tokens into a JSON document.
///
/// `""` is the whole document; `/a~1b/0` names member `a/b`, then element 0. Tokens are
/// kept decoded; ``description`` encodes them again (`~` as `~0`, `/` as `~1`).
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible {
    /// The decoded reference tokens, outermost first.
    public var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses pointer text such as `/accounts/0/balance`.
    public init(parsing text: String) throws(JSONPointerError) {
        let utf8 = text.utf8
        guard let first = utf8.first else {
            self.tokens = []
            return
        }
        guard first == UInt8(ascii: "/") else {
            throw JSONPointerError(text: text, message: "a JSON pointer must be empty or start with '/'")
        }
        var tokens: [String] = []
        var start = utf8.index(after: utf8.startIndex)
        var index = start
        while true {
            if index == utf8.endIndex || utf8[index] == UInt8(ascii: "/") {
                let raw = Substring(utf8[start..<index])
                guard let token = raw.utf8.contains(UInt8(ascii: "~")) ? Self.decode(raw) : String(raw) else {
                    throw JSONPointerError(text: text, message: "'~' must be followed by '0' or '1'")
                }
                tokens.append(token)
                if index == utf8.endIndex { break }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        self.tokens = tokens
    }

    /// The pointer one level deeper.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// The pointer to the element at `index` one level deeper.
    public func appending(_ index: Int) -> JSONPointer {
        appending(String(index))
    }

    /// The pointer one level up, or nil for the root.
    public var parent: JSONPointer? {
        tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    public var description: String {
        tokens.map { "/" + Self.encode($0) }.joined()
    }

    /// The pointer as messages and screens show it: the whole document, whose pointer is
    /// the empty string, is `(root)`.
    public var shown: String {
        tokens.isEmpty ? "(root)" : description
    }

    /// The value this pointer names in `document`, or nil when it names nothing.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The array index a token spells under RFC 6901 (`0` or digits without a leading zero),
    /// or nil for anything else, including `-`.
    public static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        if first == UInt8(ascii: "0") && utf8.count > 1 { return nil }
        return Int(token)
    }

    private static func encode(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    private static func decode(_ raw: Substring) -> String? {
        var result = ""
        var iterator = raw.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default: return nil
            }
        }
        return result
    }
}

/// Pointer text that is not a valid RFC 6901 pointer.
public struct JSONPointerError: Error, Equatable, Sendable, CustomStringConvertible {
    public var text: String
    public var message: String
    public var description: String { "invalid JSON pointer '\(text)': \(message)" }
}
