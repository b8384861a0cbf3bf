import Testing
import ReplayCore

@Suite struct EventSearchTests {
    /// A payload of 5,000 characters whose only `needle` is in its last ones: the UI used to
    /// search only the first 4,096 characters of a preview and missed it.
    @Test func aMatchAtTheEndOfALongPayloadIsFound() throws {
        let filler = String(repeating: "x", count: 5_000)
        let event = Event(index: 0, kind: "cast", name: "upload", payload: ["body": .string(filler), "tail": "Needle"])
        #expect(try ValueSyntax.json.text(event.payload!).count > 4_096)
        #expect(EventSearch("needle", syntax: .json).matches(event))
        #expect(EventSearch("NEEDLE", syntax: .json).matches(event))
        #expect(!EventSearch("haystack", syntax: .json).matches(event))
    }

    @Test func nameKindAndErrorMatchIgnoringCase() {
        let event = Event(index: 0, kind: "Crash", name: "Transfer", error: "Overdraft on #4")
        for text in ["crash", "TRANSFER", "overdraft", "on #4"] {
            #expect(EventSearch(text, syntax: .json).matches(event), "\(text)")
        }
        #expect(!EventSearch("deposit", syntax: .json).matches(event))
    }

    /// The payload is searched as the syntax writes it, whole.
    @Test func thePayloadIsSearchedInTheSyntax() {
        let event = Event(index: 0, kind: "call", payload: ["@tuple": [["@atom": "withdraw"], 40]])
        #expect(EventSearch("{:withdraw, 40}", syntax: .elixir).matches(event))
        #expect(!EventSearch("{:withdraw, 40}", syntax: .json).matches(event))
        #expect(EventSearch(#""@atom":"withdraw""#, syntax: .json).matches(event))
        let plain = Event(index: 1, kind: "cast", payload: ["count": 1])
        #expect(EventSearch(#"%{"count" => 1}"#, syntax: .elixirPlain).matches(plain))
        #expect(!EventSearch("%{count: 1}", syntax: .elixirPlain).matches(plain))
    }

    /// A payload Elixir cannot hold is searched as compact JSON.
    @Test func aPayloadElixirCannotHoldIsSearchedAsJSON() throws {
        let payload = try JSONValue(parsing: #"{"rate": 1e999999}"#)
        #expect(throws: ErlangTermJSONError.self) { try ValueSyntax.elixirPlain.text(payload) }
        let event = Event(index: 0, kind: "cast", payload: payload)
        #expect(EventSearch(#""rate":1e999999"#, syntax: .elixirPlain).matches(event))
        #expect(EventSearch("1e999999", syntax: .elixir).matches(event))
    }
}
