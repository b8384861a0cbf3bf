import Testing
@testable import ReplayTUI

/// SGR (1006) mouse reports read from the characters curses passes on.
@Suite struct SGRMouseDecoderTests {
    /// Feeds `text` and collects what came out, held codes flushed at the end.
    func decode(_ text: String) -> [SGRMouseDecoder.Output] {
        var decoder = SGRMouseDecoder()
        var outputs = text.unicodeScalars.map { decoder.feed($0.value) }.filter { $0 != .pending }
        let rest = decoder.flush()
        if !rest.isEmpty { outputs.append(.keys(rest)) }
        return outputs
    }

    @Test func aPressIsAClickAtZeroBasedCells() {
        #expect(decode("\u{1B}[<0;240;2M") == [.mouse(.click(x: 239, y: 1))])
        #expect(decode("\u{1B}[<0;1;1M") == [.mouse(.click(x: 0, y: 0))])
    }

    @Test func wheelTurnsAndReleases() {
        #expect(decode("\u{1B}[<64;300;10M") == [.mouse(.wheelUp(x: 299, y: 9))])
        #expect(decode("\u{1B}[<65;3;4M") == [.mouse(.wheelDown(x: 2, y: 3))])
        #expect(decode("\u{1B}[<0;5;5m") == [.mouse(nil)])
        #expect(decode("\u{1B}[<2;5;5M") == [.mouse(nil)])
        #expect(decode("\u{1B}[<32;5;5M") == [.mouse(nil)])
    }

    @Test func keysAroundReportsStayKeys() {
        #expect(decode("a\u{1B}[<0;2;3Mb") == [.keys([97]), .mouse(.click(x: 1, y: 2)), .keys([98])])
        #expect(decode("\u{1B}") == [.keys([27])])
        #expect(decode("\u{1B}x") == [.keys([27, 120])])
        #expect(decode("\u{1B}[A") == [.keys([27, 91, 65])])
        #expect(decode("\u{1B}[<0;x") == [.keys([27, 91, 60, 48, 59, 120])])
    }

    @Test func malformedNumbersAreNoEvent() {
        #expect(decode("\u{1B}[<0;;3M") == [.mouse(nil)])
        #expect(decode("\u{1B}[<0;0;3M") == [.mouse(nil)])
        #expect(decode("\u{1B}[<0;99999999999999999999999;3M") == [.mouse(nil)])
        // Longer than any report: given back as keys rather than held without end.
        let endless = "\u{1B}[<" + String(repeating: "1", count: 40)
        #expect(decode(endless).first == .keys(Array("\u{1B}[<".unicodeScalars.map(\.value)) + Array(repeating: 49, count: 30)))
    }

    @Test func aReportSplitAcrossReadsIsKeptUntilItEnds() {
        var decoder = SGRMouseDecoder()
        for scalar in "\u{1B}[<0;12".unicodeScalars { #expect(decoder.feed(scalar.value) == .pending) }
        #expect(decoder.flush() == [])
        for scalar in ";7".unicodeScalars { #expect(decoder.feed(scalar.value) == .pending) }
        #expect(decoder.feed(77) == .mouse(.click(x: 11, y: 6)))
    }
}
