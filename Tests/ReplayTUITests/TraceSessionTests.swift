import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// A session keeps what it shows in step with its playhead, and sessions are independent.
@Suite struct TraceSessionTests {
    @Test func everyMoveRefreshesWhatTheSessionShows() {
        var session = TraceSession(trace: Fixture.small, fileName: "small.json", timelineWidth: 80)
        #expect(session.state == ["n": 0, "name": "山田"])
        let moved = session.seek(to: 3)
        #expect(moved)
        #expect(session.event?.index == 2)
        #expect(session.state == ["n": 2, "name": "山田", "flag": true])
        #expect(session.changes.map(\.readableLine) == ["~ /n 1 -> 2", "+ /flag true"])
        let again = session.seek(to: 3)
        #expect(!again)  // already there
        session.togglePlaying()
        let stop = session.advance(byMilliseconds: 10_000)
        #expect(stop == .crash(3))
        #expect(session.event?.index == 3)
        #expect(session.crashHere?.index == 3)
        #expect(session.state == ["n": 2, "name": "山田", "flag": true])
    }

    @Test func twoSessionsOverOneTraceMoveApart() {
        var a = TraceSession(trace: Fixture.small, fileName: "a", timelineWidth: 80)
        var b = TraceSession(trace: Fixture.small, fileName: "b", timelineWidth: 40)
        a.seek(to: 1)
        b.seek(to: 5)
        #expect(a.state == ["n": 1, "name": "山田"])
        #expect(b.event?.name == "after")
        let added = a.toggleBreakpoint(on: "inc")
        #expect(added)
        #expect(b.playhead.breakpoints.isEmpty)
        #expect(a.timeline.width == 80 && b.timeline.width == 40)
    }

    @Test func aBadPatchMetWhileMovingIsTheSessionsFailure() {
        let trace = Fixture.trace("""
            {"format": "replay-trace", "initial_state": {"n": 0},
             "events": [{"kind": "x", "patch": [{"op": "replace", "path": "/missing", "value": 1}]}]}
            """)
        var session = TraceSession(trace: trace, fileName: "bad.json", timelineWidth: 80)
        #expect(session.failure == nil)
        session.seek(to: 1)
        #expect(session.failure?.location == .event(0))
    }
}

/// A watch stops where the value's history has a change, and nowhere else.
@Suite struct WatchAgreesWithHistoryTests {
    /// The same object written again with its keys in another order is no change: neither
    /// the history nor the watch counts it.
    @Test func keysReorderedAreNoChange() {
        let trace = Fixture.trace("""
            {"format": "replay-trace", "initial_state": {"o": {"a": 1, "b": 2}}}
            {"kind": "snapshot", "state": {"o": {"b": 2, "a": 1}}}
            {"kind": "call", "merge": {"o": {"a": 5}}}

            """)
        let watched = Fixture.model(trace).pressing(.tab, .down, .character("w"), .character("H"), .escape)
        #expect(watched.session.histories[JSONPointer(tokens: ["o"])]?.map(\.index) == [1])
        let played = watched.pressing(.character(" ")).after(.tick(milliseconds: 10_000))
        #expect(played.session.playhead.currentEvent == 1)
        #expect(played.ui.message == "stopped at #1: it changed /o (watched)")
    }
}

/// `>` pressed twice while the history is still being found goes two changes on.
@Suite struct PendingJumpTests {
    @Test func everyPressCountsOnceTheHistoryArrives() throws {
        // /rates: the savings rate changes at #8, the overdraft rate at #36.
        let start = ScreenTraces.bank(.standard).pressing(.tab, .down, .enter, .down, .down)
        let path = start.selectedStatePath
        let (first, effects) = start.starting(.key(.character(">")))
        let (second, more) = update(first, .key(.character(">")))
        #expect(more.isEmpty)
        guard case .run(let job)? = effects.first else { Issue.record("no job"); return }
        let result = try job.perform(in: second.session.trace, context: .synchronous)
        let landed = update(second, .jobFinished(id: job.id, result)).0
        let changes = try #require(landed.session.histories[path])
        #expect(changes.count >= 2)
        #expect(landed.session.playhead.currentEvent == changes[1].index)
    }
}
