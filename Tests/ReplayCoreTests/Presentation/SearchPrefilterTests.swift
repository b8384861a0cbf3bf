import Testing
import TestSupport
@testable import ReplayCore

/// The byte prefilter of ``EventSearch`` never drops a match: on generated native traces whose
/// raw bytes spell text in every way JSON allows (escapes, `\u` and surrogate pairs, `\/`,
/// whitespace, numbers as `1E3` or `1.0`) and whose text holds case and canonical-equivalence
/// traps, the prefiltered search finds exactly what matching every event finds.
@Suite struct SearchPrefilterTests {
    /// Text pieces that strings are made of: letters of both cases, the Kelvin sign (which
    /// lower-cases to `k`), the Greek question mark and varia (canonically `;` and `` ` ``),
    /// ß and SS, dotted and dotless i, the sigmas, é composed and decomposed, a CJK
    /// compatibility ideograph and the one it is canonically equal to, emoji (a surrogate
    /// pair when escaped), JSON's structural characters, quotes, backslashes and controls.
    static let pieces = [
        "a", "B", "k", "K", "\u{212A}", "ß", "SS", "ss", "İ", "i", "ı", "Σ", "σ", "ς", "é", "e\u{301}", "E",
        "\u{37E}", ";", "`", "\u{1FEF}", "日", "\u{F900}", "\u{8C48}", "😀", " ", "\"", "\\", "/", "\n", "\t",
        "{", "}", ":", ",", "[", "]", "-", "+", "1", "0", "e", "x", "ok", "amount", "null", "true",
    ]

    /// The pieces that need no escape in JSON.
    static let unescaped = pieces.filter { !["\"", "\\", "\n", "\t"].contains($0) }

    static let numbers = ["1000", "1e3", "1E+3", "1.0", "-0", "0.5", "12345678901234567890", "-1.5e-7"]

    @Test func prefilteredSearchFindsWhatTheFullSearchFinds() throws {
        var random = SeededRandom(seed: 14)
        var needlesTried = 0
        var matchesSeen = 0
        var skipped = 0
        for round in 0..<60 {
            // Some rounds escape nothing, so that the bytes alone decide.
            let escapes = random.pick([0, 0, 0.02, 0.1])
            var generator = Generator(random: random, pieces: escapes == 0 ? Self.unescaped : Self.pieces, escapes: escapes)
            let events = (0..<40).map { generator.event(index: $0) }
            let bytes = generator.trace(events)
            random = generator.random
            let trace = try TraceLoader.load(TraceData(bytes: bytes))
            #expect(trace.format == .native)
            let parsed = try (0..<trace.count).map { (index: Int) throws(TraceError) in try trace.events.event(index) }
            for needle in generator.needles(from: parsed) {
                let search = EventSearch(needle, syntax: .json)
                let expected = parsed.filter(search.matches).map(\.index)
                let candidates = search.candidates(in: trace, range: 0..<trace.count)
                #expect(Set(expected).isSubset(of: candidates), "round \(round), needle \(needle.debugDescription)")
                let found = try candidates.filter { (index: Int) throws(TraceError) in search.matches(try trace.events.event(index)) }
                #expect(found == expected, "round \(round), needle \(needle.debugDescription)")
                let start = Int.random(in: 0..<trace.count, using: &random)
                let part = search.candidates(in: trace, range: start..<trace.count)
                #expect(Set(expected.filter { $0 >= start }).isSubset(of: part) && part.allSatisfy { $0 >= start })
                needlesTried += 1
                matchesSeen += expected.count
                skipped += trace.count - candidates.count
            }
        }
        #expect(needlesTried > 1_000 && matchesSeen > 1_000 && skipped > 10_000, "\(needlesTried) needles, \(matchesSeen) matches, \(skipped) skipped")
    }

