import TestSupport
import OrderedCollections
import Testing
@testable import ReplayCore

/// The term written as JSON text, and read back from that text.
private func roundTrip(_ term: ErlangTerm) throws -> ErlangTerm {
    let text = try ErlangTermJSON.json(term).jsonText(.compact)
    return try ErlangTermJSON.term(JSONValue(parsing: text))
}

private func json(_ term: ErlangTerm) throws -> String {
    try ErlangTermJSON.json(term).jsonText(.compact)
}

private func atom(_ name: String) -> ErlangTerm { .atom(name) }
private func int(_ value: Int) -> ErlangTerm { .integer(ErlangInteger(value)) }

@Suite struct ErlangTermJSONTests {
    @Test(arguments: try ETFVector.all())
    func everyVectorSurvivesTheRoundTrip(_ vector: ETFVector) throws {
        let term = try ETFDecoder.decode(base64: vector.base64)
        #expect(try roundTrip(term) == term)
    }

    @Test func randomTermsSurviveTheRoundTrip() throws {
        for seed in UInt64(0)..<400 {
            var random = SeededRandom(seed: seed)
            let term = RandomTerms.term(&random)
            #expect(try roundTrip(term) == term, "seed \(seed)")
        }
    }

    @Test func naturalJSONWhereJSONHasTheSameThing() throws {
        let state: ErlangTerm = .map([
            atom("balance"): int(100), atom("owner"): .binary(Array("alice".utf8)), atom("open"): atom("true"),
            atom("closed_at"): atom("nil"), atom("history"): .list([int(1), .float(2.5)]), atom("rate"): .float(3.0),
        ])
        #expect(try json(state) == #"{"balance":100,"owner":"alice","open":true,"closed_at":null,"history":[1,2.5],"rate":3.0}"#)
    }

    @Test func integersStayExactAndFloatsKeepAPoint() throws {
        let big = try #require(ErlangInteger(decimal: "-576460751037015103123456789"))
        #expect(try json(.integer(big)) == "-576460751037015103123456789")
        #expect(try json(.float(1.0)) == "1.0")
        #expect(try json(.float(1e16)) == "1.0e16")
        #expect(try json(.float(-0.0)) == "-0.0")
        #expect(try ErlangTermJSON.term(JSONValue(parsing: "1e2")) == .float(100))
        #expect(try ErlangTermJSON.term(JSONValue(parsing: "100")) == int(100))
    }

    @Test func otherTermsAreTagged() throws {
        #expect(try json(.tuple([atom("withdraw"), int(50)])) == #"{"@tuple":[{"@atom":"withdraw"},50]}"#)
        #expect(try json(.binary([255, 0])) == #"{"@binary":"/wA="}"#)
        #expect(try json(.improperList([atom("alias")], tail: int(3))) == #"{"@improper":[{"@atom":"alias"},3]}"#)
        #expect(try json(.map([.binary(Array("k".utf8)): int(1)])) == #"{"@map":[["k",1]]}"#)
        #expect(try json(.pid(ErlangPid(node: "a@b", id: 96, serial: 0, creation: 2))) == #"{"@pid":{"node":"a@b","id":96,"serial":0,"creation":2}}"#)
        #expect(try json(.reference(ErlangReference(node: "a@b", creation: 0, ids: [1, 2, 3]))) == #"{"@ref":{"node":"a@b","creation":0,"ids":[1,2,3]}}"#)
    }

    @Test func mapsWithKeysThatLookLikeTagsAreWrittenAsMaps() throws {
        let lookalike: ErlangTerm = .map([atom("@tuple"): .list([])])
        #expect(try json(lookalike) == #"{"@map":[[{"@atom":"@tuple"},[]]]}"#)
        #expect(try roundTrip(lookalike) == lookalike)
        let twoKeys: ErlangTerm = .map([atom("@a"): int(1), atom("b"): int(2)])
        #expect(try roundTrip(twoKeys) == twoKeys)
    }

