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
                    return zip(split.starts, stops).map { split.scanPart(from: $0, to: $1, shapes: EventShapes()) }
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

    /// Parts large enough that their columns' pages are moved rather than copied (PageMove:
    /// columns of 64 KB and more; here the starts, times and ids), each part meeting the names
    /// in another order, so that its ids are rewritten before they are moved: every column
    /// reads as one pass's.
    @Test func movedPartsReadAsOnePass() throws {
        let names = ["deposit", "withdraw", "stats", "audit", "close", "open", "fee"]
        var events: [String] = []
        for index in 0..<110_000 {
            let name = names[(index / 5_000 + index % 3) % names.count]
            let change = index % 4 == 0 ? "\"merge\":{\"n\":\(index)}" : "\"patch\":[{\"op\":\"replace\",\"path\":\"/n\",\"value\":\(index)}]"
            let lane = index % 9 == 0 ? "\"lane\":\"worker\"," : ""
            events.append("{\"t\":\(index * 3),\"kind\":\"call\",\"name\":\"\(name)\",\(lane)\(change)}")
        }
        let header = "{\"format\":\"replay-trace\",\"version\":1,\"initial_state\":{\"n\":0}"
        for text in [header + ",\"events\":[" + events.joined(separator: ",") + "]}", header + "}\n" + events.joined(separator: "\n") + "\n"] {
            let bytes = Array(text.utf8)
            // 9.7 MB of events in parts of 2 MB (about 23,000 events), whose 2-byte ids' columns are
            // reserved at 64 KB: above the 8 MB from which the events are split.
            let split = try #require(try NativeFormat.read(TraceData(bytes: bytes), splitAbove: 8 << 20).events as? NativeEventIndex).table
            let whole = try #require(try NativeFormat.read(TraceData(bytes: bytes), splitAbove: .max).events as? NativeEventIndex).table
            // Compared whole, reported by name: a failure would print 110,000 values.
            var differing: [String] = []
            if Array(split.starts) != Array(whole.starts) { differing.append("starts") }
            if Array(split.times).map(\.bitPattern) != Array(whole.times).map(\.bitPattern) { differing.append("times") }
            if Array(split.flags) != Array(whole.flags) { differing.append("flags") }
            if Array(split.effectOffsets) != Array(whole.effectOffsets) { differing.append("change offsets") }
            for (column, ids, wholeIDs, strings, wholeStrings) in [
                ("kinds", split.kindIDs, whole.kindIDs, split.kinds.strings, whole.kinds.strings),
                ("names", split.nameIDs, whole.nameIDs, split.names.strings, whole.names.strings),
                ("lanes", split.laneIDs, whole.laneIDs, split.lanes.strings, whole.lanes.strings),
            ] {
                // The two tables number their strings apart: compared through the strings.
                let renumbered = strings.map { UInt32(wholeStrings.firstIndex(of: $0)!) }
                if ids.map({ $0 == NativeEventTable.noName ? $0 : renumbered[Int($0)] }) != Array(wholeIDs) { differing.append(column) }
            }
            #expect(differing.isEmpty, "columns unlike one pass's: \(differing)")
        }
    }
}
