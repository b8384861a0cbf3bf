/// A JSON parser over raw bytes that keeps every value exact.
///
/// It validates the whole RFC 8259 grammar, including UTF-8, escapes and surrogate pairs,
/// and reports the first problem with its byte offset (turned into line and column by the
/// caller, see ``TraceError``). Nesting is bounded by ``maxDepth`` so that hostile input
/// cannot overflow the stack. ``skipValue()`` validates a value without building it, which
/// is how the trace index reads a large file without allocating a tree per event.
public struct JSONParser {
    /// How deep arrays and objects may nest before the document is rejected.
    public static let maxDepth = 1_000

    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    public internal(set) var position: Int
    /// How many containers the parser is inside.
    var depth = 0

    /// A parser over `bytes`, starting at `position`.
    public init(bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes.assumingMemoryBound(to: UInt8.self)
        self.position = position
    }

    /// Parses one complete document: a value with nothing but whitespace around it.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        try parser.expectEnd()
        return value
    }

    /// Checks that `bytes` hold one complete document, as ``parse(_:)`` would, building
    /// nothing: the same first error, found at a fraction of the cost.
    public static func validate(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        try parser.skipValue()
        try parser.expectEnd()
    }

    private mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        if position < bytes.count {
            throw error("unexpected \(describeByte(at: position)) after the end of the JSON value")
        }
    }

    // MARK: Reading values

    /// Parses the value at the current position and moves past it.
    public mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw truncated("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    /// Validates the value at the current position and moves past it, building nothing.
    /// A valid value is walked once, without recursion (``skipValidValue()``); only one that
    /// is not is walked again member by member, to report its first problem.
    public mutating func skipValue() throws(JSONSyntaxError) {
        let start = position
        if skipValidValue() { return }
        position = start
        try skipValueCarefully()
    }

    /// ``skipValue()`` one container at a time, each member through ``skipValue()``, so that
    /// the first problem is found and reported where it is.
    private mutating func skipValueCarefully() throws(JSONSyntaxError) {
        guard position < bytes.count else { throw truncated("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try enterContainer()
            try readMembers { (parser: inout JSONParser, _: Int, _: Int) throws(JSONSyntaxError) in
                try parser.skipValue()
            }
            depth -= 1
        case UInt8(ascii: "["):
            try enterContainer()
            try readElements { (parser: inout JSONParser) throws(JSONSyntaxError) in try parser.skipValue() }
            depth -= 1
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        default: _ = try scanNumber()
        }
    }

    /// Parses an object; its members keep their order, and a repeated key keeps its first
    /// position with the last value.
    mutating func parseObject() throws(JSONSyntaxError) -> JSONObject {
        try enterContainer()
        defer { depth -= 1 }
        var members = JSONObject()
        try readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
            let key = parser.decodeKey(keyStart, keyEnd)
            members[key] = try parser.parseValue()
        }
        return members
    }

    mutating func parseArray() throws(JSONSyntaxError) -> [JSONValue] {
        try enterContainer()
        defer { depth -= 1 }
        var elements: [JSONValue] = []
        try readElements { (parser: inout JSONParser) throws(JSONSyntaxError) in
            elements.append(try parser.parseValue())
        }
        return elements
    }

    /// Walks the members of the object at the current position (which must be `{`). For each
    /// member, `body` is called with the parser positioned at the member's value and the
    /// byte range of the key's string literal (quotes included); it must consume the value.
    public mutating func readMembers(
        _ body: (inout JSONParser, _ keyStart: Int, _ keyEnd: Int) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        guard try enterMembers() else { return }
        repeat {
            try expectMemberName()
            let keyStart = position
            try skipString()
            let keyEnd = position
            try expectColon()
            try body(&self, keyStart, keyEnd)
        } while try nextMember()
    }

    /// Moves past the `{` at the current position and any space; false (and past the `}`)
    /// when the object is empty.
    @inline(__always)
    mutating func enterMembers() throws(JSONSyntaxError) -> Bool {
        position += 1
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else { return true }
        position += 1
        return false
    }

    /// Checks that a member name's opening quote is at the current position.
    @inline(__always)
    func expectMemberName() throws(JSONSyntaxError) {
        guard position < bytes.count else { throw truncated("unexpected end of input, expected a member name or '}'") }
        guard bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a member name in double quotes, found \(describeByte(at: position))")
        }
    }

    /// Moves past the `:` after a member name, and the space around it, to the value.
    @inline(__always)
    mutating func expectColon() throws(JSONSyntaxError) {
        // Compact JSON: the colon right after the name, the value right after it.
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: ":"), bytes[position + 1] > 0x20 {
            position += 1
            return
        }
        skipWhitespace()
        guard position < bytes.count else { throw truncated("unexpected end of input, expected ':'") }
        guard bytes[position] == UInt8(ascii: ":") else {
            throw error("expected ':' after a member name, found \(describeByte(at: position))")
        }
        position += 1
        skipWhitespace()
    }

    /// Moves past what follows a member's value: true after a `,` (another member follows),
    /// false after the `}` that closes the object.
    @inline(__always)
    mutating func nextMember() throws(JSONSyntaxError) -> Bool {
        // Compact JSON: the comma right after the value, the next name right after it.
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: ","), bytes[position + 1] > 0x20 {
            position += 1
            return true
        }
        skipWhitespace()
        guard position < bytes.count else { throw truncated("unexpected end of input, expected ',' or '}'") }
        switch bytes[position] {
        case UInt8(ascii: ","):
            position += 1
            skipWhitespace()
            return true
        case UInt8(ascii: "}"):
            position += 1
            return false
        default:
            throw error("expected ',' or '}' after an object member, found \(describeByte(at: position))")
        }
    }

    /// Walks the elements of the array at the current position (which must be `[`); `body`
    /// is called with the parser positioned at each element and must consume it.
    public mutating func readElements(_ body: (inout JSONParser) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            try body(&self)
            skipWhitespace()
            guard position < bytes.count else { throw truncated("unexpected end of input, expected ',' or ']'") }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                position += 1
                return
            default:
                throw error("expected ',' or ']' after an array element, found \(describeByte(at: position))")
            }
        }
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth {
            throw error("nesting is deeper than \(Self.maxDepth) levels")
        }
    }

    // MARK: Scalars

    /// Decodes a member name whose literal (quotes included) spans `start..<end` and was
    /// already validated by ``skipString()``.
    public func decodeKey(_ start: Int, _ end: Int) -> String {
        var copy = JSONParser(bytes: UnsafeRawBufferPointer(bytes), position: start)
        // The literal was validated, so decoding cannot fail.
        return (try? copy.parseString()) ?? ""
    }

    /// Parses a string literal at the current position (which must be `"`).
    public mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = position + 1
        let end = try scanString()
        if end.plain {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end.close]), as: UTF8.self)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(end.close - start)
        var i = start
        while i < end.close {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                i += 1
                continue
            }
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "\""): decoded.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): decoded.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): decoded.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            default:
                // `u`: validated by scanString, so the hex digits and any pair are well formed.
                var scalar = UInt32(hexValue(at: i))
                i += 4
                if scalar & 0xFC00 == 0xD800 {
                    let low = UInt32(hexValue(at: i + 2))
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                appendUTF8(Unicode.Scalar(scalar)!, to: &decoded)
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Validates a string literal at the current position and moves past it.
    @inline(__always)
    public mutating func skipString() throws(JSONSyntaxError) {
        _ = try scanString()
    }

    /// Validates a string literal at the current position, moves past it, and returns the
    /// range of its content (quotes excluded) and whether it holds no escapes, in which case
    /// the content bytes are the string's UTF-8.
    public mutating func scanStringLiteral() throws(JSONSyntaxError) -> (content: Range<Int>, plain: Bool) {
        let open = position
        let (close, plain) = try scanString()
        return (open + 1..<close, plain)
    }

    /// The bytes in `range`.
    public func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// Validates the string literal at the current position, moves past it, and returns the
    /// offset of its closing quote and whether it holds no escapes (so it can be copied as is).
    @inline(__always)
    private mutating func scanString() throws(JSONSyntaxError) -> (close: Int, plain: Bool) {
        if let found = validString(at: position) {
            position = found.close + 1
            return found
        }
        return try scanStringCarefully()
    }

    /// ``scanString()`` for a literal ``validString(at:)`` did not vouch for: it finds the
    /// first problem, or reads a valid literal that one leaves to it (with a surrogate pair,
    /// or ending in the last eight bytes of the input).
    mutating func scanStringCarefully() throws(JSONSyntaxError) -> (close: Int, plain: Bool) {
        let open = position
        var i = position + 1
        var plain = true
        let count = bytes.count
        while true {
            // Fast path: eight bytes at a time, straight to the first byte that needs a look;
            // byte by byte in the last few bytes of the input.
            if i + 8 <= count, let base = bytes.baseAddress {
                let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let mask = Self.attentionMask(word)
                guard mask != 0 else {
                    i += 8
                    continue
                }
                i += mask.trailingZeroBitCount >> 3
            } else {
                while i < count {
                    let byte = bytes[i]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                    i += 1
                }
                guard i < count else {
                    position = open
                    throw truncated("unterminated string")
                }
            }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                position = i + 1
                return (i, plain)
            } else if byte == UInt8(ascii: "\\") {
                plain = false
                i = try scanEscape(at: i)
            } else if byte < 0x20 {
                position = i
                throw error("control character \(describeByte(at: i)) must be escaped in a string")
            } else {
                i = try scanUTF8Sequence(at: i)
            }
        }
    }

    /// The bytes of `word` (byte k in bits 8k..<8k+8) that are a quote, a backslash, a control
    /// character or not ASCII, the bytes a string scan must look at, as the high bit of each
    /// such byte. Bits above the lowest may be false alarms (a borrow carries into the next
    /// byte), so only the lowest set bit is to be trusted: it marks the first such byte.
    @inline(__always)
    static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        return control | quote | backslash | (word & highs)
    }

    /// Validates the escape sequence starting with the backslash at `i`; returns the offset after it.
    private mutating func scanEscape(at i: Int) throws(JSONSyntaxError) -> Int {
        if let end = validEscapeEnd(at: i) { return end }
        guard i + 1 < bytes.count else {
            position = i
            throw truncated("unterminated string")
        }
        switch bytes[i + 1] {
        case UInt8(ascii: "u"):
            let unit = try hexQuad(at: i + 2, escapeStart: i)
            switch unit {
            case 0xD800...0xDBFF:
                guard i + 7 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u") else {
                    position = i
                    let next = i + 6
                    if next >= bytes.count || bytes[next] == UInt8(ascii: "\\") && next + 1 >= bytes.count {
                        throw truncated("unterminated string")
                    }
                    throw error("high surrogate \\u\(hex4(unit)) is not followed by a low surrogate")
                }
                let low = try hexQuad(at: i + 8, escapeStart: i + 6)
                guard (0xDC00...0xDFFF).contains(low) else {
                    position = i + 6
                    throw error("high surrogate \\u\(hex4(unit)) is followed by \\u\(hex4(low)), not a low surrogate")
                }
                return i + 12
            case 0xDC00...0xDFFF:
                position = i
                throw error("lone low surrogate \\u\(hex4(unit))")
            default:
                return i + 6
            }
        default:
            position = i
            throw error("invalid escape '\\\(printable(bytes[i + 1]))' in a string")
        }
    }

    private mutating func hexQuad(at i: Int, escapeStart: Int) throws(JSONSyntaxError) -> UInt16 {
        guard i + 4 <= bytes.count, (i..<i + 4).allSatisfy({ hexDigit(bytes[$0]) != nil }) else {
            position = escapeStart
            if (i..<bytes.count).allSatisfy({ hexDigit(bytes[$0]) != nil }) { throw truncated("unterminated string") }
            throw error("\\u must be followed by four hex digits")
        }
        return hexValue(at: i)
    }

    private func hexValue(at i: Int) -> UInt16 {
        (i..<i + 4).reduce(0) { $0 << 4 | UInt16(hexDigit(bytes[$1])!) }
    }

    /// Validates one multi-byte UTF-8 sequence at `i`; returns the offset after it.
    private mutating func scanUTF8Sequence(at i: Int) throws(JSONSyntaxError) -> Int {
        switch utf8Sequence(at: i) {
        case .valid(let end):
            return end
        case .invalidLead:
            position = i
            throw error("invalid UTF-8 byte 0x\(hex2(bytes[i])) in a string")
        case .invalidContinuation:
            position = i
            throw error("invalid UTF-8 sequence starting with byte 0x\(hex2(bytes[i])) in a string")
        case .truncated:
            position = i
            throw truncated("unterminated string")
        }
    }

    /// What a multi-byte UTF-8 sequence starting at `i` is.
    enum UTF8Sequence {
        case valid(end: Int)
        case invalidLead, invalidContinuation, truncated
    }

    /// Judges the multi-byte UTF-8 sequence at `i` by RFC 3629: no overlongs, no
    /// surrogates, nothing past U+10FFFF.
    @inline(__always)
    func utf8Sequence(at i: Int) -> UTF8Sequence {
        let lead = bytes[i]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F
        case 0xF0: length = 4; lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F
        default: return .invalidLead
        }
        for k in 1..<length {
            guard i + k < bytes.count else { return .truncated }
            let range = k == 1 ? lowest...highest : 0x80...0xBF
            guard range.contains(bytes[i + k]) else { return .invalidContinuation }
        }
        return .valid(end: i + length)
    }

    /// Parses a number literal at the current position, keeping its text.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        let end = try scanNumber()
        return JSONNumber(uncheckedLiteral: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }

    /// Validates a number literal at the current position and moves past it; returns its end.
    public mutating func scanNumber() throws(JSONSyntaxError) -> Int {
        guard let end = JSONNumber.numberLiteralEnd(bytes, from: position) else {
            let byte = bytes[position]
            if byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10 {
                let numberBytes: Set<UInt8> = Set("0123456789+-.eE".utf8)
                if (position..<bytes.count).allSatisfy({ numberBytes.contains(bytes[$0]) }) {
                    throw truncated("unexpected end of input in a number")
                }
                throw error("invalid number")
            }
            throw error("unexpected \(describeByte(at: position)), expected a value")
        }
        position = end
        return end
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard self.word(at: position, is: word) else {
            let rest = bytes.count - position
            if rest < count, (0..<rest).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] }) {
                throw truncated("unexpected end of input, expected a value")
            }
            throw error("unexpected \(describeByte(at: position)), expected a value")
        }
        position += count
    }

    // MARK: Whitespace and errors

    /// Moves past spaces, tabs, carriage returns and newlines.
    @inline(__always)
    public mutating func skipWhitespace() {
        position = afterSpace(position)
    }

    /// The byte at the current position, or nil at the end.
    public var currentByte: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    /// A syntax error at the current position.
    public func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: message)
    }

    /// A syntax error caused by the input ending too soon: what a cut-off file gives.
    func truncated(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: message, isEndOfInput: true)
    }

    func describeByte(at i: Int) -> String {
        guard i < bytes.count else { return "end of input" }
        let byte = bytes[i]
        switch byte {
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        case 0x0A: return "newline"
        default: return byte < 0x80 ? "U+00\(hex2(byte))" : "byte 0x\(hex2(byte))"
        }
    }
}

