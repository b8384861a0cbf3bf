import ReplayCore
import ReplayTUI

/// `replay-bench search TRACE NEEDLE ...`: for each needle, after loading, what
/// `events --grep` does but print (the prefilter's candidates over every event, each parsed
/// and matched) and the debugger's `/` search run at once (``TraceSearch`` from the start),
/// median of three each; with the candidates and matches counted.
enum SearchBench {
    static func run(path: String, needles: [String], clock: ContinuousClock) throws {
        let loadStart = clock.now
        let trace = try TraceLoader.load(path: path)
        print("\(path): \(trace.count) events, indexed in \(Measure.format(clock.now - loadStart))")
        let syntax = ValueSyntax(for: trace)
        for needle in needles {
            let search = EventSearch(needle, syntax: syntax)
            var candidates = 0
            var matches = 0
            let grep = try median(clock) {
                let found = search.candidates(in: trace, range: 0..<trace.count)
                candidates = found.count
                matches = try found.filter { (index: Int) throws(TraceError) in search.matches(try trace.events.event(index)) }.count
            }
            let job = Job(id: 1, work: .search(TraceSearch(text: needle, from: nil, forward: true, syntax: syntax)))
            let ui = try median(clock) { _ = try job.perform(in: trace, context: .synchronous) }
            print("\(needle.debugDescription): \(candidates) candidates, \(matches) matches; events --grep (no printing) \(Measure.format(grep)), / search \(Measure.format(ui))")
        }
        print("peak resident memory: \(Measure.peakResidentBytes() / 1_048_576) MB")
    }

    private static func median(_ clock: ContinuousClock, _ body: () throws -> Void) throws -> Duration {
        var times: [Duration] = []
        for _ in 0..<3 {
            let start = clock.now
            try body()
            times.append(clock.now - start)
        }
        return Measure.percentile(times, 0.5)
    }
}
