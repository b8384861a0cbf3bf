#if canImport(Glibc)
import Glibc
#endif

/// The only impure part of the app: reads input with a timeout that doubles as the play
/// tick, feeds messages to ``update(_:_:)``, draws ``view(_:)``, and always gives the
/// terminal back.
public enum RunLoop {
    /// About 30 frames a second while playing.
    static let frameMilliseconds = 33
    /// While paused the loop still wakes this often, so that a resize or a signal is never
    /// left waiting for a key (curses may restart a read a signal interrupted).
    static let idleMilliseconds = 200

    /// Runs until the user quits or a signal arrives; returns the final model (whose
    /// ``Model/failure`` is set if a data error ended it) and the signal, if one did.
    public static func run(_ start: Model, on terminal: Terminal) -> (model: Model, signal: Int32?) {
        defer { terminal.restore() }
        var model = update(start, .resize(width: terminal.size.width, height: terminal.size.height))
        var lastTick = monotonicMilliseconds()
        terminal.draw(view(model))
        while !model.quits, model.failure == nil {
            let wasPlaying = model.playhead.isPlaying
            let idleWork = !wasPlaying && model.hasIdleWork
            let inputs = terminal.read(timeout: wasPlaying ? frameMilliseconds : idleWork ? 0 : idleMilliseconds)
            for input in inputs {
                switch input {
                case .signal(let number): return (model, number)
                case .message(let msg): model = update(model, msg)
                }
            }
            // Time counts from the frame playback started on, not from the last keypress.
            let now = monotonicMilliseconds()
            if wasPlaying, model.playhead.isPlaying {
                model = update(model, .tick(milliseconds: now - lastTick))
            }
            lastTick = now
            if idleWork, inputs.isEmpty { model = update(model, .idle) }
            if !model.quits, !inputs.isEmpty || wasPlaying { terminal.draw(view(model)) }
        }
        return (model, nil)
    }

    static func monotonicMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1_000 + Double(time.tv_nsec) / 1_000_000
    }
}
