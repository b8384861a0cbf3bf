import ReplayCore

/// What `update` asks the run loop to do besides drawing: work that must not run inside a
/// key press. The run loop hands jobs to the ``Worker`` and feeds their progress and answers
/// back as ``Msg/jobProgress(id:fraction:)`` and ``Msg/jobFinished(id:_:)``.
public enum Effect: Equatable, Sendable {
    /// Start `job` on the worker; it supersedes any job still running.
    case run(Job)
    /// Start a far seek's replay (``FarSeek``) on the run loop's second worker, which does
    /// nothing else, so a search under way goes on; it supersedes any replay still running.
    case seek(Job)
    /// Start building the span tree (``SpanBuild``) on the run loop's third worker, so that
    /// neither a search nor a far seek stops it, nor it them.
    case build(Job)
    /// Stop job `id` (on any worker); its answer, if it comes, is dropped.
    case cancel(jobID: Int)
    /// Save the trace's filled checkpoints in the index cache, off the key loop.
    case saveCheckpoints(IndexCache.Entry, [Checkpoint], eventCount: Int)
}
