import ReplayCore
import ReplayTUI
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `replay-bench follow RATE SECONDS`: the debugger following a trace that a writer thread
/// appends RATE events a second to for SECONDS, through the real run loop (a terminal that
/// only records its frames). For every frame drawn: how long ago the newest event it shows
/// was written (latency, and lag behind the writer); and the memory at the end.
enum FollowBench {
    static func run(rate: Int, seconds: Double) throws {
        let path = "/tmp/replay-bench-follow-\(getpid()).ndjson"
        let header = #"{"format": "replay-trace", "initial_state": {"count": 0, "last": null}}"# + "\n"
        header.withCString { text in
            let file = fopen(path, "w")
            fputs(text, file)
            fclose(file)
        }
        defer { unlink(path) }
        let clock = SystemClock()
        let written = WriteLog()
        let writer = DispatchQueue(label: "replay-bench.writer")
        let follower = try TraceFollower(path: path)
        var start = Model(trace: follower.trace, fileName: "follow.ndjson", width: 120, height: 40)
        start.ui.following = Following()
        let terminal = RecordingTerminal(clock: clock, written: written, until: clock.milliseconds() + seconds * 1_000 + 1_000)
        let residentBefore = Measure.residentBytes()
        writer.async { appendEvents(to: path, rate: rate, seconds: seconds, clock: clock, written: written) }
        let (model, _) = RunLoop.run(start, on: terminal, clock: clock, follow: { follower })
        let latencies = terminal.latencies.map { Duration.milliseconds($0) }
        let total = written.times.withLock { $0.count }
        print("follow: \(rate) events/s for \(seconds) s: \(total) written, \(model.session.trace.count) shown at the end, \(terminal.lags.count) frames with news")
        guard !latencies.isEmpty else { return }
        print("from an event written to the first frame showing it: median \(Measure.format(Measure.percentile(latencies, 0.5))), p99 \(Measure.format(Measure.percentile(latencies, 0.99)))")
        print("behind the writer at a frame: worst \(Measure.format(Measure.percentile(terminal.lags.map { Duration.milliseconds($0) }, 1)))")
        let grown = Measure.residentBytes() - residentBefore
        print("resident memory grew by \(grown / 1_048_576) MB (\(total > 0 ? grown / total : 0) bytes an event); peak \(Measure.peakResidentBytes() / 1_048_576) MB")
    }

    /// Appends `rate` events a second in batches every 10 ms, noting when each was written.
    private static func appendEvents(to path: String, rate: Int, seconds: Double, clock: SystemClock, written: WriteLog) {
        let descriptor = open(path, O_WRONLY | O_APPEND)
        defer { close(descriptor) }
        let began = clock.milliseconds()
        var sent = 0
        while clock.milliseconds() - began < seconds * 1_000 {
            let due = Int((clock.milliseconds() - began) / 1_000 * Double(rate))
            var batch = ""
            while sent < due {
                batch += #"{"kind": "call", "name": "tick", "t": \#(sent), "payload": {"n": \#(sent)}, "merge": {"count": \#(sent + 1), "last": "event-\#(sent)"}}"# + "\n"
                sent += 1
            }
            if !batch.isEmpty {
                _ = batch.withCString { write(descriptor, $0, strlen($0)) }
                let now = clock.milliseconds()
                written.times.withLock { $0.append(contentsOf: repeatElement(now, count: sent - $0.count)) }
            }
            usleep(10_000)
        }
    }
}

/// When each event was written, by index: the writer thread appends, the terminal reads.
private final class WriteLog: Sendable {
    let times = Mutex<[Double]>([])
}

/// A terminal that shows nothing: each frame's header says how many events it shows, and
/// the frame's time against when the newest of them was written is its latency.
private final class RecordingTerminal: Terminal {
    let clock: SystemClock
    let written: WriteLog
    let until: Double
    /// For each event, from its write to the first frame that showed it.
    var latencies: [Double] = []
    /// For each frame with news, how far behind the writer it was (its oldest new event).
    var lags: [Double] = []
    private var shown = 0

    init(clock: SystemClock, written: WriteLog, until: Double) {
        self.clock = clock
        self.written = written
        self.until = until
    }

    var size: (width: Int, height: Int) { (120, 40) }

    func draw(_ canvas: Canvas) {
        let words = canvas.line(0).split(separator: " ")
        guard let of = words.firstIndex(of: "of"), of + 1 < words.count, let count = Int(words[of + 1]), count > shown else { return }
        let now = clock.milliseconds()
        // Every event this frame shows first: how long ago it was written.
        let times = written.times.withLock { Array($0[min(shown, $0.count)..<min(count, $0.count)]) }
        latencies += times.map { now - $0 }
        lags.append(now - (times.first ?? now))
        shown = count
    }

    func read(timeout milliseconds: Int?) -> [TerminalInput] {
        if clock.milliseconds() > until { return [.signal(SIGTERM)] }
        usleep(useconds_t(max(milliseconds ?? 100, 0) * 1_000))
        return []
    }

    func restore() {}
}
