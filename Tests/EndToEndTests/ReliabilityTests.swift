import Foundation
import Testing

/// Every bad input gets one clear line and exit 1, quickly; inputs are only read; outputs
/// are written whole.
@Suite(.timeLimit(.minutes(2))) struct ReliabilityTests {
    static let badDirectory = URL(fileURLWithPath: CLI.fixture("bad"))

    static var badFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: badDirectory.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") }.sorted()
    }

    /// Each file in Fixtures/bad, with the message its `.expected` file holds, through
    /// every headless command.
    @Test(arguments: badFiles)
    func badInputIsOneLineAndExitOne(_ name: String) throws {
        let path = Self.badDirectory.appendingPathComponent(name).path
        let expected = try String(contentsOfFile: path + ".expected", encoding: .utf8)
        for command in [["info"], ["state", "--at", "end"], ["diff", "--from", "start", "--to", "end"], ["events"], ["validate"], ["render"]] {
            let started = Date()
            let result = try CLI.run([command[0], path] + command.dropFirst())
            #expect(result.status == 1, "\(command[0]) \(name)")
            #expect(result.stdout == "", "\(command[0]) \(name)")
            #expect(result.stderr == path + expected, "\(command[0]) \(name)")
            #expect(Date().timeIntervalSince(started) < 2, "\(command[0]) \(name) took too long")
        }
    }

    @Test func aFailingPatchNamesTheEventOpAndPath() throws {
        let result = try CLI.run(["validate", "-"], input: Data("""
            {"format": "replay-trace", "initial_state": {"a": 1},
             "events": [{"kind": "x"}, {"kind": "y", "patch": [{"op": "test", "path": "/a", "value": 1}, {"op": "remove", "path": "/b"}]}]}
            """.utf8))
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>: event #1: patch op #1 (remove /b): "))
        let state = try CLI.run(["state", "-", "--at", "end"], input: Data(#"{"events": [{"kind": "y", "patch": [{"op": "replace", "path": "/x", "value": 1}]}]}"#.utf8))
        #expect(state.status == 1)
        #expect(state.stderr.hasPrefix("<stdin>: event #0: patch op #0 (replace /x): "))
    }

    @Test func numbersBeyondDoubleRangeAndDuplicateKeysAreNotErrors() throws {
        let text = #"{"format": "replay-trace", "initial_state": {"big": 1e999999, "n": 123456789012345678901234567890, "a": 1, "a": 2}, "events": []}"#
        let result = try CLI.run(["state", "-", "--at", "start", "--compact"], input: Data(text.utf8))
        #expect(result.status == 0)
        #expect(result.stdout == #"{"big":1e999999,"n":123456789012345678901234567890,"a":2}"# + "\n")
    }

    @Test func inputsAreOnlyEverRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-readonly-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appendingPathComponent("trace.json").path
        try FileManager.default.copyItem(atPath: CLI.fixture("bank-crash.json"), toPath: trace)
        let past = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: trace)
        let before = try Data(contentsOf: URL(fileURLWithPath: trace))
        for arguments in [
            ["info", trace], ["info", trace, "--json"], ["state", trace, "--at", "crash"], ["diff", trace, "--at", "21"],
            ["events", trace, "--json"], ["validate", trace],
            ["render", trace, "--at", "10", "-o", directory.appendingPathComponent("out.txt").path],
        ] {
            #expect(try CLI.run(arguments).status == 0, "\(arguments)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: trace)) == before)
        let attributes = try FileManager.default.attributesOfItem(atPath: trace)
        #expect(attributes[.modificationDate] as? Date == past)
    }

    @Test func outputFilesAreWrittenWholeOrNotAtAll() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("screen.svg").path
        try "old contents".write(toFile: target, atomically: false, encoding: .utf8)
        let result = try CLI.run(["render", CLI.fixture("bank-crash.json"), "--at", "crash", "--format", "svg", "-o", target])
        #expect(result.status == 0)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.hasPrefix("<svg") && written.hasSuffix("</svg>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["screen.svg"])

        let nowhere = directory.appendingPathComponent("missing/screen.svg").path
        let failed = try CLI.run(["render", CLI.fixture("bank-crash.json"), "-o", nowhere])
        #expect(failed.status == 1)
        #expect(failed.stderr == "replay-tui: cannot write \(nowhere): No such file or directory\n")
        let bad = try CLI.run(["render", CLI.fixture("bad/array.json"), "-o", target])
        #expect(bad.status == 1)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == written)
    }
}
