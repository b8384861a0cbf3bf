import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// Findings (the filter, a condition's hits, a value's history) cover the whole trace as it
/// grows, without a key ever waiting for a large growth: a few new events are gone through
/// at once, more a slice at a time in idle moments, and an answer the worker found over a
/// shorter trace is taken forward the same way.
@Suite struct FindingsCatchUpTests {
    static func indexing(_ count: Int) -> Model {
        var model = Fixture.model(FollowingTests.prefix(count), width: 100, height: 30)
        model.ui.indexing = Indexing(fraction: 0.1)
        return model
    }

    /// The filter `/n > 1`, the condition `/n >= 2` and the history of `/n`, found.
    static func finding(_ model: Model) -> Model {
        model.pressing(.character("f")).typing("/n > 1").pressing(.enter)
            .pressing(.character("B")).typing("/n >= 2").pressing(.enter)
            .pressing(.tab, .down, .character("H"), .escape)
    }

    @Test func aLargeGrowthIsGoneThroughASliceAtATimeWhenIdle() throws {
        let start = Self.finding(Self.indexing(100))
        #expect(start.session.filter?.kept.count == 99)
        let count = 2 * TraceSession.idleSlice + 100
        let grown = start.after(.indexed(.grew(FollowingTests.prefix(count), fraction: 0.5)))
        #expect(grown.session.findingsLag)
        #expect(grown.session.filter?.kept.count == 99)
        #expect(grown.hasIdleWork)
        #expect(view(grown).line(29).contains("filter, conditions and histories: through 0% of the events …"))
        let halfway = grown.after(.idle)
        #expect(view(halfway).line(29).contains("through 50% of the events"))
        var model = grown
        var idles = 0
        while model.session.findingsLag, idles < 10 {
            model = model.after(.idle)
            idles += 1
        }
        #expect(idles == 2)
        let fresh = Self.finding(Fixture.model(FollowingTests.prefix(count), width: 100, height: 30))
        #expect(model.session.filter == fresh.session.filter)
        #expect(model.session.conditionHits == fresh.session.conditionHits)
        #expect(model.session.histories == fresh.session.histories)
        #expect(try #require(model.session.filter?.kept.count) == count - 1)
    }

    @Test func anAnswerFoundOverAShorterTraceIsTakenForward() throws {
        let typed = Self.indexing(100).pressing(.character("f")).typing("/n > 1")
        let (waiting, effects) = typed.starting(.key(.enter))
        guard case .run(let job)? = effects.first else {
            Issue.record("no filter job: \(effects)")
            return
        }
        let asked = waiting.session.trace
        // The index grows while the worker filters the first 100 events.
        let grown = waiting.after(.indexed(.grew(FollowingTests.prefix(300), fraction: 0.5)))
        let answered = grown.after(.jobFinished(id: job.id, try job.perform(in: asked, context: .synchronous)))
        #expect(answered.session.findingsLag)
        #expect(answered.session.filter?.kept.count == 99)
        let done = answered.after(.idle)
        #expect(!done.session.findingsLag)
        let fresh = Fixture.model(FollowingTests.prefix(300), width: 100, height: 30)
            .pressing(.character("f")).typing("/n > 1").pressing(.enter)
        #expect(done.session.filter == fresh.session.filter)
    }
}
