import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// The debugger on a trace still being indexed in the background: it grows under the
/// playhead, says how far the index is, and `End` and `c` wait for what is not indexed yet.
@Suite struct IndexingTests {
    /// The first `count` events of FollowingTests' run (a crash at #6), as the index hands them out.
    static func indexing(_ count: Int, fraction: Double = 0.1) -> Model {
        var model = Fixture.model(FollowingTests.prefix(count), width: 100, height: 30)
        model.ui.indexing = Indexing(fraction: fraction)
        return model
    }

    static func grew(_ count: Int, fraction: Double) -> Msg {
        .indexed(.grew(FollowingTests.prefix(count), fraction: fraction))
    }

    @Test func theTraceGrowsUnderThePlayheadAndTheHeaderSaysHowFar() {
        let model = Self.indexing(2).pressing(.right).after(Self.grew(4, fraction: 0.43))
        #expect(model.session.trace.count == 4)
        #expect(model.session.playhead.currentEvent == 0)
        #expect(view(model).line(0).contains("#0 of 4+"))
        #expect(view(model).line(0).contains("│ indexing 43%"))
        let whole = model.after(.indexed(.finished(FollowingTests.prefix(8))))
        #expect(whole.ui.indexing == nil)
        #expect(whole.session.playhead.currentEvent == 0)
        #expect(view(whole).line(0).contains("#0 of 8 "))
        #expect(!view(whole).line(0).contains("indexing"))
        #expect(whole.ui.message == "indexed 8 events")
    }

    @Test func endWaitsForTheWholeTraceAndAMoveCancelsIt() {
        let waiting = Self.indexing(3).pressing(.end)
        #expect(waiting.session.position == 0)
        #expect(waiting.ui.message == "indexing 10%: going to the end once it is indexed")
        let grown = waiting.after(Self.grew(5, fraction: 0.5))
        #expect(grown.session.position == 0)
        #expect(grown.after(.indexed(.finished(FollowingTests.prefix(9)))).session.position == 9)
        let moved = grown.pressing(.right).after(.indexed(.finished(FollowingTests.prefix(9))))
        #expect(moved.session.position == 1)
    }

    @Test func cWaitsForTheCrashToBeIndexed() {
        let waiting = Self.indexing(4).pressing(.character("c"))
        #expect(waiting.session.position == 0)
        #expect(waiting.ui.message == "no crash in the first 4 events; indexing 10%: going there once found")
        #expect(waiting.after(Self.grew(5, fraction: 0.2)).session.position == 0)
        let found = waiting.after(Self.grew(8, fraction: 0.3))
        #expect(found.session.playhead.currentEvent == 6)
        #expect(found.session.crashHere != nil)
        // With the index done and still no crash, it says so.
        let none = Self.indexing(3).pressing(.character("c")).after(.indexed(.finished(FollowingTests.prefix(5))))
        #expect(none.session.position == 0)
        #expect(none.ui.message == "this trace has no crash")
    }

    @Test func aBrokenRestEndsTheAppWithItsError() {
        let error = TraceError(.text(line: 9, column: 3), "expected ',' or '}'")
        let model = Self.indexing(3).after(.indexed(.failed(error)))
        #expect(model.failure == error)
    }

    @Test func theWholeTracesWarningsReachTheStatusLine() {
        let cut = Fixture.trace(#"{"format": "replay-trace", "initial_state": {}}"# + "\n" + #"{"kind": "call"}"# + "\n" + #"{"kind": "ca"#)
        #expect(!cut.warnings.isEmpty)
        let model = Self.indexing(1).after(.indexed(.finished(cut)))
        #expect(model.session.warnings.count == 1)
    }
}
