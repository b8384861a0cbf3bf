import TestSupport
import Testing
@testable import ReplayCore

/// Indexing parts of the events on another core is a speculation that must never change an
/// answer: on random traces, whole or damaged anywhere, reading with the split gives exactly
/// what one pass gives, however the two cores share the parts.
@Suite struct NativeSplitScanTests {
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

    /// The parts are usable, not only safe: on valid traces most parts start at an event, and
    /// a part's index, scanned on its own, is the stretch of the one-pass index from its start
    /// to the next part's (or to the end of the events, for the last).
    @Test func eachPartIsAStretchOfTheIndex() throws {
        var parts = 0
        for seed in UInt64(1)...20 {
            let made = RandomTrace.make(seed: seed, events: 80)
            for (text, layout) in [(made.text, NativeSplitScan.Layout.array), (made.ndjson, .lines)] {
                let data = TraceData(bytes: Array(text.utf8))
                var reader = NativeReader(data: data, progress: nil, splitAbove: .max)
                let scanned = try data.withBytes { (buffer: UnsafeRawBufferPointer) throws -> [NativeSplitScan.Part?] in
                    try reader.readDocument(buffer)
                    // Where the reader starts them: at the array's `[`, or after the header line.
                    let key = Array("\"events\"".utf8)
                    let named = layout == .lines ? nil : buffer.indices.first { buffer[$0...].starts(with: key) }
                    let events = named.flatMap { buffer[$0...].firstIndex(of: UInt8(ascii: "[")) } ?? 0
                    guard let split = NativeSplitScan.start(buffer, eventsFrom: events, partBytes: buffer.count / 5, layout: layout, data: data)
                    else { return [] }
                    defer { split.finish() }
                    let stops = split.starts.dropFirst().map(Optional.some) + [nil]
                    return zip(split.starts, stops).map { split.scanPart(from: $0, to: $1) }
                }
                let full = reader.table
                #expect(scanned.count >= 3, "seed \(seed): \(scanned.count) parts")
                for part in scanned {
                    // A guess may be wrong (a `{` after a `,` inside a value), and its part unused.
                    guard let part, let first = full.starts.firstIndex(of: part.table.starts[0]) else { continue }
                    parts += 1
                    let stretch = first..<first + part.table.starts.count
                    #expect(Array(full.starts[stretch]) == Array(part.table.starts))
                    #expect(full.kindIDs[stretch].map { full.kinds.strings[Int($0)] } == part.table.kindIDs.map { part.table.kinds.strings[Int($0)] })
                    #expect(Array(full.flags[stretch]) == Array(part.table.flags))
                    #expect(Array(full.effectOffsets[stretch]) == Array(part.table.effectOffsets))
                    #expect(part.endsEvents == (stretch.upperBound == full.starts.count), "seed \(seed)")
                }
            }
        }
        // Pretty-printed or compact, with patches of several operations: the guesses hold.
        #expect(parts >= 150, "\(parts) parts usable in 40 traces")
    }
}
