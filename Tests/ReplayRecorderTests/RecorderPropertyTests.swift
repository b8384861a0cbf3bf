import TestSupport
import Foundation
import ReplayCore
import Testing
@testable import ReplayRecorder

/// The recorder's law, on random Codable states: the trace it writes, read back by the core,
/// gives at every position exactly the state recorded there, which decodes back to the value.
@Suite struct RecorderPropertyTests {
    @Test(arguments: Array(UInt64(1)...30))
    func replayedStatesAreTheRecordedOnes(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let path = temporaryTrace("property-\(seed)")
        defer { unlink(path) }
        var state = Sample.random(&random)
        var recorded = [state]
        let recorder = try TraceRecorder(path: path, initialState: state, meta: ["seed": JSONValue(integerLiteral: Int(seed))])
        for step in 0..<Int.random(in: 1...40, using: &random) {
            let roll = Double.random(in: 0..<1, using: &random)
            if roll < 0.1 {
                try recorder.record(kind: "info", name: "tick \(step)")  // changes nothing
                recorded.append(state)
                continue
            }
            state = random.chance(0.2) ? Sample.random(&random) : state.mutated(&random)
            if roll < 0.2 {
                try recorder.error("refused \(step)", kind: "call", name: "step", payload: step, state: state)
            } else {
                try recorder.record(kind: "call", name: "step", payload: ["step": step], state: state)
            }
            recorded.append(state)
        }
        let trace = try TraceLoader.load(path: path)
        #expect(trace.warnings.isEmpty)
        #expect(trace.count == recorded.count - 1)
        let replayer = Replayer(trace: trace, checkpointInterval: 4)
        for position in (0...trace.count).shuffled(using: &random) {
            let replayed = try replayer.state(at: position)
            #expect(replayed == (try ValueEncoder.encode(recorded[position])), "seed \(seed), position \(position)")
            let decoded = try JSONDecoder().decode(Sample.self, from: Data(replayed.jsonText(.compact).utf8))
            #expect(decoded == recorded[position], "seed \(seed), position \(position)")
        }
    }
}

/// A state with a bit of everything a Codable value holds.
struct Sample: Codable, Equatable {
    var id: Int
    var name: String
    var score: Double
    var ratio: Float
    var big: UInt64
    var small: Int8
    var active: Bool
    var note: String?
    var tags: [String]
    var labels: Set<String>
    var counts: [String: Int]
    var byNumber: [Int: String]
    var items: [Item]
    var kind: Kind

    struct Item: Codable, Equatable {
        var label: String
        var value: Int?
        var weights: [Double]
    }

    enum Kind: Codable, Equatable {
        case plain
        case tagged(String)
        case pair(left: Int, right: Double)
    }

    static func random(_ random: inout SeededRandom) -> Sample {
        Sample(
            id: Int.random(in: -1_000_000...1_000_000, using: &random),
            name: random.text(),
            score: random.double(),
            ratio: random.float(),
            big: random.chance(0.3) ? UInt64.max : UInt64.random(in: 0...UInt64.max, using: &random),
            small: Int8.random(in: Int8.min...Int8.max, using: &random),
            active: random.chance(0.5),
            note: random.chance(0.5) ? random.text() : nil,
            tags: (0..<Int.random(in: 0...4, using: &random)).map { _ in random.text() },
            labels: Set((0..<Int.random(in: 0...4, using: &random)).map { _ in random.text() }),
            counts: Dictionary((0..<Int.random(in: 0...6, using: &random)).map { _ in (random.text(), Int.random(in: 0...99, using: &random)) }, uniquingKeysWith: { a, _ in a }),
            byNumber: Dictionary((0..<Int.random(in: 0...4, using: &random)).map { _ in (Int.random(in: -20...20, using: &random), random.text()) }, uniquingKeysWith: { a, _ in a }),
            items: (0..<Int.random(in: 0...5, using: &random)).map { _ in Item.random(&random) },
            kind: [Kind.plain, .tagged(random.text()), .pair(left: Int.random(in: 0...9, using: &random), right: random.double())][Int.random(in: 0...2, using: &random)]
        )
    }

    /// A few fields changed, as one call changes a program's state.
    func mutated(_ random: inout SeededRandom) -> Sample {
        var next = self
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            switch Int.random(in: 0..<8, using: &random) {
            case 0: next.id += 1
            case 1: next.score = random.double()
            case 2: next.note = random.chance(0.5) ? random.text() : nil
            case 3: next.tags.insert(random.text(), at: Int.random(in: 0...next.tags.count, using: &random))
            case 4: next.counts[random.text()] = Int.random(in: 0...99, using: &random)
            case 5: if !next.items.isEmpty { next.items.remove(at: Int.random(in: 0..<next.items.count, using: &random)) }
            case 6: next.items.append(Item.random(&random))
            default: next.labels.insert(random.text())
            }
        }
        return next
    }
}

extension Sample.Item {
    static func random(_ random: inout SeededRandom) -> Sample.Item {
        Sample.Item(
            label: random.text(),
            value: random.chance(0.7) ? Int.random(in: -5...5, using: &random) : nil,
            weights: (0..<Int.random(in: 0...3, using: &random)).map { _ in random.double() }
        )
    }
}
