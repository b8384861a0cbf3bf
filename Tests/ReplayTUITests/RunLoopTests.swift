import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// The run loop itself, on a fake terminal and a clock the test moves: play ticks and their
/// timing, idle checkpoint filling, resize, jobs on the worker, and the terminal given back.
@Suite struct RunLoopTests {
    /// Runs the debugger on `trace` through `terminal`'s script.
    private func run(_ trace: Trace, _ terminal: FakeTerminal) -> Model {
        let start = Model(trace: trace, fileName: "t.json", width: terminal.size.width, height: terminal.size.height)
        let (model, signal) = RunLoop.run(start, on: terminal, clock: terminal.clock)
        #expect(signal == nil)
        #expect(terminal.restored)
        return model
    }

    /// The clock when a frame first satisfied `condition`.
    private func firstTime(_ terminal: FakeTerminal, _ condition: (String) -> Bool) -> Double? {
        terminal.frames.first { condition($0.canvas.text) }?.at
    }

    @Test func playbackFollowsTheRecordedGapsAndCutsIdleOnesToASecond() {
        // Events at t = 0, 100, 2000 (a 1.9 s gap, played as 1 s), 2100 (the crash).
        let terminal = FakeTerminal([.input([.message(.key(.character(" ")))]), .idle(60)])
        let model = run(Fixture.small, terminal)
        #expect(model.session.playhead.currentEvent == 3)
        #expect(terminal.lastFrame.line(39).hasPrefix(" ✖ CRASH at #3: bad argument"))
        let first = firstTime(terminal) { $0.contains("#0 of 5") }!
        let second = firstTime(terminal) { $0.contains("#1 of 5") }!
        let third = firstTime(terminal) { $0.contains("#2 of 5") }!
        let crash = firstTime(terminal) { $0.contains("#3 of 5") }!
        // Frames are 33 ms apart: each event shows within a frame of its time.
        #expect(first <= 33)
        #expect(abs(second - first - 100) <= 33)
        #expect(abs(third - second - 1_000) <= 33)
        #expect(abs(crash - third - 100) <= 33)
        // Playing reads with the frame timeout; paused on the crash, with the idle one.
        #expect(terminal.timeouts[1] == RunLoop.frameMilliseconds)
        #expect(terminal.timeouts.last == RunLoop.idleMilliseconds)
    }

    @Test func fastPlaybackStillStopsOnTheCrash() {
        var keys = FakeTerminal.keys(.character("t"))
        keys += Array(repeating: FakeTerminal.Step.input([.message(.key(.character("+")))]), count: 6)
        let terminal = FakeTerminal(keys + [.input([.message(.key(.character(" ")))]), .idle(10)])
        let model = run(Fixture.small, terminal)
        #expect(model.session.playhead.currentEvent == 3)
        #expect(model.session.playhead.stop == .crash(3))
    }

