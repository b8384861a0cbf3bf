/// What a comparison leaves out: state paths, and payload fields given as `@payload/...`.
///
/// A pointer ignores the value there and everything under it. `--ignore /clock` leaves the
/// state's `/clock` out; `--ignore @payload/request_id` leaves that payload field out of
/// event identity; `--ignore @payload` the whole payload.
public struct CompareIgnores: Sendable, Equatable {
    /// Ignored state paths, as token lists.
    public private(set) var state: Set<[String]> = []
    /// Ignored payload paths, as token lists (the empty list is the whole payload).
    public private(set) var payload: Set<[String]> = []

    /// Nothing ignored.
    public static let none = CompareIgnores()

    public init() {}

    /// Reads `--ignore` values: JSON Pointers into the state (`/a/b`, or the empty string
    /// for the whole state), or `@payload` followed by a pointer into the payload.
    public init(parsing texts: [String]) throws(JSONPointerError) {
        for text in texts {
            if text.hasPrefix("@") {
                guard text.hasPrefix("@payload") else {
                    throw JSONPointerError(text: text, message: "only payload fields can be ignored among event fields: @payload/...")
                }
                payload.insert(try JSONPointer(parsing: String(text.dropFirst("@payload".count))).tokens)
            } else {
                state.insert(try JSONPointer(parsing: text).tokens)
            }
        }
    }

    /// True when state paths are ignored.
    public var ignoresState: Bool { !state.isEmpty }

    /// The payload as event identity sees it: nil when the whole payload is ignored, else
    /// with each ignored field taken out (an object member removed, an array element made
    /// null, so that the elements after it keep their places).
    public func identityPayload(_ payload: JSONValue?) -> JSONValue? {
        guard var value = payload, !self.payload.isEmpty else { return payload }
        if self.payload.contains([]) { return nil }
        for tokens in self.payload {
            value.blank(tokens[...])
        }
        return value
    }
}

extension JSONValue {
    /// Takes out the value at `tokens`: an object member is removed, an array element
    /// becomes null; nothing happens when there is none.
    fileprivate mutating func blank(_ tokens: ArraySlice<String>) {
        guard let token = tokens.first else { return }
        let rest = tokens.dropFirst()
        switch self {
        case .object:
            _ = modifyObject { members in
                if rest.isEmpty {
                    members[token] = nil
                } else {
                    members[token]?.blank(rest)
                }
            }
        case .array:
            _ = modifyArray { elements in
                guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return }
                if rest.isEmpty {
                    elements[index] = .null
                } else {
                    elements[index].blank(rest)
                }
            }
        default:
            break
        }
    }
}
