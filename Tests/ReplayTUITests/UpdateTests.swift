import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// update() for every key binding, playback and its stops.
@Suite struct UpdateTests {
    let start = Fixture.model()

    @Test func opensAtTheStart() {
        #expect(start.session.playhead.position == 0)
        #expect(start.session.event == nil)
        #expect(start.session.state == ["n": 0, "name": "山田"])
    }

    @Test func stepsForwardAndBack() {
        #expect(start.pressing(.right).session.playhead.currentEvent == 0)
        #expect(start.pressing(.character("l"), .character("l")).session.playhead.currentEvent == 1)
        #expect(start.pressing(.right, .right, .left).session.playhead.currentEvent == 0)
        #expect(start.pressing(.right, .character("h")).session.playhead.position == 0)
        let stuck = start.pressing(.left)
        #expect(stuck.session.playhead.position == 0)
        #expect(stuck.ui.message == "already at the start")
    }

    @Test func jumpsTenHomeAndEnd() {
        #expect(start.pressing(.shiftRight).session.playhead.position == 5)
        #expect(start.pressing(.pageDown).session.playhead.position == 5)
        #expect(start.pressing(.end, .shiftLeft).session.playhead.position == 0)
        #expect(start.pressing(.end, .pageUp).session.playhead.position == 0)
        #expect(start.pressing(.end).session.playhead.currentEvent == 4)
        #expect(start.pressing(.character("G")).session.playhead.currentEvent == 4)
        #expect(start.pressing(.end, .home).session.playhead.position == 0)
    }

    @Test func gThenGGoesToTheStart() {
        let model = start.pressing(.end, .character("g"))
        #expect(model.ui.prompt == .goTo(""))
        let back = model.pressing(.character("g"))
        #expect(back.ui.prompt == nil)
        #expect(back.session.playhead.position == 0)
    }

    @Test func goToAnEventNumber() {
        let model = start.pressing(.character(":"), .character("2"), .enter)
        #expect(model.session.playhead.currentEvent == 2)
        let typo = start.pressing(.character("g"), .character("9"), .character("9"), .enter)
        #expect(typo.session.playhead.position == 0)
        #expect(typo.ui.message == "go to: enter an event number from 0 to 4")
        let cancelled = start.pressing(.character(":"), .character("3"), .escape)
        #expect(cancelled.ui.prompt == nil)
        #expect(cancelled.session.playhead.position == 0)
        let edited = start.pressing(.character(":"), .character("3"), .backspace, .character("1"), .enter)
        #expect(edited.session.playhead.currentEvent == 1)
    }

    @Test func jumpsToTheCrash() {
        let model = start.pressing(.character("c"))
        #expect(model.session.playhead.currentEvent == 3)
        #expect(model.session.crashHere?.index == 3)
    }

    @Test func walksErrorsBothWays() {
        let first = start.pressing(.character("e"))
        #expect(first.session.playhead.currentEvent == 1)
        let second = first.pressing(.character("e"))
        #expect(second.session.playhead.currentEvent == 3)
        #expect(second.pressing(.character("e")).ui.message == "no more errors after this event")
        #expect(second.pressing(.character("E")).session.playhead.currentEvent == 1)
        #expect(first.pressing(.character("E")).ui.message == "no errors before this event")
    }

    @Test func speedStepsThroughTheLadderAndClamps() {
        #expect(start.session.playhead.speed == 1)
        #expect(start.pressing(.character("+")).session.playhead.speed == 2)
        #expect(start.pressing(.character("]"), .character("]")).session.playhead.speed == 4)
        let fastest = start.pressing(.character("+"), .character("+"), .character("+"), .character("+"), .character("+"), .character("+"), .character("+"))
        #expect(fastest.session.playhead.speed == 64)
        #expect(start.pressing(.character("-")).session.playhead.speed == 0.5)
        #expect(start.pressing(.character("["), .character("["), .character("[")).session.playhead.speed == 0.25)
    }

    @Test func spacePlaysAndPauses() {
        let playing = start.pressing(.character(" "))
        #expect(playing.session.playhead.isPlaying)
        #expect(!playing.pressing(.character(" ")).session.playhead.isPlaying)
    }

