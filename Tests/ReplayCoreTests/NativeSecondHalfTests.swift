import TestSupport
import Testing
@testable import ReplayCore

/// Indexing the second half of the events on another core is a speculation that must never
/// change an answer: on random traces, whole or damaged anywhere, reading with the split
/// gives exactly what one pass gives.
@Suite struct NativeSecondHalfTests {
    /// Everything a read gives, as text: the events, their summaries, the overview, crash,
    /// warnings, meta and initial state, or the error.
    private func outcome(_ bytes: [UInt8], splitAbove: Int) -> String {
        do throws(TraceError) {
            let trace = try NativeFormat.read(TraceData(bytes: bytes), splitAbove: splitAbove)
            let overview = trace.events.overview()
            var lines = [
                "count \(trace.count), crash \(String(describing: trace.crash))",
                "warnings \(trace.warnings.map(\.description))",
                "meta \(JSONValue.object(trace.meta).jsonText(.compact)), initial \(trace.initialState.jsonText(.compact))",
                "errors \(overview.errors), duration \(String(describing: overview.durationMilliseconds))",
                "kinds \(overview.kinds.map { "\($0.kind)=\($0.count)" })",
            ]
            for index in 0..<trace.count {
                let event: String
                do throws(TraceError) {
                    event = try trace.events.event(index).nativeJSON.jsonText(.compact)
                } catch {
                    event = "error \(error)"
                }
                lines.append("#\(index) \(trace.events.summary(index)) \(event)")
            }
            return lines.joined(separator: "\n")
        } catch {
            return "error \(error)"
        }
    }

    @Test(arguments: Array(UInt64(1)...30))
    func splitReadsEqualOnePass(seed: UInt64) {
        let made = RandomTrace.make(seed: seed, events: 60)
        var random = SeededRandom(seed: seed)
        for text in [made.text, made.ndjson] {
            let whole = Array(text.utf8)
            #expect(outcome(whole, splitAbove: 0) == outcome(whole, splitAbove: .max))
            for _ in 0..<25 {
                var damaged = whole
                let at = Int.random(in: 0..<damaged.count, using: &random)
                if random.chance(0.4) {
                    damaged.removeSubrange(at...)
                } else {
                    damaged[at] = random.pick(Array("\",{}[]:\\x\n 0".utf8) + [0xFF])
                }
                #expect(outcome(damaged, splitAbove: 0) == outcome(damaged, splitAbove: .max), "seed \(seed), byte \(at)")
            }
        }
    }

    /// The split is taken, not only safe: on valid traces the second half's index, when its
    /// guessed start is an event's start, is the tail of the one-pass index.
    @Test func theSecondHalfIsTheTailOfTheIndex() throws {
        var taken = 0
        for seed in UInt64(1)...20 {
            let made = RandomTrace.make(seed: seed, events: 80)
            for (text, layout) in [(made.text, NativeSecondHalf.Layout.array), (made.ndjson, .lines)] {
                let data = TraceData(bytes: Array(text.utf8))
                var reader = NativeReader(data: data, progress: nil, splitAbove: .max)
                let split = try data.withBytes { (buffer: UnsafeRawBufferPointer) throws -> (NativeEventTable, Int)? in
                    try reader.readDocument(buffer)
                    return NativeSecondHalf.start(buffer, eventsFrom: 0, layout: layout, data: data)?.finish(adopting: true)
                }
                let full = reader.table
                guard let (tail, _) = split, let first = full.starts.firstIndex(of: tail.starts[0]) else { continue }
                taken += 1
                #expect(Array(full.starts[first...]) == Array(tail.starts))
                #expect(full.kindIDs[first...].map { full.kinds.strings[Int($0)] } == tail.kindIDs.map { tail.kinds.strings[Int($0)] })
                #expect(Array(full.flags[first...]) == Array(tail.flags))
                #expect(Array(full.effectOffsets[first...]) == Array(tail.effectOffsets))
            }
        }
        #expect(taken >= 20, "the split was taken \(taken) times in 40 traces")
    }
}
