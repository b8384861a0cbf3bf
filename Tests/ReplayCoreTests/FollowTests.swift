import TestSupport
import Foundation
import Testing
@testable import ReplayCore

/// Indexing a trace as it grows: in any number of appended pieces it gives what reading the
/// whole file gives; a follower sees appends, a cut line completed later, truncation,
/// replacement and deletion.
@Suite struct FollowTests {
    /// The summaries and events of a trace, compared field by field.
    static func expectSame(_ grown: Trace, _ whole: Trace, seed: UInt64) throws {
        #expect(grown.count == whole.count, "seed \(seed)")
        #expect(grown.meta == whole.meta, "seed \(seed)")
        #expect(grown.initialState == whole.initialState, "seed \(seed)")
        #expect(grown.crash == whole.crash, "seed \(seed)")
        for index in 0..<min(grown.count, whole.count) {
            let (a, b) = (grown.events.summary(index), whole.events.summary(index))
            #expect(a.kind == b.kind && a.name == b.name && a.hasError == b.hasError && a.effect == b.effect, "seed \(seed) #\(index)")
            #expect(a.t == b.t || (a.t?.isNaN == true && b.t?.isNaN == true), "seed \(seed) #\(index)")
            #expect(try grown.events.event(index) == whole.events.event(index), "seed \(seed) #\(index)")
            #expect(try grown.events.effect(index) == whole.events.effect(index), "seed \(seed) #\(index)")
        }
    }

    @Test func indexingInAppendedPiecesEqualsIndexingTheWhole() throws {
        for seed in UInt64(1)...60 {
            let made = RandomTrace.make(seed: seed, events: 25)
            let bytes = Array(made.ndjson.utf8)
            let whole = try NativeFormat.read(TraceData(bytes: bytes))
            var random = SeededRandom(seed: seed &* 31)
            // Cut anywhere: inside strings, escapes, numbers, multi-byte characters.
            var cuts = (0..<Int.random(in: 1...30, using: &random)).map { _ in Int.random(in: 0...bytes.count, using: &random) }
            cuts = (cuts + [bytes.count]).sorted()
            let data = TraceData(growing: [])
            var indexer = NativeLineIndexer()
            var previous = 0
            var total = 0
            for cut in cuts {
                data.append(bytes[previous..<cut])
                previous = cut
                total += try data.withBytes { (buffer: UnsafeRawBufferPointer) throws(TraceError) in try indexer.index(buffer) }
                // Never more than the complete lines so far.
                let lines = bytes[0..<cut].filter { $0 == UInt8(ascii: "\n") }.count
                #expect(indexer.table.starts.count == max(lines - 1, 0), "seed \(seed) cut \(cut)")
            }
            #expect(total == whole.count)
            let header = try #require(indexer.header)
            let events = NativeEventIndex(data: data, table: indexer.table)
            let grown = Trace(format: .native, meta: header.meta, initialState: header.initialState, events: events,
                              crash: try Crash.locate(in: events, marked: header.crashMarker))
            try Self.expectSame(grown, whole, seed: seed)
        }
    }

    @Test func aBrokenCompleteLineIsALocatedError() throws {
        let text = #"{"format": "replay-trace", "initial_state": {}}"# + "\n" + #"{"kind": "a"}"# + "\n" + #"{"kind": }"# + "\n"
        let data = TraceData(growing: Array(text.utf8))
        var indexer = NativeLineIndexer()
        do throws(TraceError) {
            _ = try data.withBytes { (buffer: UnsafeRawBufferPointer) throws(TraceError) in try indexer.index(buffer) }
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("<trace>:3:10: event #1: "))
        }
    }

    @Test func aWholeDocumentCannotBeFollowed() throws {
        let data = TraceData(growing: Array("{\n \"format\": \"replay-trace\",\n \"events\": []\n}\n".utf8))
        var indexer = NativeLineIndexer()
        do throws(TraceError) {
            _ = try data.withBytes { (buffer: UnsafeRawBufferPointer) throws(TraceError) in try indexer.index(buffer) }
            Issue.record("no error")
        } catch {
            #expect(error.message == NativeLineIndexer.notLines)
        }
    }

    /// A file written in steps: the follower sees each step's complete lines, a line cut in
    /// the middle once its newline arrives, then a truncation, a replacement and a deletion.
    @Test func aFollowerSeesAppendsRotationAndDeletion() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("run.ndjson").path
        let header = #"{"format": "replay-trace", "initial_state": {"n": 0}}"# + "\n"
        func event(_ n: Int) -> String { #"{"kind": "call", "name": "inc", "t": \#(n), "merge": {"n": \#(n)}}"# + "\n" }
        try header.write(toFile: path, atomically: false, encoding: .utf8)
        let follower = try TraceFollower(path: path)
        #expect(follower.trace.count == 0)
        #expect(try follower.poll() == .none)

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data((event(1) + event(2)).utf8))
        #expect(try follower.poll() == .grew(added: 2))
        #expect(try Replayer(trace: follower.trace).state(at: 2) == ["n": 2])
        let third = event(3)
        handle.write(Data(third.prefix(20).utf8))
        #expect(try follower.poll() == .none)
        #expect(follower.trace.count == 2)
        handle.write(Data(third.dropFirst(20).utf8))
        #expect(try follower.poll() == .grew(added: 1))
        handle.write(Data((#"{"kind": "crash", "name": "boom", "error": "bad"}"# + "\n").utf8))
        #expect(try follower.poll() == .grew(added: 1))
        #expect(follower.trace.crash?.index == 3)
        try handle.close()

        // Truncated and written again (rotation by truncation).
        try (header + event(7)).write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try follower.poll() == .restarted(reason: "the file was truncated"))
        #expect(follower.trace.count == 1)
        // Replaced by another file of the same name.
        try (header + event(8) + event(9)).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try follower.poll() == .restarted(reason: "the file was replaced"))
        #expect(follower.trace.count == 2)
        // Deleted: what was read stays.
        try FileManager.default.removeItem(atPath: path)
        #expect(try follower.poll() == .ended(reason: "the file was deleted"))
        #expect(follower.trace.count == 2)
        #expect(try follower.poll() == .none)
    }

    /// OpenTelemetry's file exporter writes one batch a line: followed line by line, the
    /// trace ends as reading the whole file gives it, through growths or, when spans arrive
    /// before ones already shown, a restart.
    @Test func openTelemetryJSONLinesAreFollowedToo() throws {
        var fixture = #filePath
        fixture = String(fixture[..<fixture.lastIndex(of: "/")!]) + "/Fixtures/spans/otlp-jsonl/checkout.jsonl"
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n").map { $0 + "\n" }
        let whole = try TraceLoader.load(path: fixture)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("follow-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try String(lines[0]).write(toFile: path, atomically: false, encoding: .utf8)
        let follower = try TraceFollower(path: path)
        #expect(follower.trace.format == .otlpJSONLines)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        for line in lines.dropFirst() {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            switch try follower.poll() {
            case .grew, .restarted: break
            case let other: Issue.record("unexpected \(other)")
            }
        }
        try handle.close()
        #expect(follower.trace.count == whole.count)
        for index in 0..<whole.count {
            #expect(try follower.trace.events.event(index) == whole.events.event(index))
        }
        #expect(follower.trace.crash == whole.crash)
    }
}
