import ReplayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `replay-bench TRACE [INTERVAL ...]`: measures the replay core on one trace for several
/// checkpoint intervals: the one-pass replay that fills the checkpoints, random seeks,
/// stepping back one event, and the memory the checkpoints take.
/// `replay-bench ui TRACE`: the debugger's first screen, scrubbing and playback (``UIBench``).
/// `replay-bench history TRACE POINTER ...`: the touch index, history and blame (``HistoryBench``).
/// `replay-bench pipeline TRACE [ROUNDS]`: a long replay's reading and applying halves (``PipelineBench``).
/// `replay-bench search TRACE NEEDLE ...`: `events --grep` and the `/` search (``SearchBench``).
/// `replay-bench follow RATE SECONDS`: following a trace a writer appends to (``FollowBench``).
/// `replay-bench recorder [DIRECTORY [CASE ...]]`: what ReplayRecorder costs an event (``RecorderBench``).
/// See README "Benchmarks".
@main
struct ReplayBench {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let path = arguments.first else {
            print("usage: replay-bench TRACE [INTERVAL ...] | replay-bench ui TRACE | replay-bench history TRACE POINTER ... | replay-bench pipeline TRACE [ROUNDS] | replay-bench search TRACE NEEDLE ... | replay-bench follow RATE SECONDS | replay-bench recorder [DIRECTORY [CASE ...]]")
            exit(2)
        }
        let clock = ContinuousClock()
        if path == "ui", let trace = arguments.dropFirst().first {
            return try UIBench.run(path: trace, clock: clock)
        }
        if path == "follow", arguments.count == 3, let rate = Int(arguments.dropFirst().first!), let seconds = Double(arguments.last!) {
            return try FollowBench.run(rate: rate, seconds: seconds)
        }
        if path == "recorder" {
            return try RecorderBench.run(directory: arguments.dropFirst().first ?? "/tmp", cases: Array(arguments.dropFirst(2)), clock: clock)
        }
        if path == "history", let trace = arguments.dropFirst().first {
            return try HistoryBench.run(path: trace, pointers: Array(arguments.dropFirst(2)), clock: clock)
        }
        if path == "pipeline", let trace = arguments.dropFirst().first {
            return try PipelineBench.run(path: trace, rounds: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 3, clock: clock)
        }
        if path == "search", let trace = arguments.dropFirst().first {
            return try SearchBench.run(path: trace, needles: Array(arguments.dropFirst(2)), clock: clock)
        }
        let intervals = arguments.dropFirst().compactMap { Int($0) }
        let loadStart = clock.now
        let trace = try TraceLoader.load(path: path)
        print("\(path): \(trace.count) events, indexed in \(Measure.format(clock.now - loadStart))")
        print("interval  checkpoints  fill (one pass)  memory  seek median  seek p99  back median  back p99")
        for interval in intervals.isEmpty ? [64, 128, 256, 512, 1024, 4096] : intervals {
            try measure(trace, interval: interval, clock: clock)
        }
    }

    static func measure(_ trace: Trace, interval: Int, clock: ContinuousClock) throws {
        let replayer = Replayer(trace: trace, checkpointInterval: interval)
        let residentBefore = Measure.residentBytes()
        let fillStart = clock.now
        _ = try replayer.state(at: trace.count)
        let fill = clock.now - fillStart
        let memory = Measure.residentBytes() - residentBefore
        var random = SystemRandomNumberGenerator()
        var seeks: [Duration] = []
        var backs: [Duration] = []
        for _ in 0..<1_000 {
            let position = Int.random(in: 1...trace.count, using: &random)
            let seekStart = clock.now
            _ = try replayer.state(at: position)
            seeks.append(clock.now - seekStart)
            let backStart = clock.now
            _ = try replayer.state(at: position - 1)
            backs.append(clock.now - backStart)
        }
        let row = [
            String(interval), String(replayer.checkpointCount), Measure.format(fill), "\(memory / 1_048_576) MB",
            Measure.format(Measure.percentile(seeks, 0.5)), Measure.format(Measure.percentile(seeks, 0.99)),
            Measure.format(Measure.percentile(backs, 0.5)), Measure.format(Measure.percentile(backs, 0.99)),
        ]
        let widths = [8, 11, 15, 6, 11, 8, 11, 8]
        print(zip(row, widths).map { String(repeating: " ", count: max($1 - $0.count, 0)) + $0 }.joined(separator: "  "))
    }
}
