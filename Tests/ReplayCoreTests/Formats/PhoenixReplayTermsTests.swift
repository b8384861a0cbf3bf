import OrderedCollections
import Testing
@testable import ReplayCore

private let samples = fixturesDirectory + "formats/phoenix_replay/etf/"

private func atom(_ name: String) -> ErlangTerm { .atom(name) }
private func int(_ value: Int) -> ErlangTerm { .integer(ErlangInteger(value)) }

private func load(_ term: ErlangTerm) throws(TraceError) -> Trace {
    let bytes: [UInt8]
    do { bytes = try ETFEncoder.encode(term) } catch { throw TraceError(.file, "cannot encode") }
    return try TraceLoader.load(TraceData(bytes: bytes))
}

/// A recording map as phoenix_replay's Serializer writes it, with `events`.
private func recording(_ events: [ErlangTerm]) -> ErlangTerm {
    .map([
        atom("id"): .binary(Array("r1".utf8)), atom("view"): atom("Elixir.MyApp.CounterLive"), atom("url"): atom("nil"),
        atom("params"): .map([:]), atom("session"): .map([:]), atom("connected_at"): int(1_700_000_000_000),
        atom("events"): .list(events),
    ])
}

@Suite struct PhoenixReplayTermsTests {
    /// Made by phoenix_replay's own Storage.File (make_etf_samples.exs); the expected states
    /// are its Recording.accumulated_assigns printed by Elixir 1.14.
    @Test(arguments: ["counter-5bT2qk", "checkout-Q9wLz0"])
    func everyStateIsWhatPhoenixReplayAccumulates(_ id: String) throws {
        let trace = try TraceLoader.load(path: samples + id + ".etf.gz")
        let expected = try fixtureDocument(at: samples + id + ".expected.json")
        let records = try #require(expected["records"]?.arrayValue)
        #expect(trace.format == .phoenixReplay)
        #expect(ValueSyntax(for: trace) == .elixir)
        #expect(trace.meta["serialization"] == "etf")
        #expect(trace.meta["id"] == expected["id"])
        #expect(trace.crash == nil)
        // Every record but an assigns record is an event; the state after it is what
        // accumulated_assigns gives at the last record before the next event.
        let eventRecords = records.indices.filter { records[$0]["type"] != "assigns" }
        #expect(trace.count == eventRecords.count)
        let events = try events(trace)
        #expect(events.map { JSONValue.string($0.kind) } == eventRecords.map { records[$0]["type"] ?? .null })
        #expect(events.first?.name == expected["view"]?.stringValue)
        let states = try states(trace)
        // Elixir 1.14 prints a charlist 'gift'; a recording that names no Elixir version is
        // shown in today's syntax, ~c"gift" (issue 17).
        func as114(_ text: String) -> String { text.replacing(#"~c"gift""#, with: "'gift'") }
        let initial = as114(try ValueSyntax.elixir.text(states[0]))
        #expect(initial == records[0]["accumulated_assigns"]?.stringValue)
        for (position, start) in eventRecords.enumerated() {
            let last = position + 1 < eventRecords.count ? eventRecords[position + 1] - 1 : records.count - 1
            let shown = as114(try ValueSyntax.elixir.text(states[position + 1]))
            #expect(shown == records[last]["accumulated_assigns"]?.stringValue, "after event #\(position) (record \(start))")
        }
    }

    @Test func eventsAreNamedAndTimedAsInTheJSONForm() throws {
        let trace = try TraceLoader.load(path: samples + "counter-5bT2qk.etf.gz")
        let events = try events(trace)
        #expect(events.map(\.name) == ["MyAppWeb.CounterLive", "/counter?step=1", "inc", "set_step", nil, "reset"])
        #expect(events.map { $0.t?.literal } == ["0", "2", "812", "1204", "1490", "2010"])
        #expect(try ValueSyntax.elixir.text(events[2].payload ?? .null) == #"%{name: "inc", params: %{"value" => ""}}"#)
        #expect(try ValueSyntax.elixir.text(trace.meta["view"] ?? .null) == "MyAppWeb.CounterLive")
    }

    // MARK: Shape and errors

    @Test func aReplayxRecordingIsNotTakenForOne() {
        let replayx: ErlangTerm = .map([atom("metadata"): .map([:]), atom("events"): .list([])])
        #expect(!PhoenixReplayFormat.recognizes(term: replayx))
        #expect(ReplayxFormat.recognizes(term: replayx))
        #expect(PhoenixReplayFormat.recognizes(term: recording([])))
        #expect(!ReplayxFormat.recognizes(term: recording([])))
    }

    @Test(arguments: [
        (recording([int(1)]), "events[0]: a record must be a tuple {offset_ms, type, payload}, found 1"),
        (recording([.tuple([int(0), .binary(Array("mount".utf8)), .map([:])])]), #"events[0]: a record's type must be an atom, found "mount""#),
        (recording([.tuple([int(0), atom("mount"), .map([atom("assigns"): .map([.binary(Array("k".utf8)): int(1)])])])]),
         #"events[0]: the mount's :assigns must be a map with atom keys, found the key "k""#),
        (recording([.tuple([int(0), atom("mount"), .map([:])])]), "events[0]: the mount record has no 'payload.assigns'"),
        (.map([atom("view"): atom("nil"), atom("events"): int(3)]), ":events must be a list, found 3"),
    ])
    func malformedRecordingsAreErrors(_ term: ErlangTerm, _ message: String) {
        let error = #expect(throws: TraceError.self) { try load(term) }
        #expect(error?.message == message)
    }
}
