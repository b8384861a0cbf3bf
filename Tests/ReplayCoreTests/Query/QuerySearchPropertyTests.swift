import TestSupport
import Testing
@testable import ReplayCore

/// `Query.search` (what `find` runs) on random traces and random expressions equals brute
/// force: the state at every position from a `Replayer`, every event parsed, each evaluated.
@Suite struct QuerySearchPropertyTests {
    static let seeds: [UInt64] = Array(1...30)

    /// Random expressions over the pointers of a trace's states, with some that name nothing.
    struct Expressions {
        var random: SeededRandom
        let pointers: [JSONPointer]

        /// Pointer text as the lexer reads it: RFC 6901 escapes, then a backslash before
        /// each character that would end the pointer.
        static func text(_ pointer: JSONPointer) -> String {
            var text = ""
            for character in pointer.description {
                if character.isWhitespace || "()=!<>\"\\".contains(character) { text.append("\\") }
                text.append(character)
            }
            return text
        }

        mutating func path() -> String {
            switch Int.random(in: 0..<6, using: &random) {
            case 0: return random.pick(["@index", "@kind", "@name", "@t", "@error"])
            case 1: return "@payload" + (random.chance(0.3) ? "" : Self.text(random.pick(pointers)))
            default: return Self.text(random.pick(pointers))
            }
        }

        mutating func value() -> String {
            switch Int.random(in: 0..<7, using: &random) {
            case 0, 1: return random.pick(RandomJSON.numbers + ["3", "-3", "5", "100", "1.0"])
            case 2: return JSONValue.string(random.pick(RandomJSON.strings + ["call", "cast", "withdraw", "deposit"])).jsonText(.compact)
            case 3: return random.pick(["true", "false", "null"])
            case 4: return "len(\(path()))"
            default: return path()
            }
        }

        mutating func condition(depth: Int = 0) -> String {
            let choice = depth > 2 ? Int.random(in: 0..<4, using: &random) : Int.random(in: 0..<8, using: &random)
            switch choice {
            case 0: return "\(value()) \(random.pick(["==", "!=", "<", "<=", ">", ">="])) \(value())"
            case 1: return "changed(\(Self.text(random.pick(pointers))))"
            case 2: return "exists(\(path()))"
            case 3: return "\(path()) =~ \(JSONValue.string(random.pick(["^w", "a", "t$", "^$", "[0-9]", "é|🎉"])).jsonText(.compact))"
            case 4: return "not \(condition(depth: depth + 1))"
            case 5: return "(\(condition(depth: depth + 1)) or \(condition(depth: depth + 1)))"
            default: return "\(condition(depth: depth + 1)) and \(condition(depth: depth + 1))"
            }
        }
    }

    @Test(arguments: seeds)
    func searchEqualsBruteForce(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: Int(seed % 5) * 17 + 8)
        let trace = try TraceLoader.load(TraceData(bytes: Array((seed % 2 == 0 ? made.text : made.ndjson).utf8)))
        let replayer = Replayer(trace: trace)
        let states = try (0...trace.count).map { (position: Int) throws(TraceError) in try replayer.state(at: position) }
        let events = try (0..<trace.count).map { (index: Int) throws(TraceError) in try trace.events.event(index) }
        var pointers = Set(states.flatMap { RandomJSON.pointers(in: $0) }.filter { !$0.tokens.isEmpty })
        pointers.formUnion(events.compactMap(\.payload).flatMap { RandomJSON.pointers(in: $0) }.filter { !$0.tokens.isEmpty })
        pointers.insert(JSONPointer(tokens: ["nowhere", "at all"]))
        var generator = Expressions(random: SeededRandom(seed: seed &* 7919), pointers: pointers.sorted { $0.description < $1.description })
        for _ in 0..<40 {
            let text = generator.condition()
            let query = try Query(text)
            let expected = (0..<trace.count).filter { index in
                query.holds(QueryContext(event: events[index], state: states[index + 1], stateBefore: states[index]))
            }
            var all: [Int] = []
            try query.search(trace, events: 0..<trace.count) { all.append($0); return true }
            #expect(all == expected, "seed \(seed): \(text)")
            // From a later position, with a replayer that has seen other places, first match only.
            let start = Int.random(in: 0...trace.count, using: &generator.random)
            var first: [Int] = []
            try query.search(trace, events: start..<trace.count, replayer: replayer) { first.append($0); return false }
            #expect(first == Array(expected.filter { $0 >= start }.prefix(1)), "seed \(seed), from \(start): \(text)")
        }
    }

    @Test func checkInsComeEvery2048EventsAndCanStop() throws {
        let made = RandomTrace.make(seed: 99, events: 5_000)
        let trace = try TraceLoader.load(TraceData(bytes: Array(made.ndjson.utf8)))
        var checkIns: [Int] = []
        var found = 0
        try Query("@index >= 0").search(trace, events: 10..<trace.count, checkIn: { checkIns.append($0); return $0 < 4_000 }) { _ in
            found += 1
            return true
        }
        #expect(checkIns == [10, 2_058, 4_106])
        #expect(found == 4_096)
    }
}
