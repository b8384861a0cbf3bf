import TestSupport
import Testing
@testable import ReplayCore

/// The replay core's laws on random traces: every way of reaching a position gives the state
/// that folding the first p events over the initial state gives.
@Suite struct ReplayerLawTests {
    static let seeds: [UInt64] = Array(1...40)

    private func load(_ text: String) throws -> Trace {
        try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
    }

    /// Seek law: random visiting orders, several checkpoint spacings, JSON and NDJSON forms.
    @Test(arguments: seeds)
    func seekingAnywhereEqualsTheFold(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: Int(seed % 7) * 13 + 5)
        var random = SeededRandom(seed: seed ^ 0xABCD)
        for text in [made.text, made.ndjson] {
            let trace = try load(text)
            #expect(trace.count == made.states.count - 1)
            for interval in [1, 3, 16, Replayer.minimumCheckpointInterval, Replayer.noCheckpoints] {
                let replayer = Replayer(trace: trace, checkpointInterval: interval)
                let order = (0...trace.count).shuffled(using: &random) + (0...trace.count).reversed()
                for position in order {
                    let state = try replayer.state(at: position)
                    #expect(state == made.states[position], "seed \(seed), K=\(interval), position \(position)")
                }
            }
        }
    }

    /// The stepping stones a seek leaves behind, and their eviction, never change an answer:
    /// long traces, seeks far apart, then runs of steps back and forward from each.
    @Test(arguments: [UInt64(1), 2, 3])
    func stepsBackFromAnySeekEqualTheFold(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 3_000)
        let trace = try load(made.text)
        var random = SeededRandom(seed: seed)
        for interval in [Replayer.minimumCheckpointInterval, 1_000, Replayer.noCheckpoints] {
            let replayer = Replayer(trace: trace, checkpointInterval: interval)
            for _ in 0..<12 {
                let landing = Int.random(in: 0...trace.count, using: &random)
                let back = (max(landing - 150, 0)...landing).reversed()
                let forward = landing...min(landing + 40, trace.count)
                for position in Array(back) + Array(forward) {
                    #expect(try replayer.state(at: position) == made.states[position], "seed \(seed), K=\(interval), at \(position)")
                }
            }
        }
    }

    /// An event that names a field twice keeps the last value, as any object does
    /// (trace-format.md), in the index's summaries and in replay: a name, lane, time or error
    /// given and then null, null and then given, a whole time and then a fraction, the same
    /// change twice.
    @Test func repeatedEventFieldsKeepTheirLastValueInTheIndex() throws {
        let events = [
            #"{"kind": "a", "name": "x", "name": null, "lane": "l", "lane": null, "t": 5, "t": null, "error": "boom", "error": null, "patch": [{"op": "replace", "path": "/n", "value": 1}], "patch": [{"op": "replace", "path": "/n", "value": 2}]}"#,
            #"{"kind": "b", "name": null, "name": "y", "lane": null, "lane": "m", "t": null, "t": 7.5, "error": null, "error": "late", "t": 123456789}"#,
            #"{"kind": "c", "t": 12, "t": 3.25, "merge": {"n": 3}, "merge": {"m": 4}}"#,
            #"{"kind": "d", "kind": "e", "t": 3.5, "t": 40, "state": {"n": 0}, "state": {"n": 9}}"#,
        ]
        let text = #"{"format": "replay-trace", "initial_state": {"n": 0}, "events": ["# + events.joined(separator: ",\n") + "]}"
        let trace = try load(text)
        let document = try JSONValue(parsing: text)
        var state = document["initial_state"]!
        let replayer = Replayer(trace: trace)
        for (index, value) in document["events"]!.arrayValue!.enumerated() {
            let event = try Event(nativeMembers: value.objectValue!, index: index)
            #expect(trace.events.summary(index) == event.summary, "event #\(index)")
            try event.apply(to: &state)
            #expect(try replayer.state(at: index + 1) == state, "event #\(index)")
        }
    }

    /// The lazy index and an eager parse of the whole document give the same events and states.
    @Test(arguments: seeds)
    func lazyIndexMatchesEagerParse(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 30)
        let trace = try load(made.text)
        let document = try JSONValue(parsing: made.text)
        let eager = try document["events"]!.arrayValue!.enumerated().map { index, value in
            try Event(nativeMembers: value.objectValue!, index: index)
        }
        var state = document["initial_state"]!
        let replayer = Replayer(trace: trace)
        for (index, event) in eager.enumerated() {
            #expect(try trace.events.event(index) == event)
            #expect(trace.events.summary(index) == event.summary)
            let before = state
            try event.apply(to: &state)
            #expect(try replayer.state(at: index + 1) == state)
            #expect(try replayer.changes(ofEvent: index) == StateDiff.changes(from: before, to: state))
        }
        let list = EventList(eager)
        let indexed = trace.events.overview(), summarized = list.overview()
        #expect(indexed.errors == summarized.errors)
        #expect(indexed.durationMilliseconds == summarized.durationMilliseconds)
        #expect(indexed.kinds.map(\.kind) == summarized.kinds.map(\.kind))
        #expect(indexed.kinds.map(\.count) == summarized.kinds.map(\.count))
        #expect(trace.events.firstErrorIndex() == list.firstErrorIndex())
        for kind in summarized.kinds.map(\.kind) + ["crash", "absent"] {
            #expect(trace.events.firstIndex(ofKind: kind) == list.firstIndex(ofKind: kind))
        }
    }

    /// Applying diff(A, B) to A gives B, for random pairs of states of one trace.
    @Test(arguments: seeds)
    func diffBetweenAnyTwoStatesApplies(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 25)
        var random = SeededRandom(seed: seed)
        for _ in 0..<30 {
            let a = random.pick(made.states)
            let b = random.pick(made.states)
            var patched = a
            try JSONPatch.apply(StateDiff.changes(from: a, to: b).map(\.patchOperation), to: &patched)
            #expect(patched == b)
        }
    }

    @Test func aFailingPatchNamesTheEventOpAndPath() throws {
        let text = """
            {"format": "replay-trace", "initial_state": {"a": 1},
             "events": [{"kind": "call", "patch": [{"op": "replace", "path": "/a", "value": 2}]},
                        {"kind": "call", "patch": [{"op": "test", "path": "/a", "value": 2},
                                                   {"op": "remove", "path": "/missing"}]}]}
            """
        let replayer = Replayer(trace: try load(text))
        #expect(try replayer.state(at: 1) == ["a": 2])
        do {
            _ = try replayer.state(at: 2)
            Issue.record("applied a remove of a missing path")
        } catch {
            #expect(error.location == .event(1))
            #expect(error.message.contains("#1"), "\(error.message)")
            #expect(error.message.contains("/missing"), "\(error.message)")
        }
    }

    @Test func snapshotEventsNeedNoHistory() throws {
        let text = """
            {"format": "replay-trace", "initial_state": 0,
             "events": [{"kind": "a", "state": 1}, {"kind": "b"}, {"kind": "c", "merge": {"x": 1}},
                        {"kind": "d", "state": {"y": 2}}, {"kind": "e", "merge": {"z": 3}}]}
            """
        let replayer = Replayer(trace: try load(text), checkpointInterval: 100)
        #expect(try replayer.state(at: 5) == ["y": 2, "z": 3])
        #expect(try replayer.state(at: 3) == ["x": 1])
        #expect(try replayer.state(at: 0) == 0)
    }

    @Test func positionsOutsideTheTraceAreErrorsNotTraps() throws {
        let replayer = Replayer(trace: try load(#"{"format": "replay-trace", "events": [{"kind": "a"}]}"#))
        #expect(throws: TraceError.self) { try replayer.state(at: 2) }
        #expect(throws: TraceError.self) { try replayer.state(at: -1) }
        #expect(throws: TraceError.self) { try replayer.changes(ofEvent: 1) }
    }
}

@Suite struct CheckpointSpacingTests {
    @Test func spacingGrowsOnlyPastTheCheckpointBudget() {
        #expect(Replayer.automaticInterval(eventCount: 0) == 256)
        #expect(Replayer.automaticInterval(eventCount: 131_072) == 256)
        #expect(Replayer.automaticInterval(eventCount: 1_000_000) == 2_048)
        #expect(Replayer.automaticInterval(eventCount: 10_000_000) == 32_768)
    }

    @Test func checkpointsFillAsReplayPassesThem() throws {
        let events = (0..<40).map { #"{"kind": "tick", "merge": {"n": \#($0)}}"# }.joined(separator: ",")
        let text = #"{"format": "replay-trace", "events": [\#(events)]}"#
        let replayer = Replayer(trace: try TraceLoader.load(TraceData(bytes: Array(text.utf8))), checkpointInterval: 10)
        #expect(replayer.checkpointCount == 1)
        _ = try replayer.state(at: 25)
        #expect(replayer.checkpointCount == 3)
        _ = try replayer.state(at: 40)
        #expect(replayer.checkpointCount == 5)
    }
}

@Suite struct PlainPatchReaderTests {
    /// The fast reader gives exactly what the general one gives, or steps aside.
    @Test(arguments: 0..<4)
    func agreesWithTheGeneralReader(batch: Int) throws {
        var random = SeededRandom(seed: UInt64(batch) &+ 77)
        var fastCount = 0
        for _ in 0..<300 {
            let state = RandomJSON.value(&random)
            let operations = RandomTrace.randomPatch(for: state, &random)
            let text = JSONValue.array(operations.map(\.jsonValue)).jsonText(random.chance(0.5) ? .compact : .pretty)
            let bytes = Array(text.utf8)
            let fast = try bytes.withUnsafeBytes { buffer throws -> [PatchOperation]? in
                var parser = JSONParser(bytes: buffer)
                return try parser.plainPatchOperations()
            }
            let general = try JSONPatch.operations(from: JSONValue(parsing: bytes))
            if let fast {
                #expect(fast == general, "\(text)")
                fastCount += 1
            } else {
                #expect(general.contains { $0.path.description.contains("~") || $0.from?.description.contains("~") == true }, "\(text)")
            }
        }
        #expect(fastCount > 100)
    }

    @Test func oddOperationsFallBackToTheGeneralReader() throws {
        for text in [#"[{"op": "jump", "path": "/a"}]"#, #"[{"op": "add", "path": "/a"}]"#, #"[{"op": "add", "path": "/\u0061", "value": 1}]"#, #"[1]"#, #"{}"#,
                     #"[{"op": 5, "path": "/a"}]"#, #"[{"op": "replace", "path": 7, "value": 1}]"#, #"[{"op": "move", "from": [], "path": "/a"}]"#] {
            let bytes = Array(text.utf8)
            let fast = try bytes.withUnsafeBytes { buffer throws -> [PatchOperation]? in
                var parser = JSONParser(bytes: buffer)
                return try parser.plainPatchOperations()
            }
            #expect(fast == nil, "\(text)")
        }
    }

    /// An operation whose `op` or `path` is not a string is valid JSON, and replay says what
    /// is wrong with it, as the general reader words it.
    @Test func membersOfTheWrongTypeAreNamedNotMisread() throws {
        for (patch, message) in [
            (#"[{"op": 5, "path": "/a"}]"#, "patch op #0 (? /a): 'op' must be a string"),
            (#"[{"op": "replace", "path": 7, "value": 1}]"#, "patch op #0 (replace ?): 'path' must be a string"),
        ] {
            let text = #"{"format": "replay-trace", "initial_state": {"a": 1}, "events": [{"kind": "k", "patch": "# + patch + "}]}"
            let trace = try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
            #expect(throws: TraceError(.event(0), message)) { try Replayer(trace: trace).state(at: 1) }
        }
    }
}
