import Testing
@testable import ReplayTUI

/// Terminal column widths of scalars, characters and strings, and cutting text to fit.
/// (`DisplayWidthTests` in RenderTests.swift covers the headline cases; this suite the rules.)
@Suite struct DisplayWidthRuleTests {
    @Test func asciiTakesOneColumnEach() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of(" ~!") == 3)
        #expect(DisplayWidth.of(Character("x")) == 1)
    }

    @Test func controlCharactersTakeNone() {
        for value: UInt32 in [0x00, 0x09, 0x0A, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F] {
            #expect(DisplayWidth.of(Unicode.Scalar(value)!) == 0, "U+\(String(value, radix: 16))")
        }
        #expect(DisplayWidth.of("a\tb\u{1B}") == 2)
        #expect(DisplayWidth.of("\r\n") == 0)
    }

    @Test func accentedLettersTakeOneColumnPrecomposedOrNot() {
        #expect(DisplayWidth.of("\u{E9}") == 1)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("e\u{301}\u{302}") == 1)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
    }

    @Test func cjkHangulAndFullwidthTakeTwo() {
        #expect(DisplayWidth.of("山田太郎") == 8)
        #expect(DisplayWidth.of("a山b") == 4)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("\u{1112}\u{1161}\u{11AB}") == 2)  // 한 from conjoining jamo
        #expect(DisplayWidth.of("ひらがな カタカナ") == 17)
        #expect(DisplayWidth.of("Ａ") == 2)
        #expect(DisplayWidth.of("￥") == 2)
        #expect(DisplayWidth.of("ｱ") == 1)  // halfwidth katakana
    }

    @Test func emojiTakeTwo() {
        #expect(DisplayWidth.of("🎉") == 2)
        #expect(DisplayWidth.of("❤️") == 2)  // U+2764 U+FE0F
        #expect(DisplayWidth.of("\u{2764}") == 1)  // text presentation by default
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        #expect(DisplayWidth.of("🇫🇷") == 2)
        #expect(DisplayWidth.of("🇫🇷🇯🇵") == 4)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("1️⃣") == 2)
        #expect(DisplayWidth.of("a\u{FE0F}") == 1)  // not an emoji, so no emoji presentation
    }

    @Test func invisibleCharactersTakeNone() {
        #expect(DisplayWidth.of("\u{200D}") == 0)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of(Character("\u{200D}")) == 0)
        for value: UInt32 in [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0xFE0F, 0xE0100, 0x20DD, 0x1160] {
            #expect(DisplayWidth.of(Unicode.Scalar(value)!) == 0, "U+\(String(value, radix: 16))")
        }
        #expect(DisplayWidth.of("\u{AD}") == 1)  // the soft hyphen is shown
    }

    @Test(arguments: [
        (0x10FF, 1), (0x1100, 2), (0x115F, 2), (0x231A, 2), (0x23E9, 2), (0x2614, 2), (0x26A1, 2),
        (0x2705, 2), (0x274C, 2), (0x2E7F, 1), (0x2E80, 2), (0x3000, 2), (0x303E, 2), (0x303F, 1),
        (0x3041, 2), (0x3248, 1), (0x4E00, 2), (0x9FFF, 2), (0xAC00, 2), (0xD7A3, 2), (0xD7A4, 1),
        (0xF900, 2), (0xFE30, 2), (0xFF01, 2), (0xFF60, 2), (0xFF61, 1), (0xFFE6, 2), (0xFFE8, 1),
        (0x1F1E6, 1), (0x1F300, 2), (0x1F64F, 2), (0x1F650, 1), (0x1F680, 2), (0x1F9FF, 2),
        (0x20000, 2), (0x2FFFD, 2), (0x30000, 2), (0x3FFFD, 2), (0x3FFFE, 1),
    ] as [(UInt32, Int)])
    func scalarWidthsFollowEastAsianWidth(value: UInt32, width: Int) {
        #expect(DisplayWidth.of(Unicode.Scalar(value)!) == width)
    }

    @Test func wideRangesAreSortedAndDisjoint() {
        let ranges = DisplayWidth.wideRanges
        #expect(!ranges.isEmpty)
        for (earlier, later) in zip(ranges, ranges.dropFirst()) {
            #expect(earlier.upperBound < later.lowerBound, "\(earlier) then \(later)")
        }
    }

    @Test func prefixKeepsWholeCharactersThatFit() {
        #expect(DisplayWidth.prefix("a山b", fitting: 2) == ("a", 1))  // never half of 山
        #expect(DisplayWidth.prefix("a山b", fitting: 3) == ("a山", 3))
        #expect(DisplayWidth.prefix("a山b", fitting: 9) == ("a山b", 4))
        #expect(DisplayWidth.prefix("山", fitting: 1) == ("", 0))
        #expect(DisplayWidth.prefix("abc", fitting: 0) == ("", 0))
        #expect(DisplayWidth.prefix("abc", fitting: -3) == ("", 0))
        #expect(DisplayWidth.prefix("e\u{301}x", fitting: 1) == ("e\u{301}", 1))
        #expect(DisplayWidth.prefix("🇫🇷x", fitting: 1) == ("", 0))
    }

    @Test func truncateAddsAnEllipsisOnlyWhenNeeded() {
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("abcd", to: 3) == "ab…")
        #expect(DisplayWidth.truncate("abcd", to: 1) == "…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.truncate("abc", to: -1) == "")
        #expect(DisplayWidth.truncate("", to: 4) == "")
        #expect(DisplayWidth.truncate("山田太郎", to: 8) == "山田太郎")
        #expect(DisplayWidth.truncate("山田太郎", to: 7) == "山田太…")
        #expect(DisplayWidth.truncate("山田太郎", to: 6) == "山田…")  // 山田太 would need 7 with "…"
        #expect(DisplayWidth.truncate("山田太郎", to: 5) == "山田…")
        #expect(DisplayWidth.truncate("山田太郎", to: 2) == "…")
        #expect(DisplayWidth.truncate("a山", to: 2) == "a…")
    }

    @Test func truncatedTextAlwaysFits() {
        for text in ["hello, world", "山田太郎", "a山b田c", "🎉🎉x", "e\u{301}e\u{301}e\u{301}", "🇫🇷🇯🇵"] {
            for columns in 0...14 {
                let cut = DisplayWidth.truncate(text, to: columns)
                #expect(DisplayWidth.of(cut) <= columns, "\(text) in \(columns)")
                #expect(cut == text || cut.hasSuffix("…") || cut.isEmpty)
            }
        }
    }
}
