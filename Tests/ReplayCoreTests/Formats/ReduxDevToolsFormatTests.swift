import Testing
@testable import ReplayCore

private let fixtures = fixturesDirectory + "formats/"

/// A fixture's JSON document, gunzipped first when it is gzip, as the loader does.
private func document(_ name: String) throws -> JSONValue {
    try fixtureDocument(at: fixtures + name)
}

/// `text` as a JSON string literal, for building `{payload, preloadedState}` exports.
private func quoted(_ text: String) -> String {
    JSONValue.string(text).jsonText(.compact)
}

@Suite struct ReduxDevToolsFormatTests {
    static let samples = [
        "redux-devtools/remotedev-slider.todomvc.reports.json",
        "redux-devtools/state.2016-extension-export.from-markdown.json",
        "redux-devtools/state.lifted.reconstructed.json",
        "redux-devtools/state.redux-extension.reconstructed.json",
    ]

    static let otherFormats = [
        "phoenix_replay/Xq3v9kP0bS2mYtE1wR7aLg.json.gz",
        "phoenix_replay/recording_v0.2.reconstructed.pretty.json",
        "phoenix_replay/serializer_test.sample_recording.derived.json",
        "phoenix_replay/serializer_test.recording_with_form.derived.json",
        "victauri/recorded_session.generated.json",
    ]

    static let preloadedOnly = TraceError(.file, "this export holds only the preloaded state: later states were not recorded")

    static let todo: JSONValue = ["text": "Use Redux", "completed": false, "id": 0]
    static let doneTodo: JSONValue = ["text": "Use Redux", "completed": true, "id": 0]
    static let importerTodo: JSONValue = ["text": "Write importer", "completed": false, "id": 1]

    @Test(arguments: samples)
    func recognizesItsSamples(_ name: String) throws {
        #expect(ReduxDevToolsFormat.recognizes(try document(name)))
    }

    @Test(arguments: otherFormats)
    func rejectsOtherFormatsSamples(_ name: String) throws {
        #expect(!ReduxDevToolsFormat.recognizes(try document(name)))
    }

    @Test func rejectsNativeTracesAndOtherDocuments() throws {
        #expect(!ReduxDevToolsFormat.recognizes(try parse(#"{"format": "replay-trace", "version": 1, "events": [{"kind": "call"}]}"#)))
        #expect(!ReduxDevToolsFormat.recognizes(try parse(#"{"payload": "hello"}"#)))
        #expect(!ReduxDevToolsFormat.recognizes(try parse(#"{"payload": "[]", "preloadedState": {}}"#)))
        #expect(!ReduxDevToolsFormat.recognizes(try parse(#"{"payload": []}"#)))
        #expect(!ReduxDevToolsFormat.recognizes(try parse(#"[]"#)))
        #expect(!ReduxDevToolsFormat.recognizes(try parse(#"[{"payload": "[]"}, 3]"#)))
        #expect(!ReduxDevToolsFormat.recognizes(try parse(#"{"actionsById": [], "stagedActionIds": []}"#)))
        #expect(ReduxDevToolsFormat.recognizes(try parse(#"{"payload": " \n[]"}"#)))
    }

    // MARK: The lifted state

