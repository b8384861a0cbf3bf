import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// The split view of two runs: the comparison asked of the worker when it opens, `x` and `X`
/// between divergences, playback stopping at each, and the screen (golden files).
@Suite struct SplitViewTests {
    /// The bank example against a copy where #5 is followed by an audit only B has, #12
    /// writes another balance, and #22's payload differs.
    static let b: Trace = {
        var text = try! String(contentsOf: Golden.repository.appendingPathComponent("examples/bank-crash.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: #""value": 267500}"#, with: #""value": 167500}"#)
        text = text.replacingOccurrences(of: #"{"seq": 7, "#, with: #"{"kind": "cast", "name": "audit", "payload": {"by": "ops"}},"# + "\n    " + #"{"seq": 7, "#)
        text = text.replacingOccurrences(of: #""amount": 100}, "error""#, with: #""amount": 101}, "error""#)
        return Fixture.trace(text)
    }()

    static func split(_ size: ScreenSize) -> Model {
        Model(comparing: ScreenTraces.bank, fileName: "bank-crash.json", with: b, fileName: "bank-edited.json", width: size.width, height: size.height)
    }

    @Test func theFirstMessageAsksTheWorkerToCompare() {
        let (model, effects) = Self.split(.standard).starting(.resize(width: 80, height: 24))
        guard case .run(let job)? = effects.first, case .compare(let request) = job.work else {
            Issue.record("no compare job: \(effects)")
            return
        }
        #expect(request.other === Self.b)
        #expect(model.ui.job?.label == "aligning the two runs")
        #expect(view(model).text.contains("aligning the two runs"))
        let (again, more) = model.starting(.key(.right))
        #expect(more.isEmpty)
        #expect(again.compare?.comparison == nil)
    }

    @Test func xAndXJumpBetweenDivergences() throws {
        let opened = Self.split(.large).after(.resize(width: 120, height: 40))
        let comparison = try #require(opened.compare?.comparison)
        #expect(comparison.divergences.map(\.what) == [.onlyInB, .state, .event])
        let starts = comparison.divergences.map(\.rows.lowerBound)
        var model = opened
        for start in starts {
            model = model.pressing(.character("x"))
            #expect(model.compare?.row == start)
        }
        #expect(model.ui.message == "A #12 deposit / B #13 deposit: state differs at /accounts/2/balance: 267500 -> 167500"
            || model.compare?.divergenceHere?.what == .event)
        let last = model.pressing(.character("x"))
        #expect(last.compare?.row == starts.last)
        #expect(last.ui.message == "no divergence after this row")
        model = last
        for start in starts.dropLast().reversed() {
            model = model.pressing(.character("X"))
            #expect(model.compare?.row == start)
        }
        #expect(model.pressing(.character("X")).ui.message == "no divergence before this row")
        #expect(model.screen.contains("B #6  only in B"))
    }

    @Test func playingStopsAtEachDivergence() throws {
        var model = Self.split(.standard).after(.resize(width: 80, height: 24)).pressing(.character(" "))
        #expect(model.isPlaying)
        model = model.after(.tick(milliseconds: 60_000))
        #expect(!model.isPlaying)
        #expect(model.compare?.row == model.compare?.comparison?.divergences.first?.rows.lowerBound)
        #expect(model.ui.message == "stopped at a divergence: B #6 audit: only in B")
    }

    @Test func theSameRunHasNoDivergence() {
        let model = Model(comparing: ScreenTraces.bank, fileName: "a.json", with: ScreenTraces.bank, fileName: "b.json", width: 80, height: 24)
            .after(.resize(width: 80, height: 24)).pressing(.character("x"))
        #expect(model.ui.message == "the runs do not diverge")
        #expect(model.screen.contains("the same run"))
    }

    @Test func singleTraceKeysSaySoAndXDoesNothingInTheSingleView() {
        let split = Self.split(.standard).after(.resize(width: 80, height: 24)).pressing(.character("/"))
        #expect(split.ui.message?.hasPrefix("/ works on one trace") == true)
        let single = ScreenTraces.bank(.standard).pressing(.character("x"))
        #expect(single.session.position == 0)
        #expect(single.ui.message?.contains("replay-tui A B") == true)
    }

    @Test(arguments: [ScreenSize.standard, ScreenSize.large])
    func screens(_ size: ScreenSize) {
        let opened = Self.split(size).after(.resize(width: size.width, height: size.height))
        expectScreen(view(opened), named: "split-start-\(size)")
        expectScreen(view(opened.pressing(.character("x"), .character("x"))), named: "split-state-divergence-\(size)")
    }
}
