import Foundation
import Testing

/// `replay-tui find` on the bank example: the issue's expressions, --from, --all, --json,
/// none found, malformed expressions and data errors, output compared exactly.
@Suite(.timeLimit(.minutes(5))) struct FindTests {
    let bank = CLI.fixture("bank-crash.json")

    @Test func theFirstEventAfterWhichTheExpressionHolds() throws {
        let ledger = try CLI.run(["find", bank, "len(/ledger) > 3"])
        #expect(ledger.status == 0)
        #expect(ledger.stdout == "#5 transfer\n")
        #expect(ledger.stderr == "")
        let withdraw = try CLI.run(["find", bank, #"@name =~ "^with" and not exists(/frozen)"#])
        #expect(withdraw.stdout == "#3 withdraw\n")
        let frozen = try CLI.run(["find", bank, #"@name =~ "^with" and not /accounts/4/status == "frozen""#, "--all"])
        #expect(frozen.stdout.split(separator: "\n").first == "#3 withdraw")
        #expect(!frozen.stdout.contains("#22 "), "#22 withdraws from the account frozen at #21")
    }

    @Test func allPositionsAsTextAndJSON() throws {
        let all = try CLI.run(["find", bank, #"@name =~ "^with" and not exists(/frozen)"#, "--all"])
        #expect(all.status == 0)
        #expect(all.stdout == ["#3", "#6", "#22", "#30", "#31", "#32", "#33", "#34", "#40", "#51", "#56"].map { $0 + " withdraw\n" }.joined())
        let json = try CLI.run(["find", bank, #"changed(/stats/failed) and @kind == "cast""#, "--all", "--json"])
        #expect(json.status == 0)
        #expect(json.stdout == """
            {"index":7,"name":"stats"}
            {"index":23,"name":"stats"}

            """)
        for line in json.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(object["name"] as? String == "stats")
        }
    }

    @Test func fromSearchesTheEventsAfterThatPosition() throws {
        let next = try CLI.run(["find", bank, "len(/ledger) > 3", "--from", "5"])
        #expect(next.stdout == "#6 withdraw\n")
        let fromStart = try CLI.run(["find", bank, "len(/ledger) > 3", "--from", "start"])
        #expect(fromStart.stdout == "#5 transfer\n")
        let error = try CLI.run(["find", bank, "exists(@error)", "--from", "#22", "--json"])
        #expect(error.stdout == #"{"index":40,"name":"withdraw"}"# + "\n")
        let afterCrash = try CLI.run(["find", bank, "len(/ledger) > 3", "--from", "crash"])
        #expect(afterCrash.status == 1)
        #expect(afterCrash.stdout == "")
        #expect(afterCrash.stderr == "no event after crash where len(/ledger) > 3 holds\n")
    }

    @Test func noneFoundSaysSoAndExits1() throws {
        for expression in ["/accounts/1/balance < 0", #"changed(/stats/failed) and @kind == "call""#] {
            let result = try CLI.run(["find", bank, expression, "--all"])
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr == "no event where \(expression) holds\n")
        }
        let after = try CLI.run(["find", bank, "@index == 3", "--from", "3", "--json"])
        #expect(after.status == 1)
        #expect(after.stderr == "no event after #3 where @index == 3 holds\n")
    }

    @Test func aMalformedExpressionIsAUsageErrorWithItsColumn() throws {
        let result = try CLI.run(["find", bank, "/accounts/1/balance <"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.split(separator: "\n").first == "Error: expression:1:22: expected a value after '<'")
        let unknown = try CLI.run(["find", bank, "@nme == 1"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("Error: expression:1:1: unknown event field '@nme'"))
    }

    @Test func dataErrorsAreReportedLikeTheOtherCommands() throws {
        let outside = try CLI.run(["find", bank, "@index == 3", "--from", "99"])
        #expect(outside.status == 1)
        #expect(outside.stderr == "\(bank): there is no event #99: events are #0...#58\n")
        let badPatch = CLI.fixture("bad-patch.json")
        let replayed = try CLI.run(["find", badPatch, "exists(/nowhere)"])
        #expect(replayed.status == 1)
        #expect(replayed.stderr == "\(badPatch): event #1: patch op #0 (remove /missing): path does not exist\n")
    }

    @Test func readsStandardInput() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: bank))
        let result = try CLI.run(["find", "-", "@t > 10000 and @kind == \"crash\""], input: data)
        #expect(result.status == 0)
        #expect(result.stdout == "#58 badarith\n")
    }
}

/// The `find` sessions shown in README.md and docs/queries.md, run as written.
@Suite(.timeLimit(.minutes(5))) struct FindDocsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$ replay-tui find examples/bank-crash.json 'EXPR' ARGS...` lines, each with the
    /// lines after it up to the next `$` line or the end of the code block.
    static func sessions(in page: String) -> [(arguments: [String], output: String)] {
        var sessions: [(arguments: [String], output: String)] = []
        var inSession = false
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("$ replay-tui find ") {
                let parts = line.split(separator: "'", omittingEmptySubsequences: false)
                let head = parts[0].split(separator: " ").dropFirst(2).map(String.init)
                let tail = parts[2].split(separator: " ").map(String.init)
                sessions.append((head + [String(parts[1])] + tail, ""))
                inSession = true
            } else if line.hasPrefix("```") || line.hasPrefix("$ ") {
                inSession = false
            } else if inSession {
                sessions[sessions.count - 1].output += line + "\n"
            }
        }
        return sessions
    }

    @Test(arguments: ["README.md", "docs/queries.md"])
    func sessionsPrintWhatThePageShows(_ page: String) throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent(page), encoding: .utf8)
        let sessions = Self.sessions(in: text)
        #expect(sessions.count == 4)
        for session in sessions {
            let arguments = session.arguments.map { $0 == "examples/bank-crash.json" ? CLI.fixture("bank-crash.json") : $0 }
            let result = try CLI.run(arguments)
            #expect(result.stdout + result.stderr == session.output, "\(page): find \(session.arguments.joined(separator: " "))")
        }
    }
}