    /// Every scalar outside ASCII whose lower case holds a character equal to an ASCII one
    /// (the search compares lower-cased text) is in ``SearchPrefilter/asciiLookalikes``: the prefilter's account of
    /// Unicode holds for the Unicode tables of this Swift.
    @Test func theLookalikesAreEveryNonASCIIScalarThatMatchesASCII() {
        var ascii: [Character: UInt8] = [:]
        for byte in UInt8(0)..<0x80 { ascii[Character(Unicode.Scalar(byte))] = byte }
        var found: [UInt8: Unicode.Scalar] = [:]
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for lower in String(Character(scalar)).lowercased() {
                if let byte = ascii[lower] { found[byte] = scalar }
            }
        }
        #expect(found == SearchPrefilter.asciiLookalikes)
    }

    @Test func anchorsAreTheLongestRunOfPlainASCII() {
        #expect(SearchPrefilter(lowercasedNeedle: #""amount":1e3"#).test == .anchor(Array("amount".utf8), lookalikes: []))
        #expect(SearchPrefilter(lowercasedNeedle: "ok; wait").test == .anchor(Array("ok; wait".utf8), lookalikes: [Array("\u{37E}".utf8), Array("\u{212A}".utf8)]))
        #expect(SearchPrefilter(lowercasedNeedle: "日本").test == .nonASCII)
        #expect(SearchPrefilter(lowercasedNeedle: "é:x").test == .anchor([UInt8(ascii: "x")], lookalikes: []))
        #expect(SearchPrefilter(lowercasedNeedle: "e\u{301}").test == .nonASCII)
        #expect(SearchPrefilter(lowercasedNeedle: "\u{37E}").test == .none)
        #expect(SearchPrefilter(lowercasedNeedle: "\":[").test == .none)
        #expect(SearchPrefilter(lowercasedNeedle: "").test == .none)
        #expect(EventSearch("x", syntax: .elixirPlain).prefilter == .everything)
    }

    /// On a trace with no escapes, a needle found in one event's payload lets that event
    /// alone through, and the search finds it.
    @Test func aRareNeedleLetsFewEventsThrough() throws {
        let lines = (0..<500).map { #"{"kind":"call","name":"op\#($0)","payload":{"n":\#($0),"note":"\#($0 == 321 ? "The NEEDLE here" : "plain")"}}"# }
        let text = #"{"format":"replay-trace","initial_state":{},"events":["# + lines.joined(separator: ",\n") + "]}"
        let trace = try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
        let search = EventSearch("needle", syntax: .json)
        #expect(search.candidates(in: trace, range: 0..<trace.count) == [321])
        #expect(search.candidates(in: trace, range: 0..<321).isEmpty)
        #expect(try search.matches(trace.events.event(321)))
        #expect(EventSearch("op49", syntax: .json).candidates(in: trace, range: 0..<trace.count) == [49] + Array(490..<500))
    }

    /// A trace long enough to be scanned in two halves, one on each core: the needle's events
    /// are found in both, at their edges included (the first and last events, and the
    /// events on either side of the middle).
    @Test func aLongTraceIsScannedInTwoHalves() throws {
        let count = 2 * EventHalves.splitThreshold + 1
        let middle = count / 2
        let needles: Set = [0, 17, middle - 1, middle, middle + 1, count - 2, count - 1]
        let lines = (0..<count).map { #"{"kind":"k","payload":"\#(needles.contains($0) ? "a ZeBrA" : "x")"}"# }
        let text = #"{"format":"replay-trace","initial_state":{},"events":["# + lines.joined(separator: ",") + "]}"
        let trace = try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
        let search = EventSearch("zebra", syntax: .json)
        #expect(search.candidates(in: trace, range: 0..<count) == needles.sorted())
        #expect(search.candidates(in: trace, range: 1..<middle + 1) == [17, middle - 1, middle])
    }

    /// Events and their spelling in a trace, from `pieces`; `escapes` is how often a
    /// character that needs no escape is escaped all the same.
    struct Generator {
        var random: SeededRandom
        let pieces: [String]
        let escapes: Double

        mutating func text(pieces count: Int = 6) -> String {
            (0..<Int.random(in: 0...count, using: &random)).map { _ in random.pick(pieces) }.joined()
        }

        mutating func value(depth: Int = 0) -> JSONValue {
            switch Int.random(in: 0..<(depth < 3 ? 7 : 4), using: &random) {
            case 0: return .string(text())
            case 1: return .number(JSONNumber(literal: random.pick(SearchPrefilterTests.numbers))!)
            case 2: return random.pick([.null, .bool(true), .bool(false)])
            case 3: return .string(random.pick(pieces))
            case 4, 5:
                var object: JSONObject = [:]
                for _ in 0..<Int.random(in: 0...3, using: &random) { object[text(pieces: 2)] = value(depth: depth + 1) }
                return .object(object)
            default:
                return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth: depth + 1) })
            }
        }

        mutating func event(index: Int) -> Event {
            Event(
                index: index,
                kind: random.chance(0.5) ? random.pick(["call", "cast", "Info"]) : text(pieces: 3),
                name: random.chance(0.8) ? text(pieces: 3) : nil,
                payload: random.chance(0.9) ? value() : nil,
                error: random.chance(0.2) ? text() : nil,
                lane: random.chance(0.2) ? text(pieces: 2) : nil,
                extra: random.chance(0.2) ? ["note": value()] : [:]
            )
        }

        /// Texts to look for: pieces of what the search matches (in random case, cut
        /// anywhere, so through escapes and structure), single pieces, and random texts.
        mutating func needles(from events: [Event]) -> [String] {
            var needles: [String] = []
            for event in events.shuffled(using: &random).prefix(25) {
                let texts = [event.kind, event.name, event.error, event.payload.map { $0.jsonText(.compact) }].compactMap { $0 }
                let source = Array(random.pick(texts))
                guard !source.isEmpty else { continue }
                let start = Int.random(in: 0..<source.count, using: &random)
                let end = Int.random(in: start...min(source.count, start + 12), using: &random)
                let cut = String(source[start..<end])
                needles.append(random.pick([cut, cut.uppercased(), cut.lowercased()]))
            }
            needles += (0..<8).map { _ in random.pick(SearchPrefilterTests.pieces) } + (0..<4).map { _ in text(pieces: 3) }
            return needles
        }

        /// `events` as a native trace, each value spelled at random in one of the ways JSON
        /// allows: characters escaped as `\u` (surrogate pairs beyond the BMP) or short
        /// escapes, `/` as `\/`, and whitespace between tokens.
        mutating func trace(_ events: [Event]) -> [UInt8] {
            var out = #"{"format":"replay-trace","initial_state":{},"events":["#
            for (offset, event) in events.enumerated() {
                if offset > 0 { out += "," + space() }
                out += spelled(event.nativeJSON)
            }
            return Array((out + "]}").utf8)
        }

        mutating func space() -> String {
            random.chance(0.7) ? "" : random.pick([" ", "\n", "\t ", "  "])
        }

        mutating func spelled(_ value: JSONValue) -> String {
            switch value {
            case .string(let text): return spelled(text)
            case .number(let number): return number.literal
            case .null, .bool: return value.jsonText(.compact)
            case .array(let elements):
                return "[" + space() + elements.map { spelled($0) }.joined(separator: "," + space()) + space() + "]"
            case .object(let members):
                let inner = members.map { spelled($0.key) + space() + ":" + space() + spelled($0.value) }
                return "{" + space() + inner.joined(separator: "," + space()) + space() + "}"
            }
        }

        mutating func spelled(_ text: String) -> String {
            let escapeAll = random.chance(escapes)
            var out = "\""
            for scalar in text.unicodeScalars {
                let escape = escapeAll || random.chance(escapes)
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += escape ? "\\u000A" : "\\n"
                case "\t": out += "\\t"
                case "/" where escape: out += "\\/"
                case _ where escape || scalar.value < 0x20:
                    for unit in String(scalar).utf16 { out += "\\u" + String(unit, radix: 16).uppercased().leftPadded(to: 4) }
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(width - count, 0)) + self
    }
}
