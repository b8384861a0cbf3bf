/// One token of a query expression, with the 1-based column it starts at.
struct QueryToken: Equatable {
    enum Kind: Equatable {
        /// A JSON Pointer into the state: `/accounts/0/balance`.
        case pointer(JSONPointer)
        /// An event field: `@kind`; `@payload/a/b` carries the pointer into the payload.
        case field(String, JSONPointer?)
        case number(JSONNumber)
        case string(String)
        /// A bare word: `and`, `or`, `not`, `true`, `false`, `null`, `changed`, `exists`, `len`.
        case word(String)
        /// `==`, `!=`, `<`, `<=`, `>`, `>=`, `=~`.
        case comparison(String)
        case openParenthesis
        case closeParenthesis
        case end
    }

    var kind: Kind
    var column: Int
    /// The token as written, for messages.
    var text: String
}
