import Foundation
import Testing

/// The headless subcommands, run as a process on fixture traces, output compared exactly.
@Suite(.timeLimit(.minutes(5))) struct HeadlessCommandTests {
    let tiny = CLI.fixture("tiny.json")

    @Test func infoText() throws {
        let result = try CLI.run(["info", tiny])
        #expect(result.status == 0)
        #expect(result.stdout == """
            file      \(tiny)
            format    replay-trace
            title     tiny counter
            events    5
            crash     #4: bad argument in arithmetic expression
            errors    2 (#2, #4)
            duration  31.25 ms
            kinds     call 2, cast 1, info 1, crash 1

            """)
    }

    @Test(arguments: ["tiny.json", "tiny.ndjson", "tiny.ndjson.gz"])
    func infoJSONIsTheSameForEveryForm(_ name: String) throws {
        let result = try CLI.run(["info", CLI.fixture(name), "--json"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let info = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(info["format"] as? String == "replay-trace")
        #expect(info["events"] as? Int == 5)
        #expect(info["errors"] as? Int == 2)
        #expect(info["duration_ms"] as? Double == 31.25)
        let crash = info["crash"] as! [String: Any]
        #expect(crash["index"] as? Int == 4)
        #expect(crash["reason"] as? String == "bad argument in arithmetic expression")
        #expect(crash["inferred"] as? Bool == false)
    }

    @Test func infoReadsStandardInput() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("tiny.ndjson.gz")))
        let result = try CLI.run(["info", "-", "--json"], input: data)
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""events": 5"#))
    }

    @Test func stateKeepsNumbersAndKeyOrderExactly() throws {
        let result = try CLI.run(["state", tiny, "--at", "3", "--compact"])
        #expect(result.status == 0)
        #expect(result.stdout == #"{"count":1,"big":9007199254740993,"rate":1e999999,"tags":["a","b","c"],"note":"ok"}"# + "\n")
    }

    @Test func stateAtNamedPositions() throws {
        let start = try CLI.run(["state", tiny, "--at", "start", "--compact"])
        #expect(start.stdout == #"{"count":0,"big":9007199254740993,"rate":0.1,"tags":["a","c"]}"# + "\n")
        let crash = try CLI.run(["state", tiny, "--at", "crash"])
        #expect(crash.stdout == "{\n  \"count\": -4\n}\n")
        let end = try CLI.run(["state", CLI.fixture("tiny.ndjson.gz"), "--at", "end", "--compact"])
        #expect(end.stdout == #"{"count":-4}"# + "\n")
    }

    @Test func statePath() throws {
        let result = try CLI.run(["state", tiny, "--at", "1", "--path", "/tags/1"])
        #expect(result.stdout == "\"b\"\n")
        let missing = try CLI.run(["state", tiny, "--at", "1", "--path", "/nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "\(tiny): the state at #1 has no value at /nope\n")
    }

    @Test func diffAtAnEvent() throws {
        let result = try CLI.run(["diff", tiny, "--at", "3"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            ~ /rate 0.1 -> 1e999999
            + /note "ok"

            """)
        let none = try CLI.run(["diff", tiny, "--at", "2"])
        #expect(none.stdout == "no changes\n")
    }

    @Test func diffJSONBackwards() throws {
        let result = try CLI.run(["diff", tiny, "--from", "end", "--to", "1", "--json"])
        #expect(result.status == 0)
        let changes = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(changes.count >= 1)
        #expect(changes.allSatisfy { ["add", "remove", "replace"].contains($0["op"] as? String) })
    }

    @Test func eventsTable() throws {
        let result = try CLI.run(["events", tiny])
        #expect(result.status == 0)
        #expect(result.stdout == """
              #0           0  call   inc       {"by":1}
              #1         5.5  cast   tag       {"tag":"b"}
            ! #2          12  call   dec       {"by":5}  ! would go negative
              #3          20  info   rate
            X #4       31.25  crash  badarith  ! bad argument in arithmetic expression

            """)
    }

    @Test func eventsFiltersAndNDJSON() throws {
        let errors = try CLI.run(["events", tiny, "--errors", "--json"])
        let lines = errors.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == #"{"index":2,"seq":3,"t":12,"kind":"call","name":"dec","lane":null,"payload":{"by":5},"error":"would go negative"}"#)
        let byKind = try CLI.run(["events", tiny, "--kind", "cast", "--json"])
        #expect(byKind.stdout.split(separator: "\n").count == 1)
        let grep = try CLI.run(["events", tiny, "--grep", "TAG", "--json"])
        #expect(grep.stdout.contains(#""name":"tag""#))
        #expect(grep.stdout.split(separator: "\n").count == 1)
    }

    @Test func validateSummarises() throws {
        let result = try CLI.run(["validate", tiny])
        #expect(result.status == 0)
        #expect(result.stdout == "\(tiny): ok: replay-trace, 5 events, crash at #4, 2 errors\n")
    }

    @Test func syntaxErrorsNameFileLineAndColumn() throws {
        let bad = CLI.fixture("bad-syntax.json")
        for command in ["info", "state", "diff", "events", "validate"] {
            var arguments = [command, bad]
            if command == "diff" { arguments += ["--at", "0"] }
            let result = try CLI.run(arguments)
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout == "", "\(command)")
            #expect(result.stderr == "\(bad):2:42: expected ',' or ']' after an array element, found '}'\n", "\(command)")
        }
    }

    @Test func missingFilesAndDirectoriesAreClearErrors() throws {
        let missing = try CLI.run(["info", "/no/such/trace.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "/no/such/trace.json: no such file or directory\n")
        let directory = try CLI.run(["info", CLI.productsDirectory.path])
        #expect(directory.status == 1)
        #expect(directory.stderr == "\(CLI.productsDirectory.path): is a directory, not a trace file\n")
    }

    @Test func positionsOutOfRangeAreDataErrors() throws {
        let result = try CLI.run(["state", tiny, "--at", "5"])
        #expect(result.status == 1)
        #expect(result.stderr == "\(tiny): there is no event #5: events are #0...#4\n")
    }
}

/// The bundled example the README opens: both forms load, validate and agree everywhere.
@Suite(.timeLimit(.minutes(5))) struct ExampleTraceTests {
    let json = CLI.fixture("bank-crash.json")

    @Test func validatesWithItsCrashAndErrors() throws {
        let result = try CLI.run(["validate", json])
        #expect(result.status == 0)
        #expect(result.stdout == "\(json): ok: replay-trace, 59 events, crash at #58, 5 errors\n")
    }

    @Test func exactValuesSurvive() throws {
        let result = try CLI.run(["state", json, "--at", "11", "--path", "/audit/last_tx"])
        #expect(result.stdout == "9007199254740993\n")
    }

    @Test func aMoveShowsAsRemoveAndAdd() throws {
        let moved = try CLI.run(["diff", json, "--at", "21"])
        #expect(moved.stdout == """
            - /accounts/4/limits {"daily":500000,"overdraft":0}
            ~ /accounts/4/status "open" -> "frozen"
            + /frozen_limits {"daily":500000,"overdraft":0}

            """)
    }
}

/// Recordings cut off mid-write open with every complete event and a warning.
@Suite(.timeLimit(.minutes(5))) struct TruncatedTraceTests {
    @Test(arguments: [
        ("truncated.json", 1, "9:5: trace is truncated after event #0; showing 1 complete events"),
        ("truncated.ndjson", 2, "4:1: trace is truncated after event #1; showing 2 complete events"),
        ("truncated.ndjson.gz", 3, "5:1: trace is truncated after event #2; showing 3 complete events"),
    ])
    func openWithEveryCompleteEventAndAWarning(_ name: String, _ events: Int, _ warning: String) throws {
        let path = CLI.fixture(name)
        let info = try CLI.run(["info", path, "--json"])
        #expect(info.status == 0)
        #expect(info.stdout.contains("\"events\": \(events),"))
        #expect(info.stderr.contains("\(path):\(warning)\n"))
        for arguments in [["state", path, "--at", "end"], ["diff", path, "--at", "0"], ["events", path]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stderr.contains("\(path):\(warning)"), "\(arguments)")
        }
        let validate = try CLI.run(["validate", path])
        #expect(validate.status == 1)
        #expect(validate.stdout == "")
        #expect(validate.stderr.contains("\(path):\(warning)"))
    }

    @Test func aGzipCutIsNamedToo() throws {
        let path = CLI.fixture("truncated.ndjson.gz")
        let result = try CLI.run(["info", path])
        #expect(result.stderr.hasPrefix("\(path): the gzip stream is cut off; reading what inflated before the cut\n"))
    }

    @Test func aCutBeforeTheEventsIsAnError() throws {
        let result = try CLI.run(["info", "-"], input: Data(#"{"format": "replay-trace", "initial_state": {"a": [1, 2"#.utf8))
        #expect(result.status == 1)
        #expect(result.stderr == "<stdin>:1:56: unexpected end of input, expected ',' or ']'\n")
    }
}

/// `render` draws the debugger's screen; themes and NO_COLOR decide its colours.
@Suite(.timeLimit(.minutes(5))) struct RenderCommandTests {
    let trace = CLI.fixture("bank-crash.json")

    @Test func textIsTheScreenTheUIShows() throws {
        let result = try CLI.run(["render", trace, "--at", "crash", "--size", "100x30"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 31)
        #expect(lines[0].hasPrefix(" ❚❚ 1x  │ #58 of 59  crash badarith"))
        #expect(lines[29].hasPrefix(" ✖ CRASH at #58: ArithmeticError: bad argument in arithmetic expression at lib/bank/server.ex:88"))
    }

    @Test func themesAndNoColor() throws {
        // An empty value removes the variable, whatever the test runner's environment holds.
        let dark = try CLI.run(["render", trace, "--format", "ansi"], environment: ["NO_COLOR": ""])
        #expect(dark.stdout.contains("38;2;"))
        let mono = try CLI.run(["render", trace, "--format", "ansi", "--theme", "mono"], environment: ["NO_COLOR": ""])
        #expect(!mono.stdout.contains("38;2;"))
        let noColor = try CLI.run(["render", trace, "--format", "ansi"], environment: ["NO_COLOR": "1"])
        #expect(noColor.stdout == mono.stdout)
        let named = try CLI.run(["render", trace, "--format", "ansi", "--theme", "light"], environment: ["NO_COLOR": "1"])
        #expect(named.stdout.contains("38;2;"))
        let unknown = try CLI.run(["render", trace, "--theme", "neon"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no theme \"neon\" (built in: dark, light, mono)"))
    }

    @Test func anOwnThemeFileWorks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var dark = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes/dark.json").path, encoding: .utf8)
        dark = dark.replacingOccurrences(of: "\"#ff5c6a\"", with: "\"#123456\"")
        try dark.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["render", trace, "--at", "crash", "--format", "ansi", "--theme", path], environment: ["NO_COLOR": ""])
        #expect(result.stdout.contains("38;2;18;52;86"))
    }
}
