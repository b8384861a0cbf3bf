import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// Every view, drawn into a Canvas and read back as text.
@Suite struct RenderTests {
    let start = Fixture.model()

    private func line(_ model: Model, _ y: Int) -> String { view(model).line(y) }

    @Test func headerShowsWhereThePlayheadIs() {
        #expect(line(start, 0).hasPrefix(" ❚❚ 1x  │ start of 5  │ t 0.0 s / 2.2 s"))
        #expect(line(start, 0).hasSuffix("small.json · replay-trace"))
        #expect(line(start.pressing(.right), 0).hasPrefix(" ❚❚ 1x  │ #0 of 5  call inc  │ t 0.0 s / 2.2 s"))
        #expect(line(start.pressing(.character(" ")), 0).hasPrefix(" ▶ 1x"))
        #expect(line(start.pressing(.character("t")), 0).hasPrefix(" ❚❚ 1x fixed"))
    }

    @Test func timelineMarksTheCrashErrorsBreakpointsAndPlayhead() {
        let track = line(start, 1)
        #expect(track.count == 120)
        #expect(track.first == "○")  // the playhead at the start, before any event
        #expect(track.filter { $0 == "•" }.count == 1)  // #1; #3 is the crash
        #expect(Array(track)[TimelineColumns.column(ofEvent: 3, count: 5, width: 120)] == "✖")
        let atTwo = line(start.pressing(.right, .right, .right), 1)
        #expect(Array(atTwo)[TimelineColumns.column(ofEvent: 2, count: 5, width: 120)] == "●")
        #expect(!track.contains("◆"))
        let marked = line(start.pressing(.right, .character("b")), 1)
        #expect(marked.contains("◆"))
    }

    @Test func densityStripShowsWhereStateChanged() {
        let strip = line(start, 2)
        #expect(strip.contains("█"))
        #expect(strip.contains(" "))
    }

    @Test func theLastSearchStandsOutInTheEventList() {
        let model = start.pressing(.character("/"), .character("i"), .character("n"), .character("c"), .enter)
        let canvas = view(model)
        let layout = Layout(model)!
        let rows = (layout.events.y + 1..<layout.events.maxY).filter { y in
            (layout.events.x..<layout.events.maxX).contains { canvas[$0, y].style.foreground == .match }
        }
        #expect(rows.map { canvas.line($0).contains("inc") } == [true, true])
        #expect(rows.count == 2)  // #0 and #2 are named inc
    }

    @Test func eventListMarksCurrentErrorsAndCrash() {
        let screen = start.pressing(.right, .right).screen
        #expect(screen.contains("▶! #1"))
        #expect(screen.contains(" ✖ #3"))
        #expect(screen.contains("   #0  0.0 s  call  inc      {\"by\":1}"))
        #expect(screen.contains(" Events  5 · 2 errors"))
    }

    @Test func statePaneShowsTheTreeWithChangesHighlighted() {
        let model = start.pressing(.right)
        let screen = model.screen
        #expect(screen.contains("State at #0"))
        #expect(screen.contains("   n: 1"))
        #expect(screen.contains("   name: \"山田\""))
        #expect(model.stateForeground(of: "1", onRowWith: "n: 1") == .changed)
    }

    @Test func diffPaneListsChanges() {
        #expect(start.pressing(.right).screen.contains(" ~ /n 0 → 1"))
        let merged = start.pressing(.right, .right, .right).screen
        #expect(merged.contains(" ~ /n 1 → 2"))
        #expect(merged.contains(" + /flag true"))
        #expect(start.pressing(.right, .right).screen.contains("no changes: this event left the state as it was"))
        #expect(start.screen.contains("the initial state: step forward (→) to see changes"))
    }

    @Test func detailShowsTheEventInFull() {
        let screen = start.pressing(.right, .right).screen
        #expect(screen.contains(" Event #1  call dec  t 0.1 s"))
        #expect(screen.contains(" ! error: would go negative"))
        let first = start.pressing(.right).screen
        #expect(first.contains("     \"by\": 1"))
    }

