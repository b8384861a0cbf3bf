import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// update() for every key binding, playback and its stops.
@Suite struct UpdateTests {
    let start = Fixture.model()

    @Test func opensAtTheStart() {
        #expect(start.playhead.position == 0)
        #expect(start.event == nil)
        #expect(start.state == ["n": 0, "name": "山田"])
    }

    @Test func stepsForwardAndBack() {
        #expect(start.pressing(.right).playhead.currentEvent == 0)
        #expect(start.pressing(.character("l"), .character("l")).playhead.currentEvent == 1)
        #expect(start.pressing(.right, .right, .left).playhead.currentEvent == 0)
        #expect(start.pressing(.right, .character("h")).playhead.position == 0)
        let stuck = start.pressing(.left)
        #expect(stuck.playhead.position == 0)
        #expect(stuck.message == "already at the start")
    }

    @Test func jumpsTenHomeAndEnd() {
        #expect(start.pressing(.shiftRight).playhead.position == 5)
        #expect(start.pressing(.pageDown).playhead.position == 5)
        #expect(start.pressing(.end, .shiftLeft).playhead.position == 0)
        #expect(start.pressing(.end, .pageUp).playhead.position == 0)
        #expect(start.pressing(.end).playhead.currentEvent == 4)
        #expect(start.pressing(.character("G")).playhead.currentEvent == 4)
        #expect(start.pressing(.end, .home).playhead.position == 0)
    }

    @Test func gThenGGoesToTheStart() {
        let model = start.pressing(.end, .character("g"))
        #expect(model.prompt == .goTo(""))
        let back = model.pressing(.character("g"))
        #expect(back.prompt == nil)
        #expect(back.playhead.position == 0)
    }

    @Test func goToAnEventNumber() {
        let model = start.pressing(.character(":"), .character("2"), .enter)
        #expect(model.playhead.currentEvent == 2)
        let typo = start.pressing(.character("g"), .character("9"), .character("9"), .enter)
        #expect(typo.playhead.position == 0)
        #expect(typo.message == "go to: enter an event number from 0 to 4")
        let cancelled = start.pressing(.character(":"), .character("3"), .escape)
        #expect(cancelled.prompt == nil)
        #expect(cancelled.playhead.position == 0)
        let edited = start.pressing(.character(":"), .character("3"), .backspace, .character("1"), .enter)
        #expect(edited.playhead.currentEvent == 1)
    }

    @Test func jumpsToTheCrash() {
        let model = start.pressing(.character("c"))
        #expect(model.playhead.currentEvent == 3)
        #expect(model.crashHere?.index == 3)
    }

    @Test func walksErrorsBothWays() {
        let first = start.pressing(.character("e"))
        #expect(first.playhead.currentEvent == 1)
        let second = first.pressing(.character("e"))
        #expect(second.playhead.currentEvent == 3)
        #expect(second.pressing(.character("e")).message == "no more errors after this event")
        #expect(second.pressing(.character("E")).playhead.currentEvent == 1)
        #expect(first.pressing(.character("E")).message == "no errors before this event")
    }

    @Test func speedStepsThroughTheLadderAndClamps() {
        #expect(start.playhead.speed == 1)
        #expect(start.pressing(.character("+")).playhead.speed == 2)
        #expect(start.pressing(.character("]"), .character("]")).playhead.speed == 4)
        let fastest = start.pressing(.character("+"), .character("+"), .character("+"), .character("+"), .character("+"), .character("+"), .character("+"))
        #expect(fastest.playhead.speed == 64)
        #expect(start.pressing(.character("-")).playhead.speed == 0.5)
        #expect(start.pressing(.character("["), .character("["), .character("[")).playhead.speed == 0.25)
    }

    @Test func spacePlaysAndPauses() {
        let playing = start.pressing(.character(" "))
        #expect(playing.playhead.isPlaying)
        #expect(!playing.pressing(.character(" ")).playhead.isPlaying)
    }

    @Test func dotStepsOneEventAndPauses() {
        let model = start.pressing(.character(" "), .character("."))
        #expect(!model.playhead.isPlaying)
        #expect(model.playhead.currentEvent == 0)
    }

    @Test func realTimeToggles() {
        #expect(start.playhead.realTime)
        let fixed = start.pressing(.character("t"))
        #expect(!fixed.playhead.realTime)
        #expect(fixed.message?.contains("fixed-rate") == true)
    }

