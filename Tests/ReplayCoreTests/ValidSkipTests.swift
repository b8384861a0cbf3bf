import Foundation
import TestSupport
import Testing
@testable import ReplayCore

/// The parser's fast path (``JSONParser/skipValidValue()``, ``JSONParser/validString(at:)``)
/// vouches only for what the careful walk accepts, ending where it ends; and it vouches for
/// most valid values, or it would be no fast path. Random values are written with random
/// spacing and escapes, then damaged at random bytes, and padded so that they lie away from
/// the end of the input, where the fast path looks.
@Suite struct ValidSkipTests {
    static let seeds: [UInt64] = Array(1...20)

    /// Bytes that matter to a string scan: quotes, backslashes, escape letters, hex digits,
    /// controls, and pieces of valid and invalid UTF-8.
    static let stringPieces: [[UInt8]] = [
        Array("a".utf8), Array("\"".utf8), Array("\\".utf8), Array("\\n".utf8), Array("\\u".utf8), Array("00e9".utf8),
        Array("D83D".utf8), Array("\\uDE00".utf8), Array("dc00".utf8), Array("g".utf8), [0x1F], [0x7F], Array("é".utf8),
        Array("山".utf8), Array("🎉".utf8), [0xC3], [0xA9], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xFF],
    ]

    @Test(arguments: seeds)
    func stringsAreVouchedForOnlyAsTheCarefulScanAcceptsThem(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var vouched = 0
        for _ in 0..<500 {
            var literal: [UInt8] = [UInt8(ascii: "\"")]
            for _ in 0..<Int.random(in: 0...12, using: &random) { literal += random.pick(Self.stringPieces) }
            if random.chance(0.8) { literal.append(UInt8(ascii: "\"")) }
            let bytes = literal + Array(repeating: UInt8(ascii: " "), count: Int.random(in: 0...12, using: &random))
            bytes.withUnsafeBytes { buffer in
                var careful = JSONParser(bytes: buffer)
                let expected = Result { () throws(JSONSyntaxError) in try careful.scanStringCarefully() }
                let fast = JSONParser(bytes: buffer).validString(at: 0)
                guard let fast else { return }
                vouched += 1
                guard case .success(let found) = expected else {
                    Issue.record("seed \(seed): vouched for \(Self.show(literal)), which the careful scan rejects")
                    return
                }
                #expect(fast == found, "seed \(seed): \(Self.show(literal))")
            }
        }
        #expect(vouched > 50, "seed \(seed): vouched for only \(vouched) of 500 literals")
    }

    @Test(arguments: seeds)
    func valuesAreVouchedForOnlyAsParsingAcceptsThem(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var vouched = 0
        var valid = 0
        for _ in 0..<300 {
            var text = Array(RandomJSON.spaced(RandomJSON.value(&random), layout: random.next(), escapes: &random).utf8)
            let damaged = random.chance(0.5)
            if damaged { RandomJSON.damage(&text, &random) }
            let bytes = text + Array(repeating: UInt8(ascii: " "), count: 8) + Array("]".utf8)
            bytes.withUnsafeBytes { buffer in
                var parser = JSONParser(bytes: buffer)
                let expected = Result { () throws(JSONSyntaxError) -> Int in
                    _ = try parser.parseValue()
                    return parser.position
                }
                var fast = JSONParser(bytes: buffer)
                let vouches = fast.skipValidValue()
                if case .success = expected, !damaged { valid += 1 }
                guard vouches else { return }
                vouched += 1
                guard case .success(let end) = expected else {
                    Issue.record("seed \(seed): vouched for \(Self.show(text)), which parsing rejects")
                    return
                }
                #expect(fast.position == end, "seed \(seed): \(Self.show(text))")
            }
        }
        // Undamaged values hold a surrogate pair now and then, which the fast path leaves alone.
        #expect(vouched * 10 > valid * 8, "seed \(seed): vouched for \(vouched) values of \(valid) undamaged valid ones")
    }

    /// Numbers' digits are skipped eight at a time (``JSONNumber/digitsEnd(_:from:)``): the
    /// run must end at the first byte that is not a digit, whatever that byte is (every
    /// value from 0 to 255, since the word trick borrows and carries around them).
    @Test(arguments: seeds)
    func digitRunsEndAtTheFirstByteThatIsNotADigit(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                random.chance(0.8) ? UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random) : UInt8.random(in: 0...255, using: &random)
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...buffer.count {
                    let expected = buffer[start...].firstIndex { $0 &- UInt8(ascii: "0") >= 10 } ?? buffer.count
                    #expect(JSONNumber.digitsEnd(buffer, from: start) == expected, "seed \(seed): \(bytes) from \(start)")
                }
            }
        }
    }

    @Test func nestingBeyondTheFastPathIsWalkedCarefully() throws {
        for levels in [63, 64, 65, 200] {
            let text = Array((String(repeating: "[", count: levels) + String(repeating: "]", count: levels) + "        ").utf8)
            try text.withUnsafeBytes { buffer in
                var fast = JSONParser(bytes: buffer)
                #expect(fast.skipValidValue() == (levels <= 64), "\(levels) levels")
                var parser = JSONParser(bytes: buffer)
                try parser.skipValue()
                #expect(parser.position == levels * 2)
            }
        }
    }

    private static func show(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).debugDescription + " \(bytes.map { String($0, radix: 16) })"
    }
}
