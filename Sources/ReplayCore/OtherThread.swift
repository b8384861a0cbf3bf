#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCores
import Synchronization

/// Work running on a second thread: parts of a native trace's scan, of a
/// candidate scan for history and blame; a trace indexed in the background.
final class OtherThread: @unchecked Sendable {
    /// Dropped once run, so that work holding its thread makes no lasting cycle.
    private var work: (@Sendable (OtherThread) -> Void)?
    private var thread: pthread_t?
    /// Set by the thread that started the work to ask it to stop early.
    private let cancelled = Atomic<Bool>(false)
    /// Events the work has done, for progress (``report(_:)``).
    var progress: Int { done.load(ordering: .relaxed) }
    /// Events the work has done.
    private let done = Atomic<Int>(0)
    private let finished = Atomic<Bool>(false)

    /// Starts `work` on another thread; nil when no thread can be made, or, with
    /// `needsSpareCore`, when this process may run on one core only (then do the work on
    /// this one).
    static func start(needsSpareCore: Bool = true, _ work: @escaping @Sendable (OtherThread) -> Void) -> OtherThread? {
        guard !needsSpareCore || hasSpareCore else { return nil }
        let other = OtherThread(work)
        let context = Unmanaged.passRetained(other).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        guard pthread_create(&thread, nil, { context in
            let context: UnsafeMutableRawPointer? = context  // optional on Linux only
            let other = Unmanaged<OtherThread>.fromOpaque(context!).takeRetainedValue()
            other.work?(other)
            other.work = nil
            other.finished.store(true, ordering: .releasing)
            return nil
        }, context) == 0 else {
            Unmanaged<OtherThread>.fromOpaque(context).release()
            return nil
        }
        other.thread = thread
        return other
    }

    private init(_ work: @escaping @Sendable (OtherThread) -> Void) {
        self.work = work
    }

    /// True when this process may run on more than one core: on Linux, those its affinity
    /// allows (`taskset`, a container's cpuset), where a second thread on the one core
    /// would only take turns with the first (11% slower indexing on one core, measured).
    static var hasSpareCore: Bool { replay_usable_cores() > 1 }

    /// Waits for the work, calling `shouldContinue` with its progress about every 10 ms;
    /// when that says no, cancels the work and returns false.
    func join(shouldContinue: (Int) -> Bool) -> Bool {
        var keep = true
        var polls = 0
        while keep && !finished.load(ordering: .acquiring) {
            usleep(1_000)
            polls += 1
            if polls % 10 == 0 { keep = shouldContinue(done.load(ordering: .relaxed)) }
        }
        if !keep { cancelled.store(true, ordering: .relaxed) }
        join()
        return keep
    }

    /// Waits for the work to end. Later calls return at once.
    func join() {
        if let thread { pthread_join(thread, nil) }
        thread = nil
    }

    /// Lets the threads someone waits on go first: the calling thread (a cache file being
    /// written, say) gets a core only when one is spare (nice 19; Linux gives each thread
    /// its own). On a two-core machine a save would otherwise take a core from the replay
    /// of the `End` it follows.
    static func yieldToOthers() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)  // 0: this thread, on Linux
        #endif
    }

    /// Asks the work to stop, and waits for it.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        join()
    }

    /// Records progress: `count` events done.
    func report(_ count: Int) {
        done.store(count, ordering: .relaxed)
    }

    /// Whether the starting thread asked the work to stop.
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}

/// Where work on an ``OtherThread`` leaves its result; read it after ``OtherThread/join(shouldContinue:)``.
final class ResultSlot<Value>: @unchecked Sendable {
    var value: Value?
}