    @Test func playbackUsesRecordedGapsAtTheSpeed() {
        let atFirst = start.pressing(.right, .character(" "))
        // #0 -> #1 is 100 ms apart.
        #expect(atFirst.after(.tick(milliseconds: 90)).playhead.currentEvent == 0)
        #expect(atFirst.after(.tick(milliseconds: 90), .tick(milliseconds: 20)).playhead.currentEvent == 1)
        // At 2x it takes half as long.
        #expect(atFirst.pressing(.character("+")).after(.tick(milliseconds: 55)).playhead.currentEvent == 1)
        // #1 -> #2 is 1,900 ms apart: cut to 1,000.
        let atSecond = start.pressing(.right, .right, .character(" "))
        #expect(atSecond.after(.tick(milliseconds: 999)).playhead.currentEvent == 1)
        #expect(atSecond.after(.tick(milliseconds: 1_001)).playhead.currentEvent == 2)
        // Without real time, 10 events a second.
        let fixed = start.pressing(.character("t"), .right, .right, .character(" "))
        #expect(fixed.after(.tick(milliseconds: 101)).playhead.currentEvent == 2)
    }

    @Test func playbackStopsOnTheCrashAt64x() {
        var model = start
        for _ in 0..<6 { model = model.pressing(.character("+")) }
        model = model.pressing(.character(" ")).after(.tick(milliseconds: 1_000_000))
        #expect(model.playhead.currentEvent == 3)
        #expect(!model.playhead.isPlaying)
        #expect(model.playhead.stop == .crash(3))
        #expect(model.message == "stopped on the crash at #3: bad argument\n  in arithmetic")
        // It stays there.
        #expect(model.after(.tick(milliseconds: 1_000_000)).playhead.currentEvent == 3)
    }

    @Test func breakpointsStopPlaybackAndToggle() {
        let marked = start.pressing(.right, .character("b"))
        #expect(marked.playhead.breakpoints == ["inc"])
        #expect(marked.message == "breakpoint on inc: playing stops at every inc")
        let played = marked.pressing(.right, .character(" ")).after(.tick(milliseconds: 100_000))
        #expect(played.playhead.stop == .breakpoint(2, name: "inc"))
        #expect(played.playhead.currentEvent == 2)
        let cleared = marked.pressing(.character("b"))
        #expect(cleared.playhead.breakpoints.isEmpty)
        #expect(start.pressing(.character("b")).message == "no event at the start: step to one first")
    }

    @Test func stoppingOnErrorsIsAToggle() {
        let model = start.pressing(.character("!"))
        #expect(model.playhead.stopsOnErrors)
        #expect(model.message == "playing stops on every error event")
        let played = model.pressing(.character(" ")).after(.tick(milliseconds: 100_000))
        #expect(played.playhead.stop == .error(1))
        #expect(played.message == "stopped on error #1")
        #expect(!model.pressing(.character("!")).playhead.stopsOnErrors)
    }

    @Test func playingAtTheEndStartsOver() {
        let model = start.pressing(.end, .character(" "))
        #expect(model.playhead.isPlaying)
        #expect(model.playhead.position == 0)
    }

    @Test func searchFindsNamesAndPayloadsAndRepeats() {
        let found = start.pressing(.character("/"), .character("i"), .character("n"), .character("c"), .enter)
        #expect(found.playhead.currentEvent == 0)
        #expect(found.lastSearch == "inc")
        #expect(found.pressing(.character("n")).playhead.currentEvent == 2)
        #expect(found.pressing(.character("n"), .character("n")).playhead.currentEvent == 0)
        #expect(found.pressing(.character("N")).playhead.currentEvent == 2)
        let payload = start.pressing(.character("/"), .character("b"), .character("y"), .enter)
        #expect(payload.playhead.currentEvent == 0)
        let none = start.pressing(.character("/"), .character("z"), .character("q"), .enter)
        #expect(none.message == "/zq: no match")
        #expect(start.pressing(.character("n")).message == "no search yet: press / to search")
    }

    @Test func tabMovesFocusAround() {
        #expect(start.focus == .events)
        #expect(start.pressing(.tab).focus == .state)
        #expect(start.pressing(.tab, .tab, .tab, .tab).focus == .events)
        #expect(start.pressing(.backTab).focus == .detail)
    }

    @Test func arrowsInTheEventListStep() {
        #expect(start.pressing(.down, .down).playhead.currentEvent == 1)
        #expect(start.pressing(.character("j"), .character("j"), .character("k")).playhead.currentEvent == 0)
    }

