import Foundation
import Testing

/// `history` and `blame` run as a process on the bundled bank example and fixtures.
@Suite(.timeLimit(.minutes(5))) struct HistoryCommandTests {
    let bank = CLI.fixture("bank-crash.json")
    let tiny = CLI.fixture("tiny.json")

    private func lines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func historyListsReplacementsCreationsAndRemovals() throws {
        let status = try CLI.run(["history", bank, "/accounts/4/status"])
        #expect(status.status == 0)
        // #35 closes account #3: account #5 shifts into /accounts/4.
        #expect(status.stdout == """
            #21 freeze "open" -> "frozen"
            #35 close_account "frozen" -> "open"

            """)
        let audit = try CLI.run(["history", bank, "/audit"])
        #expect(audit.stdout == """
            #11 audit + {"last_tx":9007199254740993,"ok":true}
            #36 rate_update - {"last_tx":9007199254740993,"ok":true}

            """)
        let moved = try CLI.run(["history", bank, "/frozen_limits"])
        #expect(moved.stdout == "#21 freeze + {\"daily\":500000,\"overdraft\":0}\n")
    }

    @Test func historyJSONLeavesOutAbsentValues() throws {
        let result = try CLI.run(["history", bank, "/audit", "--json"])
        #expect(result.status == 0)
        let changes = lines(result.stdout)
        #expect(changes.count == 2)
        #expect(changes[0]["index"] as? Int == 11)
        #expect(changes[0]["name"] as? String == "audit")
        #expect(changes[0]["old"] == nil)
        #expect((changes[0]["new"] as? [String: Any])?["ok"] as? Bool == true)
        #expect(changes[1]["index"] as? Int == 36)
        #expect(changes[1]["old"] != nil)
        #expect(changes[1].keys.sorted() == ["index", "name", "old"])
        // Exact numbers, as recorded.
        #expect(result.stdout.contains("9007199254740993"))
    }

    @Test func historyOfAnArrayElementAndOfTheRoot() throws {
        let result = try CLI.run(["history", tiny, "/tags/1", "--json"])
        #expect(result.stdout == """
            {"index":1,"name":"tag","old":"c","new":"b"}
            {"index":4,"name":"badarith","old":"b"}

            """)
        let root = try CLI.run(["history", tiny, ""])
        #expect(root.stdout.split(separator: "\n").map { $0.split(separator: " ").first! } == ["#0", "#1", "#3", "#4"])
    }

    @Test func anEventWithoutANameIsNamedByItsKind() throws {
        let trace = Data(#"{"initial_state": {"n": 0}, "events": [{"kind": "tick", "patch": [{"op": "replace", "path": "/n", "value": 1}]}]}"#.utf8)
        #expect(try CLI.run(["history", "-", "/n"], input: trace).stdout == "#0 tick 0 -> 1\n")
        #expect(try CLI.run(["history", "-", "/n", "--json"], input: trace).stdout == #"{"index":0,"name":null,"old":0,"new":1}"# + "\n")
        #expect(try CLI.run(["blame", "-", "/n", "--at", "end"], input: trace).stdout == "#0 tick  1\n")
    }

    @Test func noChangePrintsNothingAndSucceeds() throws {
        let result = try CLI.run(["history", bank, "/accounts/0/id"])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "no event changed the value at /accounts/0/id\n")
        let json = try CLI.run(["history", bank, "/never/there", "--json"])
        #expect(json.status == 0)
        #expect(json.stdout == "" && json.stderr == "")
    }

    @Test func blameAtEndCrashAndAnEvent() throws {
        let end = try CLI.run(["blame", bank, "/accounts/4/status", "--at", "end"])
        #expect(end.status == 0)
        #expect(end.stdout == "#35 close_account  \"open\"\n")
        let before = try CLI.run(["blame", bank, "/accounts/4/status", "--at", "20"])
        #expect(before.stdout == "initial state  \"open\"\n")
        let crash = try CLI.run(["blame", bank, "/audit", "--at", "crash"])
        #expect(crash.stdout == "#36 rate_update  (absent)\n")
        let at = try CLI.run(["blame", bank, "/audit", "--at", "#11"])
        #expect(at.stdout == "#11 audit  {\"last_tx\":9007199254740993,\"ok\":true}\n")
    }

    @Test func blameJSON() throws {
        let changed = lines(try CLI.run(["blame", bank, "/accounts/1/balance", "--at", "crash", "--json"]).stdout)
        #expect(changed.count == 1)
        #expect(changed[0]["index"] is Int)
        #expect(changed[0]["name"] is String)
        #expect(changed[0]["value"] is Int)
        let initial = lines(try CLI.run(["blame", tiny, "/rate", "--at", "start", "--json"]).stdout)
        #expect(initial[0]["index"] is NSNull)
        #expect(initial[0]["name"] is NSNull)
        #expect(initial[0]["value"] as? Double == 0.1)
        let removed = try CLI.run(["blame", tiny, "/rate", "--at", "end", "--json"])
        #expect(removed.stdout == #"{"index":4,"name":"badarith"}"# + "\n")
    }

    @Test func replayxValuesInElixir() throws {
        let replayx = CLI.coreFixture("replayx/a_bank_crash.json")
        let balance = try CLI.run(["history", replayx, "/balance", "--syntax", "elixir"])
        #expect(balance.status == 0)
        #expect(balance.stdout.hasPrefix("#0 deposit + 100\n#1 deposit 100 -> 350\n"))
        let entry = try CLI.run(["history", replayx, "/history/0", "--syntax", "elixir", "--json"])
        #expect(entry.stdout.contains(#""new":"{:deposit, 100, "#))
        let blame = try CLI.run(["blame", replayx, "/history/0", "--at", "3", "--syntax", "elixir"])
        #expect(blame.stdout == "#3 withdraw  {:withdraw, 40}\n")
    }

    @Test(arguments: [["history", "accounts"], ["blame", "/a~2", "--at", "end"]])
    func aMalformedPointerIsAUsageError(_ arguments: [String]) throws {
        var arguments = arguments
        arguments.insert(bank, at: 1)
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains("invalid JSON pointer"))
        #expect(result.stdout == "")
    }

    @Test func dataErrorsAreLocated() throws {
        let bad = CLI.fixture("bad-patch.json")
        for arguments in [["history", bad, ""], ["blame", bad, "", "--at", "end"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderr.hasSuffix("bad-patch.json: event #1: patch op #0 (remove /missing): path does not exist\n"))
        }
        let noEvent = try CLI.run(["blame", tiny, "/count", "--at", "9"])
        #expect(noEvent.status == 1)
        #expect(noEvent.stderr.contains("there is no event #9"))
    }
}