    @Test func plainReadingGivesStringKeysAndNoTags() throws {
        let value = try JSONValue(parsing: #"{"a": [1, 2.0, null, true], "@tuple": [1]}"#)
        let term = try ErlangTermJSON.term(value, reading: .plain)
        #expect(term.elixirInspect == #"%{"a" => [1, 2.0, nil, true], "@tuple" => [1]}"#)
    }

    @Test(arguments: [
        (#"{"@what": 1}"#, "at (root): unknown tag '@what'"),
        (#"{"a": {"@tuple": 5}}"#, "at /a/@tuple: expected an array, found a number"),
        (#"{"@binary": "!!"}"#, "at /@binary: invalid Base64: unexpected character '!' at offset 0"),
        (#"{"@pid": {"node": "a", "id": -1, "serial": 0, "creation": 0}}"#, "at /@pid/id: expected an integer from 0 to 4294967295, found -1"),
        (#"{"@improper": [1, []]}"#, "at /@improper: the tail of an improper list cannot be a list"),
        (#"{"@map": [[1, 2], [1, 3]]}"#, "at /@map/1: the key is repeated"),
        (#"{"@ref": {"node": "a", "creation": 0}}"#, "at /@ref: the object has no 'ids'"),
        ("1e999", "at (root): 1e999 is beyond the range of a float"),
    ])
    func malformedJSONIsAnErrorNamingThePlace(_ input: String, _ message: String) throws {
        #expect(throws: ErlangTermJSONError.self) { try ErlangTermJSON.term(JSONValue(parsing: input)) }
        do {
            _ = try ErlangTermJSON.term(JSONValue(parsing: input))
        } catch let error as ErlangTermJSONError {
            #expect(error.description == message)
        }
    }

    @Test func tooDeepATermIsAnError() throws {
        var term: ErlangTerm = .list([])
        for _ in 0..<ErlangTermJSON.maxDepth { term = .list([term]) }
        #expect(throws: ErlangTermJSONError.self) { try ErlangTermJSON.json(term) }
    }

    @Test func elixirTextOfJSONValues() throws {
        #expect(try JSONValue(parsing: "[97, 98, 99]").elixirText(reading: .tagged) == #"~c"abc""#)
        #expect(try JSONValue(parsing: #"{"balance": 229, "log": [{"@tuple": [{"@atom": "ok"}, "x"]}]}"#).elixirText(reading: .tagged)
            == #"%{balance: 229, log: [ok: "x"]}"#)
        #expect(try JSONValue(parsing: #"{"balance": 229}"#).elixirText(reading: .plain) == #"%{"balance" => 229}"#)
    }

    @Test func atomMapKeysAsInspectWritesThem() {
        #expect(ErlangTerm.elixirMapKey("balance") == ("balance", ": "))
        #expect(ErlangTerm.elixirMapKey("hello world") == ("\"hello world\"", ": "))
        #expect(ErlangTerm.elixirMapKey("Elixir.Foo") == ("Foo", " => "))
        #expect(ErlangTerm.map([.atom("Elixir.Foo"): .integer(ErlangInteger(1))]).elixirInspect == "%{Foo => 1}")
    }

    @Test func decimalIntegersOfAnySize() {
        for text in ["0", "-0", "7", "-2147483648", "18446744073709551616", "-123456789012345678901234567890"] {
            let expected = text == "-0" ? "0" : text
            #expect(ErlangInteger(decimal: text)?.description == expected)
        }
        for text in ["", "-", "1.0", "+1", "1e3", " 1"] {
            #expect(ErlangInteger(decimal: text) == nil)
        }
    }

    @Test func theTestEncoderWritesWhatTheDecoderReads() throws {
        for seed in UInt64(0)..<200 {
            var random = SeededRandom(seed: seed)
            let term = RandomTerms.term(&random)
            guard let bytes = try? ETFEncoder.encode(term) else { continue }
            #expect(try ETFDecoder.decode(bytes) == term, "seed \(seed)")
            #expect(try ETFDecoder.decode(ETFEncoder.encodeCompressed(term)) == term, "seed \(seed)")
        }
    }
}
