import Testing
import ReplayCore

@Suite struct EllipsisTests {
    @Test func textIsCutToTheLimitEndingInOneEllipsis() {
        #expect("abcdef".truncated(to: 6) == "abcdef")
        #expect("abcdef".truncated(to: 5) == "abcd…")
        #expect("abcdef".truncated(to: 1) == "…")
        #expect("日本語テキスト".truncated(to: 4) == "日本語…")
        #expect("".truncated(to: 0) == "")
    }

    @Test func theFirstLineIsMarkedWhenMoreFollow() {
        #expect("one line".firstLineTruncated == "one line")
        #expect("first\nsecond".firstLineTruncated == "first …")
        #expect("first\r\nsecond".firstLineTruncated == "first …")
    }
}
