#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Loads a trace on a thread of its own, handing out the events indexed so far while a large
/// native trace is read, as lnav shows a big log before it has read it all: the debugger opens
/// on the first events at once and grows as the index does.
///
/// The loading is ``TraceLoader``'s own, so a trace in another format, or a native one whose
/// header does not come first, loads exactly as it would in the foreground and is handed out
/// whole. Only the newest news is kept; ``take()`` hands it out once.
public final class BackgroundIndex: Sendable {
    /// What the index has to say.
    public enum News: Equatable, Sendable {
        /// The events indexed so far (more will come); `fraction` of the bytes is read.
        case grew(Trace, fraction: Double)
        /// The whole trace, warnings and all, with the checkpoints the index cache saved for
        /// it and where to save more (nil when the trace is not cached).
        case finished(Trace, checkpoints: SavedCheckpoints? = nil)
        /// The trace cannot be loaded: the error the foreground load would have reported.
        case failed(TraceError)

        /// Traces compare by identity.
        public static func == (a: News, b: News) -> Bool {
            switch (a, b) {
            case let (.grew(x, f), .grew(y, g)): x === y && f == g
            case let (.finished(x, c), .finished(y, d)): x === y && c == d
            case let (.failed(x), .failed(y)): x == y
            default: false
            }
        }
    }

    private struct Slot {
        var news: News?
        /// Of the bytes, read so far.
        var fraction = 0.0
        var done = false
    }

    private let slot = Mutex(Slot())
    /// The trace once loaded, until ``saveIndex()`` takes it.
    private let loaded = Mutex<CachedTrace?>(nil)

    /// Starts loading the trace at `path` (`-` for standard input) as ``TraceLoader/load(path:format:cache:progress:prefixes:)``
    /// does, with the events so far handed out as ``NativePrefixes`` does. An index found in
    /// `cache` arrives whole as the first news, with the checkpoints saved beside it; one
    /// built here is saved there when ``saveIndex()`` says so.
    public init(path: String, format: String? = nil, cache: IndexCache? = nil) {
        let started = OtherThread.start(needsSpareCore: false) { [self] _ in
            let prefixes = NativePrefixes { [self] trace, fraction in
                slot.withLock { $0.news = .grew(trace, fraction: fraction) }
            }
            let news: News
            do throws(TraceError) {
                let trace = try TraceLoader.load(path: path, format: format, cache: cache, progress: { [self] fraction in
                    slot.withLock { $0.fraction = fraction }
                }, prefixes: prefixes)
                loaded.withLock { $0 = trace }
                // A trace whose index was saved may have checkpoints saved too.
                let saved = trace.entry.map { entry in
                    SavedCheckpoints(entry: entry, states: trace.reused ? entry.savedStates(eventCount: trace.trace.count) : nil)
                }
                news = .finished(trace.trace, checkpoints: saved)
            } catch {
                news = .failed(error)
            }
            slot.withLock {
                $0.news = news
                $0.done = true
            }
        }
        if started == nil {
            slot.withLock { $0.news = .failed(TraceError(.file, "cannot start a thread to read the trace")) }
        }
    }

    /// The news since the last call, if any: the newest events, or the end.
    public func take() -> News? {
        slot.withLock { slot in
            defer { slot.news = nil }
            return slot.news
        }
    }

    /// True once the trace is loaded or has failed to.
    public var isDone: Bool { slot.withLock { $0.done } }

    /// Saves the index built here in the cache, on a thread of its own at the lowest
    /// priority (``BackgroundSave/wait()`` before exiting); nil when there is nothing to save:
    /// the trace is not loaded yet, its index came from the cache or is not kept there, or
    /// it was saved already. The debugger calls it once it has taken the whole trace and
    /// made the jump that waited for it: the replay behind an `End` pressed while indexing
    /// ran about 0.14 s longer (1.91 s against 1.77 s, on 5M events) with the index (145 MB
    /// then) being written beside it.
    public func saveIndex() -> BackgroundSave? {
        guard let trace = loaded.withLock({ (loaded: inout CachedTrace?) -> CachedTrace? in
            defer { loaded = nil }
            return loaded
        }), trace.hasIndexToSave else { return nil }
        return BackgroundSave { trace.saveIndex() }
    }

    /// Waits for the first news (the first events, or the end), telling `progress` the
    /// fraction read about every 50 ms meanwhile.
    public func first(progress: ((Double) -> Void)? = nil) -> News {
        var polls = 0
        while true {
            if let news = take() { return news }
            usleep(1_000)
            polls += 1
            if polls % 50 == 0, let progress { progress(slot.withLock { $0.fraction }) }
        }
    }
}

/// Where a native trace's reader hands out the events indexed so far
/// (``NativeFormat/read(_:progress:splitAbove:prefixes:)``): once at least ``stride`` bytes
/// of events are indexed, then each time ``interval`` has passed and another stride is read.
/// Prefixes are handed out only when the header names the native format and holds the
/// initial state before the events, so that what is shown early is what the whole trace
/// shows.
public final class NativePrefixes: @unchecked Sendable {
    /// The bytes read between two looks at the clock (by default, as often as the reader
    /// lets go of the pages behind it).
    let stride: Int
    /// The least time between two prefixes, in seconds: each costs the reader a copy of its
    /// columns.
    let interval: Double

    private let hand: (Trace, Double) -> Void
    private var last = -Double.infinity

    /// `hand` is called on the reader's thread with the events so far and the fraction read.
    public init(stride: Int = 4 << 20, interval: Double = 0.25, _ hand: @escaping (Trace, Double) -> Void) {
        self.stride = stride
        self.interval = interval
        self.hand = hand
    }

    /// Hands out `trace` if ``interval`` has passed since the last one.
    func offer(_ trace: @autoclosure () -> Trace, fraction: Double) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let seconds = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        guard seconds - last >= interval else { return }
        last = seconds
        hand(trace(), fraction)
    }
}
