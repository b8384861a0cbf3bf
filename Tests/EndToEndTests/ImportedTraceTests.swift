import Foundation
import Testing

/// Other recorders' files open through the real binary with no conversion step, are
/// recognised by content, and `convert` turns each into a native trace with the same state
/// at every position.
@Suite(.timeLimit(.minutes(3))) struct ImportedTraceTests {
    /// A recorder's sample in Tests/ReplayCoreTests/Fixtures, what `info` must call its
    /// format and how many events it holds.
    struct Sample: CustomStringConvertible, Sendable {
        var path: String
        var format: String
        var events: Int
        var description: String { path }
    }

    static let samples: [Sample] = [
        Sample(path: "formats/phoenix_replay/Xq3v9kP0bS2mYtE1wR7aLg.json.gz", format: "phoenix-replay", events: 4),
        Sample(path: "formats/phoenix_replay/serializer_test.recording_with_form.derived.json", format: "phoenix-replay", events: 2),
        Sample(path: "formats/victauri/recorded_session.generated.json", format: "victauri", events: 8),
        Sample(path: "formats/redux-devtools/state.lifted.reconstructed.json", format: "redux-devtools", events: 3),
        Sample(path: "formats/redux-devtools/remotedev-slider.todomvc.reports.json", format: "redux-devtools", events: 0),
        Sample(path: "replayx/a_bank_crash.json", format: "replayx", events: 12),
        Sample(path: "replayx/a_bank_crash.json.gz", format: "replayx", events: 12),
        Sample(path: "replayx/e_binary_jobqueue.etf", format: "replayx", events: 11),
        Sample(path: "replayx/e_binary_jobqueue.etf.gz", format: "replayx", events: 11),
        Sample(path: "replayx/e_binary_jobqueue.json", format: "replayx", events: 11),
        Sample(path: "replayx/example_record_and_replay.json", format: "replayx", events: 6),
        Sample(path: "replayx/crash_trace.reconstructed.json", format: "replayx", events: 3),
        Sample(path: "otlp/otlp_with_error.json", format: "otlp", events: 30),
        Sample(path: "otlp/otel-ai/sessions/sdk-split-1767225610000", format: "otlp", events: 30),
        Sample(path: "otlp/otel-ai/sessions/seed-basic-topology-1727300000000", format: "otlp", events: 4),
    ]

    private func info(_ path: String) throws -> [String: Any] {
        let result = try CLI.run(["info", path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test(arguments: samples)
    func opensByContentWithItsFormatAndEvents(_ sample: Sample) throws {
        let info = try info(CLI.coreFixture(sample.path))
        #expect(info["format"] as? String == sample.format)
        if sample.events > 0 {
            #expect(info["events"] as? Int == sample.events)
        }
    }

    @Test(arguments: samples)
    func convertKeepsEveryPositionsState(_ sample: Sample) throws {
        let input = CLI.coreFixture(sample.path)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("converted.json").path
        let converted = try CLI.run(["convert", input, "-o", output])
        #expect(converted.status == 0, "\(converted.stderr)")

        let original = try info(input), copy = try info(output)
        #expect(copy["format"] as? String == "replay-trace")
        for key in ["events", "errors", "duration_ms", "crash"] {
            #expect(copy[key] as? NSObject == original[key] as? NSObject, "\(key)")
        }
        let count = original["events"] as? Int ?? 0
        let syntax = sample.format == "replayx" ? ["--syntax", "elixir"] : []
        for position in ["start"] + (0..<count).map(String.init) {
            let before = try CLI.run(["state", input, "--at", position, "--compact"])
            let after = try CLI.run(["state", output, "--at", position, "--compact"])
            #expect(before.status == 0 && after.stdout == before.stdout, "\(sample) at \(position)")
            if !syntax.isEmpty {
                let elixir = try CLI.run(["state", input, "--at", position] + syntax)
                let converted = try CLI.run(["state", output, "--at", position] + syntax)
                #expect(elixir.status == 0 && converted.stdout == elixir.stdout, "\(sample) in Elixir at \(position)")
            }
        }
    }

    @Test func aSessionFolderCanBeNamedAsOTLPButNotAsAnotherFormat() throws {
        let session = CLI.coreFixture("otlp/otel-ai/sessions/seed-basic-topology-1727300000000")
        #expect(try CLI.run(["info", session, "--format", "otlp"]).status == 0)
        let wrong = try CLI.run(["info", session, "--format", "victauri"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "\(session): is an otel-ai session folder, which holds 'otlp' traces, not 'victauri'\n")
        let plain = try CLI.run(["info", CLI.coreFixture("otlp")])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("is a directory"))
    }
}
