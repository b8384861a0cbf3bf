import Testing
@testable import ReplayCore

@Suite struct GzipTests {
    /// `text1` gzip-compressed by Python's gzip module (mtime 0, no file name).
    static let member1: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xff, 0xab, 0x56, 0x4a, 0xcb, 0x2f, 0xca,
        0x4d, 0x2c, 0x51, 0xb2, 0x52, 0x50, 0x2a, 0x4a, 0x2d, 0xc8, 0x49, 0xac, 0xd4, 0x2d, 0x29, 0x4a,
        0x4c, 0x4e, 0x55, 0xd2, 0x51, 0x50, 0x4a, 0x2d, 0x4b, 0xcd, 0x2b, 0x29, 0x06, 0xca, 0x44, 0x57,
        0x2b, 0x65, 0x67, 0xe6, 0xa5, 0x80, 0xd4, 0x24, 0x2a, 0xd5, 0xc6, 0xd6, 0x02, 0x00, 0x23, 0xd6,
        0xa2, 0x88, 0x35, 0x00, 0x00, 0x00,
    ]
    static let text1 = #"{"format": "replay-trace", "events": [{"kind": "a"}]}"#

    private func inflate(_ bytes: [UInt8]) throws -> Gzip.Result {
        try bytes.withUnsafeBytes { try Gzip.inflate($0) }
    }

    @Test func recognisesTheMagicBytes() {
        #expect(Self.member1.withUnsafeBytes(Gzip.isGzip))
        #expect(!Array("{}".utf8).withUnsafeBytes(Gzip.isGzip))
        #expect(![UInt8]([0x1f]).withUnsafeBytes(Gzip.isGzip))
    }

    @Test func inflatesOneMember() throws {
        let result = try inflate(Self.member1)
        #expect(String(decoding: result.bytes, as: UTF8.self) == Self.text1)
        #expect(!result.truncated)
    }

    @Test func inflatesConcatenatedMembers() throws {
        let result = try inflate(Self.member1 + Self.member1)
        #expect(String(decoding: result.bytes, as: UTF8.self) == Self.text1 + Self.text1)
    }

    @Test func aCutStreamGivesItsPrefixMarkedTruncated() throws {
        let result = try inflate(Array(Self.member1.prefix(40)))
        #expect(result.truncated)
        #expect(Self.text1.utf8.starts(with: result.bytes))
    }

    @Test func headerOnlyAndCorruptDataAreErrors() {
        #expect(throws: TraceError.self) { try inflate(Array(Self.member1.prefix(10))) }
        var corrupt = Self.member1
        corrupt[12] ^= 0xFF
        corrupt[13] ^= 0xFF
        #expect(throws: TraceError.self) { try inflate(corrupt) }
    }

    /// A gzip trace is inflated into a mapped temporary file, not into memory: the same bytes,
    /// the same cut.
    @Test func aTraceInflatesIntoAMappedFile() throws {
        for compressed in [Self.member1 + Self.member1, Array(Self.member1.prefix(40))] {
            let (data, truncated) = try TraceData.inflating(TraceData(bytes: compressed))
            let inMemory = try inflate(compressed)
            #expect(data.withBytes { Array($0) } == inMemory.bytes)
            #expect(truncated == inMemory.truncated)
        }
        #expect(throws: TraceError.self) { try TraceData.inflating(TraceData(bytes: Array(Self.member1.prefix(10)))) }
    }

    /// Inflating stops, with a sentence saying why and what to do, rather than fill the
    /// temporary space.
    @Test func inflatingStopsBeforeTheTemporarySpaceRunsOut() {
        #expect {
            try TraceData.inflating(TraceData(bytes: Self.member1), spare: .max / 2)
        } throws: { error in
            let message = (error as? TraceError)?.message ?? ""
            return message.contains("stopped to leave room: set TMPDIR to a directory with more space")
        }
    }
}