    @Test func dotStepsOneEventAndPauses() {
        let model = start.pressing(.character(" "), .character("."))
        #expect(!model.session.playhead.isPlaying)
        #expect(model.session.playhead.currentEvent == 0)
    }

    @Test func realTimeToggles() {
        #expect(start.session.playhead.realTime)
        let fixed = start.pressing(.character("t"))
        #expect(!fixed.session.playhead.realTime)
        #expect(fixed.ui.message?.contains("fixed-rate") == true)
    }

    @Test func playbackUsesRecordedGapsAtTheSpeed() {
        let atFirst = start.pressing(.right, .character(" "))
        // #0 -> #1 is 100 ms apart.
        #expect(atFirst.after(.tick(milliseconds: 90)).session.playhead.currentEvent == 0)
        #expect(atFirst.after(.tick(milliseconds: 90), .tick(milliseconds: 20)).session.playhead.currentEvent == 1)
        // At 2x it takes half as long.
        #expect(atFirst.pressing(.character("+")).after(.tick(milliseconds: 55)).session.playhead.currentEvent == 1)
        // #1 -> #2 is 1,900 ms apart: cut to 1,000.
        let atSecond = start.pressing(.right, .right, .character(" "))
        #expect(atSecond.after(.tick(milliseconds: 999)).session.playhead.currentEvent == 1)
        #expect(atSecond.after(.tick(milliseconds: 1_001)).session.playhead.currentEvent == 2)
        // Without real time, 10 events a second.
        let fixed = start.pressing(.character("t"), .right, .right, .character(" "))
        #expect(fixed.after(.tick(milliseconds: 101)).session.playhead.currentEvent == 2)
    }

    @Test func playbackStopsOnTheCrashAt64x() {
        var model = start
        for _ in 0..<6 { model = model.pressing(.character("+")) }
        model = model.pressing(.character(" ")).after(.tick(milliseconds: 1_000_000))
        #expect(model.session.playhead.currentEvent == 3)
        #expect(!model.session.playhead.isPlaying)
        #expect(model.session.playhead.stop == .crash(3))
        // The crash banner says it, reason and all.
        #expect(model.ui.message == nil)
        #expect(view(model).line(39) == " ✖ CRASH at #3: bad argument")
        // It stays there.
        #expect(model.after(.tick(milliseconds: 1_000_000)).session.playhead.currentEvent == 3)
    }

    @Test func breakpointsStopPlaybackAndToggle() {
        let marked = start.pressing(.right, .character("b"))
        #expect(marked.session.playhead.breakpoints == ["inc"])
        #expect(marked.ui.message == "breakpoint on inc: playing stops at every inc")
        let played = marked.pressing(.right, .character(" ")).after(.tick(milliseconds: 100_000))
        #expect(played.session.playhead.stop == .breakpoint(2, name: "inc"))
        #expect(played.session.playhead.currentEvent == 2)
        let cleared = marked.pressing(.character("b"))
        #expect(cleared.session.playhead.breakpoints.isEmpty)
        #expect(start.pressing(.character("b")).ui.message == "no event at the start: step to one first")
    }

    @Test func stoppingOnErrorsIsAToggle() {
        let model = start.pressing(.character("!"))
        #expect(model.session.playhead.stopsOnErrors)
        #expect(model.ui.message == "playing stops on every error event")
        let played = model.pressing(.character(" ")).after(.tick(milliseconds: 100_000))
        #expect(played.session.playhead.stop == .error(1))
        #expect(played.ui.message == "stopped on error #1")
        #expect(!model.pressing(.character("!")).session.playhead.stopsOnErrors)
    }

    @Test func playingAtTheEndStartsOver() {
        let model = start.pressing(.end, .character(" "))
        #expect(model.session.playhead.isPlaying)
        #expect(model.session.playhead.position == 0)
    }

