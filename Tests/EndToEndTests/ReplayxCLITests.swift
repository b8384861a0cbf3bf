import Foundation
import Testing

/// A Replayx recording of Tests/ReplayCoreTests/Fixtures/replayx.
private func replayx(_ name: String) -> String {
    CLI.coreFixture("replayx/" + name)
}

/// `--syntax elixir` and the Replayx format through the command line, as a user runs them.
@Suite(.timeLimit(.minutes(5))) struct ReplayxCLITests {
    let bank = replayx("a_bank_crash.json")

    @Test(arguments: ["a_bank_crash.json", "a_bank_crash.json.gz", "e_binary_jobqueue.etf", "e_binary_jobqueue.etf.gz"])
    func infoNamesTheFormat(_ name: String) throws {
        for arguments in [["info", replayx(name), "--json"], ["info", replayx(name), "--json", "--format", "replayx"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 0)
            let info = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
            #expect(info["format"] as? String == "replayx")
            #expect(info["events"] as? Int == (name.hasPrefix("a_") ? 12 : 11))
        }
    }

    @Test func binaryFromStandardInput() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: replayx("e_binary_jobqueue.etf")))
        let result = try CLI.run(["events", "-", "--syntax", "elixir"], input: data)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("   #0  "))
        #expect(result.stdout.contains(#"cast  enqueue  {:enqueue, %{attempts: 0, id: "resize-image"}}"#))
    }

    @Test func stateInElixir() throws {
        let result = try CLI.run(["state", bank, "--at", "3", "--syntax", "elixir"])
        #expect(result.status == 0)
        #expect(result.stdout == #"%{balance: 307, fees_paid: 3, history: [{:withdraw, 40}, {:deposit, 250, 1795402386839}, {:deposit, 100, 1795402386839}], owner: "alice", replayx_recorder: #PID<0.104.0>, statements: 0}"# + "\n")
        let path = try CLI.run(["state", bank, "--at", "3", "--path", "/history/0", "--syntax", "elixir"])
        #expect(path.stdout == "{:withdraw, 40}\n")
    }

    /// Without `--syntax` every command writes a Replayx trace's values in Elixir, as the
    /// debugger shows them, so a search for what the UI shows finds it.
    @Test func elixirIsTheDefaultForErlangTerms() throws {
        let grep = try CLI.run(["events", bank, "--grep", ":withdraw"])
        #expect(grep.status == 0)
        #expect(grep.stdout.contains("{:withdraw, 40}"))
        let state = try CLI.run(["state", bank, "--at", "3", "--path", "/history/0"])
        #expect(state.stdout == "{:withdraw, 40}\n")
        let history = try CLI.run(["history", bank, "/balance"])
        #expect(history.status == 0)
        #expect(!history.stdout.contains("@"))
        let diff = try CLI.run(["diff", bank, "--at", "3"])
        #expect(diff.stdout.contains("{:withdraw, 40}"))
    }

    @Test func stateInJSONIsTheLosslessForm() throws {
        let result = try CLI.run(["state", bank, "--at", "3", "--path", "/history/0", "--compact", "--syntax", "json"])
        #expect(result.stdout == #"{"@tuple":[{"@atom":"withdraw"},40]}"# + "\n")
        let balance = try CLI.run(["state", bank, "--at", "3", "--path", "/balance", "--syntax", "json"])
        #expect(balance.stdout == "307\n")
    }

    @Test func eventsJSONWithElixirValues() throws {
        let result = try CLI.run(["events", bank, "--json", "--syntax", "elixir", "--name", "withdraw"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(first["payload"] as? String == "{:withdraw, 40}")
        let extra = first["extra"] as! [String: Any]
        #expect(extra["from"] as? String == "{#PID<0.96.0>, [:alias | #Reference<0.3910526963.3524067330.33226>]}")
        #expect(extra["rand"] as? String == "[3.0]")
        let json = try CLI.run(["events", bank, "--json", "--name", "withdraw", "--syntax", "json"])
        #expect(json.stdout.hasPrefix(#"{"index":3,"seq":3,"t":null,"kind":"call","name":"withdraw","lane":"nonode@nohost","payload":{"@tuple":[{"@atom":"withdraw"},40]},"#))
    }

    @Test func grepSearchesTheElixirText() throws {
        let result = try CLI.run(["events", bank, "--syntax", "elixir", "--grep", #"{:audit, "bob"}"#])
        #expect(result.stdout.hasPrefix("   #5           -  info  audit"))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    /// A recording that stopped normally, or on a shutdown, says how in `info`.
    @Test(arguments: [":normal", "{:shutdown, :idle_timeout}"])
    func infoSaysHowANormalStopEnded(_ reason: String) throws {
        let recording = Data(#"{"events": [], "metadata": {"elixir": "1.14.0", "node": "a@host", "crash_reason": "\#(reason)"}}"#.utf8)
        let text = try CLI.run(["info", "-"], input: recording)
        #expect(text.status == 0)
        #expect(text.stdout.contains("crash     none\nstopped   \(reason)\n"))
        let json = try CLI.run(["info", "-", "--json"], input: recording)
        let info = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(info["stopped"] as? String == reason)
        #expect(info["crash"] is NSNull)
    }

    @Test func theCrashCarriesItsReason() throws {
        let result = try CLI.run(["events", bank, "--errors", "--syntax", "elixir"])
        #expect(result.stdout.hasPrefix(#"X #11           -  call  deposit             {:deposit, "100"}  ! {:badarith, [{:erlang, :+, [329, "100"]"#))
    }

    @Test func diffInElixir() throws {
        let text = try CLI.run(["diff", bank, "--at", "3", "--syntax", "elixir"])
        #expect(text.stdout == "~ /balance 350 -> 307\n~ /fees_paid 0 -> 3\n+ /history/0 {:withdraw, 40}\n")
        let json = try CLI.run(["diff", bank, "--from", "0", "--to", "1", "--syntax", "elixir", "--json"])
        let changes = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(changes.first?["path"] as? String == "/balance")
        #expect(changes.first?["old"] as? String == "100")
        #expect(changes.contains { $0["new"] as? String == "{:deposit, 250, 1795402386839}" })
    }

    @Test func aConvertedRecordingStillReadsAsElixir() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replayx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let converted = directory.appendingPathComponent("bank.json").path
        #expect(try CLI.run(["convert", bank, "-o", converted]).status == 0)
        let state = try CLI.run(["state", converted, "--at", "3", "--path", "/history/0", "--syntax", "elixir"])
        #expect(state.stdout == "{:withdraw, 40}\n")
    }

    @Test func otherTracesMapJSONToElixirNaturally() throws {
        let tiny = CLI.fixture("tiny.json")
        let crash = try CLI.run(["state", tiny, "--at", "crash", "--syntax", "elixir"])
        #expect(crash.stdout == #"%{"count" => -4}"# + "\n")
        let events = try CLI.run(["events", tiny, "--syntax", "elixir", "--kind", "cast"])
        #expect(events.stdout.contains(#"%{"tag" => "b"}"#))
    }

    @Test func aValueElixirCannotHoldIsAClearError() throws {
        let tiny = CLI.fixture("tiny.json")
        let result = try CLI.run(["state", tiny, "--at", "3", "--syntax", "elixir"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "\(tiny): the state at #3 cannot be written in Elixir: at /rate: 1e999999 is beyond the range of a float\n")
    }

    @Test func malformedRecordingsAreErrorsNamingTheRecord() throws {
        let bad = Data(#"{"metadata": {}, "events": [{"type": "message", "seq": 0, "kind": "call", "from": "g2QAA25pbA==", "payload": "%%"}]}"#.utf8)
        let result = try CLI.run(["info", "-"], input: bad)
        #expect(result.status == 1)
        #expect(result.stderr == "<stdin>: events[0]: payload: invalid Base64: unexpected character '%' at offset 0\n")
        let truncated = try CLI.run(["info", "-"], input: Data([131, 80, 0, 0, 0, 40, 120, 1]))
        #expect(truncated.status == 1)
        #expect(truncated.stderr.hasPrefix("<stdin>: not a valid Erlang term: "))
    }
}
