import TestSupport
import Testing
@testable import ReplayCore

/// RFC 6902 Appendix A, every example, plus the failure rules replay depends on.
@Suite struct JSONPatchTests {
    private func apply(_ patch: String, to document: String) throws -> JSONValue {
        var value = try JSONValue(parsing: document)
        try JSONPatch.apply(JSONPatch.operations(from: JSONValue(parsing: patch)), to: &value)
        return value
    }

    /// The failure of a patch that must not apply; the document is checked to be unchanged.
    private func failure(_ patch: String, on document: String) throws -> PatchFailure {
        let original = try JSONValue(parsing: document)
        var value = original
        do {
            try JSONPatch.apply(JSONPatch.operations(from: JSONValue(parsing: patch)), to: &value)
        } catch let failure as PatchFailure {
            #expect(value == original)
            return failure
        }
        Issue.record("\(patch) applied to \(document)")
        return PatchFailure(opIndex: -1, op: "", path: "", message: "")
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

    /// Examples that must fail (A.9, A.12, A.13, A.15). A.13 repeats `op`; the parser keeps
    /// the last value, so it is a `remove` of a member that does not exist.
    @Test(arguments: [
        ("A.9", #"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#,
         #"patch op #0 (test /baz): test failed: the value is "qux", not "bar""#),
        ("A.12", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#,
         "patch op #0 (add /baz/bat): parent /baz does not exist"),
        ("A.13", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux","op":"remove"}]"#,
         "patch op #0 (remove /baz): path does not exist"),
        ("A.15", #"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":"10"}]"#,
         #"patch op #0 (test /~01): test failed: the value is 10, not "10""#),
    ])
    func rejectsTheRFCErrorExamples(_ name: String, _ document: String, _ patch: String, _ expected: String) throws {
        #expect(try failure(patch, on: document).description == expected, "\(name)")
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
        #expect(try apply(#"[{"op":"add","path":"/0","value":"x"}]"#, to: "[0,1]") == ["x", 0, 1])
        #expect(try apply(#"[{"op":"add","path":"/-","value":"x"}]"#, to: "[]") == ["x"])
        #expect(try failure(#"[{"op":"add","path":"/3","value":"x"}]"#, on: "[0,1]").message == "'3' is not an index from 0 to 2 or '-'")
        #expect(try failure(#"[{"op":"remove","path":"/2"}]"#, on: "[0,1]").message == "path does not exist")
        #expect(try failure(#"[{"op":"remove","path":"/-"}]"#, on: "[0,1]").message == "path does not exist")
        #expect(try failure(#"[{"op":"replace","path":"/-","value":1}]"#, on: "[0,1]").message == "path does not exist")
    }

    /// RFC 6901 indices are `0` or digits without a leading zero; anything else names nothing.
    @Test(arguments: [
        #"[{"op":"add","path":"/01","value":"x"}]"#,
        #"[{"op":"replace","path":"/01","value":"x"}]"#,
        #"[{"op":"remove","path":"/00"}]"#,
        #"[{"op":"test","path":"/01","value":1}]"#,
        #"[{"op":"copy","from":"/01","path":"/-"}]"#,
        #"[{"op":"add","path":"/+1","value":"x"}]"#,
        #"[{"op":"add","path":"/1e0","value":"x"}]"#,
        #"[{"op":"add","path":"/99999999999999999999","value":"x"}]"#,
    ])
    func leadingZerosAndOtherNonIndicesAreErrors(_ patch: String) {
        #expect(throws: PatchFailure.self) { try apply(patch, to: "[0,1]") }
    }

    @Test func moveAndCopy() throws {
        #expect(try apply(#"[{"op":"copy","from":"/a","path":"/b"}]"#, to: #"{"a":{"x":1}}"#) == ["a": ["x": 1], "b": ["x": 1]])
        #expect(try apply(#"[{"op":"copy","from":"","path":"/a"}]"#, to: #"{"x":1}"#) == ["x": 1, "a": ["x": 1]])
        #expect(try apply(#"[{"op":"move","from":"/a/0","path":"/b"}]"#, to: #"{"a":[1,2],"b":0}"#) == ["a": [2], "b": 1])
        #expect(try apply(#"[{"op":"move","from":"/a","path":"/a"}]"#, to: #"{"a":1,"b":2}"#).jsonText(.compact) == #"{"a":1,"b":2}"#)
        #expect(try failure(#"[{"op":"copy","from":"/nope","path":"/b"}]"#, on: "{}").message == "from /nope does not exist")
        #expect(try failure(#"[{"op":"move","from":"/nope","path":"/nope"}]"#, on: "{}").message == "from /nope does not exist")
    }

    /// Values put into the document nest no deeper than a document may (1,000 levels), so that
    /// repeated copies of the root into itself cannot build a state deep enough to overflow the
    /// stack; up to the limit every operation that places a value works.
    @Test func resultsNestNoDeeperThanTheParserAllows() throws {
        let limit = JSONParser.maxDepth
        // Built, not parsed: no patch document could hold these values.
        func nested(_ levels: Int) -> JSONValue {
            (0..<levels).reduce(JSONValue.array([])) { inner, _ in .array([inner]) }
        }
        func place(_ op: String, _ value: JSONValue, on document: JSONValue) throws(PatchFailure) -> JSONValue {
            var result = document
            let patch = JSONValue.array([["op": .string(op), "path": "/a", "value": value]])
            try JSONPatch.apply(JSONPatch.operations(from: patch), to: &result)
            return result
        }
        for op in ["add", "replace"] {
            let fits = try place(op, nested(limit - 2), on: ["a": 0])
            #expect(!fits.nests(deeperThan: limit) && fits.nests(deeperThan: limit - 1))
            #expect(throws: PatchFailure(opIndex: 0, op: op, path: "/a", message: "the result would nest deeper than 1000 levels")) {
                try place(op, nested(limit - 1), on: ["a": 0])
            }
        }
        // {"a":{}} nests 2 levels; each copy of the root into /a adds one.
        func copies(_ count: Int) -> String {
            "[" + Array(repeating: #"{"op":"copy","from":"","path":"/a"}"#, count: count).joined(separator: ",") + "]"
        }
        let chain = try apply(copies(limit - 2), to: #"{"a":{}}"#)
        #expect(!chain.nests(deeperThan: limit) && chain.nests(deeperThan: limit - 1))
        let failed = try failure(copies(limit - 1), on: #"{"a":{}}"#)
        #expect(failed.opIndex == limit - 2 && failed.message == "the result would nest deeper than 1000 levels")
        let document: JSONValue = ["a": nested(limit - 2), "b": [:]]
        let move = try JSONPatch.operations(from: JSONValue(parsing: #"[{"op":"move","from":"/a","path":"/b/c"}]"#))
        var moved = document
        #expect(throws: PatchFailure(opIndex: 0, op: "move", path: "/b/c", message: "the result would nest deeper than 1000 levels")) {
            try JSONPatch.apply(move, to: &moved)
        }
        #expect(moved == document)
    }

    @Test func nestingDepthCountsContainers() {
        let samples: [(JSONValue, Int)] = [(1, 0), ([], 1), ([:], 1), ([[1]], 2), (["a": [[:]], "b": 1], 3)]
        for (value, depth) in samples {
            #expect(value.nests(deeperThan: depth - 1) && !value.nests(deeperThan: depth))
        }
    }

    @Test func aLocationCannotMoveIntoItsOwnChild() throws {
        for patch in [
            #"[{"op":"move","from":"/a","path":"/a/b"}]"#,
            #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#,
            #"[{"op":"move","from":"","path":"/a"}]"#,
        ] {
            #expect(try failure(patch, on: #"{"a":{"b":{}}}"#).message == "cannot move a value into one of its own children")
        }
        // A sibling whose name merely starts the same is not a child.
        #expect(try apply(#"[{"op":"move","from":"/a","path":"/ab"}]"#, to: #"{"a":1}"#) == ["ab": 1])
    }

    @Test func testComparesNumbersByValueAndObjectsIgnoringOrder() throws {
        #expect(throws: Never.self) { try apply(#"[{"op":"test","path":"/n","value":1.0}]"#, to: #"{"n":1}"#) }
        #expect(throws: Never.self) { try apply(#"[{"op":"test","path":"","value":{"b":2,"a":1}}]"#, to: #"{"a":1,"b":2}"#) }
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"test","path":"/n","value":[1]}]"#, to: #"{"n":[1,2]}"#) }
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"test","path":"/n","value":[2,1]}]"#, to: #"{"n":[1,2]}"#) }
        #expect(throws: PatchFailure.self) { try apply(#"[{"op":"test","path":"/n","value":null}]"#, to: #"{}"#) }
    }

    /// Every kind of edit is undone exactly, key order included, when a later operation fails.
    @Test(arguments: [
        #"[{"op":"add","path":"/a/0","value":0},{"op":"remove","path":"/zzz"}]"#,
        #"[{"op":"add","path":"/a/-","value":0},{"op":"add","path":"/new","value":0},{"op":"test","path":"/b","value":0}]"#,
        #"[{"op":"add","path":"/a","value":0},{"op":"test","path":"/a","value":1}]"#,
        #"[{"op":"remove","path":"/a"},{"op":"remove","path":"/b/d/0"},{"op":"remove","path":"/a"}]"#,
        #"[{"op":"replace","path":"/b/c","value":4},{"op":"replace","path":"/a/1","value":4},{"op":"test","path":"/b/c","value":3}]"#,
        #"[{"op":"move","from":"/a","path":"/z"},{"op":"move","from":"/b/d/1","path":"/b/d/0"},{"op":"copy","from":"/nope","path":"/c"}]"#,
        #"[{"op":"move","from":"/b/c","path":"/nope/c"}]"#,
        #"[{"op":"copy","from":"/b","path":"/b/e"},{"op":"add","path":"/b/e/c","value":9},{"op":"remove","path":"/b/d/9"}]"#,
        #"[{"op":"replace","path":"","value":[]},{"op":"add","path":"/-","value":1},{"op":"remove","path":""}]"#,
    ])
    func aFailedPatchLeavesTheDocumentExactlyAsItWas(_ patch: String) throws {
        let original = try JSONValue(parsing: #"{"a":[1,2],"b":{"c":3,"d":[true,false]},"e":null}"#)
        var document = original
        #expect(throws: PatchFailure.self) { try JSONPatch.apply(JSONPatch.operations(from: JSONValue(parsing: patch)), to: &document) }
        #expect(document.jsonText(.compact) == original.jsonText(.compact))
    }

    /// Random valid patches followed by an operation that fails leave random documents as
    /// they were; without the failing operation they apply as their operations one by one.
    @Test(arguments: 0..<4)
    func failuresAreAtomicOnRandomPatches(batch: Int) throws {
        var random = SeededRandom(seed: UInt64(batch) &+ 6902)
        for _ in 0..<250 {
            let original = RandomJSON.value(&random)
            let operations = RandomTrace.randomPatch(for: original, &random)
            var stepwise = original
            for operation in operations { try JSONPatch.apply([operation], to: &stepwise) }
            var whole = original
            try JSONPatch.apply(operations, to: &whole)
            #expect(whole == stepwise)
            var failed = original
            let failing = PatchOperation(kind: .remove, path: JSONPointer(tokens: ["no such member", "x"]))
            #expect(throws: PatchFailure.self) { try JSONPatch.apply(operations + [failing], to: &failed) }
            #expect(failed == original)
        }
    }

    @Test func failuresNameTheOpIndexAndPath() throws {
        let missing = try failure(#"[{"op":"test","path":"/a","value":1},{"op":"remove","path":"/accounts/7"}]"#, on: #"{"a":1}"#)
        #expect(missing == PatchFailure(opIndex: 1, op: "remove", path: "/accounts/7", message: "path does not exist"))
        #expect(missing.description == "patch op #1 (remove /accounts/7): path does not exist")
        #expect(try failure(#"[{"op":"test","path":"/a","value":2}]"#, on: #"{"a":1}"#).description
            == "patch op #0 (test /a): test failed: the value is 1, not 2")
        #expect(try failure(#"[{"op":"remove","path":""}]"#, on: "{}").description
            == #"patch op #0 (remove ""): cannot remove the whole document"#)
        #expect(try failure(#"[{"op":"add","path":"/a~1b/c","value":1}]"#, on: #"{"a/b":"x"}"#).description
            == "patch op #0 (add /a~1b/c): parent /a~1b is a string, not an object or array")
        #expect(try failure(#"[{"op":"add","path":"/x","value":1}]"#, on: "[]").message
            == "'x' is not an index from 0 to 0 or '-'")
        #expect(try failure(#"[{"op":"add","path":"/x","value":1}]"#, on: "7").message
            == #"parent "" is a number, not an object or array"#)
    }

    /// Malformed operations are rejected when read, named by their index and what they say.
    @Test(arguments: [
        (#"{}"#, "patch op #0 (? ?): a patch must be an array of operations, found object"),
        (#"[1]"#, "patch op #0 (? ?): an operation must be an object, found number"),
        (#"[{"path":"/a"}]"#, "patch op #0 (? /a): 'op' must be a string"),
        (#"[{"op":"jump","path":"/a"}]"#, "patch op #0 (jump /a): unknown op 'jump'; expected add, remove, replace, move, copy or test"),
        (#"[{"op":"add","value":1}]"#, "patch op #0 (add ?): 'path' must be a string"),
        (#"[{"op":"add","path":7,"value":1}]"#, "patch op #0 (add ?): 'path' must be a string"),
        (#"[{"op":"add","path":"a","value":1}]"#, "patch op #0 (add a): invalid JSON pointer 'a': a JSON pointer must be empty or start with '/'"),
        (#"[{"op":"add","path":"/a~2","value":1}]"#, "patch op #0 (add /a~2): invalid JSON pointer '/a~2': '~' must be followed by '0' or '1'"),
        (#"[{"op":"add","path":"/a"}]"#, "patch op #0 (add /a): 'add' needs a 'value'"),
        (#"[{"op":"test","path":"/a"}]"#, "patch op #0 (test /a): 'test' needs a 'value'"),
        (#"[{"op":"copy","path":"/a","from":1}]"#, "patch op #0 (copy /a): 'copy' needs a string 'from'"),
        (#"[{"op":"remove","path":"/a"},{"op":"move","path":"/a"}]"#, "patch op #1 (move /a): 'move' needs a string 'from'"),
        (#"[{"op":"remove","path":"/a"},{"op":"move","path":"/b","from":"x"}]"#, "patch op #1 (move /b): invalid JSON pointer 'x': a JSON pointer must be empty or start with '/'"),
    ])
    func rejectsMalformedOperations(_ patch: String, _ expected: String) throws {
        do {
            _ = try JSONPatch.operations(from: JSONValue(parsing: patch))
            Issue.record("accepted \(patch)")
        } catch let failure as PatchFailure {
            #expect(failure.description == expected)
        }
    }

    /// `value: null` is a value; members an operation does not use are ignored (A.11).
    @Test func readsOnlyTheMembersEachOperationUses() throws {
        let operations = try JSONPatch.operations(from: JSONValue(parsing: #"""
            [{"op":"add","path":"/a","value":null,"from":"/x"},{"op":"remove","path":"/a","value":1},
             {"op":"copy","from":"","path":"/b","value":2}]
            """#))
        #expect(operations == [
            PatchOperation(kind: .add, path: JSONPointer(tokens: ["a"]), value: .null),
            PatchOperation(kind: .remove, path: JSONPointer(tokens: ["a"])),
            PatchOperation(kind: .copy, path: JSONPointer(tokens: ["b"]), from: .root),
        ])
    }

    @Test func operationsPrintBackAsRFCObjects() throws {
        let text = #"[{"op":"move","path":"/b","from":"/a"},{"op":"add","path":"/c","value":1}]"#
        let operations = try JSONPatch.operations(from: JSONValue(parsing: text))
        #expect(JSONValue.array(operations.map(\.jsonValue)).jsonText(.compact) == text)
    }
}
