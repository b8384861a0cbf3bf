import Testing
@testable import ReplayCore

/// RFC 6902 Appendix A, every example, plus the failure rules replay depends on.
@Suite struct JSONPatchTests {
    private func apply(_ patch: String, to document: String) throws -> JSONValue {
        var value = try JSONValue(parsing: document)
        try JSONPatch.apply(JSONPatch.operations(from: JSONValue(parsing: patch)), to: &value)
        return value
    }

    /// Examples whose result is a document (A.1-A.8, A.10, A.11, A.14, A.16). RFC results
    /// are compared ignoring member order; the order an `add` gives is checked separately.
    @Test(arguments: [
        ("A.1", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"baz":"qux","foo":"bar"}"#),
        ("A.2", #"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        ("A.3", #"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        ("A.4", #"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        ("A.5", #"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        ("A.6", #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
         #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
         #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        ("A.7", #"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#,
         #"{"foo":["all","cows","eat","grass"]}"#),
        ("A.8", #"{"baz":"qux","foo":["a",2,"c"]}"#,
         #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
         #"{"baz":"qux","foo":["a",2,"c"]}"#),
        ("A.10", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#,
         #"{"foo":"bar","child":{"grandchild":{}}}"#),
        ("A.11", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, #"{"foo":"bar","baz":"qux"}"#),
        ("A.14", #"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":10}]"#, #"{"/":9,"~1":10}"#),
        ("A.16", #"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
    ])
    func appliesTheRFCExamples(_ name: String, _ document: String, _ patch: String, _ expected: String) throws {
        let result = try apply(patch, to: document)
        #expect(result.isSemanticallyEqual(to: try JSONValue(parsing: expected)), "\(name): \(result.jsonText(.compact))")
    }

    /// Examples that must fail (A.9, A.12, A.13, A.15).
    @Test(arguments: [
        ("A.9", #"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#),
        ("A.12", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#),
        ("A.13", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux","op":"remove"}]"#),
        ("A.15", #"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":"10"}]"#),
    ])
    func rejectsTheRFCErrorExamples(_ name: String, _ document: String, _ patch: String) {
        #expect(throws: PatchFailure.self, "\(name)") { try apply(patch, to: document) }
    }

    @Test func addAppendsNewMembersAndReplacesExistingInPlace() throws {
        #expect(try apply(#"[{"op":"add","path":"/a","value":9},{"op":"add","path":"/z","value":0}]"#, to: #"{"a":1,"b":2}"#)
            .jsonText(.compact) == #"{"a":9,"b":2,"z":0}"#)
    }

    @Test func theRootCanBeReplacedButNotRemoved() throws {
        #expect(try apply(#"[{"op":"replace","path":"","value":[1]}]"#, to: "{}") == [1])
        #expect(try apply(#"[{"op":"add","path":"","value":2}]"#, to: "{}") == 2)
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"remove","path":""}]"#, to: "{}") }
    }

    @Test func arrayIndicesFollowTheRFC() throws {
        #expect(try apply(#"[{"op":"add","path":"/2","value":"x"}]"#, to: "[0,1]") == [0, 1, "x"])
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"add","path":"/3","value":"x"}]"#, to: "[0,1]") }
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"replace","path":"/01","value":"x"}]"#, to: "[0,1]") }
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"remove","path":"/-"}]"#, to: "[0,1]") }
    }

    @Test func moveAndCopy() throws {
        #expect(try apply(#"[{"op":"copy","from":"/a","path":"/b"}]"#, to: #"{"a":{"x":1}}"#) == ["a": ["x": 1], "b": ["x": 1]])
        #expect(try apply(#"[{"op":"move","from":"/a","path":"/a"}]"#, to: #"{"a":1}"#) == ["a": 1])
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"move","from":"/a","path":"/a/b"}]"#, to: #"{"a":{}}"#) }
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"copy","from":"/nope","path":"/b"}]"#, to: "{}") }
    }

    @Test func testComparesNumbersByValueAndObjectsIgnoringOrder() throws {
        #expect(throws: Never.self) { try apply(#"[{"op":"test","path":"/n","value":1.0}]"#, to: #"{"n":1}"#) }
        #expect(throws: Never.self) { try apply(#"[{"op":"test","path":"","value":{"b":2,"a":1}}]"#, to: #"{"a":1,"b":2}"#) }
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"test","path":"/n","value":[1]}]"#, to: #"{"n":[1,2]}"#) }
    }

    @Test func aFailedPatchLeavesTheDocumentAsItWas() throws {
        let original = try JSONValue(parsing: #"{"a":[1,2],"b":{"c":3}}"#)
        for patch in [
            #"[{"op":"add","path":"/a/0","value":0},{"op":"remove","path":"/zzz"}]"#,
            #"[{"op":"move","from":"/b/c","path":"/nope/c"}]"#,
            #"[{"op":"replace","path":"/b/c","value":4},{"op":"test","path":"/b/c","value":3}]"#,
        ] {
            var document = original
            #expect(throws: PatchFailure.self) { try JSONPatch.apply(JSONPatch.operations(from: JSONValue(parsing: patch)), to: &document) }
            #expect(document == original, "\(patch)")
        }
    }

    @Test func failuresNameTheOpIndexAndPath() throws {
        do {
            _ = try apply(#"[{"op":"test","path":"/a","value":1},{"op":"remove","path":"/accounts/7"}]"#, to: #"{"a":1}"#)
            Issue.record("removed a missing path")
        } catch let failure as PatchFailure {
            #expect(failure.description == "patch op #1 (remove /accounts/7): the parent of /accounts/7 does not exist")
        }
        do {
            _ = try apply(#"[{"op":"test","path":"/a","value":2}]"#, to: #"{"a":1}"#)
        } catch let failure as PatchFailure {
            #expect(failure.description == "patch op #0 (test /a): test failed: the value is 1, not 2")
        }
    }

    @Test(arguments: [
        (#"{}"#, "a patch must be an array"),
        (#"[1]"#, "an operation must be an object"),
        (#"[{"path":"/a"}]"#, "'op' must be a string"),
        (#"[{"op":"jump","path":"/a"}]"#, "unknown op 'jump'"),
        (#"[{"op":"add"}]"#, "'path' must be a string"),
        (#"[{"op":"add","path":"a","value":1}]"#, "invalid JSON pointer"),
        (#"[{"op":"add","path":"/a"}]"#, "'add' needs a 'value'"),
        (#"[{"op":"move","path":"/a"}]"#, "'move' needs a string 'from'"),
    ])
    func rejectsMalformedOperations(_ patch: String, _ fragment: String) throws {
        do {
            _ = try JSONPatch.operations(from: JSONValue(parsing: patch))
            Issue.record("accepted \(patch)")
        } catch let failure as PatchFailure {
            #expect(failure.message.contains(fragment), "\(failure)")
        }
    }

    @Test func operationsPrintBackAsRFCObjects() throws {
        let text = #"[{"op":"move","path":"/b","from":"/a"},{"op":"add","path":"/c","value":1}]"#
        let operations = try JSONPatch.operations(from: JSONValue(parsing: text))
        #expect(JSONValue.array(operations.map(\.jsonValue)).jsonText(.compact) == text)
    }
}
