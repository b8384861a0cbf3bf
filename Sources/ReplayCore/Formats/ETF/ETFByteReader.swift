/// Bounds-checked reading of the bytes of an encoded term: every read checks what is left
/// first and throws "truncated" rather than reading past the end.
struct ETFByteReader {
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    private(set) var position: Int

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
    }

    var bytesLeft: Int { bytes.count - position }

    /// The next `count` bytes.
    mutating func take(_ count: Int) throws(ETFError) -> ArraySlice<UInt8> {
        guard count <= bytesLeft else {
            throw ETFError(offset: position, message: "truncated: needed \(count.counted("byte"))")
        }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func byte() throws(ETFError) -> UInt8 {
        let start = position
        _ = try take(1)
        return bytes[start]
    }

    mutating func uint16() throws(ETFError) -> UInt16 { try bigEndian(UInt16.self) }
    mutating func uint32() throws(ETFError) -> UInt32 { try bigEndian(UInt32.self) }
    mutating func uint64() throws(ETFError) -> UInt64 { try bigEndian(UInt64.self) }

    /// A big-endian unsigned integer as wide as `T`.
    private mutating func bigEndian<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws(ETFError) -> T {
        try take(T.bitWidth / 8).reduce(0) { $0 << 8 | T($1) }
    }

    /// A declared element count, refused when the bytes left cannot hold that many elements
    /// (each takes at least `minimumBytesEach` bytes, plus `extra` after them), so that no
    /// length is trusted before it is allocated for.
    func count(
        _ declared: some BinaryInteger, minimumBytesEach: Int, extra: Int = 0, of what: String
    ) throws(ETFError) -> Int {
        guard let count = Int(exactly: declared), count <= (bytesLeft - extra) / minimumBytesEach else {
            throw ETFError(offset: position, message: "\(declared) \(what) cannot fit in the \(bytesLeft) bytes left")
        }
        return count
    }

    /// A tag for messages: `0x41 (65)`.
    static func describe(tag: UInt8) -> String {
        let digits = String(tag, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" : "") + digits + " (\(tag))"
    }
}
