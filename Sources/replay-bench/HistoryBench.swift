import ReplayCore

/// `replay-bench history TRACE POINTER ...`: the touch index (build time, bytes an event),
/// then for each pointer its history and its blame at the end, with the index and without,
/// each the median of `rounds` runs. See docs/performance.md "History and blame".
enum HistoryBench {
    static func run(path: String, pointers: [String], rounds: Int = 5, clock: ContinuousClock) throws {
        let loadStart = clock.now
        let trace = try TraceLoader.load(path: path)
        print("\(path): \(trace.count) events, indexed in \(Measure.format(clock.now - loadStart))")
        var builds: [Duration] = []
        var index: TouchIndex?
        for _ in 0..<rounds {
            let start = clock.now
            index = try TouchIndex.build(trace)
            builds.append(clock.now - start)
        }
        guard let index else { return }
        let bytes = Double(index.byteCount) / Double(max(trace.count, 1))
        print("touch index: built in \(Measure.format(Measure.percentile(builds, 0.5))) (median of \(rounds)), \(index.byteCount) bytes, \((bytes * 100).rounded() / 100) bytes an event, \(index.tableSizes.paths) paths, \(index.tableSizes.sets) sets")
        print("pointer                      changes  history (index)  history (no index)  blame end (index)  blame end (no index)")
        for text in pointers {
            let pointer = try JSONPointer(parsing: text)
            func median(_ body: () throws -> Void) rethrows -> String {
                var samples: [Duration] = []
                for _ in 0..<rounds {
                    let start = clock.now
                    try body()
                    samples.append(clock.now - start)
                }
                return Measure.format(Measure.percentile(samples, 0.5))
            }
            var count = 0
            let withIndex = try median { count = try PathHistory(trace: trace, touches: index).changes(of: pointer)?.count ?? 0 }
            let without = try median { _ = try PathHistory(trace: trace, touches: nil).changes(of: pointer) }
            let blameIndex = try median { _ = try PathHistory(trace: trace, touches: index).lastChange(of: pointer, atOrBefore: trace.count - 1) }
            let blameCold = try median { _ = try PathHistory(trace: trace, touches: nil).lastChange(of: pointer, atOrBefore: trace.count - 1) }
            let row = [text, String(count), withIndex, without, blameIndex, blameCold]
            let widths = [-26, 9, 15, 18, 17, 20]
            print(zip(row, widths).map { text, width in
                let pad = String(repeating: " ", count: max(abs(width) - text.count, 0))
                return width < 0 ? text + pad : pad + text
            }.joined(separator: "  "))
        }
    }
}
