import TestSupport
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
        #expect(try changes("9007199254740992", "9007199254740993") == ["~ (root) 9007199254740992 -> 9007199254740993"])
        #expect(try changes(#"{"a":"1"}"#, #"{"a":1}"#) == [#"~ /a "1" -> 1"#])
        #expect(try changes("null", "false") == ["~ (root) null -> false"])
        #expect(try changes("[]", "{}") == ["~ (root) [] -> {}"])
        #expect(try changes(#"{"a":[1]}"#, #"{"a":{"0":1}}"#) == [#"~ /a [1] -> {"0":1}"#])
    }

    @Test func equalStatesNotSharingStorageHaveNoChanges() throws {
        let text = #"{"a":[1,0.1,{"b":"山田","c/d~":[null,true]}],"e":9007199254740993}"#
        #expect(try StateDiff.changes(from: JSONValue(parsing: text), to: JSONValue(parsing: text)).isEmpty)
    }

    @Test func members() throws {
        #expect(try changes(#"{"a":1,"b":2,"c":3}"#, #"{"a":1,"b":5,"d":4}"#) == ["- /c 3", "~ /b 2 -> 5", "+ /d 4"])
    }

    @Test func pathsEscapeSlashAndTilde() throws {
        #expect(try changes(#"{"a/b":{"m~n":1}}"#, #"{"a/b":{"m~n":2}}"#) == ["~ /a~1b/m~0n 1 -> 2"])
        #expect(try changes(#"{"~1":{"/":[1]}}"#, #"{"~1":{"/":[1,2],"":3}}"#) == ["+ /~01/~1/1 2", "+ /~01/ 3"])
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

    /// Paths are in the array as the earlier changes left it.
    @Test func laterPathsFollowEarlierShifts() throws {
        let old = #"{"arr":[{"id":1,"n":"a"},{"id":2,"n":"b"},{"id":3,"n":"c"}]}"#
        let new = #"{"arr":[{"id":0},{"id":1,"n":"a"},{"id":2,"n":"B"},{"id":3,"n":"c"}]}"#
        #expect(try changes(old, new) == [#"+ /arr/0 {"id":0}"#, #"~ /arr/2/n "b" -> "B""#])
    }

    @Test func largeArrayWithAFewEdits() throws {
        let old: [JSONValue] = (0..<1500).map { ["id": JSONValue(integerLiteral: $0), "n": "x"] }
        var new = old
        new.remove(at: 700)
        new.insert(["id": -1], at: 100)
        new[1200] = ["id": 1200, "n": "y"]
        let found = StateDiff.changes(from: .array(old), to: .array(new))
        #expect(found.map(\.readableLine) == [#"+ /100 {"id":-1}"#, #"- /701 {"id":700,"n":"x"}"#, #"~ /1200/n "x" -> "y""#])
    }

    @Test func keyOrderIsPartOfTheState() throws {
        #expect(try changes(#"{"a":1,"b":2}"#, #"{"b":2,"a":1}"#) == ["- /a 1", "+ /a 1"])
        #expect(try changes(#"{"a":1,"c":3}"#, #"{"a":1,"b":2,"c":3}"#) == ["- /c 3", "+ /b 2", "+ /c 3"])
        #expect(try changes(#"{"a":1,"b":2,"c":3}"#, #"{"c":4,"a":1,"b":2}"#) == ["- /a 1", "- /b 2", "~ /c 3 -> 4", "+ /a 1", "+ /b 2"])
    }

    /// The common cases touch only the members that changed.
    @Test func appendedAndRemovedKeysKeepTheRestInPlace() throws {
        #expect(try changes(#"{"a":1,"b":2}"#, #"{"a":1,"b":3,"c":4}"#) == ["~ /b 2 -> 3", "+ /c 4"])
        #expect(try changes(#"{"a":1,"b":2,"c":3}"#, #"{"a":1,"c":5}"#) == ["- /b 2", "~ /c 3 -> 5"])
    }

    @Test func pastTheCapArraysCompareByPosition() throws {
        let tiny = DiffLimits(maxLCSCells: 1)
        #expect(try changes("[1,2,3]", "[4,1,2,5]", limits: tiny) == ["~ /0 1 -> 4", "~ /1 2 -> 1", "~ /2 3 -> 2", "+ /3 5"])
        #expect(try changes("[1,2,3,4]", "[1,9]", limits: tiny) == ["~ /1 2 -> 9", "- /2 3", "- /2 4"])
        // The cap counts only the part left after the common prefix and suffix.
        #expect(try changes("[1,2,3,4,5]", "[1,2,9,3,4,5]", limits: tiny) == ["+ /2 9"])
        // 3000 x 3000 is past the default cap: every element is compared with its counterpart.
        let old = JSONValue.array((0..<3000).map { JSONValue(integerLiteral: $0) })
        let new = JSONValue.array((0..<3000).reversed().map { JSONValue(integerLiteral: $0) })
        let found = StateDiff.changes(from: old, to: new)
        #expect(found.count == 3000 && found.allSatisfy { $0.op == .replace })
        var patched = old
        try JSONPatch.apply(found.map(\.patchOperation), to: &patched)
        #expect(patched == new)
    }

    @Test func changesPrintAsJSON() {
        let change = StateChange(op: .replace, path: JSONPointer(tokens: ["a", "0"]), old: 1, new: 2)
        #expect(change.jsonValue.jsonText(.compact) == #"{"op":"replace","path":"/a/0","old":1,"new":2}"#)
        #expect(StateChange(op: .add, path: .root, new: nil).jsonValue.jsonText(.compact) == #"{"op":"add","path":""}"#)
    }

    /// The law on thousands of random related pairs: applying diff(a, b) to a gives b.
    /// The pairs differ by random patches (add, remove, replace, move, copy), by members
    /// moved within their object's key order, or are unrelated documents.
    @Test(arguments: 0..<8)
    func diffAppliesOnRandomPairs(batch: Int) throws {
        var random = SeededRandom(seed: UInt64(batch) &* 7919)
        for _ in 0..<400 {
            let a = RandomJSON.value(&random)
            var b = a
            if random.chance(0.15) {
                b = RandomJSON.value(&random)
            } else {
                try JSONPatch.apply(RandomTrace.randomPatch(for: a, &random), to: &b)
                if random.chance(0.3) { try Self.moveAMember(in: &b, &random) }
            }
            let limits = random.chance(0.2) ? DiffLimits(maxLCSCells: 2) : .default
            let found = StateDiff.changes(from: a, to: b, limits: limits)
            var patched = a
            try JSONPatch.apply(found.map(\.patchOperation), to: &patched)
            #expect(patched == b, "\(a.jsonText(.compact)) -> \(b.jsonText(.compact)): \(found.map(\.readableLine))")
            #expect(StateDiff.changes(from: a, to: a).isEmpty)
        }
    }

    /// Random edits of arrays with repeated elements: the law holds with and without the
    /// cap, and one insertion or one removal is always exactly one change.
    @Test func arrayDiffsOnRandomEdits() throws {
        var random = SeededRandom(seed: 2024)
        let pool: [JSONValue] = [0, 1, "a", ["id": 1, "n": "x"], ["id": 1, "n": "y"], ["id": 2], [1, 2], [1, 3]]
        for _ in 0..<2000 {
            let a = (0..<Int.random(in: 0...25, using: &random)).map { _ in random.pick(pool) }
            var b = a
            let edits = Int.random(in: 1...4, using: &random)
            for _ in 0..<edits {
                switch Int.random(in: 0..<3, using: &random) {
                case 0:
                    b.insert(random.pick(pool), at: Int.random(in: 0...b.count, using: &random))
                case 1 where !b.isEmpty:
                    b.remove(at: Int.random(in: 0..<b.count, using: &random))
                default:
                    guard !b.isEmpty else { continue }
                    let moved = b.remove(at: Int.random(in: 0..<b.count, using: &random))
                    b.insert(moved, at: Int.random(in: 0...b.count, using: &random))
                }
            }
            for limits in [DiffLimits.default, DiffLimits(maxLCSCells: 3)] {
                let found = StateDiff.changes(from: .array(a), to: .array(b), limits: limits)
                var patched = JSONValue.array(a)
                try JSONPatch.apply(found.map(\.patchOperation), to: &patched)
                #expect(patched == .array(b))
            }
            if b.count == a.count + 1 || b.count == a.count - 1, edits == 1 {
                #expect(StateDiff.changes(from: .array(a), to: .array(b)).count == 1)
            }
        }
    }

    /// Moves one member of a random object inside `document` to a random place in its key order.
    private static func moveAMember(in document: inout JSONValue, _ random: inout SeededRandom) throws {
        let objects = RandomJSON.pointers(in: document).filter { ($0.resolve(in: document)?.objectValue?.count ?? 0) > 1 }
        guard let pointer = objects.randomElement(using: &random), var members = pointer.resolve(in: document)?.objectValue
        else { return }
        let (key, value) = members.remove(at: Int.random(in: 0..<members.count, using: &random))
        members.updateValue(value, forKey: key, insertingAt: Int.random(in: 0...members.count, using: &random))
        try JSONPatch.apply([PatchOperation(kind: .replace, path: pointer, value: .object(members))], to: &document)
    }
}
