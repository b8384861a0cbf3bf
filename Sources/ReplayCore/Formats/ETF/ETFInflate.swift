import CZlib

/// zlib decompression for compressed terms (tag 80), which declare their inflated size.
enum ETFInflate {
    /// Inflates the zlib stream (RFC 1950) `compressed`, which must expand to exactly `size`
    /// bytes and end with the input. `offset` is where `compressed` starts in the input, just
    /// after the 4-byte size, for errors. Memory grows with what actually inflates, never
    /// ahead of it, so a false size cannot make it allocate.
    static func zlib(_ compressed: ArraySlice<UInt8>, size: Int, offset: Int) throws(ETFError) -> [UInt8] {
        guard !compressed.isEmpty else { throw ETFError(offset: offset, message: "truncated: the zlib data is missing") }
        guard let inputCount = UInt32(exactly: compressed.count) else {
            throw ETFError(offset: offset, message: "the zlib data is larger than 4 GiB")
        }
        var stream = z_stream()
        guard replay_inflateInit2(&stream, 15) == Z_OK else {
            throw ETFError(offset: offset, message: "cannot start zlib decompression")
        }
        defer { inflateEnd(&stream) }
        let result = compressed.withUnsafeBufferPointer { input -> Result<[UInt8], ETFError> in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = inputCount
            return inflateAll(&stream, size: size, offset: offset)
        }
        return try result.get()
    }

    /// Runs `stream` to its end in chunks, checking the output against the declared `size`.
    private static func inflateAll(_ stream: inout z_stream, size: Int, offset: Int) -> Result<[UInt8], ETFError> {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let status = chunk.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(stream.avail_out)
            let consumedEnd = offset + Int(stream.total_in)
            guard output.count + produced <= size else {
                return .failure(ETFError(offset: offset - 4, message: "the zlib data inflates to more than the declared \(size) bytes"))
            }
            output += chunk[0..<produced]
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END where output.count < size:
                return .failure(ETFError(offset: offset - 4, message: "the zlib data inflates to \(output.count) bytes, not the declared \(size)"))
            case Z_STREAM_END where stream.avail_in > 0:
                return .failure(ETFError(offset: consumedEnd, message: "\(stream.avail_in) unexpected bytes after the zlib data"))
            case Z_STREAM_END:
                return .success(output)
            case Z_BUF_ERROR where stream.avail_in == 0:
                return .failure(ETFError(offset: consumedEnd, message: "truncated: the zlib data ends early"))
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                return .failure(ETFError(offset: consumedEnd, message: "corrupt zlib data: \(reason)"))
            }
        }
    }
}
