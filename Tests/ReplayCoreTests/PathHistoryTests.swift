import TestSupport
import Testing
@testable import ReplayCore

/// History and blame of a pointer against brute force: every state replayed, the value at
/// the pointer compared before and after every event.
@Suite struct PathHistoryTests {
    static let seeds: [UInt64] = Array(1...24)

    /// What brute force says: every event after which the value at `pointer` differs.
    static func bruteForceChanges(of pointer: JSONPointer, states: [JSONValue]) -> [PathChange] {
        (0..<(states.count - 1)).compactMap { index in
            let old = pointer.resolve(in: states[index])
            let new = pointer.resolve(in: states[index + 1])
            return JSONValue.isSame(old, new) ? nil : PathChange(index: index, old: old, new: new)
        }
    }

    /// Pointers worth asking about: existing and removed paths from every state, array
    /// elements, paths under scalars, paths never present, and the root.
    static func pointers(for states: [JSONValue], _ random: inout SeededRandom) -> [JSONPointer] {
        var all = Set<JSONPointer>()
        for state in states { all.formUnion(RandomJSON.pointers(in: state)) }
        var chosen = Array(all).sorted { $0.description < $1.description }.shuffled(using: &random).prefix(20).map { $0 }
        chosen += [.root, JSONPointer(tokens: ["never"]), JSONPointer(tokens: ["accounts", "0"]), JSONPointer(tokens: ["log", "1"]),
                   JSONPointer(tokens: ["0"]), JSONPointer(tokens: ["-"]), JSONPointer(tokens: ["a/b", "m~n"]),
                   JSONPointer(tokens: ["accounts", "0", "a"]), JSONPointer(tokens: ["log", "0", "0"])]
        for pointer in chosen.prefix(10) { chosen.append(pointer.appending("0")); chosen.append(pointer.appending("a")) }
        return chosen
    }

    /// The trace read lazily from JSON or NDJSON, or its events in memory (as importers make them).
    static func trace(_ made: RandomTrace.Made, seed: UInt64) throws -> Trace {
        switch seed % 3 {
        case 0: return try TraceLoader.load(TraceData(bytes: Array(made.text.utf8)))
        case 1: return try TraceLoader.load(TraceData(bytes: Array(made.ndjson.utf8)))
        default:
            let document = try JSONValue(parsing: made.text)
            let events = try document["events"]!.arrayValue!.enumerated().map { index, value in
                try Event(nativeMembers: value.objectValue!, index: index)
            }
            return Trace(format: .native, meta: [:], initialState: made.states[0], events: EventList(events), crash: nil)
        }
    }

    @Test(arguments: seeds)
    func historyAndBlameEqualBruteForce(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: Int(seed % 5) * 15 + 25, targetedMerges: true)
        let trace = try Self.trace(made, seed: seed)
        let index = try #require(try TouchIndex.build(trace))
        var random = SeededRandom(seed: seed &* 31)
        for (number, pointer) in Self.pointers(for: made.states, &random).enumerated() {
            let truth = Self.bruteForceChanges(of: pointer, states: made.states)
            // Without an index, scanned on one thread; and on two, for some pointers.
            for (touches, split) in [(index, 1_000), (nil, 1_000)] + (number % 3 == 0 ? [(nil, 8)] : []) {
                var history = PathHistory(trace: trace, touches: touches)
                (history.splitThreshold, history.nearEvents) = (split, split)
                var seen: [PathChange] = []
                let changes = try history.changes(of: pointer, found: { seen.append($0) })
                #expect(changes == truth, "seed \(seed), \(pointer), index: \(touches != nil)")
                #expect(seen == truth)
                for at in [-1, 0, trace.count - 1] + (0..<4).map({ _ in Int.random(in: 0..<trace.count, using: &random) }) {
                    let expected = truth.last { $0.index <= at }
                    #expect(try history.lastChange(of: pointer, atOrBefore: at) == expected,
                            "seed \(seed), \(pointer) at \(at), index: \(touches != nil)")
                }
            }
            // The index never misses an event that changed the pointer.
            for change in truth {
                #expect(index.mayHaveChanged(pointer, event: change.index), "seed \(seed), \(pointer), #\(change.index)")
            }
            #expect(Set(truth.map(\.index)).isSubset(of: index.candidates(for: pointer, in: 0..<trace.count)))
        }
    }

    @Test(arguments: seeds.prefix(10))
    func theIndexKeepsEachEventsTouches(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 60, targetedMerges: true)
        let trace = try TraceLoader.load(TraceData(bytes: Array(made.text.utf8)))
        let index = try #require(try TouchIndex.build(trace))
        #expect(index.count == trace.count)
        for event in 0..<trace.count {
            #expect(Set(index.touches(ofEvent: event)) == Set(try trace.events.effect(event).touches))
        }
        // Built in two halves on two threads: the same touches, the same candidates.
        let halves = try #require(try TouchIndex.build(trace, splittingFrom: 8, shouldContinue: { _ in true }))
        #expect(halves.tableSizes == index.tableSizes)
        for event in 0..<trace.count {
            #expect(Set(halves.touches(ofEvent: event)) == Set(index.touches(ofEvent: event)))
        }
        for pointer in RandomJSON.pointers(in: made.states[30]) + [.root] {
            #expect(halves.candidates(for: pointer, in: 0..<trace.count) == index.candidates(for: pointer, in: 0..<trace.count))
        }
    }

    @Test func buildingStopsWhenAskedTo() throws {
        let made = RandomTrace.make(seed: 3, events: 5_000)
        let trace = try TraceLoader.load(TraceData(bytes: Array(made.text.utf8)))
        var calls: [Int] = []
        #expect(try TouchIndex.build(trace, splittingFrom: 100_000, shouldContinue: { calls.append($0); return $0 < 2_048 }) == nil)
        #expect(calls == [0, 2_048])
        #expect(try TouchIndex.build(trace, splittingFrom: 1_000, shouldContinue: { $0 < 1_000 }) == nil)
        var history = PathHistory(trace: trace, touches: nil)
        #expect(try history.changes(of: .root, shouldContinue: { $0 < 100 }) == nil)
        history.splitThreshold = 1_000
        #expect(try history.changes(of: .root, shouldContinue: { $0 < 3_000 }) == nil)
        #expect(try history.changes(of: .root)?.isEmpty == false)
    }

    @Test func patchTouchesIncludeShiftedArraysAndMoveSources() {
        let effect = EventEffect.patch([
            PatchOperation(kind: .remove, path: JSONPointer(tokens: ["items", "0"])),
            PatchOperation(kind: .move, path: JSONPointer(tokens: ["b"]), from: JSONPointer(tokens: ["a"])),
            PatchOperation(kind: .test, path: JSONPointer(tokens: ["t"]), value: 1),
        ])
        #expect(effect.touches == [
            Touch(.value, JSONPointer(tokens: ["items", "0"])), Touch(.container, JSONPointer(tokens: ["items"])),
            Touch(.value, JSONPointer(tokens: ["a"])), Touch(.value, JSONPointer(tokens: ["b"])),
        ])
        let container = Touch(.container, JSONPointer(tokens: ["items"]))
        #expect(container.mayChange(JSONPointer(tokens: ["items", "3"])))
        #expect(!container.mayChange(JSONPointer(tokens: ["items"])))
        #expect(!container.mayChange(JSONPointer(tokens: ["items", "name"])))
    }
}
