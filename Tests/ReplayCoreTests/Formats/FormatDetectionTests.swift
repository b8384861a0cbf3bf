import Testing
@testable import ReplayCore

/// Every sample of every format is recognised as its own format by content alone, so that a
/// new format's recognition takes nothing from the others.
@Suite struct FormatDetectionTests {
    static let samples: [(String, TraceFormatName)] = [
        ("../../../examples/bank-crash.json", .native),
        ("../../../examples/bank-crash.ndjson", .native),
        ("../../../examples/replayx-bank.json", .replayx),
        ("formats/phoenix_replay/Xq3v9kP0bS2mYtE1wR7aLg.json.gz", .phoenixReplay),
        ("formats/phoenix_replay/recording_v0.2.reconstructed.pretty.json", .phoenixReplay),
        ("formats/phoenix_replay/serializer_test.recording_with_form.derived.json", .phoenixReplay),
        ("formats/phoenix_replay/etf/counter-5bT2qk.etf.gz", .phoenixReplay),
        ("formats/phoenix_replay/etf/checkout-Q9wLz0.etf.gz", .phoenixReplay),
        ("formats/victauri/recorded_session.generated.json", .victauri),
        ("formats/redux-devtools/state.lifted.reconstructed.json", .reduxDevTools),
        ("formats/redux-devtools/remotedev-slider.todomvc.reports.json", .reduxDevTools),
        ("otlp/trace.json", .otlp),
        ("otlp/otlp_with_error.json", .otlp),
        ("otlp/otel-ai/otlp-trace.fixture.json", .otlp),
        ("replayx/a_bank_crash.json.gz", .replayx),
        ("replayx/crash_trace.reconstructed.json", .replayx),
        ("replayx/e_binary_jobqueue.etf", .replayx),
        ("replayx/e_binary_jobqueue.etf.gz", .replayx),
        ("spans/otlp-jsonl/checkout.jsonl", .otlpJSONLines),
        ("spans/otlp-jsonl/checkout.jsonl.gz", .otlpJSONLines),
        ("spans/otlp-jsonl/checkout.truncated.jsonl", .otlpJSONLines),
        ("spans/jaeger/ui_01.json", .jaeger),
        ("spans/jaeger/otlp2jaeger-out.json", .jaeger),
        ("spans/zipkin/checkout.json", .zipkin),
    ]

    @Test(arguments: samples)
    func eachSampleOpensAsItsFormat(_ path: String, _ format: TraceFormatName) throws {
        #expect(try TraceLoader.load(path: fixturesDirectory + path).format == format)
    }

    /// No JSON importer claims another format's sample (only its own format's recognizer says yes).
    static let documents = samples.filter { !$0.0.contains(".etf") && !$0.0.contains(".jsonl") && !$0.0.hasSuffix(".ndjson") }

    @Test(arguments: documents)
    func onlyItsOwnImporterRecognisesADocument(_ path: String, _ format: TraceFormatName) throws {
        let document = try fixtureDocument(at: fixturesDirectory + path)
        let claiming = TraceFormats.all.filter { $0.recognizes(document) }.map { $0.name }
        #expect(claiming == (format == .native ? [] : [format]))
    }
}
