import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// Moves too far to replay within a frame go to the worker: the playhead stays, showing its
/// own state, while the status line says how far the replay is; it lands when the state
/// arrives, unless it moved meanwhile; Esc cancels.
@Suite struct FarSeekTests {
    /// Past what the session replays whole as it opens (``ChangeWeights``).
    static let trace = Fixture.manyEvents(8_000)

    /// A model on ``trace`` whose moves past 100 events go to the worker.
    static func model() -> Model {
        var model = Fixture.model(trace, width: 100, height: 30)
        model.farSeekEvents = 100
        return model
    }

    /// The replay job `effects` start, if they start one.
    static func seekJob(in effects: [Effect]) -> Job? {
        effects.lazy.compactMap { if case .seek(let job) = $0 { job } else { nil } }.first
    }

    static func finished(_ job: Job) -> Msg {
        .jobFinished(id: job.id, try! job.perform(in: trace, context: .synchronous))
    }

    @Test func endStaysPutWhileTheWorkerReplaysThenLandsOnTheStateReplayGives() throws {
        let (waiting, effects) = Self.model().starting(.key(.end))
        let job = try #require(Self.seekJob(in: effects))
        #expect(job.label == "replaying to #7999")
        #expect(waiting.session.position == 0)
        #expect(waiting.session.state == Self.trace.initialState)
        let status = view(waiting).line(29)
        #expect(status.contains("replaying to #7999 … 0%") && status.contains("Esc: cancel"))
        #expect(!waiting.hasIdleWork)
        let halfway = waiting.after(.jobProgress(id: job.id, fraction: 0.43))
        #expect(view(halfway).line(29).contains("replaying to #7999 … 43%"))
        let landed = halfway.after(Self.finished(job))
        #expect(landed.session.position == 8_000)
        #expect(landed.ui.seeking == nil)
        #expect(landed.session.state == (try Replayer(trace: Self.trace).state(at: 8_000)))
        #expect(landed.session.changes.map(\.path.shown) == ["/n"])
        // Steps back from there are short: the replay left its stepping stones.
        let back = landed.starting(.key(.left))
        #expect(Self.seekJob(in: back.1) == nil)
        #expect(back.0.session.position == 7_999)
    }

    @Test func aShortMoveIsMadeAtOnce() {
        let (model, effects) = Self.model().starting(.key(.pageDown))
        #expect(Self.seekJob(in: effects) == nil)
        #expect(model.session.position == 10)
    }

    @Test func pressingTheSameJumpAgainKeepsTheReplayGoing() throws {
        let (waiting, effects) = Self.model().starting(.key(.end))
        let job = try #require(Self.seekJob(in: effects))
        let (again, more) = waiting.starting(.key(.end))
        #expect(more.isEmpty)
        #expect(again.ui.seeking?.job.id == job.id)
        // A jump elsewhere supersedes it.
        let typed = again.pressing(.character(":"), .character("5"), .character("0"), .character("0"), .character("0"))
        let (elsewhere, others) = typed.starting(.key(.enter))
        let crash = try #require(Self.seekJob(in: others))
        #expect(others.contains(.cancel(jobID: job.id)))
        #expect(elsewhere.ui.seeking?.job.id == crash.id)
    }

    @Test func movingMeanwhileCancelsItAndTheStatesItFoundAreStillKept() throws {
        let (waiting, effects) = Self.model().starting(.key(.end))
        let job = try #require(Self.seekJob(in: effects))
        let (moved, cancelling) = waiting.starting(.key(.right))
        #expect(cancelling.contains(.cancel(jobID: job.id)))
        #expect(moved.session.position == 1)
        #expect(moved.ui.seeking == nil)
        // Its answer, had it come anyway, moves nothing, but what it replayed is kept: End
        // is short now.
        let late = moved.after(Self.finished(job))
        #expect(late.session.position == 1)
        let (end, more) = late.starting(.key(.end))
        #expect(Self.seekJob(in: more) == nil)
        #expect(end.session.position == 8_000)
    }

    @Test func playingMeanwhileCancelsIt() throws {
        let (waiting, effects) = Self.model().starting(.key(.end))
        let job = try #require(Self.seekJob(in: effects))
        let (playing, cancelling) = waiting.starting(.key(.character(" ")))
        #expect(cancelling.contains(.cancel(jobID: job.id)))
        #expect(playing.ui.seeking == nil)
        #expect(playing.session.playhead.isPlaying)
    }

    @Test func escCancelsItAndTheKeysStillWork() throws {
        let (waiting, effects) = Self.model().starting(.key(.end))
        let job = try #require(Self.seekJob(in: effects))
        let faster = waiting.pressing(.character("+"))
        #expect(faster.ui.seeking?.job.id == job.id)
        let (cancelled, cancelling) = faster.starting(.key(.escape))
        #expect(cancelling == [.cancel(jobID: job.id)])
        #expect(cancelled.ui.seeking == nil)
        #expect(cancelled.ui.message == "replaying to #7999: cancelled")
        #expect(cancelled.after(Self.finished(job)).session.position == 0)
    }

