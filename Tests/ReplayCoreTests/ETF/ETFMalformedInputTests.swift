import TestSupport
import Testing
@testable import ReplayCore

/// Hostile and broken input: every case must throw an ``ETFError`` (or decode), never trap.
@Suite struct ETFMalformedInputTests {
    private func error(_ bytes: [UInt8]) -> ETFError? {
        do {
            _ = try ETFDecoder.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// The version byte, `count` copies of `opening`, then `innermost`.
    private func nested(_ opening: [UInt8], count: Int, around innermost: [UInt8]) -> [UInt8] {
        [131] + Array(Array(repeating: opening, count: count).joined()) + innermost
    }

    private func bytes(of name: String) throws -> [UInt8] {
        let vector = try #require(try ETFVector.all().first { $0.name == name })
        return try Base64.decode(vector.base64)
    }

    @Test func emptyInputAndWrongVersionByte() {
        #expect(error([]) == ETFError(offset: 0, message: "empty input, expected the version byte 131"))
        #expect(error([130, 97, 1])?.description == "version byte is 130, expected 131 at offset 0")
        #expect(error([131])?.description == "truncated: needed 1 byte at offset 1")
    }

    @Test(arguments: try ETFVector.all())
    func everyProperPrefixThrows(_ vector: ETFVector) throws {
        let whole = try Base64.decode(vector.base64)
        for count in 0..<whole.count {
            #expect(error(Array(whole.prefix(count))) != nil, "prefix of \(count) bytes")
        }
    }

    @Test func bytesAfterTheTermAreRefused() {
        #expect(error([131, 97, 1, 0])?.description == "1 unexpected bytes after the term at offset 3")
    }

    @Test func absurdLengthsAreRefusedBeforeAllocating() {
        let huge: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(error([131, 109] + huge + [1, 2])?.description == "truncated: needed 4294967295 bytes at offset 6")
        #expect(error([131, 108] + huge + [106])?.message == "4294967295 list elements cannot fit in the 1 bytes left")
        #expect(error([131, 105] + huge)?.message == "4294967295 tuple elements cannot fit in the 0 bytes left")
        #expect(error([131, 116] + huge + [97, 1, 97, 2])?.message == "4294967295 map entries cannot fit in the 4 bytes left")
        #expect(error([131, 111] + huge + [0, 1])?.message == "truncated: needed 4294967295 bytes")
        #expect(error([131, 77] + huge + [3, 1])?.message == "truncated: needed 4294967295 bytes")
        #expect(error([131, 107, 0xFF, 0xFF, 97])?.message == "truncated: needed 65535 bytes")
        #expect(error([131, 118, 0xFF, 0xFF, 97])?.message == "truncated: needed 65535 bytes")
    }

    @Test func nestingBeyondTheLimitIsRefused() {
        let depth = ETFDecoder.maxDepth + 1
        let message = "nesting deeper than \(ETFDecoder.maxDepth) levels"
        #expect(error(nested([104, 1], count: depth, around: [106]))?.message == message)
        // [[[...]]]: each list's tail (NIL) follows the list inside it.
        let tails = [UInt8](repeating: 106, count: depth + 1)
        #expect(error(nested([108, 0, 0, 0, 1], count: depth, around: tails))?.message == message)
        #expect(error(nested([116, 0, 0, 0, 1, 97, 0], count: depth, around: [106]))?.message == message)
    }

    @Test func nestingAtTheLimitDecodesAndPrints() throws {
        let depth = ETFDecoder.maxDepth
        let term = try ETFDecoder.decode(nested([104, 1], count: depth, around: [106]))
        #expect(term.elixirInspect == String(repeating: "{", count: depth) + "[]" + String(repeating: "}", count: depth))
        #expect(term == term)
    }

    @Test func aListContinuedThroughItsTailsIsOneListAtAnyLength() throws {
        // [1 | [2 | [3 | ...]]] written as nested LIST_EXT tails, far past the nesting limit.
        let count = ETFDecoder.maxDepth * 3
        let bytes = nested([108, 0, 0, 0, 1, 97, 7], count: count, around: [106])
        #expect(try ETFDecoder.decode(bytes) == .list(Array(repeating: .integer(ErlangInteger(7)), count: count)))
        #expect(try ETFDecoder.decode([131, 108, 0, 0, 0, 1, 97, 1, 107, 0, 2, 2, 3]).elixirInspect == "[1, 2, 3]")
        #expect(try ETFDecoder.decode([131, 108, 0, 0, 0, 1, 97, 1, 108, 0, 0, 0, 1, 97, 2, 97, 3]).elixirInspect == "[1, 2 | 3]")
    }

    @Test func corruptCompressedDataThrows() throws {
        let compressed = try bytes(of: "bin_long_2000__compressed")
        var corrupt = compressed
        for index in 8..<16 { corrupt[index] ^= 0x5A }
        #expect(error(corrupt)?.message.hasPrefix("corrupt zlib data") == true)

        var smaller = compressed
        smaller[5] &-= 1
        #expect(error(smaller)?.message == "the zlib data inflates to more than the declared 2004 bytes")
        var larger = compressed
        larger[5] &+= 1
        #expect(error(larger)?.message == "the zlib data inflates to 2005 bytes, not the declared 2006")
        #expect(error(compressed + [0])?.message == "1 unexpected bytes after the zlib data")
        #expect(error(Array(compressed.dropLast(3)))?.message == "truncated: the zlib data ends early")
        #expect(error([131, 80, 0, 0, 0, 5])?.message == "truncated: the zlib data is missing")
        // A declared size of 4 GiB over a few bytes inflates what is there and stops.
        var lying = compressed
        lying.replaceSubrange(2..<6, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(error(lying)?.message == "the zlib data inflates to 2005 bytes, not the declared 4294967295")
    }

    @Test func errorsInsideCompressedDataSayTheyAreInTheInflatedData() {
        // zlib of [97] (SMALL_INTEGER_EXT without its byte): the term is cut short after inflating.
        let cut: [UInt8] = [131, 80, 0, 0, 0, 1, 0x78, 0x9C, 0x4B, 0x04, 0x00, 0x00, 0x62, 0x00, 0x62]
        let failure = error(cut)
        #expect(failure?.inInflatedData == true)
        #expect(failure?.description == "truncated: needed 1 byte at offset 1 of the inflated data")
    }

    @Test func invalidTermsAreExplained() {
        #expect(error([131, 65])?.description == "unknown tag 0x41 (65) at offset 1")
        #expect(error([131, 82, 0])?.message == "atom cache reference (tag 82) outside a distribution header")
        #expect(error([131, 121, 0])?.message == "LOCAL_EXT (tag 121) can only be decoded by the node that encoded it")
        #expect(error([131, 104, 1, 80, 0, 0, 0, 0])?.message == "compressed term (tag 80) inside another term")
        #expect(error([131, 119, 2, 0xC3, 0x28])?.message == "atom name is not valid UTF-8")
        #expect(error([131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3])?.description == "duplicate map key, ending at offset 12")
        #expect(error([131, 77, 0, 0, 0, 1, 0, 255])?.message == "0 bits used in the last of 1 bytes")
        #expect(error([131, 70, 0x7F, 0xF8, 0, 0, 0, 0, 0, 0])?.message == "the float is not finite")
        #expect(error([131, 110, 1, 2, 5])?.message == "invalid bignum sign byte 2")
        #expect(error([131, 90, 0, 6, 100, 0, 0, 0, 0, 0, 0])?.message == "a reference has 1 to 5 words, not 6")
        #expect(error([131, 113, 100, 0, 1, 109, 100, 0, 1, 102, 98, 0, 0, 0, 1])?.message == "expected the fun's arity as a small integer")
        #expect(error([131, 88, 97, 1])?.message == "expected an atom, found tag 0x61 (97)")
    }

    @Test func funsMustMatchTheirDeclaredSize() throws {
        var closure = try bytes(of: "fun_closure")
        closure[5] &-= 1
        #expect(error(closure)?.description == "the fun's declared size ends it at offset 89, but its contents end at offset 90")
        closure[5] &+= 2
        #expect(error(closure)?.message == "truncated: fun of 89 bytes, only 88 left")
    }

    @Test func badBase64IsRefusedAtTheCharacter() throws {
        #expect(throws: ETFError(offset: 2, message: "invalid Base64: unexpected character '*'")) {
            try ETFDecoder.decode(base64: "g2*A")
        }
        #expect(throws: ETFError(offset: 1, message: "invalid Base64: misplaced '='")) {
            try ETFDecoder.decode(base64: "g=EA")
        }
        #expect(throws: ETFError(offset: 5, message: "invalid Base64: the text ends in the middle of a group")) {
            try ETFDecoder.decode(base64: "g2EAA")
        }
        #expect(try ETFDecoder.decode(base64: "g2E\nA") == .integer(ErlangInteger(0)))
        #expect(try Base64.decode("AAECAw==") == [0, 1, 2, 3])
        #expect(try Base64.decode("AAECAw") == [0, 1, 2, 3])
    }

    @Test func randomlyDamagedVectorsNeverTrap() throws {
        var random = SeededRandom(seed: 0xE7F)
        let vectors = try ETFVector.all().map { try Base64.decode($0.base64) }
        for _ in 0..<20_000 {
            var bytes = random.pick(vectors)
            for _ in 0...Int.random(in: 0...3, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] = random.chance(0.5) ? UInt8.random(in: 0...255, using: &random) : bytes[index] ^ 0xFF
            }
            if let term = try? ETFDecoder.decode(bytes) { _ = term.elixirInspect }
        }
    }
}
