import Dispatch
import ReplayCore
import Synchronization

/// Runs the app's whole-trace jobs on a thread of their own, so that the key loop answers
/// every key within a frame while a search scans a million events.
///
/// One job at a time: starting a job supersedes the one running (it stops at its next
/// check-in and its answer is never delivered), and ``cancel(_:)`` stops one. Progress and
/// answers wait in an outbox that the run loop empties with ``takeMessages()`` between
/// frames; only the newest progress report of a job is kept, so the outbox stays small
/// however long the job runs.
///
/// The trace is shared read-only with the key loop (``Trace`` and its event stores are safe
/// to read from several threads). What jobs build for later jobs (the touch index) stays in
/// the worker's ``JobCache``; a job that needs states makes its own ``Replayer``, which is
/// not safe to share.
public final class Worker: Sendable {
    private let queue = DispatchQueue(label: "replay-tui.worker")
    /// The job allowed to run and deliver: 0 when none is.
    private let current = Atomic<Int>(0)
    private let outbox = Mutex<[Msg]>([])
    /// Kept from job to job; touched only on the worker's queue.
    private let cache = JobCache()

    public init() {}

    /// Starts `job` on `trace` (the session's, which grows while it is followed) once the
    /// worker's thread is free, superseding any job still running.
    public func run(_ job: Job, on trace: Trace) {
        current.store(job.id, ordering: .sequentiallyConsistent)
        queue.async { [self] in
            guard isCurrent(job.id) else { return }
            let context = JobContext(
                isCancelled: { !self.isCurrent(job.id) },
                report: { fraction in self.post(.jobProgress(id: job.id, fraction: fraction)) },
                deliver: { part in self.post(.jobPartial(id: job.id, part)) },
                cache: cache)
            guard let result = try? job.perform(in: trace, context: context), isCurrent(job.id) else { return }
            post(.jobFinished(id: job.id, result))
        }
    }

    /// Stops job `id` if it is the one running or waiting.
    public func cancel(_ id: Int) {
        _ = current.compareExchange(expected: id, desired: 0, ordering: .sequentiallyConsistent)
    }

    /// True while a job may still deliver.
    public var isBusy: Bool { current.load(ordering: .sequentiallyConsistent) != 0 }

    /// The messages delivered since the last call, oldest first.
    public func takeMessages() -> [Msg] {
        outbox.withLock { messages in
            defer { messages = [] }
            return messages
        }
    }

    /// Blocks until the worker's thread has finished what it was given (for tests).
    func waitUntilIdle() {
        queue.sync {}
    }

    private func isCurrent(_ id: Int) -> Bool {
        current.load(ordering: .relaxed) == id
    }

    private func post(_ msg: Msg) {
        outbox.withLock { messages in
            if case .jobProgress(let id, _) = msg, case .jobProgress(id, _)? = messages.last {
                messages[messages.count - 1] = msg
            } else {
                messages.append(msg)
            }
            if case .jobFinished(let id, _) = msg {
                _ = current.compareExchange(expected: id, desired: 0, ordering: .sequentiallyConsistent)
            }
        }
    }
}
