import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// A real Replayx recording (Tests/ReplayCoreTests/Fixtures/replayx), opened at a position.
private func bank(at position: Int) throws -> Model {
    var path = #filePath
    for _ in 0..<2 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
    let trace = try TraceLoader.load(path: path + "/ReplayCoreTests/Fixtures/replayx/a_bank_crash.json")
    var model = Model(trace: trace, fileName: "a_bank_crash.json", width: 140, height: 40)
    for _ in 0..<position { model = model.pressing(.right) }
    return model
}

/// A Replayx trace shows its values in Elixir syntax in every pane.
@Suite struct ElixirRenderTests {
    @Test func theSyntaxFollowsTheTracesFormat() throws {
        let syntax = try bank(at: 0).session.syntax
        #expect(syntax.language == .elixir)
        // The bank was recorded on Elixir 1.14, which printed charlists 'abc'.
        #expect(!syntax.elixir.charlistSigil)
        #expect(Fixture.model().session.syntax == .json)
    }

    /// A pid of another node prints with that node's number, and the event pane names it.
    @Test func theEventPaneNamesTheNodesOfRemotePids() {
        let trace = Fixture.trace(#"""
            {"format": "replay-trace", "meta": {"converted_from": "replayx", "node": "a@host"}, "initial_state": {}}
            {"kind": "info", "name": "down", "payload": {"@tuple": [{"@atom": "down"}, {"@pid": {"node": "z@host", "id": 7, "serial": 0, "creation": 1}}, {"@pid": {"node": "a@host", "id": 110, "serial": 0, "creation": 1}}]}}
            """#)
        let screen = Fixture.model(trace).pressing(.right).screen
        #expect(screen.contains("{:down, #PID<1.7.0>, #PID<0.110.0>}"))
        #expect(screen.contains(" node 1: z@host"))
    }

    @Test func theStateTreeShowsElixirTermsWithTheChangesHighlighted() throws {
        let model = try bank(at: 4)  // after #3, {:withdraw, 40}
        let screen = model.screen
        #expect(screen.contains("State at #3"))
        #expect(screen.contains("   balance: 307"))
        #expect(screen.contains("   owner: \"alice\""))
        #expect(screen.contains("   replayx_recorder: #PID<0.104.0>"))
        #expect(screen.contains("›▾ history: [3 items]"))
        #expect(screen.contains("▸ [0]: {:withdraw, 40}"))
        #expect(screen.contains("▸ [1]: {:deposit, 250, 1795402386839}"))
        #expect(model.stateForeground(of: "3", onRowWith: "balance: 307") == .changed)
        #expect(model.stateForeground(of: "a", onRowWith: "owner: \"alice\"") != .changed)
    }

    @Test func tuplesOpenIntoTheirElements() throws {
        var model = try bank(at: 4)
        model.ui.focus = .state
        model.ui.stateCursor = JSONPointer(tokens: ["history", "0"])
        let opened = model.pressing(.right)
        #expect(opened.screen.contains("▾ [0]: {2 items}"))
        #expect(opened.screen.contains("{0}: :withdraw"))
        #expect(opened.screen.contains("{1}: 40"))
    }

    @Test func theDiffPaneWritesOldAndNewInElixir() throws {
        let screen = try bank(at: 4).screen
        #expect(screen.contains(" ~ /balance 350 → 307"))
        #expect(screen.contains(" + /history/0 {:withdraw, 40}"))
    }

    @Test func theEventListAndDetailShowPayloadsCallersAndFacts() throws {
        let screen = try bank(at: 4).screen
        #expect(screen.contains("#0  call deposit            {:deposit, 100}"))
        #expect(screen.contains("Event #3  call withdraw  seq 3"))
        #expect(screen.contains("   {:withdraw, 40}"))
        #expect(screen.contains(" from: {#PID<0.96.0>, [:alias | #Reference<0.3910526963.3524067330.33226>]}"))
        #expect(screen.contains(" from_node: \"nonode@nohost\""))
        #expect(screen.contains(" time_monotonic: [-576460751110105047]"))
    }

    /// The `{:badarith, stacktrace}` reason reads as Elixir's `Exception.format` prints it:
    /// the exception, where, then one frame a line.
    @Test func theCrashShowsItsReasonAsElixirFormatsIt() throws {
        let model = try bank(at: 12)
        let lines = DetailView.lines(of: try #require(model.session.event), crash: true, width: 400, syntax: model.session.syntax)
        #expect(lines.prefix(4).map(\.text) == [
            " ✖ CRASH ** (ArithmeticError) bad argument in arithmetic expression",
            "         at replayx/servers.ex:43",
            #"     :erlang.+(329, "100")"#,
            "     replayx/servers.ex:43: Fixgen.BankAccount.handle_call_impl/3",
        ])
        #expect(lines.contains { $0.text == "   {:deposit, \"100\"}" })
    }

    @Test func searchReadsPayloadsAsElixir() throws {
        let keys: [Key] = [.character("/")] + #"{:audit, "bob"}"#.map { Key.character($0) } + [.enter]
        let found = keys.reduce(try bank(at: 0)) { $0.pressing($1) }
        #expect(found.session.playhead.currentEvent == 5)
    }

    @Test func valuesThatAreNotTermsFallBackToJSON() {
        let syntax = ValueSyntax.elixir
        #expect(syntax.preview(["@nope": 1], limit: 80) == #"{"@nope":1}"#)
        #expect(syntax.preview(["a": ["@atom": "ok"]], limit: 80) == "%{a: :ok}")
        #expect(syntax.preview(["a": ["@atom": "ok"]], limit: 6) == "%{a: …")
        #expect(syntax.children(of: ["@atom": "ok"]) == nil)
        #expect(syntax.children(of: ["@map": [["k", 1]]])?.map(\.label) == ["\"k\""])
        #expect(syntax.children(of: ["@map": [["k", 1]]])?.map(\.separator) == [" => "])
        #expect(ValueSyntax.json.children(of: ["@atom": "ok"])?.map(\.label) == ["@atom"])
    }

    /// A recording that stopped on a shutdown says so in the header.
    @Test func theHeaderSaysHowANormalStopEnded() {
        let trace = Fixture.trace(#"{"events": [], "metadata": {"elixir": "1.14.0", "node": "a@host", "crash_reason": "{:shutdown, :idle_timeout}"}}"#)
        let header = Fixture.model(trace).screen.split(separator: "\n").first ?? ""
        #expect(header.contains("│ stopped: {:shutdown, :idle_timeout}"))
        #expect(!(try! bank(at: 0)).screen.contains("stopped:"))
    }
}
