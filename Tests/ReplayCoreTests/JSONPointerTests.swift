import Testing
@testable import ReplayCore

/// RFC 6901 section 5: every example pointer against the RFC's example document.
@Suite struct JSONPointerTests {
    static let document = try! JSONValue(parsing: #"""
        {"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5,
         "k\"l": 6, " ": 7, "m~n": 8}
        """#)

    @Test(arguments: [
        ("", nil), ("/foo", #"["bar","baz"]"#), ("/foo/0", #""bar""#), ("/", "0"), ("/a~1b", "1"),
        ("/c%d", "2"), ("/e^f", "3"), ("/g|h", "4"), (#"/i\j"#, "5"), (#"/k"l"#, "6"), ("/ ", "7"),
        ("/m~0n", "8"),
    ] as [(String, String?)])
    func resolvesTheRFCExamples(_ pointer: String, _ expected: String?) throws {
        let value = try JSONPointer(parsing: pointer).resolve(in: Self.document)
        #expect(value == (try expected.map { try JSONValue(parsing: $0) } ?? Self.document))
    }

    @Test func encodesTokensBack() throws {
        for text in ["", "/foo/0", "/", "/a~1b", "/m~0n", "/~01", "/a//b"] {
            #expect(try JSONPointer(parsing: text).description == text)
        }
        #expect(JSONPointer(tokens: ["a/b", "~"]).description == "/a~1b/~0")
    }

    @Test func rejectsInvalidPointers() {
        for text in ["foo", "#/foo", "/a~2", "/a~", "/~x", "/a~/b", "/ok/~~0", "/~-1"] {
            #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: text) }
        }
    }

    @Test func arrayIndicesHaveNoLeadingZeros() {
        #expect(JSONPointer.arrayIndex("0") == 0)
        #expect(JSONPointer.arrayIndex("10") == 10)
        for token in ["01", "00", "-", "", "+1", "-1", "1e0", " 1", "1.0", "99999999999999999999"] {
            #expect(JSONPointer.arrayIndex(token) == nil, "\(token)")
        }
    }

    @Test func missingPathsResolveToNothing() throws {
        for text in ["/nope", "/foo/2", "/foo/-", "/foo/01", "/foo/0/x", "/a~1b/0"] {
            #expect(try JSONPointer(parsing: text).resolve(in: Self.document) == nil, "\(text)")
        }
    }
}
