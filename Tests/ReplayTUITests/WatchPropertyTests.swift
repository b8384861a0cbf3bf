import TestSupport
import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// Watchpoints stop exactly where the watched value changes: on random traces, playing with
/// a watch from the start to the end at the highest speed stops after every event that
/// changes the value, and after no other (brute force: the value at the pointer in the
/// replayed state before and after every event).
@Suite struct WatchPropertyTests {
    /// A small random trace over nested objects and arrays: patches (add, replace, copy, a
    /// key with a `/`), merges (setting and removing keys), snapshots and events that
    /// change nothing.
    private static func randomTrace(seed: UInt64, events count: Int) -> Trace {
        var random = SeededRandom(seed: seed)
        var events: [String] = []
        for index in 0..<count {
            let value = random.next() % 4
            let change: String
            switch random.next() % 8 {
            case 0: change = #""patch": [{"op": "replace", "path": "/a/x", "value": \#(value)}]"#
            case 1: change = #""patch": [{"op": "add", "path": "/list/0", "value": \#(value)}]"#
            case 2: change = #""patch": [{"op": "copy", "from": "/a/x", "path": "/b"}]"#
            case 3: change = #""merge": {"a": {"y": \#(value == 0 ? "null" : String(value))}}"#
            case 4: change = #""state": {"a": {"x": \#(value)}, "list": [\#(value)], "b": 1}"#
            case 5: change = #""patch": [{"op": "add", "path": "/a/z~1w", "value": {"deep": \#(value)}}]"#
            case 6: change = #""merge": {"b": \#(value)}"#
            default: change = #""payload": {"no": "change"}"#
            }
            events.append(#"{"kind": "call", "name": "e\#(index)", \#(change)}"#)
        }
        return Fixture.trace(#"""
            {"format": "replay-trace", "initial_state": {"a": {"x": 0}, "list": [], "b": 1},
             "events": [\#(events.joined(separator: ",\n"))]}
            """#)
    }

    @Test(arguments: 0..<12)
    func playingStopsExactlyWhereTheWatchedValueChanges(seed: Int) throws {
        let trace = Self.randomTrace(seed: UInt64(seed), events: 60)
        let replayer = Replayer(trace: trace, checkpointInterval: Replayer.noCheckpoints)
        let pointers = ["/a/x", "/a", "/list/0", "/b", "/a/y", "/a/z~1w/deep", ""].map { try! JSONPointer(parsing: $0) }
        for pointer in pointers {
            var expected: [Int] = []
            for index in 0..<trace.count where try pointer.resolve(in: replayer.state(at: index)) != pointer.resolve(in: replayer.state(at: index + 1)) {
                expected.append(index)
            }
            var session = TraceSession(trace: trace, fileName: "random.json", timelineWidth: 80)
            _ = session.toggleWatch(on: pointer)
            while session.playhead.speed < 64 { session.faster() }
            var stops: [Int] = []
            repeat {
                session.togglePlaying()
                while session.playhead.isPlaying { _ = session.advance(byMilliseconds: 1_000_000) }
                if case .watch(let index, _)? = session.playhead.stop { stops.append(index) }
            } while session.position < trace.count && session.failure == nil
            #expect(session.failure == nil)
            // A watch stop on the last event is reported as the watch, not as the end.
            #expect(stops == expected, "seed \(seed), \(pointer)")
        }
    }
}
