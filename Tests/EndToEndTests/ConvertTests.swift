import Foundation
import Testing

/// `convert` writes a native trace with the same state at every position.
@Suite(.timeLimit(.minutes(2))) struct ConvertTests {
    private func converted(_ name: String, ndjson: Bool) throws -> (String, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent(ndjson ? "out.ndjson" : "out.json").path
        let result = try CLI.run(["convert", CLI.fixture(name), "-o", output] + (ndjson ? ["--ndjson"] : []))
        #expect(result.status == 0, "\(result.stderr)")
        return (output, directory)
    }

    @Test(arguments: ["tiny.json", "tiny.ndjson.gz", "bank-crash.json"], [false, true])
    func everyPositionKeepsItsState(_ name: String, ndjson: Bool) throws {
        let (output, directory) = try converted(name, ndjson: ndjson)
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try CLI.run(["info", CLI.fixture(name), "--json"]).stdout
        #expect(try CLI.run(["info", output, "--json"]).stdout == original)
        #expect(try CLI.run(["events", output, "--json"]).stdout == CLI.run(["events", CLI.fixture(name), "--json"]).stdout)
        let count = name.hasPrefix("tiny") ? 5 : 59
        for position in ["start"] + (0..<count).filter({ $0 % 7 == 0 || $0 == count - 1 }).map(String.init) {
            let before = try CLI.run(["state", CLI.fixture(name), "--at", position, "--compact"])
            let after = try CLI.run(["state", output, "--at", position, "--compact"])
            #expect(after.stdout == before.stdout, "\(name) at \(position)")
        }
    }

    @Test func badInputWritesNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out.json").path
        let result = try CLI.run(["convert", CLI.fixture("bad/array.json"), "-o", output])
        #expect(result.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
