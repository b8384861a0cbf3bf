import Foundation
import Testing

/// A gzip trace is inflated into a temporary file that is mapped, never into memory: a small
/// file that inflates to hundreds of megabytes opens in a few megabytes, and a temporary
/// space that cannot take it gets a sentence, not a crash.
@Suite(.timeLimit(.minutes(5))) struct GzipTraceTests {
    /// A trace of three events followed by `megabytes` of spaces, gzip-compressed by Python's
    /// gzip module (the spaces shrink about a thousand times).
    private func bomb(megabytes: Int, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("bomb.json.gz").path
        let script = """
            import gzip, sys
            with gzip.open(sys.argv[1], "wb", 9) as out:
                out.write(b'{"format": "replay-trace", "version": 1, "initial_state": {"n": 0}, "events": [')
                out.write(b'{"kind": "call", "name": "a", "patch": [{"op": "replace", "path": "/n", "value": 1}]},')
                out.write(b'{"kind": "call", "name": "b"}, {"kind": "crash", "name": "boom", "error": "bad"}]}')
                for _ in range(int(sys.argv[2])):
                    out.write(b" " * (1 << 20))
            """
        let made = try Subprocess.run(["python3", "-c", script, path, "\(megabytes)"])
        try #require(made.status == 0, "\(made.stderr)")
        return path
    }

    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-gzip-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aSmallFileThatInflatesHugeOpensInLittleMemory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try bomb(megabytes: 300, in: directory)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(size < 1 << 20)
        let (info, peakKilobytes) = try Subprocess.runMeasuringPeak([CLI.binary.path, "info", path, "--json"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("\"events\" : 3") || info.stdout.contains("\"events\":3") || info.stdout.contains("\"events\": 3"))
        // Held in memory, the inflated 300 MB alone would be more than twice this.
        #expect(peakKilobytes < 120_000, "peak \(peakKilobytes) KB")
    }

    @Test func aTemporarySpaceThatCannotTakeItIsSaid() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try bomb(megabytes: 1, in: directory)
        let info = try CLI.run(["info", path], environment: ["TMPDIR": directory.appendingPathComponent("missing").path])
        #expect(info.status == 1)
        #expect(info.stderr.contains("cannot make a temporary file in \(directory.path)/missing to inflate the gzip trace into"))
        #expect(info.stderr.contains("set TMPDIR to a writable directory"))
        #expect(!info.stderr.contains("Fatal error"))
    }
}
