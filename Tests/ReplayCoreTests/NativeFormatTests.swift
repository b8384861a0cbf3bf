import TestSupport
import Testing
@testable import ReplayCore

@Suite struct NativeFormatTests {
    private func load(_ text: String) throws(TraceError) -> Trace {
        try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
    }

    private func trace(events: String, meta: String = "{}") throws(TraceError) -> Trace {
        try load(#"{"format": "replay-trace", "version": 1, "meta": \#(meta), "events": [\#(events)]}"#)
    }

    @Test func readsEveryFieldAndKeepsUnknownOnes() throws {
        let loaded = try trace(events: #"""
            {"seq": 7, "t": 12.50, "kind": "call", "name": "withdraw", "payload": {"amount": 9007199254740993},
             "error": "no funds", "vendor": {"x": 1}, "merge": {"a": null}}
            """#)
        let event = try loaded.events.event(0)
        #expect(event.seq == 7)
        #expect(event.t?.literal == "12.50")
        #expect(event.kind == "call")
        #expect(event.name == "withdraw")
        #expect(event.payload == ["amount": .number(JSONNumber(literal: "9007199254740993")!)])
        #expect(event.error == "no funds")
        #expect(event.effect == .merge(["a": nil]))
        #expect(event.extra == ["vendor": ["x": 1]])
        #expect(loaded.events.summary(0) == EventSummary(kind: "call", name: "withdraw", t: 12.5, hasError: true, effect: .merge))
    }

    @Test func initialStateDefaultsToNull() throws {
        #expect(try trace(events: "").initialState == .null)
    }

    @Test func readsNDJSON() throws {
        let loaded = try load("""
            {"format": "replay-trace", "version": 1, "initial_state": {"n": 0}}
            {"kind": "inc", "patch": [{"op": "replace", "path": "/n", "value": 1}]}

            {"kind": "crash", "error": "boom"}
            """)
        #expect(loaded.count == 2)
        #expect(loaded.crash == Crash(index: 1, reason: "boom", inferred: false))
        #expect(try Replayer(trace: loaded).state(at: 2) == ["n": 1])
    }

    @Test func crashIsTheFirstCrashKindBeforeTheMetaMarker() throws {
        let loaded = try trace(
            events: #"{"kind": "call", "error": "e"}, {"kind": "crash", "name": "badarith"}, {"kind": "crash"}"#,
            meta: #"{"crash": {"index": 0, "reason": "marked"}}"#)
        #expect(loaded.crash == Crash(index: 1, reason: "marked", inferred: false))
    }

    @Test func crashFallsBackToTheMetaMarker() throws {
        let loaded = try trace(
            events: #"{"kind": "call", "error": "first"}, {"kind": "call", "error": "second"}"#,
            meta: #"{"crash": {"index": 1, "reason": "killed"}}"#)
        #expect(loaded.crash == Crash(index: 1, reason: "killed", inferred: false))
    }

    @Test func crashIsInferredFromTheFirstError() throws {
        let loaded = try trace(events: #"{"kind": "call"}, {"kind": "call", "error": "first"}, {"kind": "x", "error": "b"}"#)
        #expect(loaded.crash == Crash(index: 1, reason: "first", inferred: true))
    }

    @Test func noCrashWithoutMarkersOrErrors() throws {
        #expect(try trace(events: #"{"kind": "call", "error": null}"#).crash == nil)
    }

    /// Documents that are not valid traces, with where and what must be reported.
    @Test(arguments: [
        (#"[1, 2]"#, TraceError.Location.text(line: 1, column: 1), "top level is an array"),
        (#""text""#, .text(line: 1, column: 1), "JSON scalar"),
        ("Hello, world", .text(line: 1, column: 1), "does not start with a JSON object"),
        (#"{"a": 1}"#, .text(line: 1, column: 1), "not a replay trace"),
        (#"{"format": "other", "events": []}"#, .text(line: 1, column: 12), "unknown format"),
        (#"{"version": 2, "events": []}"#, .text(line: 1, column: 13), "unsupported version 2"),
        (#"{"events": {}}"#, .text(line: 1, column: 12), "'events' must be an array"),
        (#"{"events": [], "events": []}"#, .text(line: 1, column: 26), "'events' appears twice"),
        (#"{"events": [1]}"#, .text(line: 1, column: 13), "event #0 must be an object"),
        (#"{"events": [{"name": "x"}]}"#, .text(line: 1, column: 13), "event #0 has no 'kind'"),
        (#"{"events": [{"kind": 3}]}"#, .text(line: 1, column: 22), "'kind' must be a string, found a number"),
        (#"{"events": [{"kind": "a", "t": "soon"}]}"#, .text(line: 1, column: 32), "'t' must be a number or null"),
        (#"{"events": [{"kind": "a", "patch": {}}]}"#, .text(line: 1, column: 36), "'patch' must be an array"),
        ("{\"events\": [\n{\"kind\": \"a\", \"state\": 1, \"merge\": {}}]}", .text(line: 2, column: 27), "has both 'state' and 'merge'"),
        (#"{"events": [{"kind": "a"}], "meta": {"crash": {"index": 5}}}"#, .file, "names event #5"),
        (#"{"events": [{"kind": "a"}], "meta": {"crash": {"index": "x"}}}"#, .text(line: 1, column: 37), "'meta.crash.index' must be"),
        (#"{"events": []} {"kind": "a"}"#, .text(line: 1, column: 16), "after the end of the trace object"),
        ("{\"format\": \"replay-trace\"}\n{\"kind\": \"a\"} {\"kind\": \"b\"}", .text(line: 2, column: 15), "expected a newline"),
        ("{\"events\": [{\"kind\": \"a\", \"payload\": \"\\x\"}]}", .text(line: 1, column: 39), "invalid escape"),
        // A field's name and then raw NULs, which the name matched in one load must not pass for the field's.
        ("{\"events\": [{\"kind\": \"a\", \"t\u{0}\": 1}]}", .text(line: 1, column: 29), "control character U+0000"),
        ("{\"events\": [{\"kind\u{0}\u{0}\": \"a\", \"t\": 1}]}", .text(line: 1, column: 19), "control character U+0000"),
    ])
    func rejects(_ text: String, _ location: TraceError.Location, _ fragment: String) {
        do {
            _ = try load(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.location == location, "\(text): \(error)")
            #expect(error.message.contains(fragment), "\(text): \(error.message)")
        }
    }

    /// The index scan takes member names, numbers, colons and commas by fast paths that
    /// skip the string and number checks; none may accept what JSON does not. Random traces
    /// with a byte put in or replaced anywhere (raw NULs and controls most often: a NUL after
    /// a field's name once passed for the name) load cleanly only when the whole document is
    /// valid JSON.
    @Test(arguments: Array(UInt64(1)...12))
    func aDamagedTraceLoadsOnlyWhenItIsValidJSON(seed: UInt64) {
        let whole = Array(RandomTrace.make(seed: seed, events: 40).text.utf8)
        var random = SeededRandom(seed: seed)
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0x1F, 0x7F, 0x80, 0xFF] + Array("\"\\:,{}[]0-.eE tn\n".utf8)
        var loaded = 0
        for _ in 0..<400 {
            var damaged = whole
            let at = Int.random(in: 0..<damaged.count, using: &random)
            if random.chance(0.5) { damaged.insert(random.pick(bytes), at: at) } else { damaged[at] = random.pick(bytes) }
            guard let trace = try? NativeFormat.read(TraceData(bytes: damaged), splitAbove: .max), trace.warnings.isEmpty else { continue }
            loaded += 1
            let valid = damaged.withUnsafeBytes { buffer in (try? JSONParser.validate(buffer)) != nil }
            #expect(valid, "seed \(seed): loaded, but not JSON: \(String(decoding: damaged[max(0, at - 30)..<min(damaged.count, at + 30)], as: UTF8.self))")
        }
        #expect(loaded > 40, "seed \(seed): only \(loaded) damaged traces loaded")
    }

    @Test func aBadPatchShapeIsReportedWhenTheEventIsRead() throws {
        let loaded = try trace(events: #"{"kind": "a", "patch": [{"op": "jump", "path": "/x"}]}"#)
        #expect(throws: TraceError.self) { try loaded.events.event(0) }
    }

    @Test func positionsResolveAsPeopleNameThem() throws {
        let loaded = try trace(events: #"{"kind": "a"}, {"kind": "crash"}, {"kind": "b"}"#)
        #expect(try TracePosition.start.resolve(in: loaded) == 0)
        #expect(try TracePosition.event(0).resolve(in: loaded) == 1)
        #expect(try TracePosition.crash.resolve(in: loaded) == 2)
        #expect(try TracePosition.end.resolve(in: loaded) == 3)
        #expect(throws: TraceError.self) { try TracePosition.event(3).resolve(in: loaded) }
        #expect(TracePosition("#12") == .event(12))
        #expect(TracePosition("-1") == nil)
        #expect(TracePosition("later") == nil)
    }
}

@Suite struct TruncationTests {
    private func load(_ text: String) throws(TraceError) -> Trace {
        try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
    }

    /// Every cut of a trace inside its events loads the events before the cut and warns;
    /// no cut traps.
    @Test func everyCutInsideTheEventsKeepsTheCompleteOnes() throws {
        let head = #"{"format": "replay-trace", "initial_state": {"n": 0}, "events": ["#
        let events = [#"{"kind": "a", "merge": {"n": 1}}"#, #"{"kind": "b", "payload": "é\u00e9", "merge": {"n": 2}}"#, #"{"kind": "c", "t": 12.5e1}"#]
        let text = head + events.joined(separator: ", ") + "]}"
        let bytes = Array(text.utf8)
        // The byte offset just past each event.
        var ends: [Int] = []
        var offset = head.utf8.count
        for event in events {
            offset += event.utf8.count
            ends.append(offset)
            offset += 2
        }
        for cut in head.utf8.count..<bytes.count {
            let trace = try TraceLoader.load(TraceData(bytes: Array(bytes[..<cut])))
            let complete = ends.filter { $0 <= cut }.count
            #expect(trace.count == complete, "cut at \(cut)")
            #expect(trace.warnings.count == 1, "cut at \(cut)")
            #expect(trace.warnings.first?.message.hasSuffix("showing \(complete) complete events") == true, "cut at \(cut)")
            _ = try Replayer(trace: trace).state(at: trace.count)
        }
        #expect(try load(text).warnings.isEmpty)
    }

    @Test func cutsBeforeTheEventsAreErrors() {
        let text = #"{"format": "replay-trace", "initial_state": {"n": [1, 2]}, "events": []}"#
        let bytes = Array(text.utf8)
        let eventsKey = Array("\"events\"".utf8)
        let end = (0..<bytes.count).first { Array(bytes[$0..<min($0 + eventsKey.count, bytes.count)]) == eventsKey }!
        for cut in 1..<end {
            #expect(throws: TraceError.self, "cut at \(cut)") { try TraceLoader.load(TraceData(bytes: Array(bytes[..<cut]))) }
        }
    }

    @Test func aSyntaxErrorBeforeTheEndIsStillAnError() {
        #expect(throws: TraceError.self) { try load(#"{"events": [{"kind": "a"}, {"kind": x"#) }
    }
}
