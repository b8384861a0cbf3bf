import Testing
@testable import ReplayCore

private let fixtures = fixturesDirectory + "formats/"

/// A fixture's JSON document, gunzipped first when it is gzip, as the loader does.
private func document(_ name: String) throws -> JSONValue {
    try fixtureDocument(at: fixtures + name)
}

@Suite struct PhoenixReplayFormatTests {
    static let samples = [
        "phoenix_replay/Xq3v9kP0bS2mYtE1wR7aLg.json.gz",
        "phoenix_replay/recording_v0.2.reconstructed.pretty.json",
        "phoenix_replay/serializer_test.sample_recording.derived.json",
        "phoenix_replay/serializer_test.recording_with_form.derived.json",
    ]

    static let otherFormats = [
        "victauri/recorded_session.generated.json",
        "redux-devtools/remotedev-slider.todomvc.reports.json",
        "redux-devtools/state.2016-extension-export.from-markdown.json",
        "redux-devtools/state.lifted.reconstructed.json",
        "redux-devtools/state.redux-extension.reconstructed.json",
    ]

    @Test(arguments: samples)
    func recognizesItsSamples(_ name: String) throws {
        #expect(PhoenixReplayFormat.recognizes(try document(name)))
    }

    @Test(arguments: otherFormats)
    func rejectsOtherFormatsSamples(_ name: String) throws {
        #expect(!PhoenixReplayFormat.recognizes(try document(name)))
    }

    @Test func rejectsNativeTracesAndOtherDocuments() throws {
        #expect(!PhoenixReplayFormat.recognizes(try parse(#"{"format": "replay-trace", "version": 1, "events": [{"kind": "call"}]}"#)))
        #expect(!PhoenixReplayFormat.recognizes(try parse(#"{"view": "V", "events": [{"type": "mount"}]}"#)))
        #expect(!PhoenixReplayFormat.recognizes(try parse(#"{"view": "V", "events": {}}"#)))
        #expect(!PhoenixReplayFormat.recognizes(try parse(#"[{"view": "V", "events": []}]"#)))
        #expect(PhoenixReplayFormat.recognizes(try parse(#"{"view": "V", "events": []}"#)))
    }

    @Test func readsTheStoredRecording() throws {
        let trace = try PhoenixReplayFormat.read(document("phoenix_replay/Xq3v9kP0bS2mYtE1wR7aLg.json.gz"))
        #expect(trace.format == .phoenixReplay)
        #expect(trace.count == 4)
        let events = try (0..<trace.count).map { (i: Int) throws(TraceError) in try trace.events.event(i) }
        #expect(events.map(\.kind) == ["mount", "handle_params", "event", "info"])
        #expect(events.map(\.name) == ["PhoenixReplay.TestLive.Counter", "/counter", "inc", nil])
        #expect(events.map { $0.t?.literal } == ["0", "3", "812", "1490"])
        #expect(events.map(\.index) == [0, 1, 2, 3])
        #expect(events[2].payload == ["name": "inc", "params": ["value": ""]])
        #expect(events[1].payload == ["params": [:], "url": "http://localhost:4000/counter"])
        #expect(events.map(\.effect) == [.none, .none, .merge(["count": 1]), .snapshot(["count": 3])])
        #expect(trace.crash == nil)
        #expect(trace.warnings.isEmpty)
        #expect(trace.initialState == ["count": 0])
        #expect(try states(trace) == [["count": 0], ["count": 0], ["count": 0], ["count": 1], ["count": 3]])
        #expect(Array(trace.meta.keys) == ["connected_at", "id", "params", "session", "url", "view"])
        #expect(trace.meta["id"] == "Xq3v9kP0bS2mYtE1wR7aLg")
        #expect(trace.meta["connected_at"] == 1_700_000_000_000)
    }

    @Test func theGzipAndThePrettyCopyReadAlike() throws {
        let stored = try PhoenixReplayFormat.read(document("phoenix_replay/Xq3v9kP0bS2mYtE1wR7aLg.json.gz"))
        let pretty = try PhoenixReplayFormat.read(document("phoenix_replay/recording_v0.2.reconstructed.pretty.json"))
        #expect(stored.meta == pretty.meta)
        #expect(stored.initialState == pretty.initialState)
        #expect(try states(stored) == states(pretty))
        for i in 0..<stored.count {
            #expect(try stored.events.event(i) == pretty.events.event(i))
        }
    }