    @Test func checkpointsPassedOnTheWayAreKeptAsTheyCome() throws {
        let (waiting, effects) = Self.model().starting(.key(.end))
        let job = try #require(Self.seekJob(in: effects))
        guard case .replay(let request) = job.work else { Issue.record("not a replay"); return }
        var parts: [FarReplay.Passed] = []
        _ = try request.replay.run(in: Self.trace, reportingEvery: 2_000, while: { true }) { passed, _ in parts.append(passed) }
        let before = waiting.session.replayer.checkpointCount
        let taken = parts.reduce(waiting) { $0.after(.jobPartial(id: job.id, .replayed($1, side: nil))) }
        #expect(taken.session.replayer.checkpointCount > before)
        #expect(taken.session.position == 0)
        #expect(taken.ui.seeking?.job.id == job.id)
    }

    @Test func aDataErrorMetOnTheWayEndsTheAppAsReplayingHereWould() throws {
        let (waiting, effects) = Self.model().starting(.key(.end))
        let job = try #require(Self.seekJob(in: effects))
        let error = TraceError(.event(6_500), "cannot apply the merge")
        #expect(waiting.after(.jobFinished(id: job.id, .failed(job.label, error))).failure == error)
    }

    @Test func endWaitingForTheIndexSupersedesIt() throws {
        var indexing = Self.model()
        indexing.ui.indexing = Indexing(fraction: 0.5)
        let typed = indexing.pressing(.character(":"), .character("5"), .character("0"), .character("0"), .character("0"))
        let (waiting, effects) = typed.starting(.key(.enter))
        let job = try #require(Self.seekJob(in: effects))
        let (end, more) = waiting.starting(.key(.end))
        #expect(more == [.cancel(jobID: job.id)])
        #expect(end.ui.seeking == nil)
        #expect(end.ui.indexing?.waiting == .end(from: 0))
        // Its answer, had it come anyway, lands nothing: End still waits.
        let late = end.after(Self.finished(job))
        #expect(late.session.position == 0)
        #expect(late.ui.indexing?.waiting == .end(from: 0))
    }

    /// Two runs of 8,000 events, B's #6000 writing another value.
    static func split(farSeekEvents: Int) -> Model {
        func run(changing changed: Int?) -> Trace {
            var lines = [#"{"format": "replay-trace", "initial_state": {"n": 0}}"#]
            for index in 0..<8_000 {
                lines.append(#"{"kind": "call", "name": "step", "merge": {"n": \#(index == changed ? -1 : index)}}"#)
            }
            return Fixture.trace(lines.joined(separator: "\n"))
        }
        var model = Model(comparing: run(changing: nil), fileName: "a.json", with: run(changing: 6_000), fileName: "b.json", width: 100, height: 30)
        model.farSeekEvents = farSeekEvents
        return model.after(.resize(width: 100, height: 30))
    }

    @Test func theSplitViewReplaysEachRunOnTheWorkerThenLands() throws {
        let opened = Self.split(farSeekEvents: 100)
        let divergence = try #require(opened.compare?.comparison?.divergences.first)
        let (waiting, effects) = opened.starting(.key(.character("x")))
        let job = try #require(Self.seekJob(in: effects))
        guard case .replay(let request) = job.work else { Issue.record("not a replay"); return }
        #expect(request.side == .a)
        #expect(waiting.compare?.row == 0)
        #expect(view(waiting).line(29).contains("replaying run A to #"))
        // A's answer lands nothing yet: B's replay comes next, then the row.
        let (afterA, more) = waiting.starting(.jobFinished(id: job.id, try job.perform(in: opened.session.trace, context: .synchronous)))
        let jobB = try #require(Self.seekJob(in: more))
        guard case .replay(let requestB) = jobB.work else { Issue.record("not a replay"); return }
        #expect(requestB.side == .b)
        #expect(afterA.compare?.row == 0)
        let landed = afterA.after(.jobFinished(id: jobB.id, try jobB.perform(in: opened.session.trace, context: .synchronous)))
        #expect(landed.compare?.row == divergence.rows.lowerBound)
        // The same differences as moving there in place.
        let inPlace = Self.split(farSeekEvents: .max).pressing(.character("x"))
        #expect(inPlace.compare?.row == divergence.rows.lowerBound)
        #expect(landed.compare?.differences == inPlace.compare?.differences)
        #expect(landed.compare?.differences.isEmpty == false)
    }

    @Test func escCancelsASplitReplay() throws {
        let (waiting, effects) = Self.split(farSeekEvents: 100).starting(.key(.character("x")))
        let job = try #require(Self.seekJob(in: effects))
        let (cancelled, cancelling) = waiting.starting(.key(.escape))
        #expect(cancelling == [.cancel(jobID: job.id)])
        #expect(cancelled.ui.seeking == nil)
        #expect(cancelled.compare?.row == 0)
    }
}
