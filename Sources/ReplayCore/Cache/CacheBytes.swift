/// The small values of a cache file's sections, written little-endian one after another.
struct CacheByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func integer(_ value: some FixedWidthInteger) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { integer(Int64(value)) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ text: String) {
        int(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func optionalString(_ text: String?) {
        bool(text != nil)
        if let text { string(text) }
    }

    mutating func strings(_ texts: [String]) {
        int(texts.count)
        for text in texts { string(text) }
    }
}

/// Reads what a ``CacheByteWriter`` wrote, checking every length against the bytes left:
/// a damaged section throws ``CacheFileDamage`` and never reads out of bounds.
struct CacheByteReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// True once every byte is read.
    var isAtEnd: Bool { offset == bytes.count }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) throws(CacheFileDamage) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw CacheFileDamage() }
        defer { offset += size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// An integer written by ``CacheByteWriter/int(_:)``, which must lie in `range`.
    mutating func int(in range: ClosedRange<Int> = 0...Int.max) throws(CacheFileDamage) -> Int {
        let value = try integer(Int64.self)
        guard let int = Int(exactly: value), range.contains(int) else { throw CacheFileDamage() }
        return int
    }

    mutating func bool() throws(CacheFileDamage) -> Bool {
        switch try integer(UInt8.self) {
        case 0: false
        case 1: true
        default: throw CacheFileDamage()
        }
    }

    mutating func string() throws(CacheFileDamage) -> String {
        let length = try int(in: 0...(bytes.count - offset))
        defer { offset += length }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
        guard let text = String(validating: slice, as: UTF8.self) else { throw CacheFileDamage() }
        return text
    }

    mutating func optionalString() throws(CacheFileDamage) -> String? {
        try bool() ? try string() : nil
    }

    mutating func strings() throws(CacheFileDamage) -> [String] {
        // Each string takes at least its 8-byte length: a count beyond that is damage.
        let count = try int(in: 0...((bytes.count - offset) / 8))
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count { texts.append(try string()) }
        return texts
    }
}

/// A cache file that is not what it should be: cut off, damaged, or of another layout. It
/// is never shown; the trace is indexed again.
struct CacheFileDamage: Error {}