    @Test func onTheCrashTheReasonIsProminent() {
        let screen = start.pressing(.character("c")).screen
        #expect(screen.contains(" ✖ CRASH: bad argument"))
        // The rest of the reason, a line of its own in the event pane.
        #expect(screen.contains("   in arithmetic"))
        let status = screen.split(separator: "\n", omittingEmptySubsequences: false).last!
        #expect(status == " ✖ CRASH at #3: bad argument")
    }

    @Test func statusLineShowsKeysPromptsAndMessages() {
        #expect(line(start, 39).hasPrefix(" ←→ step  Space play"))
        #expect(line(start.pressing(.tab), 39).hasPrefix(" ↑↓ move  ←→ fold"))
        #expect(line(start.pressing(.character(":"), .character("4")), 39).hasPrefix(" go to event: 4█"))
        #expect(line(start.pressing(.character("/"), .character("x")), 39).hasPrefix(" search events: /x█"))
        #expect(line(start.pressing(.left), 39) == " already at the start")
    }

    @Test func helpListsEveryBinding() {
        let screen = start.pressing(.character("?")).screen
        for binding in KeyMap.bindings {
            #expect(screen.contains(binding.label), "\(binding.label)")
            #expect(screen.contains(binding.help), "\(binding.help)")
        }
    }

    @Test func smallestSupportedTerminalStillFits() {
        let model = Fixture.model(width: 60, height: 16).pressing(.right)
        let canvas = view(model)
        #expect(canvas.line(0).contains("#0 of 5"))
        #expect(canvas.text.contains("~ /n 0 → 1"))
        #expect(canvas.text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 60 })
    }

