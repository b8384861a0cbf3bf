import Testing
@testable import ReplayCore

/// RFC 7386: every row of Appendix A and the example of section 3.
@Suite struct MergePatchTests {
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, "null", "null"),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func appliesAppendixA(_ target: String, _ patch: String, _ expected: String) throws {
        var document = try JSONValue(parsing: target)
        MergePatch.apply(try JSONValue(parsing: patch), to: &document)
        #expect(document.jsonText(.compact) == expected)
    }

    @Test func existingMembersKeepTheirPlaceAndNewOnesGoLast() throws {
        var document = try JSONValue(parsing: #"{"a":1,"b":{"x":1},"c":3}"#)
        MergePatch.apply(try JSONValue(parsing: #"{"d":{"e":null,"f":1},"b":{"y":2,"x":null},"a":5}"#), to: &document)
        #expect(document.jsonText(.compact) == #"{"a":5,"b":{"y":2},"c":3,"d":{"f":1}}"#)
    }

    @Test func appliesTheSection3Example() throws {
        var document = try JSONValue(parsing: """
            {"title": "Goodbye!", "author": {"givenName": "John", "familyName": "Doe"},
             "tags": ["example", "sample"], "content": "This will be unchanged"}
            """)
        MergePatch.apply(try JSONValue(parsing: """
            {"title": "Hello!", "phoneNumber": "+01-555-555-5555", "author": {"familyName": null},
             "tags": ["example"]}
            """), to: &document)
        #expect(document.jsonText(.compact) == #"""
            {"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-555-555-5555"}
            """#)
    }
}
