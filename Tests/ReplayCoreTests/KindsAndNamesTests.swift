import TestSupport
import Testing
@testable import ReplayCore

/// The kinds and names a table sizes its columns by: read from the native index's interned
/// ids, they are those of the events in the range, as their summaries give them.
@Suite struct KindsAndNamesTests {
    @Test(arguments: Array(UInt64(1)...10))
    func theIndexGivesTheSummariesKindsAndNames(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 80)
        let trace = try TraceLoader.load(TraceData(bytes: Array(made.text.utf8)))
        #expect(trace.events is NativeEventIndex)
        var random = SeededRandom(seed: seed)
        let ranges = [0..<trace.count, 0..<0] + (0..<10).map { _ in
            let start = Int.random(in: 0...trace.count, using: &random)
            return start..<Int.random(in: start...trace.count, using: &random)
        }
        for range in ranges {
            let (kinds, names) = trace.events.kindsAndNames(in: range)
            let summaries = range.map { trace.events.summary($0) }
            #expect(Set(kinds) == Set(summaries.map(\.kind)) && kinds.count == Set(kinds).count, "\(range)")
            #expect(Set(names) == Set(summaries.compactMap(\.name)) && names.count == Set(names).count, "\(range)")
        }
    }
}