    @Test(arguments: [(59, 16), (60, 15), (20, 5), (1, 1)])
    func tinyTerminalsSaySo(_ width: Int, _ height: Int) {
        let text = view(Fixture.model(width: width, height: height)).text
        if width >= 18, height >= 3 {
            #expect(text.contains("terminal too small"))
            #expect(text.contains("\(width)x\(height), needs 60x16"))
        }
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == height)
    }

    @Test func wideCharactersAreNeverSplit() {
        let trace = Fixture.trace(#"""
            {"format": "replay-trace", "initial_state": {"名前": "山田太郎🎉", "emoji": "🇫🇷❤️"},
             "events": [{"kind": "call", "name": "挨拶", "payload": {"text": "こんにちは世界こんにちは世界こんにちは世界こんにちは世界こんにちは世界"}}]}
            """#)
        for width in [60, 61, 97, 120] {
            let canvas = view(Fixture.model(trace, width: width, height: 24).pressing(.right))
            for y in 0..<canvas.height {
                for x in 0..<canvas.width where canvas[x, y].isContinuation {
                    #expect(x > 0 && DisplayWidth.of(canvas[x - 1, y].text) == 2, "orphan half at \(x),\(y) width \(width)")
                }
            }
            #expect(canvas.text.contains("名前: \"山田太郎🎉\""))
        }
    }
}

@Suite struct CanvasTests {
    @Test func highlightMarksEveryPlaceTheTextShowsIgnoringCase() {
        var canvas = Canvas(width: 20, height: 1)
        canvas.put("Inc 山田 inc", x: 0, y: 0, style: Style(.text, background: .selection))
        canvas.highlight("inc", y: 0, columns: 0..<20, as: .match)
        let marked = (0..<20).filter { canvas[$0, 0].style.foreground == .match }
        #expect(marked == [0, 1, 2, 9, 10, 11])
        #expect(canvas[0, 0].style == Style(.match, background: .selection, bold: true, underline: true))
        canvas.highlight("山田", y: 0, columns: 0..<20, as: .match)
        #expect((4..<8).allSatisfy { canvas[$0, 0].style.foreground == .match })
        // Outside the columns given, nothing is marked.
        var clipped = Canvas(width: 20, height: 1)
        clipped.put("inc inc", x: 0, y: 0)
        clipped.highlight("inc", y: 0, columns: 2..<20, as: .match)
        #expect((0..<20).filter { clipped[$0, 0].style.foreground == .match } == [4, 5, 6])
    }

    @Test func putClipsAtTheLimitAndTheEdge() {
        var canvas = Canvas(width: 10, height: 2)
        #expect(canvas.put("hello world", x: 2, y: 0) == 10)
        #expect(canvas.line(0) == "  hello wo")
        canvas.put("abcdef", x: 0, y: 1, limit: 3)
        #expect(canvas.line(1) == "abc")
    }

    @Test func aWideCharacterThatDoesNotFitIsLeftOut() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.put("ab山田", x: 0, y: 0)
        #expect(canvas.line(0) == "ab山")
        #expect(canvas[3, 0].isContinuation)
        #expect(canvas[4, 0].text == " ")
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("山田", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)
        #expect(canvas.line(0) == " x田")
        canvas.put("y", x: 2, y: 0)
        #expect(canvas.line(0) == " xy")
    }

    @Test func controlCharactersNeverReachTheScreen() {
        var canvas = Canvas(width: 10, height: 1)
        canvas.put("a\tb\u{1B}c", x: 0, y: 0)
        #expect(canvas.line(0) == "a·b·c")
    }
}

@Suite struct CheckpointMarkTests {
    @Test func recordedCheckpointsAreMarkedOnTheTimeline() {
        let trace = Fixture.trace("""
            {"format": "replay-trace", "meta": {"checkpoints": [{"position": 2, "label": "saved"}, {"position": 99}]},
             "events": [{"kind": "a"}, {"kind": "b"}, {"kind": "c"}]}
            """)
        let columns = TimelineColumns(trace: trace, width: 60, errors: [], breakpoints: [], watchHits: [], conditionHits: [], kept: nil, changeWeights: ChangeWeights(trace, replayer: Replayer(trace: trace)))
        #expect(columns.marks.filter { $0 == .checkpoint }.count == 1)
        #expect(columns.marks[TimelineColumns.column(ofEvent: 1, count: 3, width: 60)] == .checkpoint)
        #expect(view(Fixture.model(trace, width: 60, height: 16)).line(1).contains("▾"))
    }
}

@Suite struct DensityStripTests {
    /// The stretch of the strip up to an event shows what that event changed: a trace
    /// whose last event alone changes shows one bar ending at the right edge, and nothing
    /// before it.
    @Test func theStretchUpToAnEventShowsWhatItChanged() {
        let trace = Fixture.trace("""
            {"format": "replay-trace", "initial_state": {"a": 0},
             "events": [{"kind": "k"}, {"kind": "k"}, {"kind": "k", "patch": [{"op": "replace", "path": "/a", "value": 1}]}]}
            """)
        let strip = Array(view(Fixture.model(trace, width: 60, height: 16)).line(2))
        let before = TimelineColumns.column(ofEvent: 1, count: 3, width: 60)
        #expect(strip.count == 60)
        #expect(strip[...before].allSatisfy { $0 == " " })
        #expect(strip[(before + 1)...].allSatisfy { $0 == "█" })
    }

    /// A snapshot that changes nothing leaves a gap in the strip; one that changes three
    /// values stands three times as tall as one that changes one.
    @Test func snapshotsWeighWhatTheyChanged() {
        let trace = Fixture.trace("""
            {"format": "replay-trace", "initial_state": {"a": 0, "b": 0, "c": 0},
             "events": [{"kind": "k", "state": {"a": 1, "b": 0, "c": 0}},
                        {"kind": "k", "state": {"a": 1, "b": 0, "c": 0}},
                        {"kind": "k", "state": {"a": 2, "b": 1, "c": 1}}]}
            """)
        let model = Fixture.model(trace, width: 60, height: 16)
        #expect(model.session.changeWeights.measured == [1, 0, 3])
        let strip = Array(view(model).line(2))
        #expect(strip[TimelineColumns.column(ofEvent: 1, count: 3, width: 60)] == " ")
        #expect(strip[TimelineColumns.column(ofEvent: 2, count: 3, width: 60)] == "█")
        #expect(strip[TimelineColumns.column(ofEvent: 0, count: 3, width: 60)] != "█")
    }
}

/// Times with the unit and the precision each trace needs.
@Suite struct TimeScaleTests {
    @Test func decimalsFollowTheClosestEvents() {
        #expect(TimeScale(duration: 14_410, times: [1, 1_501, 1_508, 1_989]).text(1_508.454) == "1.508 s")
        #expect(TimeScale(duration: 14_410, times: [0, 100, 200, 2_000]).text(1_508.454) == "1.5 s")
        #expect(TimeScale(duration: 60_000, times: [0, 1_000, 2_000, 3_000]).text(1_508.454) == "2 s")
        #expect(TimeScale(duration: 900, times: [0, 1, 2, 3]).text(850) == "850 ms")
        #expect(TimeScale(duration: 900, times: [0, 0.25, 0.5]).text(850) == "850.0 ms")
        #expect(TimeScale(duration: 2_000, times: [0, 0.0001, 0.0002]).text(1_234.5678) == "1.235 s")
    }

    @Test func withoutTimesItIsWholeSeconds() {
        #expect(TimeScale(duration: nil, times: []).text(0) == "0 ms")
        #expect(TimeScale(duration: 5_000, times: [5_000]).text(5_000) == "5 s")
    }

    @Test func roundingCarriesIntoTheWholePart() {
        #expect(TimeScale.fixed(1.9996, 3) == "2.000")
        #expect(TimeScale.fixed(0.05, 1) == "0.1")
        #expect(TimeScale.fixed(-0.0004, 3) == "0.000")
        #expect(TimeScale.fixed(-2.5, 0) == "-3")
    }

    /// A trace whose events are a millisecond apart shows each row's time apart, not `2 s`
    /// on every row.
    @Test func eventsAMillisecondApartLookApart() {
        let events = (0..<20).map { #"{"kind": "tick", "t": \#(2_000 + $0)}"# }.joined(separator: ", ")
        let model = Fixture.model(Fixture.trace(#"{"format": "replay-trace", "initial_state": {}, "events": [\#(events)]}"#)).pressing(.right)
        #expect(model.screen.contains("#0  2.000 s  tick"))
        #expect(model.screen.contains("#1  2.001 s  tick"))
        #expect(model.screen.contains("t 2.000 s / 2.019 s"))
    }
}

/// A change whose path is long keeps its old and new values in view.
@Suite struct DiffRowTests {
    @Test func aLongPathIsCutFromTheLeftSoTheValuesShow() {
        var canvas = Canvas(width: 39, height: 1)
        let change = StateChange(op: .replace, path: JSONPointer(tokens: ["services", "orders-service", "failed"]), old: 0, new: 1)
        DiffView.draw(change, x: 0, y: 0, width: 39, syntax: .json, on: &canvas)
        #expect(canvas.line(0) == " ~ …ervices/orders-service/failed 0 → 1")
    }

    @Test func aShortPathIsWhole() {
        var canvas = Canvas(width: 39, height: 1)
        let change = StateChange(op: .add, path: JSONPointer(tokens: ["n"]), old: nil, new: "a long string that does not fit in the row")
        DiffView.draw(change, x: 0, y: 0, width: 39, syntax: .json, on: &canvas)
        #expect(canvas.line(0).hasPrefix(#" + /n "a long string that does not fit…"#))
    }

    @Test func leftCutKeepsTheEnd() {
        #expect(DiffView.leftCut("/a/b/c", to: 10) == "/a/b/c")
        #expect(DiffView.leftCut("/accounts/4/limits", to: 10) == "…/4/limits")
    }
}
