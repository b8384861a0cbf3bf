import Foundation
import Testing

/// A trace `scripts/make-big-trace.py` writes (200 accounts, a call with a one-op patch per
/// event, every fifth a merge, a crash near the end), in a folder of its own that goes with it.
final class MadeTrace {
    /// The folder, for whatever else a test writes beside the trace.
    let directory: URL
    /// The trace: `big.json`, or `big.ndjson` with `ndjson`.
    let path: String

    init(events: Int, ndjson: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-made-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(ndjson ? "big.ndjson" : "big.json").path
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = repository.appendingPathComponent("scripts/make-big-trace.py").path
        let made = try Subprocess.run(["python3", script, path, "--events", String(events)] + (ndjson ? ["--ndjson"] : []))
        try #require(made.status == 0, "\(made.stderr)")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
