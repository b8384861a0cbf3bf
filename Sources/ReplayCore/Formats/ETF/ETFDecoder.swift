/// Decodes Erlang's External Term Format, the bytes of `term_to_binary/1,2`.
///
/// Input is untrusted: every read is bounds-checked, lengths are checked against the bytes
/// left before anything is allocated, nesting is limited to ``maxDepth`` and decoded with
/// an explicit stack, and compressed terms (tag 80) are inflated only up to the size they
/// declare. Malformed input throws an ``ETFError``; it never traps.
public enum ETFDecoder {
    /// How deeply lists, tuples, maps and funs may nest before the input is rejected.
    public static let maxDepth = 10_000

    /// The version byte every encoded term starts with.
    static let versionByte: UInt8 = 131

    /// Decodes one term: the version byte 131, then the term, compressed or not, and nothing after it.
    public static func decode(_ bytes: [UInt8]) throws(ETFError) -> ErlangTerm {
        guard let version = bytes.first else {
            throw ETFError(offset: 0, message: "empty input, expected the version byte 131")
        }
        guard version == versionByte else {
            throw ETFError(offset: 0, message: "version byte is \(version), expected 131")
        }
        if bytes.count > 1 && bytes[1] == ETFTag.compressed {
            return try decodeCompressed(bytes)
        }
        var reader = ETFTermReader(bytes: bytes, position: 1)
        return try reader.readWholeTerm()
    }

    /// Decodes Base64 text (the standard alphabet; padding optional, whitespace ignored) holding
    /// an encoded term. Errors in the Base64 itself give the offset of the character in `base64`.
    public static func decode(base64: String) throws(ETFError) -> ErlangTerm {
        let bytes: [UInt8]
        do throws(Base64.Problem) {
            bytes = try Base64.decode(base64)
        } catch {
            throw ETFError(offset: error.offset, message: error.message)
        }
        return try decode(bytes)
    }

    /// Tag 80: a 4-byte uncompressed size, then a zlib stream holding the term without its version byte.
    private static func decodeCompressed(_ bytes: [UInt8]) throws(ETFError) -> ErlangTerm {
        var header = ETFByteReader(bytes: bytes, position: 2)
        let size = Int(try header.uint32())
        let inflated = try ETFInflate.zlib(bytes[header.position...], size: size, offset: header.position)
        do {
            var reader = ETFTermReader(bytes: inflated, position: 0)
            return try reader.readWholeTerm()
        } catch {
            throw ETFError(offset: error.offset, message: error.message, inInflatedData: true)
        }
    }
}

/// Why bytes are not a valid encoded term, and where.
public struct ETFError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset of the problem in the input, or in the inflated data when
    /// ``inInflatedData`` is true (offset 0 is then the first byte of the inflated term).
    public var offset: Int
    /// What is wrong, e.g. `unknown tag 0x41` or `truncated: needed 4 bytes`.
    public var message: String
    /// True when the problem is inside the data of a compressed term.
    public var inInflatedData: Bool

    public init(offset: Int, message: String, inInflatedData: Bool = false) {
        self.offset = offset
        self.message = message
        self.inInflatedData = inInflatedData
    }

    /// The message and where, e.g. `truncated: needed 4 bytes at offset 7`.
    public var description: String {
        "\(message) at offset \(offset)" + (inInflatedData ? " of the inflated data" : "")
    }
}
