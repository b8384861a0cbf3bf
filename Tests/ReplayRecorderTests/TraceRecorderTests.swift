import Foundation
import ReplayCore
import Testing
@testable import ReplayRecorder

/// The lines a recorder writes, and what replay-tui's core reads back from them.
@Suite struct TraceRecorderTests {
    private func lines(_ path: String) throws -> [JSONValue] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONValue(parsing: String($0)) }
    }

    struct Counter: Codable {
        var name = "calls to the counter"
        var count = 0
        var history: [Int] = []
    }

    @Test func eachEventCarriesAPatchTheWholeStateOrNothing() throws {
        let path = temporaryTrace("lines")
        defer { unlink(path) }
        var counter = Counter()
        let recorder = try TraceRecorder(path: path, initialState: counter, meta: ["title": "counting"])
        counter.count = 1
        try recorder.record(kind: "call", name: "inc", payload: ["by": 1], state: counter)
        try recorder.record(kind: "info", name: "nothing", state: counter)
        counter = Counter(name: "reset", count: 0, history: Array(0..<3))
        try recorder.record(kind: "call", name: "reset", state: counter)
        try recorder.error("too big", kind: "call", name: "inc", payload: ["by": 1_000])
        try recorder.crash(reason: "Overflow: count\n  at Counter.inc")

        let written = try lines(path)
        #expect(written.count == 6)
        #expect(written[0] == ["format": "replay-trace", "version": 1, "meta": ["title": "counting", "source": "ReplayRecorder"], "initial_state": ["name": "calls to the counter", "count": 0, "history": []]])
        #expect(written[1]["patch"] == [["op": "replace", "path": "/count", "value": 1]])
        #expect(written[1]["payload"] == ["by": 1])
        #expect(written[2]["patch"] == nil && written[2]["state"] == nil)
        #expect(written[3]["state"] == ["name": "reset", "count": 0, "history": [0, 1, 2]], "three changes are longer than the state")
        #expect(written[4]["error"] == "too big")
        #expect(written[5]["kind"] == "crash")
        let times = written.dropFirst().compactMap { $0["t"]?.numberValue?.doubleValue }
        #expect(times.count == 5 && times == times.sorted())

        let trace = try TraceLoader.load(path: path)
        #expect(trace.crash?.index == 4)
        #expect(trace.crash?.reason == "Overflow: count\n  at Counter.inc")
        #expect(try Replayer(trace: trace).state(at: trace.count) == ["name": "reset", "count": 0, "history": [0, 1, 2]])
    }

    @Test func anOffRecorderWritesNothingAndEncodesNothing() throws {
        struct Exploding: Encodable {
            func encode(to encoder: Encoder) throws { Issue.record("encoded while off") }
        }
        #expect(!TraceRecorder.off.isOn)
        try TraceRecorder.off.record(kind: "call", payload: Exploding(), state: Exploding())
        let recorder = try TraceRecorder(path: nil, initialState: Exploding())
        try recorder.crash(reason: "never written", state: Exploding())
    }

    @Test func aStateThatCannotBeJSONIsAnErrorAndTheTraceGoesOn() throws {
        let path = temporaryTrace("nan")
        defer { unlink(path) }
        let recorder = try TraceRecorder(path: path, initialState: ["rate": 1.5])
        #expect(throws: TraceRecorderError.self) { try recorder.record(kind: "call", name: "rate", state: ["rate": Double.nan]) }
        do {
            try recorder.record(kind: "call", name: "rate", state: ["rate": Double.infinity])
        } catch {
            #expect(error.description == "\(path): the state after call rate cannot be written as JSON: /rate: Double inf has no JSON form")
        }
        try recorder.record(kind: "call", name: "rate", state: ["rate": 2.5])
        #expect(try lines(path).count == 2)
    }

    @Test func aPathThatCannotBeCreatedIsAnError() {
        #expect(throws: TraceRecorderError.self) { try TraceRecorder(path: "/nonexistent/dir/run.ndjson", initialState: 0) }
    }

    /// Many tasks recording at once: whole lines, a trace that replays, `t` in file order.
    @Test func concurrentRecordingWritesWholeLinesInOrder() async throws {
        let path = temporaryTrace("concurrent")
        defer { unlink(path) }
        let recorder = try TraceRecorder(path: path, initialState: JSONValue.object([:]))
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for step in 0..<200 {
                        try? recorder.record(kind: "call", name: "task \(task)", payload: step, state: JSONValue.object(["last": .string("task \(task) step \(step)")]))
                    }
                }
            }
        }
        let written = try lines(path)
        #expect(written.count == 1_601)
        let times = written.dropFirst().compactMap { $0["t"]?.numberValue?.doubleValue }
        #expect(times == times.sorted())
        let trace = try TraceLoader.load(path: path)
        let last = try #require(written.last)
        let expected = "\(last["name"]?.stringValue ?? "") step \(last["payload"]?.jsonText(.compact) ?? "")"
        #expect(try Replayer(trace: trace).state(at: trace.count) == ["last": .string(expected)])
    }
}
