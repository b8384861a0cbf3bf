import Testing
@testable import ReplayCore

/// Conformance of the byte parser and the writer: valid documents round-trip exactly,
/// invalid ones fail at the right place with a useful message.
@Suite struct JSONParserTests {
    /// Compact documents that must print back byte for byte.
    @Test(arguments: [
        "null", "true", "false", "0", "-0", "1", "-1", "0.1", "1e999999", "-1E-7", "2.5e+10",
        "9007199254740993", "123456789012345678901234567890", "1.000", "0.30000000000000004",
        "\"\"", "\"plain\"", "\"Zoë 山田 🎉\"", "[]", "{}", "[1,[2,[3,[]]]]",
        "{\"b\":1,\"a\":2,\"c\":{\"z\":null,\"y\":[true,false]}}",
        "{\"a/b\":1,\"m~n\":2,\"\":3}",
    ])
    func roundTripsExactly(_ text: String) throws {
        #expect(try JSONValue(parsing: text).jsonText(.compact) == text)
    }

    @Test func decodesEscapes() throws {
        let value = try JSONValue(parsing: #""a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u4e2d\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\u{8}\u{c}\n\r\tAé中😀"))
    }

    @Test func writesEscapesJSONNeeds() {
        let value = JSONValue.string("q\"b\\n\n\u{1}é")
        #expect(value.jsonText(.compact) == #""q\"b\\n\n\u0001é""#)
    }

    @Test func keepsKeyOrderAndLastDuplicateAtFirstPosition() throws {
        let value = try JSONValue(parsing: #"{"z":1,"a":2,"z":3}"#)
        #expect(value.objectValue?.keys.elements == ["z", "a"])
        #expect(value["z"] == 3)
    }

    @Test func allowsWhitespaceEverywhereJSONDoes() throws {
        let value = try JSONValue(parsing: " \t\r\n{ \"a\" : [ 1 , 2 ] }\n")
        #expect(value.jsonText(.compact) == #"{"a":[1,2]}"#)
    }

    @Test func prettyPrintsWithTwoSpaces() throws {
        let value = try JSONValue(parsing: #"{"a":[1,{}],"b":[]}"#)
        #expect(value.jsonText() == "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}")
    }

    /// Invalid documents with the line, column and message fragment they must report.
    @Test(arguments: [
        ("", 1, 1, "unexpected end of input"),
        ("   ", 1, 4, "unexpected end of input"),
        ("{", 1, 2, "expected a member name"),
        ("[1,2", 1, 5, "expected ',' or ']'"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}'"),
        ("{a:1}", 1, 2, "member name in double quotes"),
        ("[1,]", 1, 4, "expected a value"),
        ("\"abc", 1, 1, "unterminated string"),
        ("\"a\\qb\"", 1, 3, "invalid escape '\\q'"),
        ("\"\\u12G4\"", 1, 2, "four hex digits"),
        ("\"\\ud800\"", 1, 2, "not followed by a low surrogate"),
        ("\"\\ud800x\"", 1, 2, "not followed by a low surrogate"),
        ("\"\\ud800", 1, 2, "unterminated string"),
        ("\"\\ud800\\", 1, 2, "unterminated string"),
        ("\"\\udc00\"", 1, 2, "lone low surrogate"),
        ("\"\\ud800\\u0041\"", 1, 8, "not a low surrogate"),
        ("\"a\nb\"", 1, 3, "control character"),
        ("01", 1, 2, "after the end"),
        ("-", 1, 1, "end of input in a number"),
        ("-x", 1, 1, "invalid number"),
        ("1.", 1, 1, "end of input in a number"),
        ("[1.]", 1, 2, "invalid number"),
        ("1e", 1, 1, "end of input in a number"),
        ("1e+]", 1, 1, "invalid number"),
        (".5", 1, 1, "expected a value"),
        ("tru", 1, 1, "expected a value"),
        ("nul", 1, 1, "expected a value"),
        ("NaN", 1, 1, "expected a value"),
        ("[1]\n\n  x", 3, 3, "after the end"),
        ("{\"a\":\n  [1,\n   }", 3, 4, "expected a value"),
    ])
    func rejects(_ text: String, _ line: Int, _ column: Int, _ fragment: String) {
        let bytes = Array(text.utf8)
        do {
            _ = try JSONValue(parsing: bytes)
            Issue.record("accepted invalid JSON: \(text)")
        } catch {
            let located = bytes.withUnsafeBytes { error.traceError(in: $0) }
            #expect(located.location == .text(line: line, column: column), "\(text): \(located)")
            #expect(located.message.contains(fragment), "\(text): \(located.message)")
        }
    }

    /// Invalid UTF-8 inside strings: overlongs, surrogates, truncated and stray bytes.
    @Test(arguments: [
        [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE4, 0xB8, 0x22],
        [0x22, 0x80, 0x22], [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], [0x22, 0xF0, 0x80, 0x80, 0x80, 0x22],
        [0x22, 0xFF, 0x22],
    ] as [[UInt8]])
    func rejectsInvalidUTF8(_ bytes: [UInt8]) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: bytes) }
        do {
            _ = try JSONValue(parsing: bytes)
        } catch {
            #expect(error.offset == 1)
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func acceptsEveryValidUTF8Length() throws {
        let text = "a é 中 😀 \u{10FFFF}"
        #expect(try JSONValue(parsing: Array("\"\(text)\"".utf8)) == .string(text))
    }

    @Test func boundsNestingDepth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONValue(parsing: deep)
            Issue.record("accepted 100,000 levels of nesting")
        } catch {
            #expect(error.message.contains("nesting is deeper than"))
        }
        let allowed = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(throws: Never.self) { try JSONValue(parsing: allowed) }
    }

