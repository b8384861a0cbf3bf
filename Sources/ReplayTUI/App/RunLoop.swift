#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Runs until the user quits or a signal arrives; returns the final model (whose
    /// ``Model/failure`` is set if a data error ended it) and the signal, if one did.
    /// `clock` times playback; tests pass one they move by hand.
    public static func run(_ start: Model, on terminal: Terminal, clock: any MonotonicClock = SystemClock()) -> (model: Model, signal: Int32?) {
        defer { terminal.restore() }
        let worker = Worker(trace: start.session.trace)
        var model = start
        defer { if let job = model.ui.job { worker.cancel(job.id) } }
        func send(_ msg: Msg) {
            let effects: [Effect]
            (model, effects) = update(model, msg)
            for effect in effects {
                switch effect {
                case .run(let job): worker.run(job)
                case .cancel(let id): worker.cancel(id)
                }
            }
        }
        send(.resize(width: terminal.size.width, height: terminal.size.height))
        var lastTick = clock.milliseconds()
        terminal.draw(view(model))
        while !model.ui.quits, model.failure == nil {
            let wasPlaying = model.isPlaying
            let idleWork = !wasPlaying && model.hasIdleWork
            let waiting = model.ui.job != nil
            let inputs = terminal.read(timeout: wasPlaying ? frameMilliseconds : idleWork ? 0 : waiting ? frameMilliseconds : idleMilliseconds)
            for input in inputs {
                switch input {
                case .signal(let number): return (model, number)
                case .message(let msg): send(msg)
                }
            }
            let news = worker.takeMessages()
            news.forEach(send)
            // Time counts from the frame playback started on, not from the last keypress.
            let now = clock.milliseconds()
            if wasPlaying, model.isPlaying {
                send(.tick(milliseconds: now - lastTick))
            }
            lastTick = now
            if idleWork, inputs.isEmpty { send(.idle) }
            if !model.ui.quits, !inputs.isEmpty || !news.isEmpty || wasPlaying { terminal.draw(view(model)) }
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
public struct SystemClock: MonotonicClock {
    public init() {}

    public func milliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1_000 + Double(time.tv_nsec) / 1_000_000
    }
}
