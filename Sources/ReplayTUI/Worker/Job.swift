import ReplayCore

/// Work over the whole trace, too long for a key press: run by the ``Worker`` on its own
/// thread, or at once by ``perform(in:context:)`` (the same answer either way).
public struct Job: Equatable, Sendable {
    /// Ids grow with every job the app starts; an answer is taken only from the latest.
    public let id: Int
    public let work: Work

    public enum Work: Equatable, Sendable {
        /// `/`, `n` and `N`: the next (or previous) event matching a text.
        case search(TraceSearch)
    }

    public init(id: Int, work: Work) {
        self.id = id
        self.work = work
    }

    /// What the status line says while the job runs, e.g. `searching /withdraw`.
    public var label: String {
        switch work {
        case .search(let search): "searching /\(search.text)"
        }
    }

    /// Does the work over `trace`, unless `context` cancels it first.
    public func perform(in trace: Trace, context: JobContext) throws(JobCancelled) -> JobResult {
        switch work {
        case .search(let search): .searched(search, try search.run(in: trace, context: context))
        }
    }
}

/// A job's answer, delivered as ``Msg/jobFinished(id:_:)``, or an early part of it, as
/// ``Msg/jobPartial(id:_:)``.
public enum JobResult: Equatable, Sendable {
    /// The search and what it found.
    case searched(TraceSearch, TraceSearch.Found)
}

/// Thrown out of a job that was cancelled or superseded before it finished.
public struct JobCancelled: Error, Equatable {}

/// What a running job can ask of whoever runs it: whether to stop, and where to report how
/// far it has got.
public struct JobContext: Sendable {
    /// True once the job is cancelled or superseded.
    let isCancelled: @Sendable () -> Bool
    /// Takes the fraction done, 0...1.
    let report: @Sendable (Double) -> Void
    /// Takes an early part of the answer (a search's first match, history rows so far).
    let deliver: @Sendable (JobResult) -> Void

    public init(
        isCancelled: @escaping @Sendable () -> Bool, report: @escaping @Sendable (Double) -> Void,
        deliver: @escaping @Sendable (JobResult) -> Void
    ) {
        self.isCancelled = isCancelled
        self.report = report
        self.deliver = deliver
    }

    /// For running a job at once: never cancelled, progress and early parts unseen.
    public static let synchronous = JobContext(isCancelled: { false }, report: { _ in }, deliver: { _ in })

    /// How many events a job handles between looks at ``isCancelled`` and reports.
    static let eventsBetweenChecks = 2_048

    /// Called by a job for every event it handles (`done` of `total`): every
    /// ``eventsBetweenChecks`` events it reports progress, or throws if cancelled.
    func checkIn(done: Int, of total: Int) throws(JobCancelled) {
        guard done % Self.eventsBetweenChecks == 0 else { return }
        if isCancelled() { throw JobCancelled() }
        report(Double(done) / Double(max(total, 1)))
    }
}
