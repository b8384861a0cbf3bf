import TestSupport
import Testing
@testable import ReplayCore

/// Replay applies a native trace's simple patches and merges straight from the bytes
/// (``JSONParser/simplePatchOperation()``, ``JSONParser/isSimpleMergePatch()``): on random
/// states and random changes, including ones that do not apply, repeated member names and
/// escaped ones, it gives the state or the error that reading each change into a tree and
/// applying it gives. The changes are written by hand, as a recorder might, so the bytes
/// vary as a tree writer's would not: member order, spaces, repeats, escapes.
@Suite struct ChangesFromBytesTests {
    static let seeds: [UInt64] = Array(1...30)

    @Test(arguments: seeds)
    func simplePatchesFromTheBytesEqualTheTree(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var changes: [String] = []
        let state = RandomJSON.value(&random, depth: 0).ensuringContainer(&random)
        for _ in 0..<200 {
            changes.append(#""patch": "# + Self.patchText(for: state, &random))
        }
        let taken = try Self.expectSameReplay(of: changes, from: state)
        #expect(taken.simple > 10, "seed \(seed): only \(taken.simple) of 200 patches were applied from the bytes")
    }

    /// Patches of several operations, each in another member of a wide state, as a recorder
    /// writes a change to several places: most are independent, and taken from the bytes.
    @Test(arguments: seeds)
    func severalOperationsFromTheBytesEqualTheTree(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var members = JSONObject()
        for index in 0..<8 { members["k\(index)"] = RandomJSON.value(&random).ensuringContainer(&random) }
        let state = JSONValue.object(members)
        var changes: [String] = []
        // Paths through names beyond ASCII are never independent (see `areIndependent`), and
        // the random names hold some: 300 patches leave enough that are.
        for _ in 0..<300 {
            let places = (0..<8).shuffled(using: &random).prefix(Int.random(in: 2...4, using: &random))
            let operations = places.map { place in
                Self.operationText(for: members["k\(place)"]!, under: ["k\(place)"], &random)
            }
            changes.append(#""patch": ["# + operations.joined(separator: ", ") + "]")
        }
        let taken = try Self.expectSameReplay(of: changes, from: state)
        #expect(taken.independent > 20, "seed \(seed): only \(taken.independent) of 300 patches of several operations were applied from the bytes")
    }

    @Test(arguments: seeds)
    func mergePatchesFromTheBytesEqualTheTree(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var changes: [String] = []
        let state = RandomJSON.value(&random, depth: 0).ensuringContainer(&random)
        for _ in 0..<200 {
            let patch = random.chance(0.5) ? RandomTrace.targetedMerge(for: state, &random) : RandomJSON.value(&random)
            changes.append(#""merge": "# + Self.text(of: patch, &random))
        }
        let taken = try Self.expectSameReplay(of: changes, from: state)
        #expect(taken.merges > 100, "seed \(seed): only \(taken.merges) of 200 merges were applied from the bytes")
    }

    /// Names Swift takes as one though their bytes differ (`é` precomposed, and `e` with a
    /// combining accent): a merge patch naming a member both ways, and operations on it both
    /// ways, give what the tree gives.
    @Test func namesEqualOnlyByCanonicalEquivalenceEqualTheTree() throws {
        let state: JSONValue = ["\u{e9}": 1, "b": ["\u{e9}": 2, "x": 3]]
        let changes = [
            #""merge": {"\#u{e9}": null, "e\#u{301}": 5}"#,
            #""merge": {"b": {"e\#u{301}": {"y": 1}, "\#u{e9}": 4}}"#,
            #""patch": [{"op": "remove", "path": "/\#u{e9}"}, {"op": "replace", "path": "/e\#u{301}", "value": 7}]"#,
            #""patch": [{"op": "remove", "path": "/b/e\#u{301}"}, {"op": "add", "path": "/b/\#u{e9}", "value": 8}]"#,
            #""patch": [{"op": "replace", "path": "/\#u{e9}", "value": 7}, {"op": "test", "path": "/e\#u{301}", "value": 1}]"#,
        ]
        _ = try Self.expectSameReplay(of: changes, from: state)
    }

    /// An operation naming a member twice, once with an escape (`o\u0070` is `op`): the
    /// parsed operation keeps the last value, as any object does, so reading the bytes must
    /// not take the plain spelling alone. Replay and `effect(i)` both give what applying the
    /// patch parsed into a tree gives.
    @Test func escapedRepeatsOfAnOperationsMembersEqualTheTree() throws {
        let state: JSONValue = ["a": 0, "b": ["c": 1]]
        let patches = [
            #"[{"op": "add", "o\u0070": "remove", "path": "/a", "value": 1}]"#,
            #"[{"op": "replace", "path": "/a", "p\u0061th": "/b/c", "value": 2}]"#,
            #"[{"op": "replace", "path": "/b/c", "value": 3, "v\u0061lue": 4}]"#,
        ]
        for patch in patches {
            var expected = state
            try EventEffect(.patch, JSONValue(parsing: patch), event: 0).apply(to: &expected, event: 0)
            let text = #"{"format": "replay-trace", "initial_state": "# + state.jsonText(.compact) + "}\n" + #"{"kind": "call", "patch": "# + patch + "}"
            let trace = try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
            var replayed = state
            try trace.events.apply(trace.events.prepareEffects(0..<1).part, from: 0, to: &replayed) { _, _ in }
            var read = state
            try trace.events.effect(0).apply(to: &read, event: 0)
            #expect(replayed == expected, "\(patch)")
            #expect(read == expected, "\(patch)")
        }
    }

    /// Each change applied alone to `state`, through the bytes and through the tree: the same
    /// state after, or the same error. Returns how many took each way from the bytes.
    private static func expectSameReplay(of changes: [String], from state: JSONValue) throws -> (simple: Int, independent: Int, merges: Int) {
        let events = changes.map { #"{"kind": "call", "#.appending($0) + "}" }
        // NDJSON: an event nests as deep as the parser allows, so a value can nest nearly that.
        let text = #"{"format": "replay-trace", "initial_state": "# + state.jsonText(.compact) + "}\n" + events.joined(separator: "\n")
        let trace = try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
        var taken = (simple: 0, independent: 0, merges: 0)
        for index in 0..<trace.count {
            var fromBytes = state, fromTree = state
            let treeError = Self.error { () throws(TraceError) in try trace.events.effect(index).apply(to: &fromTree, event: index) }
            let prepared = trace.events.prepareEffects(index..<index + 1)
            let bytesError = prepared.failure ?? Self.error { () throws(TraceError) in
                try trace.events.apply(prepared.part, from: index, to: &fromBytes) { _, _ in }
            }
            #expect(bytesError == treeError, "\(events[index])")
            #expect(fromBytes == fromTree, "\(events[index])")
            switch prepared.part.first?.form {
            case .simplePatch(.one): taken.simple += 1
            case .simplePatch(.independent): (taken.simple, taken.independent) = (taken.simple + 1, taken.independent + 1)
            case .simpleMerge: taken.merges += 1
            default: break
            }
        }
        return taken
    }

    private static func error(_ body: () throws(TraceError) -> Void) -> TraceError? {
        do throws(TraceError) {
            try body()
            return nil
        } catch {
            return error
        }
    }

    /// A patch text: one to four operations (now and then none), each an add, remove,
    /// replace or test at a path that exists, a new slot, or a path that names nothing, or
    /// now and then another op; a test compares with the value there or another.
    private static func patchText(for state: JSONValue, _ random: inout SeededRandom) -> String {
        let count = random.chance(0.03) ? 0 : random.pick([1, 1, 2, 2, 3, 4])
        return "[" + (0..<count).map { _ in operationText(for: state, &random) }.joined(separator: ", ") + "]"
    }

    /// An operation on a place in `state`, which sits at `base` in the document.
    private static func operationText(for state: JSONValue, under base: [String] = [], _ random: inout SeededRandom) -> String {
        var tokens = random.pick(RandomJSON.pointers(in: state)).tokens
        switch Int.random(in: 0..<6, using: &random) {
        case 0: tokens.append(random.pick(RandomJSON.keys + ["-", "00", "01", "7", "99999999999999999999"]))
        case 1 where !tokens.isEmpty: tokens[tokens.count - 1] = random.pick(RandomJSON.keys + ["-", "1", "3"])
        default: break
        }
        let op = random.pick(["add", "remove", "replace", "add", "remove", "replace", "test", "test", "copy", "nope"])
        let pointer = JSONPointer(tokens: base + tokens)
        var members = [#""op": "\#(op)""#, #""path": "# + JSONValue.string(pointer.description).jsonText(.compact)]
        if op == "test", let actual = JSONPointer(tokens: tokens).resolve(in: state), random.chance(0.7) {
            members.append(#""value": "# + text(of: actual, &random))
        } else if op != "remove" || random.chance(0.2) {
            let deep = random.chance(0.02)
            members.append(#""value": "# + (deep ? String(repeating: "[", count: 997) + String(repeating: "]", count: 997) : text(of: RandomJSON.value(&random), &random)))
        }
        if op == "copy" { members.append(#""from": "/a""#) }
        if random.chance(0.1) { members.append(#""op": "replace""#) }
        if random.chance(0.1) { members.append(#""comment": {"op": "x"}"#) }
        members.shuffle(using: &random)
        return "{" + members.joined(separator: random.chance(0.5) ? "," : " , ") + "}"
    }

    /// `value` as JSON text whose objects now and then repeat a member name or write one
    /// with an escape.
    private static func text(of value: JSONValue, _ random: inout SeededRandom) -> String {
        switch value {
        case .object(let members):
            var written = members.map { key, value in JSONValue.string(key).jsonText(.compact) + ": " + text(of: value, &random) }
            if let key = members.keys.randomElement(using: &random), random.chance(0.15) {
                written.append(JSONValue.string(key).jsonText(.compact) + ": " + text(of: RandomJSON.value(&random), &random))
            }
            if random.chance(0.1) { written.append(#""\u0061": 1"#) }
            return "{" + written.joined(separator: ", ") + "}"
        case .array(let elements):
            return "[" + elements.map { text(of: $0, &random) }.joined(separator: ",") + "]"
        default:
            return value.jsonText(.compact)
        }
    }
}

extension JSONValue {
    /// This value when it is an object or array, else a small object holding it: a state
    /// that paths reach into.
    fileprivate func ensuringContainer(_ random: inout SeededRandom) -> JSONValue {
        switch self {
        case .object, .array: self
        default: ["a": self, "b": [1, 2, ["c": "d"]]]
        }
    }
}
