import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// The debugger following a growing trace: live on the last event, `+N new` when the user
/// looks back, stops where playing would stop, restarts and the end.
@Suite struct FollowingTests {
    /// The first `count` events of a run: `inc` events adding to `n`, a crash at #6.
    static func prefix(_ count: Int) -> Trace {
        var lines = [#"{"format": "replay-trace", "initial_state": {"n": 0}}"#]
        for index in 0..<count {
            lines.append(index == 6
                ? #"{"kind": "crash", "name": "boom", "t": \#(index * 10), "error": "bad"}"#
                : #"{"kind": "call", "name": "\#(index == 4 ? "audit" : "inc")", "t": \#(index * 10), "merge": {"n": \#(index + 1)}}"#)
        }
        return Fixture.trace(lines.joined(separator: "\n") + "\n")
    }

    /// `count` span events: spans s0, s1, … each a start and an end, one after the other.
    static func spansPrefix(_ count: Int) -> Trace {
        var lines = [#"{"format": "replay-trace", "initial_state": {}}"#]
        for index in 0..<count {
            let kind = index % 2 == 0 ? "span.start" : "span.end"
            lines.append(#"{"kind": "\#(kind)", "name": "work", "t": \#(index), "payload": {"traceId": "t", "spanId": "s\#(index / 2)"}}"#)
        }
        return Fixture.trace(lines.joined(separator: "\n") + "\n")
    }

    static func following(_ count: Int) -> Model {
        var model = Fixture.model(prefix(count), width: 100, height: 30)
        model.ui.following = Following()
        return model.pressing(.end)
    }

    static func grown(_ model: Model, to count: Int, at milliseconds: Double = 0) -> Model {
        model.after(.follow(.grew(prefix(count), added: count - model.session.trace.count, milliseconds: milliseconds)))
    }

    @Test func onTheLastEventItStaysOnTheLastEvent() {
        let model = Self.grown(Self.following(2), to: 4)
        #expect(model.session.trace.count == 4)
        #expect(model.session.playhead.currentEvent == 3)
        #expect(model.session.state == ["n": 4])
        #expect(view(model).line(0).contains("│ ● live"))
    }

    @Test func movedBackItStaysAndCountsWhatIsNew() {
        let back = Self.following(3).pressing(.left)
        let model = Self.grown(Self.grown(back, to: 4), to: 5)
        #expect(model.session.playhead.currentEvent == 1)
        #expect(model.ui.following?.unseen == 2)
        #expect(view(model).line(0).contains("+2 new (End: live)"))
        let live = Self.grown(model.pressing(.end), to: 6)
        #expect(live.session.playhead.currentEvent == 5)
        #expect(view(live).line(0).contains("● live"))
    }

    @Test func aCrashArrivingStopsThereAndWhatFollowsIsNew() {
        let model = Self.grown(Self.following(5), to: 8)
        #expect(model.session.playhead.currentEvent == 6)
        #expect(model.session.crashHere?.index == 6)
        #expect(model.ui.following?.unseen == 1)
        #expect(model.screen.contains("✖ CRASH at #6"))
        #expect(view(model).line(0).contains("+1 new"))
    }

    @Test func aBreakpointArrivingStopsThere() {
        let model = Self.grown(Self.following(2).pressing(.left, .left).goingTo(0).pressing(.character("b"), .end), to: 3)
        #expect(model.session.playhead.breakpoints == ["inc"])
        #expect(model.session.playhead.currentEvent == 2)
        #expect(model.ui.message == "stopped at breakpoint inc (#2)")
    }

    @Test func theArrivalRateIsShown() {
        var model = Self.following(1)
        for step in 1...5 { model = Self.grown(model, to: 1 + step, at: Double(step) * 500) }
        #expect(model.ui.following?.rate == 2)
        #expect(view(model).line(0).contains("● live 2/s"))
    }

    @Test func aRestartReadsFromTheStartKeepingBreakpoints() {
        let model = Self.following(5).pressing(.character("b"))
            .after(.follow(.restarted(Self.prefix(2), reason: "the file was truncated")))
        #expect(model.session.trace.count == 2)
        #expect(model.session.playhead.currentEvent == 1)
        #expect(model.session.playhead.breakpoints == ["audit"])
        #expect(model.ui.message == "the file was truncated: read again from the start (2 events)")
    }

    @Test func theEndAndFailuresAreSaid() {
        let ended = Self.following(2).after(.follow(.ended(reason: "the input ended")))
        #expect(ended.ui.following?.ended == "the input ended")
        #expect(view(ended).line(0).contains("◌ the input ended"))
        let failed = Fixture.model().pressing(.character("F")).after(.follow(.failed("only NDJSON can grow")))
        #expect(failed.ui.following == nil)
        #expect(failed.ui.message == "cannot follow: only NDJSON can grow")
    }

    @Test func fTurnsFollowingOffAndOn() {
        let on = Fixture.model().pressing(.character("F"))
        #expect(on.ui.following?.isOn == true)
        // Away from the last event with nothing new yet: following, not live.
        #expect(view(on).line(0).contains("│ following (End: live)"))
        let off = on.pressing(.character("F"))
        #expect(off.ui.following?.isOn == false)
        #expect(view(off).line(0).contains("◌ not following (F)"))
        #expect(off.pressing(.character("F")).ui.following?.isOn == true)
    }

    /// The replayer keeps its checkpoints as the trace grows, and answers as a fresh one does.
    @Test func growingKeepsTheReplayersAnswers() throws {
        let small = Self.prefix(5)
        let replayer = Replayer(trace: small, checkpointInterval: 2)
        _ = try replayer.state(at: 5)
        let grown = replayer.extended(to: Self.prefix(8))
        #expect(grown.checkpointCount >= 3)
        for position in 0...8 {
            #expect(try grown.state(at: position) == Replayer(trace: Self.prefix(8)).state(at: position))
        }
    }
}

/// What was found before a growth covers the new events too, as if found over the whole.
@Suite struct FollowingFindingsTests {
    @Test func theFilterConditionsAndHistoriesExtendOverNewEvents() {
        let start = FollowingTests.following(3)
            .pressing(.character("f")).typing("/n > 1").pressing(.enter)
            .pressing(.character("B")).typing("/n >= 2").pressing(.enter)
            .pressing(.tab, .down, .character("H"), .escape)
        #expect(start.session.filter?.kept == [1, 2])
        #expect(start.session.conditionHits["/n >= 2"] == [1, 2])
        #expect(start.session.histories[JSONPointer(tokens: ["n"])]?.map(\.index) == [0, 1, 2])
        let grown = FollowingTests.grown(start, to: 6)
        let fresh = Fixture.model(FollowingTests.prefix(6), width: 100, height: 30)
            .pressing(.character("f")).typing("/n > 1").pressing(.enter)
            .pressing(.character("B")).typing("/n >= 2").pressing(.enter)
            .pressing(.tab, .down, .character("H"), .escape)
        #expect(grown.session.filter?.kept == fresh.session.filter?.kept)
        #expect(grown.session.conditionHits == fresh.session.conditionHits)
        #expect(grown.session.histories == fresh.session.histories)
        #expect(grown.session.filter?.kept == [1, 2, 3, 4, 5])
    }
}