    @Test func skipValueValidatesLikeParse() {
        for text in ["[1,{\"a\":\"\\u00e9\"}]", "[1,]", "\"\\x\"", "{\"a\":tru}"] {
            let bytes = Array(text.utf8)
            let parsed = Result { () throws(JSONSyntaxError) in try JSONValue(parsing: bytes) }
            let skipped = bytes.withUnsafeBytes { buffer in
                Result { () throws(JSONSyntaxError) -> Int in
                    var parser = JSONParser(bytes: buffer)
                    try parser.skipValue()
                    return parser.position
                }
            }
            switch (parsed, skipped) {
            case (.success, .success(let end)): #expect(end == bytes.count)
            case (.failure(let a), .failure(let b)): #expect(a == b)
            default: Issue.record("parse and skip disagree on \(text)")
            }
        }
    }
}

@Suite struct JSONNumberTests {
    @Test func numericEqualityIsExactAtAnySize() {
        func equal(_ a: String, _ b: String) -> Bool {
            JSONNumber(literal: a)!.isNumericallyEqual(to: JSONNumber(literal: b)!)
        }
        #expect(equal("1", "1.0"))
        #expect(equal("10e-1", "1"))
        #expect(equal("0", "-0.0"))
        #expect(equal("1.5e3", "1500"))
        #expect(!equal("9007199254740993", "9007199254740992"))
        #expect(!equal("0.1", "0.10000000000000001"))
        #expect(!equal("1", "-1"))
    }

    @Test func validatesLiterals() {
        #expect(JSONNumber(literal: "-0.5e-3") != nil)
        for bad in ["", "+1", "01", "1.", ".1", "1e", "0x10", "1 "] {
            #expect(JSONNumber(literal: bad) == nil, "\(bad)")
        }
    }

    @Test func convertsWhenAsked() {
        #expect(JSONNumber(literal: "42")!.intValue == 42)
        #expect(JSONNumber(literal: "4.2")!.intValue == nil)
        #expect(JSONNumber(literal: "99999999999999999999")!.intValue == nil)
        #expect(JSONNumber(literal: "1e999999")!.doubleValue == .infinity)
        #expect(JSONNumber(2.5)?.literal == "2.5")
        #expect(JSONNumber(-0.0)?.literal == "-0")
        #expect(JSONNumber(Double.nan) == nil)
    }
}
