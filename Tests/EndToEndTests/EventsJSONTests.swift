import Foundation
import Testing

/// `events --json` on a trace long enough that half its lines are written on a second core:
/// every line as an independent reader (Python's json) writes it, in order, filters applied,
/// and a broken event ends the output after the lines before it.
@Suite(.timeLimit(.minutes(3))) struct EventsJSONTests {
    /// `scripts/make-big-trace.py --events 40000` in a folder of its own (about 7 MB), and
    /// the listing Python makes of it, with the kind given or every kind.
    final class Setup {
        let made: MadeTrace

        init() throws {
            made = try MadeTrace(events: 40_000)
        }

        var directory: URL { made.directory }
        var trace: String { made.path }

        func expected(kind: String? = nil, path: String? = nil) throws -> String {
            let script = """
                import json, sys
                events = json.load(open(sys.argv[1]))["events"]
                for i, e in enumerate(events):
                    if sys.argv[2] and e["kind"] != sys.argv[2]:
                        continue
                    line = {"index": i, "seq": e.get("seq"), "t": e.get("t"), "kind": e["kind"], "name": e.get("name"),
                            "lane": e.get("lane"), "payload": e.get("payload"), "error": e.get("error")}
                    print(json.dumps(line, separators=(",", ":"), ensure_ascii=False))
                """
            let run = try Subprocess.run(["python3", "-c", script, path ?? trace, kind ?? ""])
            try #require(run.status == 0, "\(run.stderr)")
            return run.stdout
        }
    }

    @Test func everyLineIsWhatAnIndependentReaderWrites() throws {
        let setup = try Setup()
        let all = try CLI.run(["events", setup.trace, "--json", "--no-cache"])
        #expect(all.status == 0 && all.stderr == "")
        #expect(all.stdout == (try setup.expected()))
        let calls = try CLI.run(["events", setup.trace, "--json", "--kind", "crash", "--no-cache"])
        #expect(calls.stdout == (try setup.expected(kind: "crash")))
        #expect(calls.stdout.split(separator: "\n").count == 1)
    }

    @Test func aBrokenEventEndsTheOutputAfterTheLinesBeforeIt() throws {
        let setup = try Setup()
        var text = try String(contentsOfFile: setup.trace, encoding: .utf8)
        let broken = try #require(text.range(of: #""op":"replace""#, range: text.index(text.startIndex, offsetBy: text.utf8.count * 3 / 4)..<text.endIndex))
        text.replaceSubrange(broken, with: #""op":"jump"   "#)
        let path = setup.directory.appendingPathComponent("broken.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLI.run(["events", path, "--json", "--no-cache"])
        #expect(run.status == 1)
        let printed = run.stdout.split(separator: "\n").count
        #expect(run.stderr.contains("#\(printed)"), "\(run.stderr)")
        #expect(try setup.expected(path: path).hasPrefix(run.stdout))
        #expect(printed > 25_000)
    }
}
