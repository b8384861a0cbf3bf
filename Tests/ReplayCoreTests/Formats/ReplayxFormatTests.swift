import OrderedCollections
import Testing
@testable import ReplayCore

private func atom(_ name: String) -> ErlangTerm { .atom(name) }
private func int(_ value: Int) -> ErlangTerm { .integer(ErlangInteger(value)) }
private func text(_ value: String) -> ErlangTerm { .binary(Array(value.utf8)) }
private func state(_ balance: Int) -> ErlangTerm { .map([atom("balance"): int(balance)]) }
private let caller: ErlangTerm = .tuple([
    .pid(ErlangPid(node: "client@host", id: 96, serial: 0, creation: 1)),
    .improperList([atom("alias")], tail: .reference(ErlangReference(node: "client@host", creation: 1, ids: [7, 8, 9]))),
])

/// A JSON-form record, its terms Base64-encoded as Replayx writes them.
private enum Record {
    case message(seq: Int, kind: String, from: ErlangTerm, payload: ErlangTerm, fromNode: String?)
    case snapshot(ErlangTerm)
    case time(String, Int)
    case rand(Double)

    var json: String {
        get throws {
            switch self {
            case .message(let seq, let kind, let from, let payload, let fromNode):
                let node = fromNode.map { #", "from_node": "\#($0)""# } ?? ""
                return #"{"type": "message", "seq": \#(seq), "kind": "\#(kind)", "from": "\#(try ETFEncoder.base64(from))", "payload": "\#(try ETFEncoder.base64(payload))"\#(node)}"#
            case .snapshot(let state):
                return #"{"type": "state_snapshot", "state": "\#(try ETFEncoder.base64(state))"}"#
            case .time(let type, let value):
                return #"{"type": "\#(type)", "value": \#(value)}"#
            case .rand(let value):
                return #"{"type": "rand", "value": \#(value)}"#
            }
        }
    }

    /// The tuple the binary form holds.
    var term: ErlangTerm {
        switch self {
        case .message(let seq, let kind, let from, let payload, let fromNode):
            let base: [ErlangTerm] = [atom("message"), int(seq), atom(kind), from, payload]
            return .tuple(base + (fromNode.map { [.list([.tuple([atom("from_node"), text($0)])])] } ?? []))
        case .snapshot(let state): return .tuple([atom("state_snapshot"), state])
        case .time(let type, let value): return .tuple([atom(type), int(value)])
        case .rand(let value): return .tuple([atom("rand"), .float(value)])
        }
    }
}

/// `elixir` is the version the metadata names (none when nil); `more` is more metadata, as
/// JSON members.
private func jsonRecording(_ records: [Record], crashReason: String? = nil, elixir: String? = "1.18.1", more: String = "") throws -> [UInt8] {
    let reason = crashReason.map { #", "crash_reason": \#(JSONValue.string($0).jsonText(.compact))"# } ?? ""
    let events = try records.map { try $0.json }.joined(separator: ",\n")
    let version = elixir.map { #""elixir": "\#($0)", "# } ?? ""
    return Array(#"{"events": [\#(events)], "metadata": {\#(version)"node": "a@host", "receiver_node": "a@host"\#(reason)\#(more)}}"#.utf8)
}

private func binaryRecording(_ records: [Record], crashReason: ErlangTerm? = nil) throws -> [UInt8] {
    var metadata: OrderedDictionary<ErlangTerm, ErlangTerm> = [text("elixir"): text("1.18.1"), text("node"): text("a@host")]
    if let crashReason { metadata[text("crash_reason")] = crashReason }
    return try ETFEncoder.encodeCompressed(.map([atom("metadata"): .map(metadata), atom("events"): .list(records.map(\.term))]))
}

private func load(_ bytes: [UInt8], format: String? = nil) throws(TraceError) -> Trace {
    try TraceLoader.load(TraceData(bytes: bytes), format: format)
}

/// The message of the error loading `bytes` gives, or nil when it loads.
private func loadError(_ bytes: [UInt8]) -> String? {
    do throws(TraceError) {
        _ = try load(bytes)
        return nil
    } catch {
        return error.message
    }
}

/// A recording whose ring buffer starts in the middle of a message: its time and random
/// number, then the state after it, then two whole messages.
private let ringBuffer: [Record] = [
    .time("time_monotonic", -576460751873321000), .rand(0.5), .snapshot(state(10)),
    .message(seq: 7, kind: "call", from: caller, payload: .tuple([atom("withdraw"), int(4)]), fromNode: "client@host"),
    .time("time_monotonic", -576460751873282000), .snapshot(state(6)),
    .message(seq: 8, kind: "cast", from: atom("nil"), payload: atom("ping"), fromNode: nil),
    .time("time_system", 1_795_402_386_839),
]

@Suite struct ReplayxFormatTests {
    @Test func aRingBufferStartingMidMessageInBothForms() throws {
        for bytes in [try jsonRecording(ringBuffer), try binaryRecording(ringBuffer)] {
            let trace = try load(bytes)
            #expect(trace.format == .replayx)
            #expect(trace.initialState == ["balance": 10])
            #expect(trace.meta["before_first_message"] == ["time_monotonic": [.number(JSONNumber(literal: "-576460751873321000")!)], "rand": [.number(JSONNumber(literal: "0.5")!)]])
            #expect(trace.count == 2)
            let first = try trace.events.event(0)
            #expect(first.kind == "call" && first.name == "withdraw" && first.seq == 7)
            #expect(first.extra["from_node"] == "client@host")
            #expect(first.effect == .snapshot(["balance": 6]))
            let second = try trace.events.event(1)
            #expect(second.kind == "cast" && second.name == "ping" && second.effect == .none)
            #expect(second.extra["time_system"] == [1_795_402_386_839])
            #expect(second.extra["from_node"] == nil)
            #expect(trace.crash == nil && trace.meta["exit"] == nil)
        }
    }

    @Test func theBinaryFormMayBeUncompressedAndFiveTupleCallsTakeTheCallersNode() throws {
        let records: [Record] = [.message(seq: 0, kind: "call", from: caller, payload: atom("stats"), fromNode: nil)]
        let bytes = try ETFEncoder.encode(.map([atom("metadata"): .map([:]), atom("events"): .list(records.map(\.term))]))
        let trace = try load(bytes)
        #expect(try trace.events.event(0).extra["from_node"] == "client@host")
    }

    @Test(arguments: [":normal", ":shutdown", "{:shutdown, :closed}", "{:shutdown, {:error, 1}}"])
    func aNormalStopIsNoCrash(_ reason: String) throws {
        let trace = try load(try jsonRecording(ringBuffer, crashReason: reason))
        #expect(trace.crash == nil)
        #expect(trace.meta["exit"] == "normal")
        #expect(trace.meta["crash_reason"] == .string(reason))
        #expect(trace.normalStop == reason)
    }

    @Test func aNormalStopAsATermInTheBinaryForm() throws {
        for (reason, shown): (ErlangTerm, String) in [(atom("normal"), ":normal"), (.tuple([atom("shutdown"), atom("idle_timeout")]), "{:shutdown, :idle_timeout}"), (text(":shutdown"), ":shutdown")] {
            let trace = try load(try binaryRecording(ringBuffer, crashReason: reason))
            #expect(trace.crash == nil && trace.meta["exit"] == "normal")
            #expect(trace.normalStop == shown)
        }
        let crashed = try load(try binaryRecording(ringBuffer, crashReason: .tuple([atom("badarith"), .list([])])))
        #expect(crashed.crash == Crash(index: 1, reason: "{:badarith, []}", inferred: false))
    }

    @Test func anyOtherReasonMakesTheLastMessageTheCrash() throws {
        let trace = try load(try jsonRecording(ringBuffer, crashReason: "{:shutdownish, 1}"))
        #expect(trace.crash == Crash(index: 1, reason: "{:shutdownish, 1}", inferred: false))
        #expect(trace.meta["exit"] == "crash")
        #expect(trace.normalStop == nil)
    }

    @Test func aCrashWithNoMessageLeftMarksNothing() throws {
        let trace = try load(try jsonRecording([.snapshot(state(1))], crashReason: ":boom"))
        #expect(trace.count == 0 && trace.crash == nil && trace.initialState == ["balance": 1])
    }

    @Test func messagesAloneAreReplayxNotNative() throws {
        let records: [Record] = [.message(seq: 0, kind: "info", from: atom("nil"), payload: atom("tick"), fromNode: nil)]
        let trace = try load(try jsonRecording(records))
        #expect(trace.format == .replayx)
        #expect(try trace.events.event(0).payload == ["@atom": "tick"])
    }

    @Test func formatReplayxReadsBothForms() throws {
        #expect(try load(try jsonRecording(ringBuffer), format: "replayx").count == 2)
        #expect(try load(try binaryRecording(ringBuffer), format: "replayx").count == 2)
        #expect(throws: TraceError.self) { try load(try binaryRecording(ringBuffer), format: "phoenix-replay") }
    }

    @Test func recognisesOnlyItsOwnDocuments() throws {
        #expect(!ReplayxFormat.recognizes(try JSONValue(parsing: #"{"events": [{"kind": "call"}], "metadata": {}}"#)))
        #expect(!ReplayxFormat.recognizes(try JSONValue(parsing: #"{"events": [{"type": "mount", "offset": 0}], "metadata": {}}"#)))
        #expect(!ReplayxFormat.recognizes(try JSONValue(parsing: #"{"events": []}"#)))
        #expect(ReplayxFormat.recognizes(try JSONValue(parsing: #"{"events": [], "metadata": {}}"#)))
        #expect(ReplayxFormat.recognizes(try JSONValue(parsing: #"{"events": [{"type": "rand"}, 5], "metadata": {}}"#)))
    }

    @Test(arguments: [
        (#"{"type": "message", "seq": 0, "kind": "call", "from": "g2QAA25pbA==", "payload": "not base64!"}"#,
         "events[1]: payload: invalid Base64: unexpected character '!' at offset 10"),
        (#"{"type": "message", "seq": 0, "kind": "call", "from": "g2QAA25pbA==", "payload": "g2QA"}"#,
         "events[1]: payload: truncated: needed 2 bytes at offset 2"),
        (#"{"type": "message", "seq": 0, "kind": "call", "from": "g2QAA25pbA==", "payload": 5}"#,
         "events[1]: payload: must be a Base64 string, found number"),
        (#"{"type": "message", "seq": -1, "kind": "call", "from": "g2QAA25pbA==", "payload": "g2QAA25pbA=="}"#,
         "events[1]: seq: must be a non-negative integer, found -1"),
        (#"{"type": "message", "seq": 0, "kind": "shout", "from": "g2QAA25pbA==", "payload": "g2QAA25pbA=="}"#,
         "events[1]: kind: 'shout' is not call, cast or info"),
        (#"{"type": "message", "seq": 0, "kind": "call", "from": "g2QAA25pbA=="}"#,
         "events[1]: the message record has no 'payload'"),
        (#"{"type": "time_monotonic", "value": 1.5}"#, "events[1]: value: must be an integer, found 1.5"),
        (#"{"type": "rand_seed", "seed": [1, 2]}"#, "events[1]: seed: must be an array of 3 integers, found [1,2]"),
        (#"{"type": "send_after", "ref": "g2QAA25pbA==", "delay_ms": "soon"}"#, #"events[1]: delay_ms: must be a non-negative integer, found "soon""#),
        (#"{"type": "state_snapshot"}"#, "events[1]: the state_snapshot record has no 'state'"),
        (#"{"type": "teleport"}"#, "events[1]: unknown record type 'teleport'"),
        (#"[1]"#, "events[1]: a record must be an object, found array"),
    ])
    func malformedJSONRecordsNameTheRecordAndField(_ record: String, _ message: String) throws {
        let bytes = Array(#"{"metadata": {}, "events": [{"type": "rand", "value": 0.5}, \#(record)]}"#.utf8)
        #expect(loadError(bytes) == message)
    }

    @Test func malformedBinaryRecordingsAreClearErrors() throws {
        func binary(_ events: [ErlangTerm]) throws -> [UInt8] {
            try ETFEncoder.encode(.map([atom("metadata"): .map([:]), atom("events"): .list(events)]))
        }
        #expect(loadError(try binary([.tuple([atom("message"), int(0), atom("call"), atom("nil")])]))
            == "events[0]: a message record cannot be a 4-tuple: {:message, 0, :call, nil}")
        #expect(loadError(try binary([.tuple([atom("message"), int(0), atom("shout"), atom("nil"), atom("x")])]))
            == "events[0]: a message record must be {:message, seq, :call | :cast | :info, from, payload}, found {:message, 0, :shout, nil, :x}")
        #expect(loadError(try binary([.tuple([atom("rand_seed"), .list([int(1), int(2), int(3)])])]))
            == "events[0]: a rand_seed record must be {:rand_seed, {integer, integer, integer}}, found {:rand_seed, [1, 2, 3]}")
        #expect(loadError(try binary([int(5)])) == "events[0]: a record must be a tuple starting with its type, found 5")
        #expect(loadError(try binary([.tuple([atom("warp"), int(1)])])) == "events[0]: unknown record type :warp")
        #expect(loadError(try ETFEncoder.encode(.list([]))) == "an Erlang term that is no recording: a Replayx recording is a map with :events, a phoenix_replay recording a map with :view and :events; found []")
        // Named, the term is Replayx's to read, and its reader says what a recording needs.
        let named = #expect(throws: TraceError.self) { try load(ETFEncoder.encode(.list([])), format: "replayx") }
        #expect(named?.message == "a binary Replayx recording must be a map, found []")
        #expect(loadError(try ETFEncoder.encode(.map([atom("events"): int(1)]))) == ":events must be a list, found 1")
        #expect(loadError([131, 104, 2, 97]) == "not a valid Erlang term: 2 tuple elements cannot fit in the 1 bytes left at offset 3")
        #expect(loadError([131, 80, 0, 0, 0, 9, 1, 2]) != nil)
    }

    @Test func theExampleInTheDocsOpensAsDescribed() throws {
        var path = #filePath
        for _ in 0..<4 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        let page = String(decoding: try TraceData(contentsOf: path + "/docs/formats.md").withBytes { Array($0) }, as: UTF8.self)
        let section = try #require(page.firstRange(of: "## replayx")).upperBound
        let start = try #require(page[section...].firstRange(of: "```json\n")).upperBound
        let end = try #require(page[start...].firstRange(of: "```")).lowerBound
        let trace = try load(Array(page[start..<end].utf8))
        #expect(trace.count == 2)
        #expect(try trace.events.event(0).name == "withdraw")
        #expect(try inspect(trace.events.event(0).effect == .none ? nil : Replayer(trace: trace).state(at: 1)) == "%{balance: 307}")
        #expect(try inspect(trace.events.event(1).extra["send_after"]) == "[%{ref: #Reference<0.3910526963.3524001794.33248>, delay_ms: 5}]")
        #expect(trace.crash == Crash(index: 1, reason: "{:badarith, [{Bank, :handle_call, 3, []}]}", inferred: false))
    }

    /// Pids of other nodes than the recording's own print with a node number, 1 for the
    /// first other node met, 2 for the next; the recording's node prints as 0.
    @Test func remotePidsPrintWithANumberAForNodeAndLocalOnesWithZero() throws {
        let local = ErlangTerm.pid(ErlangPid(node: "a@host", id: 110, serial: 0, creation: 1))
        let other = ErlangTerm.pid(ErlangPid(node: "z@host", id: 7, serial: 2, creation: 1))
        let records = ringBuffer + [.message(seq: 9, kind: "info", from: atom("nil"), payload: .tuple([atom("down"), other, local]), fromNode: nil)]
        for bytes in [try jsonRecording(records), try binaryRecording(records)] {
            let trace = try load(bytes)
            let syntax = ValueSyntax(for: trace)
            #expect(try syntax.text(try #require(trace.events.event(0).extra["from"])) == "{#PID<1.96.0>, [:alias | #Reference<1.9.8.7>]}")
            #expect(try syntax.text(try #require(trace.events.event(2).payload)) == "{:down, #PID<2.7.2>, #PID<0.110.0>}")
            #expect(syntax.elixir.remoteNodes(in: [try #require(trace.events.event(2).payload)]).map(\.node) == ["z@host"])
        }
        // The recording's own list of nodes numbers them first.
        let listed = try load(try jsonRecording(records, more: #", "nodes": ["a@host", "z@host", "client@host"]"#))
        #expect(ValueSyntax(for: listed).elixir.nodeNumbers == ["z@host": 1, "client@host": 2])
        // A recording that names no node of its own prints every pid as local.
        let unknown = try ETFEncoder.encode(.map([atom("metadata"): .map([:]), atom("events"): .list(records.map(\.term))]))
        #expect(try ValueSyntax(for: load(unknown)).text(try #require(load(unknown).events.event(2).payload)) == "{:down, #PID<0.7.2>, #PID<0.110.0>}")
    }

    /// Charlists print as the recording's own Elixir printed them: 'abc' before 1.15,
    /// ~c"abc" from 1.15 and when the recording names no version.
    @Test(arguments: [("1.14.0", "'abc'"), ("1.14.5", "'abc'"), ("1.15.0", #"~c"abc""#), ("1.18.1", #"~c"abc""#), (nil, #"~c"abc""#)])
    func charlistsPrintAsTheRecordingsElixirDid(_ version: String?, _ expected: String) throws {
        let charlist = ErlangTerm.list("abc".utf8.map { int(Int($0)) })
        let records: [Record] = [.message(seq: 1, kind: "cast", from: atom("nil"), payload: .tuple([atom("put"), charlist]), fromNode: nil)]
        let trace = try load(try jsonRecording(records, elixir: version))
        #expect(try ValueSyntax(for: trace).text(try #require(trace.events.event(0).payload)) == "{:put, \(expected)}")
        // An escaped quote in the old syntax.
        #expect(ErlangTerm.list("it's".utf8.map { int(Int($0)) }).elixirInspect(ElixirInspectOptions(charlistSigil: false)) == #"'it\'s'"#)
    }
}
