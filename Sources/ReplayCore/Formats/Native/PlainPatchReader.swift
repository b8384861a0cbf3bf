extension JSONParser {
    /// Reads a patch array straight into operations when every operation is plain — an
    /// object with a known `op`, a `path` (and `from`) without escapes or `~`, and the members
    /// its op needs — without building a tree for the operation objects. Returns nil at the
    /// first thing that is not plain; the caller then reads the patch the general way
    /// (``JSONPatch/operations(from:)``), which also names any problem.
    mutating func plainPatchOperations() throws(JSONSyntaxError) -> [PatchOperation]? {
        guard currentByte == UInt8(ascii: "[") else { return nil }
        var operations: [PatchOperation] = []
        var plain = true
        try readElements { (parser: inout JSONParser) throws(JSONSyntaxError) in
            guard plain else { return try parser.skipValue() }
            if let operation = try parser.plainPatchOperation() {
                operations.append(operation)
            } else {
                plain = false
            }
        }
        return plain ? operations : nil
    }

    /// Reads one element (always moving past it); nil when it is not a plain operation, or
    /// when a member's name has an escape.
    private mutating func plainPatchOperation() throws(JSONSyntaxError) -> PatchOperation? {
        guard currentByte == UInt8(ascii: "{") else {
            try skipValue()
            return nil
        }
        var kind: PatchOperation.Kind?
        var path: JSONPointer?
        var from: JSONPointer?
        var value: JSONValue?
        var plain = true
        try readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
            guard plain else { return try parser.skipValue() }
            let key = parser.slice(keyStart + 1..<keyEnd - 1)
            switch true {
            case key.spells("op"):
                kind = try parser.plainStringContent().flatMap { PatchOperation.Kind(rawValue: String(decoding: parser.slice($0), as: UTF8.self)) }
                plain = kind != nil
            case key.spells("path"):
                path = try parser.plainPointer()
                plain = path != nil
            case key.spells("from"):
                from = try parser.plainPointer()
                plain = from != nil
            case key.spells("value"):
                value = try parser.parseValue()
            default:
                // An escaped name may spell one of the above (`o\u0070`), whose value would
                // then win over the plain one's, as a repeated name's last value does.
                plain = !key.contains(UInt8(ascii: "\\"))
                try parser.skipValue()
            }
        }
        guard plain, let kind, let path else { return nil }
        switch kind {
        case .add, .replace, .test: guard value != nil else { return nil }
        case .move, .copy: guard from != nil else { return nil }
        case .remove: break
        }
        return PatchOperation(kind: kind, path: path, from: kind == .move || kind == .copy ? from : nil,
                              value: kind == .remove || kind == .move || kind == .copy ? nil : value)
    }

    /// A JSON pointer written without escapes or `~`, split on `/` from its bytes (either
    /// way, moves past the value).
    private mutating func plainPointer() throws(JSONSyntaxError) -> JSONPointer? {
        guard let content = try plainStringContent(), slice(content).isPlainPointer else { return nil }
        let bytes = slice(content)
        guard !bytes.isEmpty else { return .root }
        let tokens = bytes.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return JSONPointer(tokens: tokens.map { String(decoding: $0, as: UTF8.self) })
    }
}
