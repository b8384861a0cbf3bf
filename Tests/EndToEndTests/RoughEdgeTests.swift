import Foundation
import Testing

/// Rough edges a new user hit on the command line, each said plainly now.
@Suite(.timeLimit(.minutes(5))) struct RoughEdgeTests {
    let bank = CLI.fixture("bank-crash.json")

    @Test func versionPrintsAVersion() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("replay-tui 0."))
    }

    @Test func renderBelowTheSmallestScreenIsAnError() throws {
        let result = try CLI.run(["render", bank, "--size", "20x5", "--format", "text"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "replay-tui: render: 20x5 is smaller than the debugger's screen; the smallest is 60x16\n")
    }

    @Test func aNegativePositionSaysSo() throws {
        let result = try CLI.run(["state", bank, "--at", "-1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("-1 is a negative position: a position is start, crash, end or an event number from 0"))
        let word = try CLI.run(["diff", bank, "--from", "later", "--to", "3"])
        #expect(word.stderr.contains("'later' is not a position"))
    }

    @Test func aPathWithoutASlashSaysSoWithTheCommandsUsage() throws {
        let result = try CLI.run(["state", bank, "--path", "accounts/3"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("a JSON pointer must be empty or start with '/'"))
        #expect(result.stderr.contains("Usage: replay-tui state"))
    }

    @Test func validateCountsOneErrorInTheSingular() throws {
        let trace = #"{"format": "replay-trace", "events": [{"kind": "call", "error": "no"}, {"kind": "call"}]}"#
        let result = try CLI.run(["validate", "-"], input: Data(trace.utf8))
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix(", 1 error\n"))
    }
}
