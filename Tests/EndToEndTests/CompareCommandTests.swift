import Foundation
import Testing

/// `replay-tui compare` on the bank example and copies of it edited as text: the first
/// divergence line, --all, --json and cmp's exit codes, compared exactly.
@Suite(.timeLimit(.minutes(2))) struct CompareCommandTests {
    let bank = CLI.fixture("bank-crash.json")

    /// The bank example with `edit` applied to its text, in a fresh directory.
    private func edited(_ edit: (String) -> String) throws -> (String, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("b.json").path
        try edit(try String(contentsOfFile: bank, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        return (path, directory)
    }

    /// Event #12 writes another balance: a state divergence, repaired by #13.
    private func wrongBalance(_ text: String) -> String {
        text.replacingOccurrences(of: #""value": 267500}"#, with: #""value": 167500}"#)
    }

    /// An audit event inserted before event #12.
    private func insertedAudit(_ text: String) -> String {
        text.replacingOccurrences(of: #"{"seq": 13, "#, with: #"{"kind": "cast", "name": "audit", "payload": {"by": "ops"}},"# + "\n    " + #"{"seq": 13, "#)
    }

    @Test func theSameRunExits0() throws {
        for other in [bank, CLI.fixture("bank-crash.json")] {
            let result = try CLI.run(["compare", bank, other])
            #expect(result.status == 0)
            #expect(result.stdout == "same: 59 events correspond and every state after them is the same\n")
            #expect(result.stderr == "")
        }
        let json = try CLI.run(["compare", bank, bank, "--json"])
        #expect(json.stdout == #"{"same":true,"divergences":[]}"# + "\n")
    }

    @Test func aStateDivergenceNamesBothEventsThePathAndTheValues() throws {
        let (b, directory) = try edited(wrongBalance)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["compare", bank, b])
        #expect(result.status == 1)
        #expect(result.stdout == "first divergence: A #12 deposit / B #12 deposit: state differs at /accounts/2/balance: 267500 -> 167500\n")
        let json = try CLI.run(["compare", bank, b, "--json"])
        #expect(json.status == 1)
        #expect(json.stdout == #"{"same":false,"divergences":[{"a":12,"b":12,"what":"state","paths":["/accounts/2/balance"]}]}"# + "\n")
        let ignored = try CLI.run(["compare", bank, b, "--ignore", "/accounts/2/balance"])
        #expect(ignored.status == 0)
    }

    @Test func anEventOnlyInBAndWhatFollowsFromIt() throws {
        let (b, directory) = try edited(insertedAudit)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["compare", bank, b])
        #expect(result.status == 1)
        #expect(result.stdout == "first divergence: B #12 audit: only in B\n")
        let reversed = try CLI.run(["compare", b, bank])
        #expect(reversed.stdout == "first divergence: A #12 audit: only in A\n")
        let json = try CLI.run(["compare", bank, b, "--json"])
        #expect(json.stdout == #"{"same":false,"divergences":[{"a":null,"b":12,"what":"only-in-b","paths":[]}]}"# + "\n")
    }

    @Test func allListsEveryRegionWithWhereItEnds() throws {
        let (b, directory) = try edited { insertedAudit(wrongBalance($0)).replacingOccurrences(of: #""amount": 100}, "error""#, with: #""amount": 101}, "error""#) }
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["compare", bank, b, "--all"])
        #expect(result.status == 1)
        #expect(result.stdout == """
            B #12 audit: only in B
            A #12 deposit / B #13 deposit: state differs at /accounts/2/balance: 267500 -> 167500
            A #22 withdraw / B #23 withdraw: event differs at @payload/amount: 100 -> 101

            """)
        let json = try CLI.run(["compare", bank, b, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let divergences = object["divergences"] as! [[String: Any]]
        #expect(divergences.map { $0["what"] as! String } == ["only-in-b", "state", "event"])
        #expect(divergences[2]["paths"] as? [String] == ["@payload/amount"])
        #expect(try CLI.run(["compare", bank, b, "--ignore", "/accounts/2/balance", "--ignore", "@payload/amount", "--json"]).stdout
            == #"{"same":false,"divergences":[{"a":null,"b":12,"what":"only-in-b","paths":[]}]}"# + "\n")
    }

    /// Usage errors are trouble too, as for cmp, with the usage on stderr as any command's.
    @Test func aUsageErrorIsTroubleExit2() throws {
        for arguments in [["compare"], ["compare", bank], ["compare", bank, bank, "--bogus"], ["compare", "-", "-"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("Usage: replay-tui compare"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func aTraceThatCannotBeReadIsTroubleExit2() throws {
        let bad = CLI.fixture("bad/bad-escape.json")
        let result = try CLI.run(["compare", bank, bad])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == bad + ":2:30: invalid escape '\\q' in a string\n")
        let missing = try CLI.run(["compare", "/nonexistent/a.json", bank])
        #expect(missing.status == 2)
        #expect(missing.stderr == "/nonexistent/a.json: no such file or directory\n")
        let pointer = try CLI.run(["compare", bank, bank, "--ignore", "accounts"])
        #expect(pointer.status == 2)
        #expect(pointer.stderr.contains("invalid JSON pointer 'accounts'"))
    }

    @Test func aReplayxRecordingAndItsConversionAreTheSameRun() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let recording = root.appendingPathComponent("examples/replayx-bank.json").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let native = directory.appendingPathComponent("native.json").path
        #expect(try CLI.run(["convert", recording, "-o", native]).status == 0)
        let result = try CLI.run(["compare", recording, native])
        #expect(result.status == 0, "\(result.stdout)")
    }
}