    @Test func theStateTreeFoldsAndMoves() {
        let nested = Fixture.model(Fixture.trace(#"{"format": "replay-trace", "initial_state": {"a": {"b": [1, 2]}, "c": 3}, "events": []}"#))
        let focused = nested.pressing(.tab)
        #expect(StateTree.rows(of: focused.state, expanded: focused.expanded).map(\.label) == ["a", "c"])
        let opened = focused.pressing(.enter)
        #expect(StateTree.rows(of: opened.state, expanded: opened.expanded).map(\.label) == ["a", "b", "c"])
        let deeper = opened.pressing(.down, .right)
        #expect(StateTree.rows(of: deeper.state, expanded: deeper.expanded).map(\.label) == ["a", "b", "[0]", "[1]", "c"])
        let closed = deeper.pressing(.left)
        #expect(StateTree.rows(of: closed.state, expanded: closed.expanded).map(\.label) == ["a", "b", "c"])
        #expect(closed.pressing(.left).stateCursor == JSONPointer(tokens: ["a"]))
        // In the state pane, h and l still step.
        #expect(Fixture.model().pressing(.tab, .character("l")).playhead.currentEvent == 0)
    }

    @Test func changedPathsAreRevealed() {
        let nested = Fixture.model(Fixture.trace("""
            {"format": "replay-trace", "initial_state": {"a": {"b": {"c": 1}}},
             "events": [{"kind": "x", "patch": [{"op": "replace", "path": "/a/b/c", "value": 2}]}]}
            """))
        let model = nested.pressing(.right)
        #expect(model.expanded.contains(JSONPointer(tokens: ["a", "b"])))
        #expect(model.changes.map(\.readableLine) == ["~ /a/b/c 1 -> 2"])
    }

    @Test func diffAndDetailScroll() {
        let model = start.pressing(.right, .tab, .tab, .down, .down)
        #expect(model.focus == .diff)
        #expect(model.diffScroll == 2)
        #expect(model.pressing(.tab, .down).detailScroll == 1)
        #expect(model.pressing(.up, .up, .up).diffScroll == 0)
    }

    @Test func helpOpensAndAnyKeyClosesIt() {
        let help = start.pressing(.character("?"))
        #expect(help.showsHelp)
        let closed = help.pressing(.character("x"))
        #expect(!closed.showsHelp)
        #expect(closed.playhead.position == 0)
    }

    @Test func qAndCtrlCQuit() {
        #expect(start.pressing(.character("q")).quits)
        #expect(start.pressing(.interrupt).quits)
        #expect(start.pressing(.character("?"), .character("q")).quits)
    }

    @Test func unknownKeysSaySo() {
        #expect(start.pressing(.character("z")).message == "no key 'z'; press ? for help")
    }

    @Test func mouseClicksSeekAndWheelScrolls() {
        let clicked = start.after(.mouse(.click(x: 119, y: 1)))
        #expect(clicked.playhead.currentEvent == 4)
        let middle = start.after(.mouse(.click(x: 60, y: 1)))
        #expect(middle.playhead.currentEvent == 2)
        let layout = Layout(width: 120, height: 40)!
        let wheeled = start.pressing(.right).after(.mouse(.wheelDown(x: layout.diff.x + 2, y: layout.diff.y + 2)))
        #expect(wheeled.diffScroll == 3)
        #expect(wheeled.focus == .events)
        let row = start.after(.mouse(.click(x: 5, y: layout.events.y + 3)))
        #expect(row.playhead.currentEvent == 2)
    }

    @Test func resizeChangesTheLayout() {
        let small = start.after(.resize(width: 70, height: 20))
        #expect(small.width == 70)
        #expect(small.timeline.width == 70)
    }

    @Test func everyBindingIsReachable() {
        for binding in KeyMap.bindings {
            for key in binding.keys {
                #expect(KeyMap.action(for: key) == binding.action, "\(key)")
            }
        }
    }

    @Test func idleTimeFillsCheckpointsWithoutChangingTheScreen() {
        let events = (0..<40_000).map { #"{"kind": "tick", "merge": {"n": \#($0)}}"# }.joined(separator: ",\n")
        var model = Fixture.model(Fixture.trace(#"{"format": "replay-trace", "events": [\#(events)]}"#))
        let screen = view(model).text
        #expect(model.hasIdleWork)
        var slices = 0
        while model.hasIdleWork, slices < 100 {
            model = model.after(.idle)
            slices += 1
        }
        #expect(slices == 3)
        #expect(view(model).text == screen)
        #expect(model.pressing(.end).state == ["n": 39_999])
        #expect(!Fixture.model().hasIdleWork)
    }
}
