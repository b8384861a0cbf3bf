import CZlib

/// gzip decompression for traces, recognised by content (the magic bytes `1F 8B`).
public enum Gzip {
    /// What inflating produced.
    public struct Result: Sendable {
        public var bytes: [UInt8]
        /// True when the compressed stream ended early; `bytes` holds what inflated before the cut.
        public var truncated: Bool
    }

    /// True when `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The inflated size to reserve: what a gzip file announces in its last four bytes (the
    /// last member's size modulo 4 GiB) when that is plausible, else four times the input;
    /// at most 1 GiB. Reserving it up front means the output does not grow by copying, so
    /// the inflated trace is held once.
    static func expectedSize(of compressed: UnsafeRawBufferPointer) -> Int {
        let guess = compressed.count * 4
        let n = compressed.count
        guard n >= 18 else { return guess }
        let announced = Int(compressed[n - 4]) | Int(compressed[n - 3]) << 8 | Int(compressed[n - 2]) << 16 | Int(compressed[n - 1]) << 24
        let plausible = announced >= n / 2 && announced <= n * 64
        return min(plausible ? announced : guess, 1 << 30)
    }

    /// Inflates gzip data into memory, concatenated members included. For a trace, whose
    /// inflated size is unbounded, ``TraceData/inflating(_:)`` keeps it out of memory.
    public static func inflate(_ compressed: UnsafeRawBufferPointer) throws(TraceError) -> Result {
        var output: [UInt8] = []
        output.reserveCapacity(expectedSize(of: compressed))
        let truncated = try inflate(compressed) { (chunk: UnsafeRawBufferPointer) throws(TraceError) in output.append(contentsOf: chunk) }
        return Result(bytes: output, truncated: truncated)
    }

    /// Inflates gzip data, concatenated members included, handing `output` each piece as it
    /// inflates (at most 256 KB, reused). True when the compressed stream ended early: what
    /// inflated before the cut was handed out.
    public static func inflate(
        _ compressed: UnsafeRawBufferPointer, into output: (UnsafeRawBufferPointer) throws(TraceError) -> Void
    ) throws(TraceError) -> Bool {
        var stream = z_stream()
        // 15 window bits + 32: detect the gzip or zlib header.
        guard replay_inflateInit2(&stream, 15 + 32) == Z_OK else {
            throw TraceError(.file, "cannot start gzip decompression")
        }
        defer { inflateEnd(&stream) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 1)
        defer { chunk.deallocate() }
        var produced = 0
        let base = compressed.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.next_in = UnsafeMutablePointer(mutating: base)
        stream.avail_in = UInt32(compressed.count)
        while true {
            stream.next_out = chunk.baseAddress!.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(chunk.count)
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            let count = chunk.count - Int(stream.avail_out)
            produced += count
            try output(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            switch status {
            case Z_STREAM_END:
                // Another member may follow; anything else after the end is ignored as gzip does.
                let rest = Int(stream.avail_in)
                guard rest >= 2, stream.next_in[0] == 0x1F, stream.next_in[1] == 0x8B else { return false }
                inflateReset(&stream)
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.avail_in == 0:
                guard produced > 0 else { throw TraceError(.file, "the gzip stream is truncated before any data") }
                return true
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw TraceError(.file, "the gzip data is corrupt: \(reason)")
            }
        }
    }
}