    @Test func idleTimeFillsCheckpointsThenWaitsQuietly() {
        let events = (0..<40_000).map { #"{"kind": "tick", "merge": {"n": \#($0)}}"# }.joined(separator: ",\n")
        let trace = Fixture.trace(#"{"format": "replay-trace", "events": [\#(events)]}"#)
        let terminal = FakeTerminal([.idle(10)])
        let model = run(trace, terminal)
        #expect(!model.session.hasIdleWork)
        // Three slices of filling read without waiting; then the loop sleeps between reads.
        #expect(Array(terminal.timeouts.prefix(4)) == [0, 0, 0, RunLoop.idleMilliseconds])
        // Filling draws nothing: the screen did not change.
        #expect(terminal.frames.count == 1)
    }

    @Test func aJumpWaitingForTheIndexLooksForItsNewsOftener() {
        var start = Model(trace: Fixture.small, fileName: "t.json", width: 120, height: 40)
        start.ui.indexing = Indexing(fraction: 0.5)
        let indexing = FakeTerminal([.idle(2)])
        _ = RunLoop.run(start, on: indexing, clock: indexing.clock)
        #expect(Array(indexing.timeouts.prefix(2)) == [RunLoop.followMilliseconds, RunLoop.followMilliseconds])
        start.ui.indexing?.waiting = .end(from: 0)
        let waiting = FakeTerminal([.idle(2)])
        _ = RunLoop.run(start, on: waiting, clock: waiting.clock)
        #expect(Array(waiting.timeouts.prefix(2)) == [RunLoop.jumpWaitMilliseconds, RunLoop.jumpWaitMilliseconds])
    }

    @Test func aResizeRedrawsAtTheNewSize() {
        let terminal = FakeTerminal([.input([.message(.resize(width: 70, height: 20))]), .idle(1)])
        let model = run(Fixture.small, terminal)
        #expect(terminal.frames.first!.canvas.width == 120)
        #expect(terminal.lastFrame.width == 70 && terminal.lastFrame.height == 20)
        #expect(model.session.timeline.width == 70)
        let tooSmall = FakeTerminal([.input([.message(.resize(width: 40, height: 10))])])
        _ = run(Fixture.small, tooSmall)
        #expect(tooSmall.lastFrame.text.contains("terminal too small"))
    }

    @Test func aSignalEndsTheLoopAndGivesTheTerminalBack() {
        let terminal = FakeTerminal([.input([.signal(15)])])
        let start = Fixture.model()
        let (_, signal) = RunLoop.run(start, on: terminal, clock: terminal.clock)
        #expect(signal == 15)
        #expect(terminal.restored)
    }

    @Test func aSearchRunsOnTheWorkerAndItsAnswerMovesThePlayhead() {
        var steps = FakeTerminal.keys(.character("/"), .character("i"), .character("n"), .character("c"), .enter)
        steps.append(.waitFor { $0.text.contains("/inc: #0") })
        let terminal = FakeTerminal(steps)
        let model = run(Fixture.small, terminal)
        #expect(model.session.playhead.currentEvent == 0)
        #expect(model.ui.job == nil)
    }

    @Test func keysAreAnsweredWhileASearchRunsAndEscCancelsIt() {
        let trace = Fixture.manyEvents(60_000)
        var steps = FakeTerminal.keys(.character("/"), .character("z"), .character("q"), .enter)
        steps.append(.waitFor { $0.line(39).contains("searching /zq") })
        steps += FakeTerminal.keys(.right)
        steps.append(.waitFor { $0.line(0).contains("#0 of 60000") })
        steps += FakeTerminal.keys(.escape)
        steps.append(.waitFor { $0.line(39).contains("cancelled") })
        let terminal = FakeTerminal(steps)
        let model = run(trace, terminal)
        // → moved the playhead while the search was still running: the frame that shows
        // #0 still shows the search under way.
        let stepped = terminal.frames.first { $0.canvas.line(0).contains("#0 of 60000") }!.canvas
        #expect(stepped.line(39).contains("searching /zq"))
        #expect(model.session.playhead.currentEvent == 0)
        #expect(model.ui.job == nil)
        #expect(terminal.lastFrame.line(39) == " searching /zq: cancelled")
    }

    @Test func aFarJumpReplaysOnItsOwnWorkerAndLandsWhenTheStateArrives() {
        // Past Model.farSeekEvents, and End comes before any idle checkpoint filling.
        let trace = Fixture.manyEvents(60_000)
        var steps = FakeTerminal.keys(.end)
        steps.append(.waitFor { $0.line(0).contains("#59999 of 60000") })
        let terminal = FakeTerminal(steps)
        let model = run(trace, terminal)
        #expect(model.session.position == 60_000)
        #expect(model.ui.seeking == nil)
        // The frame drawn right after End: the playhead still at the start, the replay under way.
        let afterEnd = terminal.frames[1].canvas
        #expect(afterEnd.line(39).contains("replaying to #59999"))
        #expect(!afterEnd.line(0).contains("#59999"))
        // While it replays the loop looks for its news often and fills no checkpoints itself,
        // but draws its progress at most once a frame.
        #expect(terminal.timeouts.dropFirst().prefix { $0 != RunLoop.idleMilliseconds }.contains(RunLoop.jumpWaitMilliseconds))
        let progress = terminal.frames.dropLast().filter { $0.canvas.line(39).contains("replaying to #59999 … ") }
        #expect(progress.count > 2)
        for (earlier, later) in zip(progress, progress.dropFirst()) {
            #expect(later.at - earlier.at >= Double(RunLoop.frameMilliseconds))
        }
    }
}