    @Test func readsTheLiftedState() throws {
        let trace = try ReduxDevToolsFormat.read(document("redux-devtools/state.lifted.reconstructed.json"))
        #expect(trace.format == .reduxDevTools)
        #expect(trace.count == 3)
        let events = try events(trace)
        #expect(events.map(\.kind) == ["action", "action", "action"])
        #expect(events.map(\.name) == ["ADD_TODO", "COMPLETE_TODO", "DIVIDE"])
        #expect(events.map(\.seq) == [1, 2, 3])
        #expect(events.map { $0.t?.literal } == ["1200", "2500", "4100"])
        #expect(events[0].payload == ["type": "ADD_TODO", "text": "Write importer"])
        #expect(events.map(\.error) == [nil, nil, "Error: division by zero"])
        #expect(events.allSatisfy { $0.extra.isEmpty && $0.effect.kind == .snapshot })
        #expect(trace.crash == Crash(index: 2, reason: "Error: division by zero", inferred: true))
        #expect(trace.warnings.isEmpty)
        let first: JSONValue = ["todos": [Self.todo], "ratio": 1]
        let added: JSONValue = ["todos": [Self.todo, Self.importerTodo], "ratio": 1]
        let completed: JSONValue = ["todos": [Self.doneTodo, Self.importerTodo], "ratio": 1]
        #expect(trace.initialState == first)
        #expect(try states(trace) == [first, added, completed, completed])
        #expect(trace.meta == [
            "currentStateIndex": 3, "nextActionId": 4, "skippedActionIds": [], "isLocked": false, "isPaused": false,
            "export": "lifted-state",
        ])
    }

    @Test func readsThe2016ExtensionExport() throws {
        let trace = try ReduxDevToolsFormat.read(document("redux-devtools/state.2016-extension-export.from-markdown.json"))
        #expect(trace.count == 1)
        let event = try trace.events.event(0)
        #expect(event.kind == "action")
        #expect(event.name == "test")
        #expect(event.seq == 1)
        #expect(event.t?.literal == "15")
        #expect(event.payload == ["data": ["foo": "bar"], "type": "test"])
        #expect(event.error == nil)
        #expect(trace.crash == nil)
        #expect(trace.warnings.isEmpty)
        #expect(try states(trace) == [["a": "b"], ["a": "b", "foo": "bar"]])
        #expect(Array(trace.meta.keys) == ["currentStateIndex", "monitorState", "nextActionId", "skippedActionIds", "export"])
    }

    @Test func marksSkippedActionsAndKeepsLiftedFields() throws {
        let trace = try ReduxDevToolsFormat.read(parse(#"""
            {"actionsById": {"0": {"type": "PERFORM_ACTION", "action": {"type": "@@INIT"}, "timestamp": 100},
                             "1": {"type": "PERFORM_ACTION", "action": {"type": "INC"}, "timestamp": 150, "stack": "at f()"},
                             "2": {"type": "PERFORM_ACTION", "action": {"type": "INC"}, "timestamp": 160.5},
                             "3": {"type": "PERFORM_ACTION", "action": {"type": 7}},
                             "9": {"type": "PERFORM_ACTION", "action": {"type": "UNSTAGED"}}},
             "computedStates": [{"state": 0}, {"state": 1}, {"state": 1}, {"error": "TypeError: x", "state": 1}],
             "stagedActionIds": [0, 1, 2, 3], "skippedActionIds": [2], "committedState": -1, "currentStateIndex": 3}
            """#))
        let events = try events(trace)
        #expect(events.map(\.name) == ["INC", "INC", "7"])
        #expect(events[0].extra == ["stack": "at f()"])
        #expect(events[1].extra == ["skipped": true])
        #expect(events[1].t?.literal == "60.5")
        #expect(events[2].t == nil)
        #expect(events[2].error == "TypeError: x")
        #expect(trace.initialState == 0)
        #expect(try states(trace) == [0, 1, 1, 1])
        #expect(trace.crash == Crash(index: 2, reason: "TypeError: x", inferred: true))
    }

    @Test func withoutInitTheCommittedStateComesFirst() throws {
        let trace = try ReduxDevToolsFormat.read(parse(#"""
            {"actionsById": {"4": {"type": "PERFORM_ACTION", "action": {"type": "A"}, "timestamp": 10},
                             "5": {"type": "PERFORM_ACTION", "action": {"type": "B"}, "timestamp": 12}},
             "computedStates": [{"state": {"n": 1}}],
             "stagedActionIds": [4, 5], "committedState": {"n": 0}}
            """#))
        #expect(trace.count == 2)
        #expect(try events(trace).map { $0.t?.literal } == ["0", "2"])
        #expect(try events(trace).map(\.effect) == [.snapshot(["n": 1]), .none])
        #expect(trace.initialState == ["n": 0])
        #expect(try states(trace) == [["n": 0], ["n": 1], ["n": 1]])
        #expect(trace.warnings.map(\.message) == ["'computedStates' holds 1 states for 2 staged actions; actions without one show no state change"])
    }

    @Test func readsAnEmptyLiftedState() throws {
        let trace = try ReduxDevToolsFormat.read(parse(#"{"actionsById": {}, "stagedActionIds": [], "computedStates": []}"#))
        #expect(trace.count == 0)
        #expect(trace.initialState == nil)
        #expect(trace.warnings.isEmpty)
    }

    // MARK: {payload, preloadedState}

    @Test func readsTheExtensionExport() throws {
        let trace = try ReduxDevToolsFormat.read(document("redux-devtools/state.redux-extension.reconstructed.json"))
        #expect(trace.count == 3)
        let events = try events(trace)
        #expect(events.map(\.name) == ["ADD_TODO", "COMPLETE_TODO", "DIVIDE"])
        #expect(events.map(\.kind) == ["action", "action", "action"])
        #expect(events[2].payload == ["type": "DIVIDE", "by": 0])
        #expect(events.allSatisfy { $0.effect == .none && $0.t == nil && $0.error == nil })
        let preloaded: JSONValue = ["todos": [Self.todo], "ratio": 1]
        #expect(trace.initialState == preloaded)
        #expect(try states(trace) == [preloaded, preloaded, preloaded, preloaded])
        #expect(trace.warnings == [Self.preloadedOnly])
        #expect(trace.crash == nil)
        #expect(trace.meta == ["export": "actions"])
    }

    @Test func readsAPayloadHoldingALiftedState() throws {
        let lifted = try JSONWriter.text(document("redux-devtools/state.lifted.reconstructed.json"), style: .compact)
        let trace = try ReduxDevToolsFormat.read(parse(#"{"payload": \#(quoted(lifted)), "preloadedState": "{\"ignored\": true}"}"#))
        let direct = try ReduxDevToolsFormat.read(document("redux-devtools/state.lifted.reconstructed.json"))
        #expect(trace.count == 3)
        #expect(trace.warnings.isEmpty)
        #expect(try states(trace) == states(direct))
        #expect(try events(trace) == events(direct))
        #expect(trace.crash == direct.crash)
    }

    @Test func unwrapsLiftedActionsInAnActionsPayload() throws {
        let payload = #"[{"type": "PERFORM_ACTION", "action": {"type": "A"}, "timestamp": 5, "stack": "s"}, {"type": "B"}]"#
        let trace = try ReduxDevToolsFormat.read(parse(#"{"payload": \#(quoted(payload))}"#))
        let events = try events(trace)
        #expect(events.map(\.name) == ["A", "B"])
        #expect(events[0].payload == ["type": "A"])
        #expect(events[0].t?.literal == "5")
        #expect(events[0].extra == ["stack": "s"])
        #expect(trace.initialState == nil)
        #expect(trace.warnings == [Self.preloadedOnly, TraceError(.file, "the export has no 'preloadedState': the initial state was not recorded")])
    }

    // MARK: Arrays of reports

    @Test func readsTheSliderReports() throws {
        let trace = try ReduxDevToolsFormat.read(document("redux-devtools/remotedev-slider.todomvc.reports.json"))
        #expect(trace.count == 8)
        let events = try events(trace)
        #expect(events.map(\.kind) == ["report", "action", "action", "report", "action", "action", "action", "action"])
        #expect(events.map(\.name) == [
            "Test Report 1", "ADD_TODO", "REPORT", "Test Report 2", "COMPLETE_TODO", "ADD_TODO", "COMPLETE_TODO", "REPORT",
        ])
        #expect(events.map(\.index) == Array(0..<8))
        #expect(events[0].payload == ["id": "0a69742a-e1c0-4b7a-b172-12820cd939b1", "title": "Test Report 1"])
        let preloaded: JSONValue = ["todos": [Self.todo]]
        #expect(events[0].effect == .snapshot(nil))
        #expect(events[3].effect == .snapshot(preloaded))
        #expect(trace.initialState == nil)
        #expect(try states(trace) == [nil, nil, nil, nil, preloaded, preloaded, preloaded, preloaded, preloaded])
        #expect(trace.warnings == [
            Self.preloadedOnly,
            TraceError(.file, "report #0: the export has no 'preloadedState': the initial state was not recorded"),
        ])
        #expect(trace.crash == nil)
        #expect(trace.meta == ["export": "reports", "reports": 2])
    }

    // MARK: Malformed exports

    static let malformed: [(String, String)] = [
        (#""state""#, "not a Redux DevTools export"),
        (#"{"a": 1}"#, "not a Redux DevTools export: expected a lifted state"),
        (#"{"actionsById": [], "stagedActionIds": []}"#, "'actionsById' must be an object"),
        (#"{"actionsById": {}}"#, "the lifted state has no 'stagedActionIds'"),
        (#"{"actionsById": {}, "stagedActionIds": "0"}"#, "'stagedActionIds' must be an array"),
        (#"{"actionsById": {}, "stagedActionIds": [0]}"#, "stagedActionIds[0] is 0, which 'actionsById' does not hold"),
        (#"{"actionsById": {}, "stagedActionIds": [0.5]}"#, "stagedActionIds[0] must be an integer action id, found 0.5"),
        (#"{"actionsById": {}, "stagedActionIds": [], "skippedActionIds": ["1"]}"#, "skippedActionIds[0] must be an integer"),
        (#"{"actionsById": {"0": 5}, "stagedActionIds": [0]}"#, #"actionsById["0"] must be an object"#),
        (#"{"actionsById": {"0": {"timestamp": 1}}, "stagedActionIds": [0]}"#, #"actionsById["0"] has no 'action'"#),
        (#"{"actionsById": {"0": {"action": {"type": "A"}}}, "stagedActionIds": [0], "computedStates": {}}"#,
         "'computedStates' must be an array"),
        (#"{"actionsById": {"0": {"action": {"type": "A"}}}, "stagedActionIds": [0], "computedStates": [3]}"#,
         "computedStates[0] must be an object"),
        (#"{"payload": 3}"#, "'payload' must be a string of JSON, found number"),
        (#"{"payload": "[1, "}"#, "'payload' is not valid JSON text"),
        (#"{"payload": "\"x\""}"#, "'payload' holds a string; expected an array of actions or a lifted state"),
        (#"{"payload": "{\"a\": 1}"}"#, "'payload' holds an object that is not a lifted state"),
        (#"{"payload": "[]", "preloadedState": 3}"#, "'preloadedState' must be a string of JSON"),
        (#"{"payload": "[]", "preloadedState": "{"}"#, "'preloadedState' is not valid JSON text"),
        (#"[{"payload": "[]"}, 3]"#, "report #1: a report must be an object"),
        (#"[{"payload": "[]"}, {"title": "t"}]"#, "report #1: the export has no 'payload'"),
    ]

    @Test(arguments: malformed)
    func reportsMalformedExports(_ text: String, _ message: String) throws {
        let document = try parse(text)
        do {
            _ = try ReduxDevToolsFormat.read(document)
            Issue.record("read \(text) without an error")
        } catch {
            #expect(error.location == .file)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
