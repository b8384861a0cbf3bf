import ReplayCore

#if canImport(Glibc)
import Glibc
#endif

/// `replay-bench TRACE [INTERVAL ...]`: measures the replay core on one trace for several
/// checkpoint intervals: the one-pass replay that fills the checkpoints, random seeks,
/// stepping back one event, and the memory the checkpoints take. See README "Benchmarks".
@main
struct ReplayBench {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let path = arguments.first else {
            print("usage: replay-bench TRACE [INTERVAL ...]")
            exit(2)
        }
        let intervals = arguments.dropFirst().compactMap { Int($0) }
        let clock = ContinuousClock()
        let loadStart = clock.now
        let trace = try TraceLoader.load(path: path)
        print("\(path): \(trace.count) events, indexed in \(format(clock.now - loadStart))")
        print("interval  checkpoints  fill (one pass)  memory  seek median  seek p99  back median  back p99")
        for interval in intervals.isEmpty ? [64, 128, 256, 512, 1024, 4096] : intervals {
            try measure(trace, interval: interval, clock: clock)
        }
    }

    static func measure(_ trace: Trace, interval: Int, clock: ContinuousClock) throws {
        let replayer = Replayer(trace: trace, checkpointInterval: interval)
        let residentBefore = residentBytes()
        let fillStart = clock.now
        _ = try replayer.state(at: trace.count)
        let fill = clock.now - fillStart
        let memory = residentBytes() - residentBefore
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
            String(interval), String(replayer.checkpointCount), format(fill), "\(memory / 1_048_576) MB",
            format(percentile(seeks, 0.5)), format(percentile(seeks, 0.99)),
            format(percentile(backs, 0.5)), format(percentile(backs, 0.99)),
        ]
        let widths = [8, 11, 15, 6, 11, 8, 11, 8]
        print(zip(row, widths).map { String(repeating: " ", count: max($1 - $0.count, 0)) + $0 }.joined(separator: "  "))
    }

    static func percentile(_ samples: [Duration], _ fraction: Double) -> Duration {
        let sorted = samples.sorted()
        return sorted[min(Int(Double(sorted.count) * fraction), sorted.count - 1)]
    }

    static func format(_ duration: Duration) -> String {
        let microseconds = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
        if microseconds < 1_000 { return "\(Int(microseconds.rounded())) µs" }
        if microseconds < 1_000_000 { return "\((microseconds / 10).rounded() / 100) ms" }
        return "\((microseconds / 10_000).rounded() / 100) s"
    }

    /// The process's resident set size, from /proc/self/statm.
    static func residentBytes() -> Int {
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = read(descriptor, &buffer, buffer.count)
        let fields = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
