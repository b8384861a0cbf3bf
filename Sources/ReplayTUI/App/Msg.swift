import ReplayCore

/// A key as the app understands it, decoded from the terminal.
public enum Key: Hashable, Sendable {
    case character(Character)
    case left, right, up, down
    case shiftLeft, shiftRight
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    /// Ctrl-C.
    case interrupt
}

/// A mouse event at a cell.
public enum MouseEvent: Equatable, Sendable {
    case click(x: Int, y: Int)
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
}

/// Everything that can happen to the app: input, the passing of time, a new terminal size,
/// and the worker's news about a job.
public enum Msg: Equatable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// Wall-clock time since the previous tick, while playing.
    case tick(milliseconds: Double)
    case resize(width: Int, height: Int)
    /// Nothing else to do: time for background work (filling the replay checkpoints).
    case idle
    /// Job `id` has done `fraction` (0...1) of its work.
    case jobProgress(id: Int, fraction: Double)
    /// Job `id` has an early part of its answer; it goes on.
    case jobPartial(id: Int, JobResult)
    /// Job `id` is done: its answer.
    case jobFinished(id: Int, JobResult)
    /// The followed trace grew, restarted or ended.
    case follow(FollowNews)
    /// The trace being indexed in the background grew, was read whole, or failed.
    case indexed(BackgroundIndex.News)
}
