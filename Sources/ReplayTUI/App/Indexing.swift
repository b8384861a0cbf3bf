import ReplayCore

/// A trace the debugger shows while it is still being indexed (``BackgroundIndex``): how
/// much is read, and a jump asked for that the index cannot answer yet.
public struct Indexing: Equatable, Sendable {
    /// A jump waiting for the index.
    public enum Wait: Equatable, Sendable {
        /// `End`: go to the last event once the whole trace is indexed; `from` is where the
        /// playhead was, so a move since cancels it.
        case end(from: Int)
        /// `c`: go to the crash once it is indexed; `from` is where the playhead was, so a
        /// move since cancels it.
        case crash(from: Int)
    }

    /// Of the bytes, read so far (0...1).
    public var fraction: Double
    public var waiting: Wait?

    public init(fraction: Double = 0) {
        self.fraction = fraction
    }
}

extension Model {
    /// News from the background index: the session grows to the events indexed so far
    /// (the playhead stays where it is), a waiting jump lands, and a broken trace ends the app
    /// with its error, as opening it whole would have.
    mutating func take(_ news: BackgroundIndex.News) {
        switch news {
        case .grew(let trace, let fraction):
            grow(to: trace)
            ui.indexing?.fraction = fraction
        case .finished(let trace, let checkpoints):
            let waiting = ui.indexing?.waiting
            grow(to: trace)
            if let checkpoints { adopt(checkpoints) }
            ui.indexing = nil
            ui.message = "indexed \(trace.count.counted("event"))"
            switch waiting {
            case .end(let from)? where session.position == from: move(to: trace.count)
            case .crash(let from)? where session.position == from: ui.message = "this trace has no crash"
            default: break
            }
        case .failed(let error):
            withSession { $0.fail(with: error) }
        }
    }

    /// Takes the checkpoints the index cache saved for the trace (``TraceSession/adopt(_:)``).
    public mutating func adopt(_ checkpoints: SavedCheckpoints) {
        withSession { $0.adopt(checkpoints) }
    }

    /// `End` while indexing: the last event once it is known. The playhead stays until then,
    /// as replaying up to each newly indexed end would hold the keys up; a far seek under
    /// way is dropped, as for any other jump.
    mutating func moveToEndWhileIndexing() {
        dropSeek()
        ui.indexing?.waiting = .end(from: session.position)
        ui.message = "indexing \(percentIndexed): going to the end once it is indexed"
    }

    /// `c` before the index has found a crash: jump when it does (a far seek under way is
    /// dropped).
    mutating func waitForCrash() {
        dropSeek()
        ui.indexing?.waiting = .crash(from: session.position)
        ui.message = "no crash in the first \(session.trace.count.counted("event")); indexing \(percentIndexed): going there once found"
    }

    /// `43%`: how much of the trace is indexed.
    private var percentIndexed: String { "\(Int((ui.indexing?.fraction ?? 0) * 100))%" }

    private mutating func grow(to trace: Trace) {
        withSession { $0.grow(to: trace) }
        spansGrew()
        guard case .crash(let from)? = ui.indexing?.waiting, session.position == from, let crash = trace.crash else { return }
        ui.indexing?.waiting = nil
        move(to: crash.index + 1)
    }
}
