#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplayCore

/// The only impure part of the app: reads input with a timeout that doubles as the play
/// tick, feeds messages to ``update(_:_:)``, carries out the effects it names (jobs for the
/// ``Worker``), draws ``view(_:)``, and always gives the terminal back.
public enum RunLoop {
    /// About 30 frames a second while playing, or while a job runs (its progress and answer
    /// are picked up between frames).
    static let frameMilliseconds = 33
    /// While paused the loop still wakes this often, so that a resize or a signal is never
    /// left waiting for a key (curses may restart a read a signal interrupted).
    static let idleMilliseconds = 200

    /// How often a followed trace is read for new events, and a background index asked for its news.
    static let followMilliseconds = 100
    /// How often a background index is asked for its news while a jump (`End`, `c`) waits
    /// for it: the jump is made as soon as the index has the answer.
    static let jumpWaitMilliseconds = 10

    /// Runs until the user quits or a signal arrives; returns the final model (whose
    /// ``Model/failure`` is set if a data error ended it) and the signal, if one did.
    /// `clock` times playback; tests pass one they move by hand. `follow` opens the trace for
    /// following, when the model follows it (`--follow`) or `F` asks to. `index` is the
    /// trace's background index while the model shows it still indexing (``UIState/indexing``).
    public static func run(
        _ start: Model, on terminal: Terminal, clock: any MonotonicClock = SystemClock(),
        follow: (() throws(TraceError) -> TraceFollower)? = nil, index: BackgroundIndex? = nil
    ) -> (model: Model, signal: Int32?) {
        // Cache files being written are waited for once the terminal is given back.
        var saves: [BackgroundSave] = []
        defer { saves.forEach { $0.wait() } }
        defer { terminal.restore() }
        let worker = Worker()
        // Far seeks replay on a worker of their own, so that a search goes on beside them;
        // the span tree is built on a third.
        let seeker = Worker()
        let builder = Worker()
        var model = start
        var follower: TraceFollower?
        var lastPoll = -Double.infinity
        defer {
            if let job = model.ui.job { worker.cancel(job.id) }
            if let seeking = model.ui.seeking { seeker.cancel(seeking.job.id) }
            if let build = model.ui.spanBuild { builder.cancel(build.job.id) }
        }
        func send(_ msg: Msg) {
            let effects: [Effect]
            (model, effects) = update(model, msg)
            for effect in effects {
                switch effect {
                case .run(let job): worker.run(job, on: model.session.trace)
                case .seek(let job): seeker.run(job, on: model.session.trace)
                case .build(let job): builder.run(job, on: model.session.trace)
                case .cancel(let id):
                    worker.cancel(id)
                    seeker.cancel(id)
                    builder.cancel(id)
                case .saveCheckpoints(let entry, let checkpoints, let count):
                    saves.append(entry.saveCheckpointsInBackground(checkpoints, eventCount: count))
                }
            }
        }
        /// Reads the followed trace, at most every ``followMilliseconds``; true when it had news.
        func pollFollower(now: Double) -> Bool {
            guard let following = model.ui.following, following.isOn, following.ended == nil, now - lastPoll >= Double(followMilliseconds) else { return false }
            lastPoll = now
            do throws(TraceError) {
                if follower == nil {
                    guard let follow else { send(.follow(.failed("this trace was not opened from a file that can grow"))); return true }
                    let opened = try follow()
                    follower = opened
                    let added = max(opened.trace.count - model.session.trace.count, 0)
                    send(.follow(.grew(opened.trace, added: added, milliseconds: now)))
                    return true
                }
                guard let follower else { return false }
                switch try follower.poll() {
                case .none: return false
                case .grew(let added): send(.follow(.grew(follower.trace, added: added, milliseconds: now)))
                case .restarted(let reason): send(.follow(.restarted(follower.trace, reason: reason)))
                case .ended(let reason): send(.follow(.ended(reason: reason)))
                }
            } catch {
                send(.follow(.failed(error.rendered(path: model.session.fileName))))
            }
            return true
        }
        send(.resize(width: terminal.size.width, height: terminal.size.height))
        var lastTick = clock.milliseconds()
        /// The background index once it has read the whole trace, until it is saved; saved
        /// on the way out if a far seek still held it back.
        var indexToSave: BackgroundIndex?
        defer { if let save = indexToSave?.saveIndex() { saves.append(save) } }
        terminal.draw(view(model))
        var lastDraw = lastTick
        /// Workers' news not drawn yet: progress is drawn at most once a frame, as drawing
        /// takes time from the replay or search that sends it.
        var newsUndrawn = false
        while !model.ui.quits, model.failure == nil {
            let wasPlaying = model.isPlaying
            let idleWork = !wasPlaying && model.hasIdleWork
            let waiting = model.ui.job != nil || model.ui.spanBuild != nil
            let growing = model.ui.following?.isOn == true && model.ui.following?.ended == nil || model.ui.indexing != nil
            let jumpWaits = model.ui.indexing?.waiting != nil || model.ui.seeking != nil
            let timeout = wasPlaying ? frameMilliseconds : idleWork ? 0 : jumpWaits ? jumpWaitMilliseconds
                : waiting ? frameMilliseconds : growing ? followMilliseconds : idleMilliseconds
            let inputs = terminal.read(timeout: timeout)
            for input in inputs {
                switch input {
                case .signal(let number): return (model, number)
                case .message(let msg): send(msg)
                }
            }
            let news = seeker.takeMessages() + builder.takeMessages() + worker.takeMessages()
            news.forEach(send)
            // Time counts from the frame playback started on, not from the last keypress.
            let now = clock.milliseconds()
            if wasPlaying, model.isPlaying {
                send(.tick(milliseconds: now - lastTick))
            }
            lastTick = now
            let indexed = model.ui.indexing == nil ? nil : index?.take()
            if let indexed { send(.indexed(indexed)) }
            if case .finished? = indexed { indexToSave = index }
            // Saved only once the jump the whole trace answered has landed: writing the index
            // beside that replay slowed it.
            if model.ui.seeking == nil, let finished = indexToSave {
                indexToSave = nil
                if let save = finished.saveIndex() { saves.append(save) }
            }
            let grew = pollFollower(now: now) || indexed != nil
            if idleWork, inputs.isEmpty { send(.idle) }
            newsUndrawn = newsUndrawn || !news.isEmpty
            let answered = news.contains { if case .jobFinished = $0 { true } else { false } }
            let newsDue = newsUndrawn && (answered || now - lastDraw >= Double(frameMilliseconds))
            if !model.ui.quits, !inputs.isEmpty || newsDue || wasPlaying || grew {
                terminal.draw(view(model))
                lastDraw = now
                newsUndrawn = false
            }
        }
        return (model, nil)
    }
}

/// Milliseconds from some fixed moment, never going back: what the run loop times
/// playback with.
public protocol MonotonicClock {
    func milliseconds() -> Double
}

/// The system's monotonic clock.
public struct SystemClock: MonotonicClock, Sendable {
    public init() {}

    public func milliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1_000 + Double(time.tv_nsec) / 1_000_000
    }
}
