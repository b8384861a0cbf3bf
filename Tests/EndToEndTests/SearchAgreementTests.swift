import Foundation
import ReplayCore
import Testing

/// `events --grep` and the debugger's `/` find the same events: on every sample trace the
/// project ships, for needles taken from the trace itself, the CLI (in the syntax the
/// debugger shows the trace in) lists exactly the events ``EventSearch`` matches, which is
/// what `/` steps through.
@Suite(.timeLimit(.minutes(3))) struct SearchAgreementTests {
    @Test func theCLIFindsTheEventsTheDebuggerFinds() throws {
        let longTrace = try longPayloadTrace()
        defer { try? FileManager.default.removeItem(atPath: longTrace) }
        let traces = try sampleTraces() + [longTrace]
        #expect(traces.count >= 20, "\(traces)")
        var needlesTried = 0
        var matchesSeen = 0
        for path in traces {
            guard let trace = try? TraceLoader.load(path: path) else { continue }
            let events = try (0..<trace.count).map { (index: Int) throws(TraceError) in try trace.events.event(index) }
            let syntax = ValueSyntax(for: trace)
            for needle in needles(in: events, syntax: syntax) {
                let search = EventSearch(needle, syntax: syntax)
                let expected = events.filter(search.matches).map(\.index)
                let result = try CLI.run(["events", path, "--grep", needle, "--json", "--syntax", syntax.language == .elixir ? "elixir" : "json"])
                #expect(result.status == 0, "\(path) --grep \(needle): \(result.stderr)")
                let listed = try result.stdout.split(separator: "\n").map { line in
                    try JSONValue(parsing: String(line))["index"]?.numberValue?.literal ?? ""
                }
                #expect(listed == expected.map(String.init), "\(path) --grep \(needle)")
                needlesTried += 1
                matchesSeen += expected.count
            }
        }
        #expect(needlesTried >= 100 && matchesSeen >= 100, "\(needlesTried) needles, \(matchesSeen) matches")
        let long = try CLI.run(["events", longTrace, "--grep", "ZEBRA", "--json"])
        #expect(long.stdout.split(separator: "\n").map { try? JSONValue(parsing: String($0))["index"] } == [1])
    }

    /// Texts to look for in `events`: a kind, names, an error's word, an uppercase name, words
    /// from payloads (one from past 4,096 characters when a payload is that long), spellings
    /// only Elixir writes (in Elixir) or only JSON does, and one found nowhere.
    private func needles(in events: [Event], syntax: ValueSyntax) -> [String] {
        var needles: Set<String> = ["no such text anywhere"]
        if let first = events.first { needles.insert(first.kind) }
        for event in [events.first, events.dropFirst(events.count / 2).first].compactMap({ $0 }) {
            if let name = event.name { needles.formUnion([name, name.uppercased()]) }
        }
        if let error = events.lazy.compactMap(\.error).first, let word = word(in: error, at: error.count / 2) {
            needles.insert(word)
        }
        let payloads = events.compactMap(\.payload).map { (try? syntax.text($0)) ?? $0.jsonText(.compact) }
        if let longest = payloads.max(by: { $0.count < $1.count }) {
            let last = longest.lastIndex(where: \.isLetter).map { longest.distance(from: longest.startIndex, to: $0) }
            if let word = word(in: longest, at: longest.count > 4_096 ? last ?? 0 : longest.count / 2) { needles.insert(word) }
        }
        if let last = payloads.last, let word = word(in: last, at: last.count / 3) { needles.insert(word) }
        needles.formUnion(syntax.language == .elixir ? ["%{", "{:", ": :", #""@atom""#] : [#"":"#, "[{", "null"])
        return needles.sorted()
    }

    /// The run of letters and digits around `offset` in `text`, when it has 3 or more.
    private func word(in text: String, at offset: Int) -> String? {
        let characters = Array(text)
        guard characters.indices.contains(offset) else { return nil }
        let isWordy = { (character: Character) in character.isLetter || character.isNumber }
        var start = offset
        var end = offset
        while start > 0, isWordy(characters[start - 1]) { start -= 1 }
        while end < characters.count, isWordy(characters[end]) { end += 1 }
        return end - start >= 3 ? String(characters[start..<end]) : nil
    }

    /// The traces the project ships (examples, test fixtures, otel-ai session folders).
    private func sampleTraces() throws -> [String] {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = FileManager.default
        var paths: [String] = []
        for folder in ["examples", "Tests/EndToEndTests/Fixtures"] {
            let directory = repository.appendingPathComponent(folder)
            for name in try files.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".json") || name.hasSuffix(".ndjson") || name.hasSuffix(".gz") {
                paths.append(directory.appendingPathComponent(name).path)
            }
        }
        let fixtures = repository.appendingPathComponent("Tests/ReplayCoreTests/Fixtures")
        for case let relative as String in files.enumerator(atPath: fixtures.path)! {
            let path = fixtures.appendingPathComponent(relative).path
            if relative.hasSuffix(".expected") || relative.hasSuffix(".py") { continue }
            if relative.hasSuffix("/metadata.json") && files.fileExists(atPath: path.replacingOccurrences(of: "metadata.json", with: "raw")) {
                paths.append(URL(fileURLWithPath: path).deletingLastPathComponent().path)
            } else if !relative.contains("otel-ai/sessions/") {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    /// A native trace whose second event's payload ends, past 4,096 characters, in `zebra`,
    /// written to a temporary file the test removes.
    private func longPayloadTrace() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("search-agreement-\(getpid()).json").path
        let body = String(repeating: "lorem ", count: 800) + "zebra"
        let trace = """
            {"format": "replay-trace", "version": 1, "initial_state": {}, "events": [
              {"kind": "cast", "name": "short", "payload": {"text": "hello"}},
              {"kind": "cast", "name": "long", "payload": {"text": "\(body)"}}
            ]}
            """
        try trace.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
