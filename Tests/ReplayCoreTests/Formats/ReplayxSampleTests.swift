import Testing
@testable import ReplayCore

/// Tests/ReplayCoreTests/Fixtures/replayx, found from this file's path.
let replayxFixtures: String = {
    var path = #filePath
    for _ in 0..<2 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
    return path + "/Fixtures/replayx/"
}()

/// A real recording and what Elixir made of it (`<file>.expected.json`, or the expected file
/// of the recording it is a gzip of).
struct ReplayxSample: Sendable, CustomTestStringConvertible {
    var file: String
    var expected: String

    var testDescription: String { file }

    static let all = [
        ReplayxSample(file: "example_record_and_replay.json", expected: "example_record_and_replay.expected.json"),
        ReplayxSample(file: "a_bank_crash.json", expected: "a_bank_crash.expected.json"),
        ReplayxSample(file: "a_bank_crash.json.gz", expected: "a_bank_crash.expected.json"),
        ReplayxSample(file: "e_binary_jobqueue.json", expected: "e_binary_jobqueue.expected.json"),
        ReplayxSample(file: "e_binary_jobqueue.etf", expected: "e_binary_jobqueue.etf.expected.json"),
        ReplayxSample(file: "e_binary_jobqueue.etf.gz", expected: "e_binary_jobqueue.etf.expected.json"),
    ]

    func load() throws -> Trace { try TraceLoader.load(path: replayxFixtures + file) }

    func expectation() throws -> JSONValue {
        try TraceLoader.parse(TraceData(contentsOf: replayxFixtures + expected))
    }
}

