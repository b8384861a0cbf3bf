import TestSupport
import Testing
@testable import ReplayCore

/// The index scan reads each event's `t` with ``JSONParser/doubleValue(_:)``: whatever the
/// literal and whatever bytes come before it, the double is the one the standard library
/// reads from the same text.
@Suite struct TimeLiteralTests {
    /// Digits alone (1 to 9 of them, leading zeros too), and numbers with a sign, a point or
    /// an exponent, each after 0 to 12 random bytes (digits, letters, invalid UTF-8), so that
    /// the word read with the digits holds every kind of byte before them.
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func everyLiteralReadsAsTheStandardLibraryReadsIt(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let before: [UInt8] = Array("0123456789:\"t ,-.eE".utf8) + [0xFF, 0x80, 0x00, 0x2F, 0x3A]
        for _ in 0..<4_000 {
            let literal = Self.literal(&random)
            let prefix = (0..<Int.random(in: 0...12, using: &random)).map { _ in random.pick(before) }
            let bytes = prefix + Array(literal.utf8) + [UInt8(ascii: ",")]
            let read = bytes.withUnsafeBytes { buffer in
                JSONParser(bytes: buffer).doubleValue(prefix.count..<prefix.count + literal.utf8.count)
            }
            #expect(read == Double(literal)!, "\(literal) after \(prefix)")
        }
    }

    /// Only digits are read as one word: anything else in the literal is left to the other
    /// paths, and so are literals at the very start of the input.
    @Test func onlyDigitsAwayFromTheStartAreReadAsOneWord() {
        for (text, range, expected) in [
            ("t:12345678", 2..<10, UInt64(12_345_678)), ("t:00000007", 2..<10, 7), ("\"t\":7", 4..<5, nil),
            ("xxxx-1234", 4..<9, nil), ("xxxx1.234", 4..<9, nil), ("xxxxx1e10", 5..<9, nil), ("xx123456789", 2..<11, nil),
            ("abcdefg0", 7..<8, 0), ("abcdefgh9", 8..<9, 9),
        ] as [(String, Range<Int>, UInt64?)] {
            let bytes = Array(text.utf8)
            let read = bytes.withUnsafeBytes { JSONParser(bytes: $0).eightDigits(range) }
            #expect(read == expected, "\(text) \(range)")
        }
    }

    /// A number as JSON writes it, or a run of digits.
    private static func literal(_ random: inout SeededRandom) -> String {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        }
        switch Int.random(in: 0..<5, using: &random) {
        case 0, 1: return digits(Int.random(in: 1...9, using: &random))
        case 2: return "-" + digits(Int.random(in: 1...8, using: &random))
        case 3: return digits(Int.random(in: 1...6, using: &random)) + "." + digits(Int.random(in: 1...4, using: &random))
        default: return digits(Int.random(in: 1...3, using: &random)) + "e" + digits(Int.random(in: 1...2, using: &random))
        }
    }
}
