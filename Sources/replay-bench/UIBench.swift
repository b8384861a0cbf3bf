import ReplayCore
import ReplayTUI

/// `replay-bench ui TRACE`: the debugger's own work, without a terminal: loading and drawing
/// the first screen, the checkpoint filling the run loop does while idle, seeking and drawing
/// anywhere (scrubbing), and playback at 64x up to the crash, each frame an `update` plus a
/// full `view` into a 120x40 canvas.
enum UIBench {
    static let width = 120, height = 40

    static func run(path: String, clock: ContinuousClock) throws {
        let openStart = clock.now
        let trace = try TraceLoader.load(path: path)
        var model = Model(trace: trace, fileName: path, width: width, height: height)
        _ = view(model)
        print("\(path): \(trace.count) events; first full screen after \(Measure.format(clock.now - openStart))")

        // What the run loop does while the user reads the first screen.
        let fillStart = clock.now
        var slices = 0
        while model.session.hasIdleWork {
            model = update(model, .idle).0
            slices += 1
        }
        print("checkpoints filled in the background: \(slices) idle slices, \(Measure.format(clock.now - fillStart)) in all")

        var random = SystemRandomNumberGenerator()
        var frames: [Duration] = []
        for _ in 0..<500 {
            let start = clock.now
            model = model.moved(to: Int.random(in: 0...trace.count, using: &random))
            _ = view(model)
            frames.append(clock.now - start)
        }
        print("scrub to a random position and draw: median \(Measure.format(Measure.percentile(frames, 0.5)))"
            + ", p99 \(Measure.format(Measure.percentile(frames, 0.99)))")

        searchWhileScrubbing(model, clock: clock)

        guard let crash = trace.crash?.index else {
            print("no crash: playback not measured")
            return print("peak resident memory: \(Measure.peakResidentBytes() / 1_048_576) MB")
        }
        try playback(model, toward: crash, clock: clock)
        print("peak resident memory: \(Measure.peakResidentBytes() / 1_048_576) MB")
    }

    /// A search that visits every event (its text is in none), once run at once and once on
    /// the worker while the key loop scrubs and draws, as it does when keys arrive during a
    /// search: how long the search takes, and the key loop's frames meanwhile.
    static func searchWhileScrubbing(_ model: Model, clock: ContinuousClock) {
        let search = TraceSearch(text: "no such text \u{1}", from: nil, forward: true, syntax: model.session.syntax)
        let job = Job(id: 1, work: .search(search))
        let aloneStart = clock.now
        _ = try? job.perform(in: model.session.trace, context: .synchronous)
        let alone = clock.now - aloneStart

        let worker = Worker()
        var model = model
        var random = SystemRandomNumberGenerator()
        var frames: [Duration] = []
        let start = clock.now
        worker.run(job, on: model.session.trace)
        while worker.isBusy {
            let frameStart = clock.now
            model = model.moved(to: Int.random(in: 0...model.session.trace.count, using: &random))
            _ = view(model)
            frames.append(clock.now - frameStart)
        }
        let meanwhile = clock.now - start
        print("search over every event: \(Measure.format(alone)) alone, \(Measure.format(meanwhile)) on the worker while the key loop"
            + " scrubbed \(frames.count) frames (median \(Measure.format(Measure.percentile(frames, 0.5)))"
            + ", p99 \(Measure.format(Measure.percentile(frames, 0.99))))")
    }

    /// Plays at 64x from 50,000 events before the crash, one 33 ms tick per frame as the run
    /// loop sends them, and checks that playback stops on the crash.
    static func playback(_ opened: Model, toward crash: Int, clock: ContinuousClock) throws {
        var model = opened.moved(to: max(crash - 50_000, 0))
        while model.session.playhead.speed < 64 { model = update(model, .key(.character("+"))).0 }
        model = update(model, .key(.character(" "))).0
        var frames: [Duration] = []
        let start = model.session.playhead.position
        while model.session.playhead.isPlaying, frames.count < 100_000 {
            let frameStart = clock.now
            model = update(model, .tick(milliseconds: 33)).0
            _ = view(model)
            frames.append(clock.now - frameStart)
        }
        let stoppedOn = model.session.playhead.currentEvent.map { "#\($0)" } ?? "start"
        let p99 = Measure.percentile(frames, 0.99)
        print("playback at 64x: \(frames.count) frames over \(model.session.playhead.position - start) events"
            + ", frame median \(Measure.format(Measure.percentile(frames, 0.5))), p99 \(Measure.format(p99))"
            + " (\(Int(1 / Measure.seconds(p99))) frames/s at p99)"
            + "; stopped on \(stoppedOn), crash #\(crash): \(model.session.playhead.currentEvent == crash ? "exact" : "MISSED")")
    }
}