/// Elixir's inspect text of a value of the trace (written in the JSON form of terms).
func inspect(_ value: JSONValue?) throws -> String {
    try ErlangTermJSON.term(try #require(value)).elixirInspect
}

@Suite struct ReplayxSampleTests {
    @Test(arguments: ReplayxSample.all)
    func opensWithItsMessagesAndCrash(_ sample: ReplayxSample) throws {
        let trace = try sample.load()
        let expected = try sample.expectation()
        #expect(trace.format == .replayx)
        #expect(trace.count == expected["message_count"]?.numberValue?.intValue)
        #expect(expected["event_count"]?.numberValue?.intValue == expected["events"]?.arrayValue?.count)
        if expected["crashed"] == .bool(true) {
            let reason = try #require(expected["crash_reason"]?.stringValue)
            #expect(trace.crash == Crash(index: trace.count - 1, reason: reason, inferred: false))
            #expect(trace.meta["exit"] == "crash")
            #expect(try trace.events.event(trace.count - 1).error == reason)
            #expect(try (0..<trace.count - 1).allSatisfy { try trace.events.event($0).error == nil })
        } else {
            #expect(trace.crash == nil)
            #expect(trace.meta["exit"] == nil)
        }
        #expect(trace.meta["elixir"] == "1.14.0")
        #expect(trace.meta["node"] == "nonode@nohost")
    }

    /// Walks Elixir's account of every record alongside the trace: each message's payload,
    /// caller, node, name and kind; each snapshot's state at its position; each other record
    /// among the details of the message before it.
    @Test(arguments: ReplayxSample.all)
    func everyRecordMatchesWhatElixirDecoded(_ sample: ReplayxSample) throws {
        let trace = try sample.load()
        let replayer = Replayer(trace: trace)
        let syntax = ValueSyntax(for: trace)
        #expect(!syntax.elixir.charlistSigil)
        var message = -1
        var factsSeen: [String: Int] = [:]
        for record in try #require(try sample.expectation()["events"]?.arrayValue) {
            let type = try #require(record["type"]?.stringValue)
            let decoded = try #require(record["decoded"])
            switch type {
            case "message":
                message += 1
                factsSeen = [:]
                let event = try trace.events.event(message)
                // As the recording's own Elixir (1.14) printed them: charlists 'abc'.
                #expect(try syntax.text(try #require(event.payload)) == decoded["payload"]?.stringValue)
                #expect(try syntax.text(try #require(event.extra["from"])) == decoded["from"]?.stringValue)
                #expect(event.kind == record["fields"]?["kind"]?.stringValue)
                #expect(event.seq == record["fields"]?["seq"])
                let senderNode = record["sender_node"]
                #expect(event.extra["from_node"] == (senderNode == .null ? Optional<JSONValue>.none : senderNode))
                let payload = try ErlangTermJSON.term(try #require(event.payload))
                #expect(event.name == ReplayxTraceBuilder.name(of: payload))
                #expect(event.name != nil)
            case "state_snapshot":
                let state = try replayer.state(at: message + 1)
                #expect(try syntax.text(state) == decoded["state"]?.stringValue)
            default:
                let seen = factsSeen[type, default: 0]
                factsSeen[type] = seen + 1
                let values = try #require(try trace.events.event(message).extra[type]?.arrayValue)
                let value = try #require(values.count > seen ? values[seen] : nil)
                switch type {
                case "send_after":
                    #expect(try inspect(value["ref"]) == decoded["ref"]?.stringValue)
                    #expect(value["delay_ms"] == record["fields"]?["delay_ms"])
                case "rand_seed":
                    #expect(try "{:rand_seed, " + inspect(value) + "}" == record["tuple_inspect"]?.stringValue)
                default:
                    #expect(value.numberValue?.literal == record["value_string"]?.stringValue)
                }
            }
        }
        #expect(message == trace.count - 1)
    }

    @Test func theBinaryAndJSONFormsOfOneRecordingAgree() throws {
        let json = try TraceLoader.load(path: replayxFixtures + "e_binary_jobqueue.json")
        let binary = try TraceLoader.load(path: replayxFixtures + "e_binary_jobqueue.etf")
        #expect(json.count == binary.count)
        #expect(json.initialState == binary.initialState)
        for index in 0..<json.count {
            let a = try json.events.event(index)
            let b = try binary.events.event(index)
            #expect(a.kind == b.kind && a.name == b.name && a.payload == b.payload && a.seq == b.seq)
        }
    }

    @Test func aSampleWhoseRingBufferStartsOnASnapshot() throws {
        let trace = try TraceLoader.load(path: replayxFixtures + "crash_trace.reconstructed.json")
        #expect(try inspect(trace.initialState) == "%{replayx_recorder: #PID<0.201.0>, ticks: 2}")
        #expect(trace.count == 3)
        #expect(try (0..<3).map { try trace.events.event($0).name } == ["roll", "state", "crash"])
        #expect(trace.crash?.index == 2)
        #expect(trace.crash?.reason?.hasPrefix("{%RuntimeError{message: \"replayx example crash\"}") == true)
    }

    @Test func namesAreThePayloadsAtomOrLeadingAtom() {
        #expect(ReplayxTraceBuilder.name(of: .atom("tick")) == "tick")
        #expect(ReplayxTraceBuilder.name(of: .tuple([.atom("withdraw"), .integer(ErlangInteger(50))])) == "withdraw")
        #expect(ReplayxTraceBuilder.name(of: .atom("Elixir.Foo")) == "Foo")
        #expect(ReplayxTraceBuilder.name(of: .atom("hello world")) == "\"hello world\"")
        #expect(ReplayxTraceBuilder.name(of: .binary(Array("x".utf8))) == nil)
        #expect(ReplayxTraceBuilder.name(of: .tuple([])) == nil)
    }

    @Test func timesBeyondTwoToThe53KeepEveryDigit() throws {
        let trace = try TraceLoader.load(path: replayxFixtures + "example_record_and_replay.json")
        #expect(try trace.events.event(0).extra["time_monotonic"] == [.number(JSONNumber(literal: "-576460751037015103")!)])
    }
}
