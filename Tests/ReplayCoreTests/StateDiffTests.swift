import Testing
@testable import ReplayCore

@Suite struct StateDiffTests {
    private func changes(_ old: String, _ new: String, limits: DiffLimits = .default) throws -> [String] {
        let a = try JSONValue(parsing: old)
        let b = try JSONValue(parsing: new)
        let found = StateDiff.changes(from: a, to: b, limits: limits)
        var patched = a
        try JSONPatch.apply(found.map(\.patchOperation), to: &patched)
        #expect(patched == b, "diff of \(old) -> \(new) does not apply: \(found.map(\.readableLine))")
        return found.map(\.readableLine)
    }

    @Test func identicalStatesHaveNoChanges() throws {
        #expect(try changes(#"{"a":[1,{"b":2}]}"#, #"{"a":[1,{"b":2}]}"#) == [])
    }

    @Test func scalarsAndTypes() throws {
        #expect(try changes("1", "2") == ["~ (root) 1 -> 2"])
        #expect(try changes("1", "1.0") == ["~ (root) 1 -> 1.0"])
        #expect(try changes(#"{"a":[1]}"#, #"{"a":{"0":1}}"#) == [#"~ /a [1] -> {"0":1}"#])
    }

    @Test func members() throws {
        #expect(try changes(#"{"a":1,"b":2,"c":3}"#, #"{"a":1,"b":5,"d":4}"#) == ["- /c 3", "~ /b 2 -> 5", "+ /d 4"])
    }

    @Test func pathsEscapeSlashAndTilde() throws {
        #expect(try changes(#"{"a/b":{"m~n":1}}"#, #"{"a/b":{"m~n":2}}"#) == ["~ /a~1b/m~0n 1 -> 2"])
    }

    @Test func oneInsertIntoTheMiddleIsOneAdd() throws {
        let old = (0..<20).map(String.init)
        var new = old
        new.insert("99", at: 10)
        #expect(try changes("[\(old.joined(separator: ","))]", "[\(new.joined(separator: ","))]") == ["+ /10 99"])
    }

    @Test func oneRemovalFromTheMiddleIsOneRemove() throws {
        #expect(try changes("[1,2,3,4,5,6,7,8]", "[1,2,3,5,6,7,8]") == ["- /3 4"])
    }

    @Test func insertsAndRemovalsInOneArray() throws {
        #expect(try changes(#"["a","b","c","d","e"]"#, #"["x","a","c","d","y","e","z"]"#) == [
            #"+ /0 "x""#, #"- /2 "b""#, #"+ /4 "y""#, #"+ /6 "z""#,
        ])
    }

    @Test func aModifiedElementIsANestedChange() throws {
        let old = #"[{"id":1,"n":"a"},{"id":2,"n":"b"},{"id":3,"n":"c"}]"#
        let new = #"[{"id":1,"n":"a"},{"id":2,"n":"B"},{"id":3,"n":"c"}]"#
        #expect(try changes(old, new) == [#"~ /1/n "b" -> "B""#])
    }

    @Test func keyOrderIsPartOfTheState() throws {
        #expect(try changes(#"{"a":1,"b":2}"#, #"{"b":2,"a":1}"#) == ["- /a 1", "+ /a 1"])
        #expect(try changes(#"{"a":1,"c":3}"#, #"{"a":1,"b":2,"c":3}"#) == ["- /c 3", "+ /b 2", "+ /c 3"])
    }

    @Test func pastTheCapArraysCompareByPosition() throws {
        let tiny = DiffLimits(maxLCSCells: 1)
        #expect(try changes("[1,2,3]", "[4,1,2,5]", limits: tiny) == ["~ /0 1 -> 4", "~ /1 2 -> 1", "~ /2 3 -> 2", "+ /3 5"])
        #expect(try changes("[1,2,3,4]", "[1,9]", limits: tiny) == ["~ /1 2 -> 9", "- /2 3", "- /2 4"])
    }

    @Test func changesPrintAsJSON() {
        let change = StateChange(op: .replace, path: JSONPointer(tokens: ["a", "0"]), old: 1, new: 2)
        #expect(change.jsonValue.jsonText(.compact) == #"{"op":"replace","path":"/a/0","old":1,"new":2}"#)
        #expect(StateChange(op: .add, path: .root, new: nil).jsonValue.jsonText(.compact) == #"{"op":"add","path":""}"#)
    }

    /// The law on thousands of random related pairs: applying diff(a, b) to a gives b.
    @Test(arguments: 0..<8)
    func diffAppliesOnRandomPairs(batch: Int) throws {
        var random = SeededRandom(seed: UInt64(batch) &* 7919)
        for _ in 0..<400 {
            let a = RandomJSON.value(&random)
            var b = a
            if random.chance(0.2) {
                b = RandomJSON.value(&random)
            } else {
                try JSONPatch.apply(RandomTrace.randomPatch(for: a, &random), to: &b)
            }
            let limits = random.chance(0.2) ? DiffLimits(maxLCSCells: 2) : .default
            var patched = a
            try JSONPatch.apply(StateDiff.changes(from: a, to: b, limits: limits).map(\.patchOperation), to: &patched)
            #expect(patched == b)
            #expect(StateDiff.changes(from: a, to: a).isEmpty)
        }
    }
}