    @Test func readsTheSerializerTestRecording() throws {
        let trace = try PhoenixReplayFormat.read(document("phoenix_replay/serializer_test.sample_recording.derived.json"))
        #expect(trace.count == 2)
        #expect(try trace.events.event(1).name == "inc")
        #expect(try trace.events.event(1).effect == .merge(["count": 1]))
        #expect(trace.crash == nil)
        #expect(try states(trace) == [["count": 0], ["count": 0], ["count": 1]])
    }

    @Test func keepsFlattenedStructsAsTheyAre() throws {
        let trace = try PhoenixReplayFormat.read(document("phoenix_replay/serializer_test.recording_with_form.derived.json"))
        #expect(trace.count == 2)
        let event = try trace.events.event(1)
        #expect(event.kind == "event")
        #expect(event.name == "validate")
        #expect(event.payload == ["name": "validate", "params": ["name": "Hi"]])
        let form = try parse(#"""
            {"__struct__":"Phoenix.HTML.Form","action":"validate","data":{"name":""},"errors":[],"hidden":[],
             "id":"form","impl":"Phoenix.HTML.FormData.Map","index":null,"name":"form","options":[],
             "params":{"name":"Hi"},"source":{"name":"Hi"}}
            """#)
        // An object value in a delta replaces the key, so only a snapshot expresses it.
        #expect(event.effect == .snapshot(["name": "", "form": form]))
        #expect(try Replayer(trace: trace).state(at: 2) == ["name": "", "form": form])
        #expect(trace.crash == nil)
    }

    @Test func mergesDeltasShallowlyAndKeepsNulls() throws {
        let trace = try PhoenixReplayFormat.read(parse(#"""
            {"view": "V", "events": [
              {"offset": 0, "type": "mount", "payload": {"assigns": {"user": {"name": "a", "age": 1}, "flash": "hi", "n": 1}}},
              {"offset": 5, "type": "event", "payload": {"name": "rename", "params": {}}},
              {"offset": 6, "type": "assigns", "payload": {"delta": {"user": {"name": "b"}, "flash": null}}},
              {"offset": 9, "type": "event", "payload": {"name": "bump"}},
              {"offset": 10, "type": "assigns", "payload": {"delta": {"n": 2}}},
              {"offset": 11, "type": "assigns", "payload": {"delta": {"m": [1], "n": 3}}}
            ]}
            """#))
        #expect(trace.count == 3)
        #expect(try trace.events.event(1).effect == .snapshot(["user": ["name": "b"], "flash": nil, "n": 1]))
        #expect(try trace.events.event(2).effect == .merge(["n": 3, "m": [1]]))
        #expect(try states(trace) == [
            ["user": ["name": "a", "age": 1], "flash": "hi", "n": 1],
            ["user": ["name": "a", "age": 1], "flash": "hi", "n": 1],
            ["user": ["name": "b"], "flash": nil, "n": 1],
            ["user": ["name": "b"], "flash": nil, "n": 3, "m": [1]],
        ])
    }

    @Test func foldsAssignsIntoTheEventBeforeThem() throws {
        let trace = try PhoenixReplayFormat.read(parse(#"""
            {"view": "V", "url": "u", "events": [
              {"offset": 0, "type": "assigns", "payload": {"delta": {"early": true}}},
              {"offset": 1, "type": "handle_params", "payload": {"params": {"page": "2"}, "url": "https://h.example/items?page=2"}},
              {"offset": 2, "type": "info", "payload": {}},
              {"offset": 3, "type": "assigns", "payload": {"delta": {"a": 1}}},
              {"offset": 4, "type": "assigns", "payload": {"snapshot": {"b": 2}}},
              {"offset": 5, "type": "presence_diff", "payload": {"joins": {}}, "node": "n1"},
              {"offset": 6, "type": "mount", "payload": {"assigns": {"c": 3}}},
              {"offset": 7, "type": "crash", "payload": {"reason": "boom"}}
            ]}
            """#))
        #expect(trace.initialState == ["early": true])
        #expect(trace.count == 5)
        let events = try (0..<trace.count).map { (i: Int) throws(TraceError) in try trace.events.event(i) }
        #expect(events.map(\.kind) == ["handle_params", "info", "presence_diff", "mount", "crash"])
        #expect(events[0].name == "/items?page=2")
        #expect(events[0].effect == .none)
        #expect(events[1].effect == .snapshot(["b": 2]))
        #expect(events[2].extra == ["node": "n1"])
        #expect(events[2].name == nil)
        #expect(events[3].name == "V")
        #expect(events[3].effect == .snapshot(["c": 3]))
        #expect(trace.crash == Crash(index: 4, reason: nil, inferred: false))
        #expect(try states(trace) == [["early": true], ["early": true], ["b": 2], ["b": 2], ["c": 3], ["c": 3]])
    }

    @Test func startsFromEmptyAssignsWithoutAMount() throws {
        let trace = try PhoenixReplayFormat.read(parse(#"""
            {"view": "V", "events": [{"offset": 1, "type": "event", "payload": {"name": "x"}},
                                      {"offset": 2, "type": "assigns", "payload": {"delta": {"a": null}}}]}
            """#))
        #expect(trace.initialState == [:])
        #expect(try states(trace) == [[:], ["a": nil]])
        let empty = try PhoenixReplayFormat.read(parse(#"{"view": "V", "events": []}"#))
        #expect(empty.count == 0)
        #expect(empty.initialState == [:])
    }

    @Test func namesTheURLPath() {
        #expect(PhoenixReplayFormat.urlPath("http://localhost:4000/counter") == "/counter")
        #expect(PhoenixReplayFormat.urlPath("https://h.example/a/b?c=1#d") == "/a/b?c=1#d")
        #expect(PhoenixReplayFormat.urlPath("https://h.example") == "/")
        #expect(PhoenixReplayFormat.urlPath("https://h.example?q=1") == "/?q=1")
        #expect(PhoenixReplayFormat.urlPath("/already/a/path") == "/already/a/path")
    }

    static let malformed: [(String, String)] = [
        (#"[]"#, "must be an object"),
        (#"{"view": "V"}"#, "needs an 'events' array"),
        (#"{"view": "V", "events": {}}"#, "'events' must be an array"),
        (#"{"view": "V", "events": [3]}"#, "events[0]: a record must be an object"),
        (#"{"view": "V", "events": [{"offset": 0, "payload": {}}]}"#, "events[0]: the record has no 'type'"),
        (#"{"view": "V", "events": [{"offset": 0, "type": 7}]}"#, "'type' must be a string"),
        (#"{"view": "V", "events": [{"type": "info"}]}"#, "has no 'offset'"),
        (#"{"view": "V", "events": [{"offset": "0", "type": "info"}]}"#, "'offset' must be a number"),
        (#"{"view": "V", "events": [{"offset": 0, "type": "info", "payload": "x"}]}"#, "'payload' must be an object"),
        (#"{"view": "V", "events": [{"offset": 0, "type": "mount", "payload": {}}]}"#, "no 'payload.assigns'"),
        (#"{"view": "V", "events": [{"offset": 0, "type": "mount", "payload": {"assigns": [1]}}]}"#, "'assigns' must be an object"),
        (#"{"view": "V", "events": [{"offset": 0, "type": "info", "payload": {}}, {"offset": 1, "type": "assigns", "payload": {}}]}"#,
         "events[1]: the assigns record has neither"),
        (#"{"view": "V", "events": [{"offset": 0, "type": "assigns", "payload": {"delta": {}, "snapshot": {}}}]}"#, "both"),
        (#"{"view": "V", "events": [{"offset": 0, "type": "assigns", "payload": {"delta": "x"}}]}"#, "'delta' must be an object"),
        (#"{"view": "V", "events": [{"offset": 0, "type": "assigns"}]}"#, "neither 'delta' nor 'snapshot'"),
    ]

    @Test(arguments: malformed)
    func reportsMalformedRecordings(_ text: String, _ message: String) throws {
        let document = try parse(text)
        do {
            _ = try PhoenixReplayFormat.read(document)
            Issue.record("read \(text) without an error")
        } catch {
            #expect(error.location == .file)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
