import Foundation
import TestSupport
import Testing
@testable import ReplayCore

/// `events --json` lines written from a native event's bytes are the lines its parsed event
/// writes, and the byte copy gives way to the parse wherever the two could differ.
@Suite struct NativeListingTests {
    private func index(_ text: String) throws -> NativeEventIndex {
        try #require(TraceLoader.load(TraceData(bytes: Array(text.utf8))).events as? NativeEventIndex)
    }

    /// Event `index`'s line as `events --json` writes it, and whether it was copied from the bytes.
    private func line(_ events: NativeEventIndex, _ index: Int) throws -> (text: String, copied: Bool) {
        let copied = events.data.withBytes { raw in
            var scratch = ListingScratch()
            var copy: [UInt8] = []
            return events.copiesListingLine(index, in: raw.assumingMemoryBound(to: UInt8.self), to: &copy, scratch: &scratch)
        }
        var lines: [UInt8] = []
        try events.appendListingLines(index..<index + 1, where: { _ in true }, to: &lines)
        #expect(lines.last == UInt8(ascii: "\n"))
        return (String(decoding: lines.dropLast(), as: UTF8.self), copied)
    }

    private func expectSameLines(_ events: NativeEventIndex, _ comment: Comment? = nil) throws {
        for index in 0..<events.count {
            #expect(try line(events, index).text == events.event(index).listingJSON.jsonText(.compact), comment)
        }
    }

    @Test(arguments: Array(UInt64(1)...24))
    func linesFromTheBytesAreTheParsedEventsLines(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 60)
        try expectSameLines(try index(made.text), "one object")
        try expectSameLines(try index(made.ndjson), "NDJSON")
    }

    /// Each event, its line, and whether the bytes may be copied.
    static let cases: [(event: String, line: String, copied: Bool)] = [
        (#"{ "seq" : 1 , "t": 1.50, "kind": "call", "name": "a", "payload": { "x" : [ 1 , -0, 1E5, "y z" ] }, "patch": [] }"#,
         #"{"index":0,"seq":1,"t":1.50,"kind":"call","name":"a","lane":null,"payload":{"x":[1,-0,1E5,"y z"]},"error":null}"#, true),
        (#"{"kind": "call", "zeta": 1, "alpha": {"b": 2, "a": {}}, "error": "Zoë 山田 🎉", "lane": "n1"}"#,
         #"{"index":0,"seq":null,"t":null,"kind":"call","name":null,"lane":"n1","payload":null,"error":"Zoë 山田 🎉","extra":{"zeta":1,"alpha":{"b":2,"a":{}}}}"#, true),
        (#"{"kind": "call", "payload": "caf\u00e9"}"#, #"{"index":0,"seq":null,"t":null,"kind":"call","name":null,"lane":null,"payload":"café","error":null}"#, false),
        (#"{"kind": "call", "payload": "a\"b\/c"}"#, #"{"index":0,"seq":null,"t":null,"kind":"call","name":null,"lane":null,"payload":"a\"b/c","error":null}"#, false),
        (#"{"kind": "call", "payload": {"a": 1, "a": 2}}"#, #"{"index":0,"seq":null,"t":null,"kind":"call","name":null,"lane":null,"payload":{"a":2},"error":null}"#, false),
        (#"{"kind": "call", "payload": [{"a": 1}, {"a": 2, "b": {"a": 3}}]}"#,
         #"{"index":0,"seq":null,"t":null,"kind":"call","name":null,"lane":null,"payload":[{"a":1},{"a":2,"b":{"a":3}}],"error":null}"#, true),
        (#"{"kind": "call", "x": 1, "x": 2}"#, #"{"index":0,"seq":null,"t":null,"kind":"call","name":null,"lane":null,"payload":null,"error":null,"extra":{"x":2}}"#, false),
        (#"{"kind": "call", "payload": {"é": 1, "é": 2}}"#, #"{"index":0,"seq":null,"t":null,"kind":"call","name":null,"lane":null,"payload":{"é":2},"error":null}"#, false),
        (#"{"kind": "call", "k\u0065y": 1}"#, #"{"index":0,"seq":null,"t":null,"kind":"call","name":null,"lane":null,"payload":null,"error":null,"extra":{"key":1}}"#, false),
    ]

    @Test(arguments: cases.indices)
    func anEventIsCopiedOnlyWhereTheCopyIsExact(_ number: Int) throws {
        let (event, line, copied) = Self.cases[number]
        let events = try index(#"{"format": "replay-trace", "events": ["# + event + "]}")
        let written = try self.line(events, 0)
        #expect(written.text == line)
        #expect(written.copied == copied)
        #expect(try events.event(0).listingJSON.jsonText(.compact) == line)
    }

    @Test func aPatchThatDoesNotReadFailsAsTheParseFailsAfterTheLinesBefore() throws {
        let events = try index(#"{"format": "replay-trace", "events": [{"kind": "a"}, {"kind": "b"}, {"kind": "call", "patch": [{"op": "jump", "path": "/a"}]}, {"kind": "c"}]}"#)
        #expect(try line(events, 0).copied)
        #expect(!events.data.withBytes { raw in
            var scratch = ListingScratch()
            var line: [UInt8] = []
            return events.copiesListingLine(2, in: raw.assumingMemoryBound(to: UInt8.self), to: &line, scratch: &scratch)
        })
        var lines: [UInt8] = []
        #expect(throws: TraceError.self) { try events.appendListingLines(0..<4, where: { $0 != 1 }, to: &lines) }
        #expect(String(decoding: lines, as: UTF8.self) == #"{"index":0,"seq":null,"t":null,"kind":"a","name":null,"lane":null,"payload":null,"error":null}"# + "\n")
    }
}

/// The member names the native reader matches as integers.
@Suite struct NativeEventFieldNameTests {
    @Test func eachFieldIsMatchedByItsNameAndNothingElse() {
        for field in NativeEventField.allCases {
            Array(field.rawValue.utf8).withUnsafeBufferPointer { #expect(NativeEventField(utf8: $0) == field) }
        }
        for other in ["", "se", "seqq", "Seq", "kinds", "payloads", "states", "tt", "extra"] {
            Array(other.utf8).withUnsafeBufferPointer { #expect(NativeEventField(utf8: $0) == nil, "\(other)") }
        }
    }
}
