import ReplayCore

/// What `update` asks the run loop to do besides drawing: work that must not run inside a
/// key press. The run loop hands jobs to the ``Worker`` and feeds their progress and answers
/// back as ``Msg/jobProgress(id:fraction:)`` and ``Msg/jobFinished(id:_:)``.
public enum Effect: Equatable, Sendable {
    /// Start `job` on the worker; it supersedes any job still running.
    case run(Job)
    /// Stop job `id`; its answer, if it comes, is dropped.
    case cancel(jobID: Int)
    /// Save the trace's filled checkpoints in the index cache, off the key loop.
    case saveCheckpoints(IndexCache.Entry, [Checkpoint], eventCount: Int)
}
