/// Finds the first byte that is a backslash, or (when asked) 0x80 or more: the bytes that
/// may stand for text the raw bytes do not spell out.
struct EscapeFinder {
    /// True to find bytes of 0x80 or more too.
    let nonASCII: Bool

    /// The first offset in `from..<before` holding such a byte, or nil.
    func first(in bytes: UnsafeRawBufferPointer, from: Int, before: Int) -> Int? {
        let end = min(before, bytes.count)
        guard from < end, let base = bytes.baseAddress else { return nil }
        let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let high = SIMD16<UInt8>(repeating: nonASCII ? 0x80 : 0xFF)
        var start = from
        while start + 16 <= end {
            let block = base.loadUnaligned(fromByteOffset: start, as: SIMD16<UInt8>.self)
            if any((block .== backslash) .| (block .>= high)) { break }
            start += 16
        }
        while start < end {
            let byte = base.load(fromByteOffset: start, as: UInt8.self)
            if byte == UInt8(ascii: "\\") || (nonASCII && byte >= 0x80) { return start }
            start += 1
        }
        return nil
    }
}
