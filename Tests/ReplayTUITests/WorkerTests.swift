import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// The worker: the same answers as running a job at once, progress on the way, and jobs
/// that are superseded or cancelled never answer.
@Suite struct WorkerTests {
    let trace = Fixture.manyEvents(20_000)

    private func search(_ text: String, from: Int?, forward: Bool = true, id: Int = 1) -> Job {
        Job(id: id, work: .search(TraceSearch(text: text, from: from, forward: forward, syntax: .json)))
    }

    /// Runs `job` on a fresh worker and returns everything it delivered.
    private func delivered(_ job: Job) -> [Msg] {
        let worker = Worker()
        worker.run(job, on: trace)
        worker.waitUntilIdle()
        return worker.takeMessages()
    }

    @Test(arguments: [
        ("needle-at-the-end", nil, true), ("step-1999", 5_000, true), ("step-1999", 5_000, false),
        ("STEP-7", 19_998, true), ("no such text", 10, true), ("call", nil, false),
    ] as [(String, Int?, Bool)])
    func answersAsARunAtOnceDoes(text: String, from: Int?, forward: Bool) throws {
        let job = search(text, from: from, forward: forward)
        let expected = try job.perform(in: trace, context: .synchronous)
        let messages = delivered(job)
        #expect(messages.last == .jobFinished(id: 1, expected))
    }

    @Test func aLongSearchReportsProgressOnTheWay() throws {
        let messages = delivered(search("needle-at-the-end", from: nil))
        let progress = messages.compactMap { msg -> Double? in
            if case .jobProgress(1, let fraction) = msg { return fraction }
            return nil
        }
        #expect(!progress.isEmpty)
        #expect(progress.allSatisfy { $0 > 0 && $0 < 1 })
        guard case .jobFinished(1, .searched(_, let found))? = messages.last else {
            Issue.record("no answer: \(messages)")
            return
        }
        #expect(found.first?.index == 19_999)
        #expect(found.matches == [19_999])
    }

    @Test func theFirstMatchIsDeliveredBeforeTheRestAreCounted() {
        let messages = delivered(search("step-1999", from: 5_000))
        let answers = messages.filter {
            if case .jobProgress = $0 { return false }
            return true
        }
        guard answers.count == 2, case .jobPartial(1, .searched(_, let early)) = answers[0],
            case .jobFinished(1, .searched(_, let whole)) = answers[1]
        else {
            Issue.record("expected an early answer, then the whole: \(answers)")
            return
        }
        #expect(early.first == whole.first)
        #expect(early.first?.index == 19_990)  // the first step-1999x after #5000
        #expect(early.matches == nil)
        #expect(whole.matches == [1_999] + (19_990...19_999).map { $0 })
    }

    @Test func aHistoryDeliversItsRowsAsFoundThenTheWhole() throws {
        let path = JSONPointer(tokens: ["n"])
        let messages = delivered(Job(id: 1, work: .history(path)))
        var early: [PathChange] = []
        for case .jobPartial(1, .history(path, let rows, complete: false)) in messages { early += rows }
        guard case .jobFinished(1, .history(path, let whole, complete: true))? = messages.last else {
            Issue.record("no whole history: \(messages.suffix(2))")
            return
        }
        // Event #0 sets n to 0, as it was; every later event changes it.
        #expect(whole.count == 19_999)
        #expect(whole.first == PathChange(index: 1, old: 0, new: 1))
        #expect(early == whole)
        #expect(try Job(id: 1, work: .history(path)).perform(in: trace, context: .synchronous) == .history(path, whole, complete: true))
    }

    @Test func aNewerJobSupersedesTheOneRunning() {
        let worker = Worker()
        worker.run(search("no such text", from: nil, id: 1), on: trace)
        worker.run(search("step-3", from: nil, id: 2), on: trace)
        worker.waitUntilIdle()
        let finished = worker.takeMessages().filter {
            if case .jobFinished = $0 { return true }
            return false
        }
        #expect(finished.count == 1)
        guard case .jobFinished(2, .searched(_, let found))? = finished.first else {
            Issue.record("expected job 2's answer, got \(finished)")
            return
        }
        #expect(found.first?.index == 3)
        // step-3, step-30...step-39, step-300...step-399, step-3000...step-3999
        #expect(found.matches?.count == 1 + 10 + 100 + 1_000)
        #expect(!worker.isBusy)
    }

    @Test func aCancelledJobNeverAnswers() {
        let worker = Worker()
        worker.run(search("no such text", from: nil, id: 7), on: trace)
        #expect(worker.isBusy)
        worker.cancel(7)
        worker.waitUntilIdle()
        #expect(!worker.takeMessages().contains { if case .jobFinished = $0 { true } else { false } })
        #expect(!worker.isBusy)
    }

    @Test func anAnswerFromAnOlderJobIsIgnored() {
        let model = Fixture.model()
        let (searching, effects) = model.starting(.key(.character("/")))
        let (typed, _) = searching.starting(.key(.character("x")))
        let (started, jobs) = typed.starting(.key(.enter))
        #expect(effects.isEmpty)
        guard case .run(let job)? = jobs.first else {
            Issue.record("no job started")
            return
        }
        #expect(started.ui.job?.id == job.id)
        let stale = update(started, .jobFinished(id: job.id - 1, .searched(TraceSearch(text: "x", from: nil, forward: true, syntax: .json), .init(first: nil, matches: [])))).0
        #expect(stale.ui.job?.id == job.id)
        #expect(stale.ui.message == nil)
        let progressed = update(started, .jobProgress(id: job.id, fraction: 0.5)).0
        #expect(progressed.screen.contains("searching /x … 50%  Esc: cancel"))
    }
}