/// A JSON syntax problem at a byte offset.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    /// The offset of the byte where the problem was found.
    public var offset: Int
    public var message: String
    /// True when the input ended in the middle of a value: the document was cut off.
    public var isEndOfInput = false

    public init(offset: Int, message: String, isEndOfInput: Bool = false) {
        self.offset = offset
        self.message = message
        self.isEndOfInput = isEndOfInput
    }

    /// The same problem as a ``TraceError`` located by line and column in `bytes`
    /// (offsets are relative to `bytes`, plus `base` when it is a window into a larger file).
    public func traceError(in bytes: UnsafeRawBufferPointer) -> TraceError {
        let (line, column) = lineAndColumn(of: offset, in: bytes)
        return TraceError(.text(line: line, column: column), message)
    }
}

extension JSONValue {
    /// Parses a complete JSON document from text.
    public init(parsing text: String) throws(JSONSyntaxError) {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(UnsafeRawBufferPointer(buffer)) }
        }
        self = try result.get()
    }

    /// Parses a complete JSON document from bytes.
    public init(parsing bytes: [UInt8]) throws(JSONSyntaxError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(buffer) }
        }
        self = try result.get()
    }
}

/// The value of a hex digit, either case; nil for any other byte.
func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}

private func hex2(_ byte: UInt8) -> String {
    let text = String(byte, radix: 16, uppercase: true)
    return byte < 0x10 ? "0" + text : text
}

private func hex4(_ unit: UInt16) -> String {
    let text = String(unit, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - text.count) + text
}

private func printable(_ byte: UInt8) -> String {
    (0x21...0x7E).contains(byte) ? String(Character(Unicode.Scalar(byte))) : "\\x" + hex2(byte)
}

private func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
    UTF8.encode(scalar) { bytes.append($0) }
}