    @Test func searchFindsNamesAndPayloadsAndRepeats() {
        let found = start.pressing(.character("/"), .character("i"), .character("n"), .character("c"), .enter)
        #expect(found.session.playhead.currentEvent == 0)
        #expect(found.ui.lastSearch == "inc")
        #expect(found.pressing(.character("n")).session.playhead.currentEvent == 2)
        #expect(found.pressing(.character("n"), .character("n")).session.playhead.currentEvent == 0)
        #expect(found.pressing(.character("N")).session.playhead.currentEvent == 2)
        let payload = start.pressing(.character("/"), .character("b"), .character("y"), .enter)
        #expect(payload.session.playhead.currentEvent == 0)
        #expect(found.ui.message == "/inc: #0 (1/2)")
        #expect(found.pressing(.character("n")).ui.message == "/inc: #2 (2/2)")
        #expect(found.pressing(.character("n"), .character("n")).ui.message == "/inc: #0 (1/2) (search wrapped)")
        let none = start.pressing(.character("/"), .character("z"), .character("q"), .enter)
        #expect(none.ui.message == "/zq: no match")
        #expect(start.pressing(.character("n")).ui.message == "no search yet: press / to search")
    }

    @Test func slashInTheStatePaneSearchesKeysAndValuesOfTheState() {
        let nested = Fixture.model(Fixture.trace(#"""
            {"format": "replay-trace", "initial_state": {"a": {"acct": [1, "Acct-7"]}, "c": {"x": "acct"}, "z": 3}, "events": []}
            """#))
        let prompt = nested.pressing(.tab, .character("/"))
        #expect(prompt.ui.prompt == .searchState(""))
        let found = prompt.pressing(.character("a"), .character("c"), .character("c"), .character("t"), .enter)
        // In tree order: the key /a/acct, the value /a/acct/1 ("Acct-7"), the value /c/x.
        #expect(found.ui.stateCursor == JSONPointer(tokens: ["a", "acct"]))
        #expect(found.ui.message == "/acct: 1/3 in the state")
        #expect(found.ui.expanded.contains(JSONPointer(tokens: ["a"])))
        let second = found.pressing(.character("n"))
        #expect(second.ui.stateCursor == JSONPointer(tokens: ["a", "acct", "1"]))
        #expect(second.ui.message == "/acct: 2/3 in the state")
        #expect(second.pressing(.character("n"), .character("n")).ui.stateCursor == JSONPointer(tokens: ["a", "acct"]))
        #expect(found.pressing(.character("N")).ui.stateCursor == JSONPointer(tokens: ["c", "x"]))
        #expect(found.pressing(.character("N")).ui.message == "/acct: 3/3 in the state")
        let none = nested.pressing(.tab, .character("/"), .character("q"), .enter)
        #expect(none.ui.message == "/q: not in the state at the start")
        // The events pane keeps its own search.
        #expect(found.pressing(.tab, .character("n")).ui.message == "no search yet: press / to search")
    }

    @Test func aMarkComparesWithHereAndComesBack() {
        #expect(start.pressing(.character("M")).ui.message == "no mark yet: m marks this position")
        #expect(start.pressing(.character("'")).ui.message == "no mark yet: m marks this position")
        let marked = start.pressing(.right, .character("m"))
        #expect(marked.session.mark == 1)
        #expect(marked.ui.message?.hasPrefix("marked #0") == true)
        let compared = marked.pressing(.right, .right, .character("M"))
        // From after #0 ({"n": 1}) to after #2 ({"n": 2, "flag": true}).
        #expect(compared.session.changesSinceMark?.map(\.readableLine) == ["~ /n 1 -> 2", "+ /flag true"])
        #expect(compared.screen.contains("Changes from the mark #0 to #2  2"))
        // Moving keeps comparing, from the same mark.
        #expect(compared.pressing(.home).session.changesSinceMark?.map(\.readableLine) == ["~ /n 1 -> 0"])
        #expect(compared.pressing(.character("M")).session.changesSinceMark == nil)
        #expect(compared.pressing(.character("'")).session.position == 1)
    }

    @Test func aWatchpointStopsPlayingAfterEveryChangeOfItsPath() {
        let n = JSONPointer(tokens: ["n"])
        let watching = start.pressing(.tab).pressing(.character("w"))
        #expect(watching.selectedStatePath == n)
        #expect(watching.session.watches == [n])
        #expect(watching.ui.message == "watching /n: playing stops after any event that changes it")
        // #0 sets /n to 1; #1 changes nothing; #2 sets it to 2.
        let first = watching.pressing(.character(" ")).after(.tick(milliseconds: 10_000))
        #expect(first.session.playhead.stop == .watch(0, path: n))
        #expect(first.ui.message == "stopped at #0: it changed /n (watched)")
        let second = first.pressing(.character(" ")).after(.tick(milliseconds: 10_000))
        #expect(second.session.playhead.stop == .watch(2, path: n))
        #expect(watching.pressing(.character("w")).session.watches.isEmpty)
    }

    @Test func lessAndGreaterJumpBetweenTheChangesOfTheSelectedNode() {
        let n = start.pressing(.tab)  // /n selected: #0 sets it to 1, #2 to 2
        let first = n.pressing(.character(">"))
        #expect(first.session.playhead.currentEvent == 0)
        #expect(first.ui.message == "/n changed by #0 (change 1 of 2)")
        #expect(first.session.histories[JSONPointer(tokens: ["n"])]?.map(\.index) == [0, 2])
        let second = first.pressing(.character(">"))
        #expect(second.session.playhead.currentEvent == 2)
        #expect(second.pressing(.character(">")).ui.message == "no later change of /n")
        #expect(second.pressing(.character(">")).session.playhead.currentEvent == 2)
        #expect(second.pressing(.character("<")).session.playhead.currentEvent == 0)
        #expect(first.pressing(.character("<")).ui.message == "no earlier change of /n")
        // From #4, back to the last change before it.
        #expect(start.pressing(.end, .tab, .character("<")).session.playhead.currentEvent == 2)
    }

    @Test func historyListsEveryChangeAndEnterGoesThere() {
        let model = start.pressing(.tab, .character("H"))
        guard case .history(let panel)? = model.ui.overlay else {
            Issue.record("no history overlay")
            return
        }
        #expect(panel.complete)
        #expect(panel.changes == [PathChange(index: 0, old: 0, new: 1), PathChange(index: 2, old: 1, new: 2)])
        #expect(model.screen.contains("History of /n  2 changes"))
        #expect(model.screen.contains("#0  inc"))
        #expect(model.screen.contains("#2  inc"))
        let there = model.pressing(.down, .enter)
        #expect(there.ui.overlay == nil)
        #expect(there.session.playhead.currentEvent == 2)
        #expect(model.pressing(.escape).ui.overlay == nil)
        // A node no event changed.
        let name = start.pressing(.tab, .down, .character("H"))
        #expect(name.screen.contains("no event changed it: it is the initial state's"))
    }

    @Test func watchedChangesAreMarkedOnTheTimeline() {
        let watched = start.pressing(.tab, .character("w"))
        let track = view(watched).line(1)
        let columns = [0, 2].map { TimelineColumns.column(ofEvent: $0, count: 5, width: 120) }
        // #0's column shows the playhead at the start ○ only at column 0; #2's shows the mark.
        #expect(Array(track)[columns[1]] == "◇")
        #expect(watched.session.timeline.marks[columns[0]] == .watch)
        #expect(watched.pressing(.character("w")).session.timeline.marks[columns[1]] == .none)
    }

    @Test func aConditionStopsPlayingWhereItHoldsAndIsMarked() {
        let breaking = start.pressing(.character("B")).typing("/n == 2").pressing(.enter)
        #expect(breaking.session.conditions.map(\.text) == ["/n == 2"])
        #expect(breaking.session.conditionHits["/n == 2"] == [2, 3, 4])
        #expect(breaking.ui.message == "/n == 2: holds after 3 events, marked ◈ on the timeline")
        let column = TimelineColumns.column(ofEvent: 2, count: 5, width: 120)
        #expect(Array(view(breaking).line(1))[column] == "◈")
        let played = breaking.pressing(.character(" ")).after(.tick(milliseconds: 10_000))
        #expect(played.session.playhead.stop == .condition(2, expression: "/n == 2"))
        #expect(played.ui.message == "stopped at #2: /n == 2 holds")
        let listed = breaking.pressing(.character("W"))
        #expect(listed.screen.contains("when   /n == 2"))
        let removed = listed.pressing(.character("d"))
        #expect(removed.session.conditions.isEmpty)
        #expect(removed.session.timeline.marks[column] == .none)
    }

    @Test func aMalformedConditionSaysWhereAndIsOfferedAgain() {
        let wrong = start.pressing(.character("B")).typing("/n <").pressing(.enter)
        #expect(wrong.session.conditions.isEmpty)
        #expect(wrong.ui.message?.hasPrefix("expression:1:5: ") == true)
        #expect(wrong.pressing(.character("B")).ui.prompt == .condition("/n <"))
    }

    @Test func aFilterListsOnlyTheEventsItKeepsAndDimsTheOthers() {
        let filtered = start.pressing(.character("f")).typing(#"@name == "inc""#).pressing(.enter)
        #expect(filtered.session.filter?.kept == [0, 2])
        #expect(filtered.ui.message == #"filter @name == "inc": 2 of 5 events shown; steps still visit every event; Esc clears"#)
        let screen = filtered.screen
        #expect(screen.contains(#"Events  2 of 5 · filter @name == "inc""#))
        #expect(screen.contains("#0") && screen.contains("#2"))
        #expect(!screen.contains(" #1 ") && !screen.contains(" #3 ") && !screen.contains(" #4 "))
        #expect(filtered.session.timeline.dimmed[TimelineColumns.column(ofEvent: 1, count: 5, width: 120)])
        #expect(!filtered.session.timeline.dimmed[TimelineColumns.column(ofEvent: 2, count: 5, width: 120)])
        // Steps still visit every event, unless Tab in the prompt asked them to skip hidden ones.
        #expect(filtered.pressing(.right, .right).session.playhead.currentEvent == 1)
        let skipping = start.pressing(.character("f")).typing(#"@name == "inc""#).pressing(.tab, .enter)
        #expect(skipping.session.filter?.skipsHidden == true)
        #expect(skipping.ui.message?.contains("steps skip hidden events") == true)
        #expect(skipping.pressing(.right, .right).session.playhead.currentEvent == 2)
        #expect(skipping.pressing(.right, .right, .right).ui.message == "no later event the filter keeps")
        #expect(skipping.pressing(.end, .left).session.playhead.currentEvent == 2)
        let cleared = filtered.pressing(.escape)
        #expect(cleared.session.filter == nil)
        #expect(cleared.screen.contains("Events  5 · 2 errors"))
        #expect(start.pressing(.escape).ui.message == nil)
        #expect(filtered.pressing(.character("f"), .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .enter).session.filter == nil)
    }

    @Test func theStopsListShowsAndRemovesWatchesAndBreakpoints() {
        let model = start.pressing(.right, .character("b"), .tab, .character("w"), .character("W"))
        #expect(model.ui.overlay == .stops(selected: 0))
        #expect(model.screen.contains("watch  /n"))
        #expect(model.screen.contains("break  inc"))
        let removed = model.pressing(.character("d"))
        #expect(removed.session.watches.isEmpty)
        #expect(removed.ui.message == "no longer watching /n")
        let both = removed.pressing(.character("x"))
        #expect(both.session.playhead.breakpoints.isEmpty)
        #expect(both.screen.contains("none: w watches a value, b breaks on a name, B on a condition"))
        #expect(both.pressing(.escape).ui.overlay == nil)
    }

    @Test func pageKeysMoveThroughTheStateTreeAPageAtATime() {
        let keys = (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let big = Fixture.model(Fixture.trace(#"{"format": "replay-trace", "initial_state": {\#(keys)}, "events": []}"#), width: 80, height: 24)
        let focused = big.pressing(.tab)
        let page = Layout(focused)!.contentHeight(of: .state) - 2
        #expect(focused.pressing(.pageDown).ui.stateCursor == JSONPointer(tokens: ["k\(page)"]))
        #expect(focused.pressing(.pageDown, .pageDown, .pageUp).ui.stateCursor == JSONPointer(tokens: ["k\(page)"]))
        #expect(focused.pressing(.end).ui.stateCursor == JSONPointer(tokens: ["k99"]))
        #expect(focused.pressing(.end, .home).ui.stateCursor == JSONPointer(tokens: ["k0"]))
        // Outside the state pane Home and End still go to the start and the last event.
        #expect(start.pressing(.end).session.playhead.currentEvent == 4)
    }

    @Test func roughEdgesSayWhatHappened() {
        // Going to the event the playhead is on says so.
        #expect(start.pressing(.character(":"), .character("2"), .enter, .character(":"), .character("2"), .enter).ui.message == "already at #2")
        // The ends of the speed ladder say so.
        let fastest = (0..<6).reduce(start) { model, _ in model.pressing(.character("+")) }
        #expect(fastest.ui.message == "64x is the fastest")
        #expect(start.pressing(.character("-"), .character("-")).ui.message == "0.25x is the slowest")
        // Esc with nothing under way does nothing.
        #expect(start.pressing(.escape).ui.message == nil)
        // A search that lands on the crash shows its message, not the banner.
        let found = start.pressing(.character("/")).typing("badarith").pressing(.enter)
        #expect(found.session.crashHere != nil)
        #expect(view(found).line(39) == " /badarith: #3 (1/1)")
        #expect(view(found.pressing(.character("z"), .escape)).line(39).hasPrefix(" ✖ CRASH at #3"))
    }

    @Test func behindTheTooSmallScreenOnlyQuittingActs() {
        let tiny = Fixture.model(width: 40, height: 10).pressing(.right)
        let stepped = tiny.pressing(.right, .character("c"), .character("/"))
        #expect(stepped.session.position == 0)
        #expect(stepped.ui.prompt == nil)
        #expect(tiny.pressing(.character("q")).ui.quits)
        #expect(tiny.after(.resize(width: 120, height: 40)).pressing(.right).session.position == 1)
    }

    @Test func tabMovesFocusAround() {
        #expect(start.ui.focus == .events)
        #expect(start.pressing(.tab).ui.focus == .state)
        #expect(start.pressing(.tab, .tab, .tab, .tab).ui.focus == .events)
        #expect(start.pressing(.backTab).ui.focus == .detail)
    }

    @Test func arrowsInTheEventListStep() {
        #expect(start.pressing(.down, .down).session.playhead.currentEvent == 1)
        #expect(start.pressing(.character("j"), .character("j"), .character("k")).session.playhead.currentEvent == 0)
    }

    @Test func theStateTreeFoldsAndMoves() {
        let nested = Fixture.model(Fixture.trace(#"{"format": "replay-trace", "initial_state": {"a": {"b": [1, 2]}, "c": 3}, "events": []}"#))
        let focused = nested.pressing(.tab)
        #expect(StateTree.rows(of: focused.session.state, expanded: focused.ui.expanded).map(\.label) == ["a", "c"])
        let opened = focused.pressing(.enter)
        #expect(StateTree.rows(of: opened.session.state, expanded: opened.ui.expanded).map(\.label) == ["a", "b", "c"])
        let deeper = opened.pressing(.down, .right)
        #expect(StateTree.rows(of: deeper.session.state, expanded: deeper.ui.expanded).map(\.label) == ["a", "b", "[0]", "[1]", "c"])
        let closed = deeper.pressing(.left)
        #expect(StateTree.rows(of: closed.session.state, expanded: closed.ui.expanded).map(\.label) == ["a", "b", "c"])
        #expect(closed.pressing(.left).ui.stateCursor == JSONPointer(tokens: ["a"]))
        // In the state pane, h and l still step.
        #expect(Fixture.model().pressing(.tab, .character("l")).session.playhead.currentEvent == 0)
    }

    @Test func changedPathsAreRevealed() {
        let nested = Fixture.model(Fixture.trace("""
            {"format": "replay-trace", "initial_state": {"a": {"b": {"c": 1}}},
             "events": [{"kind": "x", "patch": [{"op": "replace", "path": "/a/b/c", "value": 2}]}]}
            """))
        let model = nested.pressing(.right)
        #expect(model.ui.expanded.contains(JSONPointer(tokens: ["a", "b"])))
        #expect(model.session.changes.map(\.readableLine) == ["~ /a/b/c 1 -> 2"])
    }

    /// One event that adds 30 keys, with a 30-key payload: more than the panes show.
    static var wide: Model {
        let keys = (0..<30).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let ops = (0..<30).map { #"{"op": "add", "path": "/k\#($0)", "value": \#($0)}"# }.joined(separator: ", ")
        return Fixture.model(Fixture.trace(#"{"format": "replay-trace", "initial_state": {}, "events": [{"kind": "k", "payload": {\#(keys)}, "patch": [\#(ops)]}]}"#), width: 80, height: 24)
    }

    @Test func diffAndDetailScrollAsFarAsTheirContentGoes() {
        let model = Self.wide.pressing(.right, .tab, .tab, .down, .down)
        let layout = Layout(model)!
        #expect(model.ui.focus == .diff)
        #expect(model.ui.diffScroll == 2)
        #expect(model.pressing(.up, .up, .up).ui.diffScroll == 0)
        // Never past the last change: the last rows stay full.
        let bottom = (0..<40).reduce(model) { scrolled, _ in scrolled.pressing(.down) }
        #expect(bottom.ui.diffScroll == 30 - layout.contentHeight(of: .diff))
        #expect(bottom.pressing(.up).ui.diffScroll == 30 - layout.contentHeight(of: .diff) - 1)
        // The event pane: "payload:" and 32 lines of JSON.
        let detail = (0..<60).reduce(model.pressing(.tab)) { scrolled, _ in scrolled.pressing(.down) }
        #expect(detail.ui.detailScroll == 33 - layout.contentHeight(of: .detail))
        #expect(view(detail).line(layout.detail.maxY - 1).contains("}"))
        #expect(Self.wide.pressing(.right, .tab, .tab, .tab, .down).ui.detailScroll == 1)
        // Nothing to scroll: it stays at the top.
        #expect(start.pressing(.right, .tab, .tab, .down).ui.diffScroll == 0)
    }

    @Test func helpOpensAndAnyKeyClosesIt() {
        let help = start.pressing(.character("?"))
        #expect(help.ui.showsHelp)
        #expect(help.pressing(.down, .down, .up).ui.overlay == .help(scroll: 1))
        #expect(help.pressing(.down).ui.showsHelp)
        let closed = help.pressing(.character("x"))
        #expect(!closed.ui.showsHelp)
        #expect(closed.session.playhead.position == 0)
    }

    @Test func qAndCtrlCQuit() {
        #expect(start.pressing(.character("q")).ui.quits)
        #expect(start.pressing(.interrupt).ui.quits)
        #expect(start.pressing(.character("?"), .character("q")).ui.quits)
    }

    @Test func unknownKeysSaySo() {
        #expect(start.pressing(.character("Z")).ui.message == "no key 'Z'; press ? for help")
    }

    @Test func mouseClicksSeekAndWheelScrolls() {
        let clicked = start.after(.mouse(.click(x: 119, y: 1)))
        #expect(clicked.session.playhead.currentEvent == 4)
        let middle = start.after(.mouse(.click(x: 60, y: 1)))
        #expect(middle.session.playhead.currentEvent == 2)
        let stepped = Self.wide.after(.resize(width: 120, height: 40)).pressing(.right)
        let diff = Layout(stepped)!.diff
        let wheeled = stepped.after(.mouse(.wheelDown(x: diff.x + 2, y: diff.y + 2)))
        #expect(wheeled.ui.diffScroll == 3)
        #expect(wheeled.ui.focus == .events)
        let row = start.after(.mouse(.click(x: 5, y: Layout(start)!.events.y + 3)))
        #expect(row.session.playhead.currentEvent == 2)
    }

    @Test func resizeChangesTheLayout() {
        let small = start.after(.resize(width: 70, height: 20))
        #expect(small.ui.width == 70)
        #expect(small.session.timeline.width == 70)
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
        #expect(model.session.hasIdleWork)
        var slices = 0
        while model.session.hasIdleWork, slices < 100 {
            model = model.after(.idle)
            slices += 1
        }
        #expect(slices == 3)
        #expect(view(model).text == screen)
        #expect(model.pressing(.end).session.state == ["n": 39_999])
        #expect(!Fixture.model().session.hasIdleWork)
    }
}
