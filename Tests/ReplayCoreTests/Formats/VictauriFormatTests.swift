import Testing
@testable import ReplayCore

private let fixtures = fixturesDirectory + "formats/"

/// A fixture's JSON document, gunzipped first when it is gzip, as the loader does.
private func document(_ name: String) throws -> JSONValue {
    try fixtureDocument(at: fixtures + name)
}

/// A session around `events` (JSON text of the records) and `checkpoints`.
private func session(_ events: String, checkpoints: String = "[]") throws -> JSONValue {
    try parse(#"{"id": "s", "started_at": "2026-01-01T00:00:00Z", "events": [\#(events)], "checkpoints": \#(checkpoints)}"#)
}

/// A recorded event with recorder index `index`, `seconds` after the start.
private func record(_ index: Int, _ event: String, seconds: Int = 1) -> String {
    #"{"index": \#(index), "timestamp": "2026-01-01T00:00:0\#(seconds)Z", "event": \#(event)}"#
}

@Suite struct VictauriFormatTests {
    static let sample = "victauri/recorded_session.generated.json"

    static let otherFormats = [
        "phoenix_replay/Xq3v9kP0bS2mYtE1wR7aLg.json.gz",
        "phoenix_replay/recording_v0.2.reconstructed.pretty.json",
        "phoenix_replay/serializer_test.sample_recording.derived.json",
        "phoenix_replay/serializer_test.recording_with_form.derived.json",
        "redux-devtools/remotedev-slider.todomvc.reports.json",
        "redux-devtools/state.2016-extension-export.from-markdown.json",
        "redux-devtools/state.lifted.reconstructed.json",
        "redux-devtools/state.redux-extension.reconstructed.json",
    ]

    @Test func recognizesItsSample() throws {
        #expect(VictauriFormat.recognizes(try document(Self.sample)))
    }

    @Test(arguments: otherFormats)
    func rejectsOtherFormatsSamples(_ name: String) throws {
        #expect(!VictauriFormat.recognizes(try document(name)))
    }

    @Test func rejectsNativeTracesAndOtherDocuments() throws {
        #expect(!VictauriFormat.recognizes(try parse(#"{"format": "replay-trace", "version": 1, "events": [{"kind": "call"}]}"#)))
        #expect(!VictauriFormat.recognizes(try parse(#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": 0, "event": {}}]}"#)))
        #expect(!VictauriFormat.recognizes(try parse(#"{"started_at": 0, "events": []}"#)))
        #expect(VictauriFormat.recognizes(try session("")))
    }

    @Test func readsTheSample() throws {
        let trace = try VictauriFormat.read(document(Self.sample))
        #expect(trace.format == .victauri)
        #expect(trace.count == 8)
        let events = try events(trace)
        #expect(events.map(\.kind) == ["DomInteraction", "Ipc", "StateChange", "DomMutation", "Ipc", "Ipc", "Console", "WindowEvent"])
        #expect(events.map(\.name) == ["Click", "increment", "count", nil, "divide", "slow_op", "error", "focus"])
        #expect(events.map(\.seq) == [0, 1, 2, 3, 4, 5, 6, 7])
        // Milliseconds from started_at, recorded in file order (#6 was recorded before #5).
        #expect(events.map { $0.t?.literal } == ["1000", "1005", "1009", "1012", "2000", "2100", "2002", "2500"])
        #expect(events.map(\.error) == [nil, nil, nil, nil, "division by zero", nil, "Uncaught Error: division by zero", nil])
        #expect(trace.crash == Crash(index: 4, reason: "division by zero", inferred: true))
        #expect(events[1].payload == [
            "id": "c1", "timestamp": "2026-01-01T00:00:01.005123456Z", "duration_ms": 3,
            "result": ["Ok": ["count": 1]], "arg_size_bytes": 2, "webview_label": "main",
        ])
        #expect(events[7].payload == ["label": "main", "timestamp": "2026-01-01T00:00:02.500123456Z"])
        #expect(events[5].payload?["result"] == "Pending")
        #expect(events.allSatisfy { $0.extra.isEmpty })
    }

    @Test func checkpointsAreTheOnlyStates() throws {
        let trace = try VictauriFormat.read(document(Self.sample))
        // "before click" (event_index 0) is the initial state; the unlabelled checkpoint taken
        // after 4 events holds null, a snapshot on event #3.
        #expect(trace.initialState == ["count": 0])
        let events = try events(trace)
        #expect(events.map(\.effect) == [.none, .none, .none, .snapshot(nil), .none, .none, .none, .none])
        #expect(try states(trace) == [["count": 0], ["count": 0], ["count": 0], ["count": 0], nil, nil, nil, nil, nil])
        #expect(trace.meta == [
            "id": "record-3f1c2a9e-7b44-4c1e-9a55-0d2f6c1e8b10",
            "started_at": "2026-01-01T00:00:00.000123456Z",
            "checkpoints": [
                ["position": 0, "label": "before click", "id": "cp-start"],
                ["position": 4, "label": nil, "id": "cp-4e0f"],
            ],
        ])
    }

    @Test func checkpointsCountRecorderIndexesWhenOldEventsWereEvicted() throws {
        let trace = try VictauriFormat.read(session(
            [record(5, #"{"type": "StateChange", "key": "a"}"#),
             record(6, #"{"type": "StateChange", "key": "b"}"#),
             record(7, #"{"type": "StateChange", "key": "c"}"#)].joined(separator: ","),
            checkpoints: #"""
                [{"id": "x", "label": "old", "state": {"v": 0}, "event_index": 3},
                 {"id": "y", "label": "one", "state": {"v": 1}, "event_index": 6},
                 {"id": "z", "label": "end", "state": {"v": 3}, "event_index": 100},
                 {"id": "w", "label": "again", "state": {"v": 9}, "event_index": 6}]
                """#))
        #expect(trace.initialState == ["v": 0])
        #expect(try states(trace) == [["v": 0], ["v": 9], ["v": 9], ["v": 3]])
        #expect(trace.meta["checkpoints"]?.arrayValue?.map { $0["position"] } == [0, 1, 3, 1])
        #expect(try events(trace).map(\.seq) == [5, 6, 7])
    }

    @Test func stateIsNullBeforeTheFirstCheckpoint() throws {
        let trace = try VictauriFormat.read(session(
            record(0, #"{"type": "StateChange", "key": "a"}"#),
            checkpoints: #"[{"id": "y", "label": null, "state": {"v": 1}, "event_index": 1}]"#))
        #expect(trace.initialState == nil)
        #expect(try states(trace) == [nil, ["v": 1]])
        let bare = try VictauriFormat.read(parse(#"{"id": "s", "started_at": "2026-01-01T00:00:00Z", "events": []}"#))
        #expect(bare.count == 0)
        #expect(bare.meta["checkpoints"] == [])
    }

    @Test func keepsUnknownVariantsAndFindsErrorLevels() throws {
        let trace = try VictauriFormat.read(session([
            record(0, #"{"type": "Navigation", "url": "/settings", "timestamp": "x"}"#),
            record(1, #"{"type": "Log", "level": "ERROR", "message": "disk full", "source": "rust"}"#),
            record(2, #"{"type": "Console", "level": "warn", "message": "slow"}"#),
            record(3, #"{"type": "Ipc", "command": "save", "result": {"Err": {"code": 5}}}"#),
            record(4, #"{"type": "Console", "level": "error"}"#),
        ].joined(separator: ",")))
        let events = try events(trace)
        #expect(events[0].kind == "Navigation")
        #expect(events[0].name == nil)
        #expect(events[0].payload == ["url": "/settings", "timestamp": "x"])
        #expect(events[1].name == "ERROR")
        #expect(events[1].payload == ["message": "disk full", "source": "rust"])
        #expect(events.map(\.error) == [nil, "disk full", nil, #"{"code":5}"#, "Console at error level"])
        #expect(trace.crash == Crash(index: 1, reason: "disk full", inferred: true))
    }

    @Test func keepsUnknownRecordFieldsAsExtra() throws {
        let trace = try VictauriFormat.read(parse(#"""
            {"id": "s", "started_at": "2026-01-01T00:00:00Z", "checkpoints": [], "host": "h",
             "events": [{"index": 0, "timestamp": "2026-01-01T00:00:00.25Z", "event": {"type": "crash"}, "note": 1}]}
            """#))
        let event = try trace.events.event(0)
        #expect(event.extra == ["note": 1])
        #expect(event.t?.literal == "250")
        #expect(event.payload == [:])
        #expect(trace.crash == Crash(index: 0, reason: nil, inferred: false))
        #expect(Array(trace.meta.keys) == ["id", "started_at", "host", "checkpoints"])
    }

    // MARK: RFC 3339

    private func milliseconds(_ end: String, since start: String) -> String? {
        guard let end = VictauriFormat.Timestamp(rfc3339: end), let start = VictauriFormat.Timestamp(rfc3339: start) else { return nil }
        return end.milliseconds(since: start).literal
    }

    @Test func subtractsTimestampsExactly() {
        #expect(milliseconds("2026-01-01T00:00:01.005123457Z", since: "2026-01-01T00:00:00.000123456Z") == "1005.000001")
        #expect(milliseconds("2026-01-01T00:00:00Z", since: "2026-01-01T00:00:00.5Z") == "-500")
        #expect(milliseconds("2026-01-01T00:00:00.0000000000001Z", since: "2026-01-01T00:00:00Z") == "0.0000000001")
        #expect(milliseconds("2026-01-01T00:00:00.123Z", since: "2026-01-01T00:00:00.123000Z") == "0")
        #expect(milliseconds("2026-01-01T02:00:00+02:00", since: "2026-01-01T00:00:00Z") == "0")
        #expect(milliseconds("2025-12-31T23:30:00-00:45", since: "2026-01-01T00:00:00z") == "900000")
        #expect(milliseconds("2024-03-01t00:00:00Z", since: "2024-02-28 00:00:00Z") == "172800000")
        #expect(milliseconds("2023-03-01T00:00:00Z", since: "2023-02-28T00:00:00Z") == "86400000")
        #expect(milliseconds("2000-03-01T00:00:00Z", since: "1900-03-01T00:00:00Z") == "3155760000000")
        #expect(milliseconds("0000-01-01T00:00:00+23:59", since: "0000-01-01T00:00:00Z") == "-86340000")
        #expect(milliseconds("1970-01-01T00:00:00Z", since: "0000-01-01T00:00:00Z") == "62167219200000")
        #expect(milliseconds("2016-12-31T23:59:60Z", since: "2016-12-31T23:59:59Z") == "1000")
    }

    @Test(arguments: [
        "", "2026-01-01", "2026-01-01T00:00:00", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
        "2026-01-01T00:00:61Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+0200", "2026-01-01T00:00:00+24:00",
        "2026-01-01T00:00:00Zx", "26-01-01T00:00:00Z", "2026/01/01T00:00:00Z", "2026-01-01T00:00:00 Z",
        "２026-01-01T00:00:00Z",
    ])
    func rejectsWhatIsNotRFC3339(_ text: String) {
        #expect(VictauriFormat.Timestamp(rfc3339: text) == nil)
    }

    // MARK: Malformed sessions

    static let malformed: [(String, TraceError.Location, String)] = [
        (#"[]"#, .file, "must be an object"),
        (#"{"events": []}"#, .file, "has no 'started_at'"),
        (#"{"started_at": 5, "events": []}"#, .file, "'started_at' must be a string"),
        (#"{"started_at": "yesterday", "events": []}"#, .file, "not an RFC 3339 timestamp"),
        (#"{"started_at": "2026-01-01T00:00:00Z"}"#, .file, "needs an 'events' array"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": "x"}"#, .file, "'events' must be an array"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [1]}"#, .event(0), "must be an object"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"timestamp": "2026-01-01T00:00:00Z", "event": {"type": "X"}}]}"#,
         .event(0), "has no 'index'"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": -1, "timestamp": "2026-01-01T00:00:00Z", "event": {"type": "X"}}]}"#,
         .event(0), "non-negative integer"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": "0", "timestamp": "2026-01-01T00:00:00Z", "event": {"type": "X"}}]}"#,
         .event(0), "non-negative integer"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": 0, "event": {"type": "X"}}]}"#, .event(0), "has no 'timestamp'"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": 0, "timestamp": 17, "event": {"type": "X"}}]}"#,
         .event(0), "'timestamp' must be a string"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": 0, "timestamp": "noon", "event": {"type": "X"}}]}"#,
         .event(0), "not an RFC 3339 timestamp"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": 0, "timestamp": "2026-01-01T00:00:00Z"}]}"#,
         .event(0), "has no 'event'"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": 0, "timestamp": "2026-01-01T00:00:00Z", "event": "Ipc"}]}"#,
         .event(0), "'event' must be an object"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": 0, "timestamp": "2026-01-01T00:00:00Z", "event": {}}]}"#,
         .event(0), "has no 'type'"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [{"index": 0, "timestamp": "2026-01-01T00:00:00Z", "event": {"type": 1}}]}"#,
         .event(0), "'type' must be a string"),
        (#"""
         {"started_at": "2026-01-01T00:00:00Z", "events": [
           {"index": 4, "timestamp": "2026-01-01T00:00:00Z", "event": {"type": "X"}},
           {"index": 4, "timestamp": "2026-01-01T00:00:00Z", "event": {"type": "X"}}]}
         """#, .event(1), "'index' 4 does not follow the previous event's 4"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [], "checkpoints": {}}"#, .file, "'checkpoints' must be an array"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [], "checkpoints": [[]]}"#, .file, "checkpoints[0]: a checkpoint must be an object"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [], "checkpoints": [{"state": 1}]}"#, .file, "has no 'event_index'"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [], "checkpoints": [{"state": 1, "event_index": 1.5}]}"#,
         .file, "'event_index' must be a non-negative integer, found 1.5"),
        (#"{"started_at": "2026-01-01T00:00:00Z", "events": [], "checkpoints": [{"event_index": 0}]}"#, .file, "has no 'state'"),
    ]

    @Test(arguments: malformed)
    func reportsMalformedSessions(_ text: String, _ location: TraceError.Location, _ message: String) throws {
        let document = try parse(text)
        do {
            _ = try VictauriFormat.read(document)
            Issue.record("read \(text) without an error")
        } catch {
            #expect(error.location == location)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
