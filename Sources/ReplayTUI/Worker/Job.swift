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
        /// `H`, `<`, `>` and `w`: every change of the value at a path.
        case history(JSONPointer)
        /// `B` and `f`: every event after which a query holds.
        case matches(Query, purpose: QueryPurpose)
        /// The split view: this trace compared with another (``CompareRequest``).
        case compare(CompareRequest)
        /// A move too far to replay within a frame (``FarSeek``).
        case replay(ReplayRequest)
        /// `s`: the trace's spans as trees (``SpanTree``).
        case spans
    }

    /// What a query's matches are for.
    public enum QueryPurpose: Equatable, Sendable {
        /// A condition's hits, for the timeline.
        case condition
        /// The events a filter keeps; whether steps are to skip the others.
        case filter(skipsHidden: Bool)
    }

    public init(id: Int, work: Work) {
        self.id = id
        self.work = work
    }

    /// What the status line says while the job runs, e.g. `searching /withdraw`.
    public var label: String {
        switch work {
        case .search(let search): "searching /\(search.text)"
        case .history(let path): "history of \(path.shown)"
        case .matches(let query, .condition): "finding where \(query.text) holds"
        case .matches(let query, .filter): "filtering by \(query.text)"
        case .compare: "aligning the two runs"
        case .replay(let request): request.label
        case .spans: "building the span tree"
        }
    }

    /// Does the work over `trace`, unless `context` cancels it first.
    public func perform(in trace: Trace, context: JobContext) throws(JobCancelled) -> JobResult {
        switch work {
        case .search(let search): .searched(search, try search.run(in: trace, context: context))
        case .history(let path): try history(of: path, in: trace, context: context)
        case .matches(let query, let purpose): try matches(of: query, for: purpose, in: trace, context: context)
        case .compare(let request): .compared(try request.run(against: trace, context: context))
        case .replay(let request): try request.run(on: trace, context: context)
        case .spans: try spans(of: trace, context: context)
        }
    }

    /// The span tree of `trace`, read with progress and stopping when cancelled.
    private func spans(of trace: Trace, context: JobContext) throws(JobCancelled) -> JobResult {
        let tree: SpanTree?
        do throws(TraceError) {
            tree = try SpanTree.build(trace) { done in
                context.report(Double(done) / Double(max(trace.count, 1)))
                return !context.isCancelled()
            }
        } catch {
            return .failed(label, error)
        }
        guard let tree else { throw JobCancelled() }
        return .spans(tree)
    }

    /// Every event after which `query` holds, in one replay pass (``Query/search``).
    private func matches(of query: Query, for purpose: QueryPurpose, in trace: Trace, context: JobContext) throws(JobCancelled) -> JobResult {
        var matches: [Int] = []
        var cancelled = false
        do throws(TraceError) {
            try query.search(trace, events: 0..<trace.count, checkIn: { index in
                context.report(Double(index) / Double(max(trace.count, 1)))
                cancelled = context.isCancelled()
                return !cancelled
            }, found: { index in
                matches.append(index)
                return true
            })
        } catch {
            return .failed(label, error)
        }
        if cancelled { throw JobCancelled() }
        return .matched(query, purpose, matches)
    }

    /// The changes of the value at `path`, with the touch index built first (and kept for
    /// the next history) when the worker has none; rows go out as they are found.
    private func history(of path: JSONPointer, in trace: Trace, context: JobContext) throws(JobCancelled) -> JobResult {
        let touches: TouchIndex?
        do throws(TraceError) {
            touches = try context.cache.touches(of: trace, context: context)
        } catch {
            return .failed(label, error)
        }
        guard let touches else { throw JobCancelled() }
        var batch: [PathChange] = []
        let changes: [PathChange]?
        do throws(TraceError) {
            // Rows go out as found: every 64, and whatever was found at each check-in.
            func flush() {
                guard !batch.isEmpty else { return }
                context.deliver(.history(path, batch, complete: false))
                batch = []
            }
            changes = try PathHistory(trace: trace, touches: touches).changes(of: path, shouldContinue: { done in
                flush()
                context.report(0.5 + 0.5 * Double(done) / Double(max(trace.count, 1)))
                return !context.isCancelled()
            }, found: { change in
                batch.append(change)
                if batch.count == 64 { flush() }
            })
        } catch {
            return .failed(label, error)
        }
        guard let changes else { throw JobCancelled() }
        return .history(path, changes, complete: true)
    }
}

/// A job's answer, delivered as ``Msg/jobFinished(id:_:)``, or an early part of it, as
/// ``Msg/jobPartial(id:_:)``.
public enum JobResult: Equatable, Sendable {
    /// The search and what it found.
    case searched(TraceSearch, TraceSearch.Found)
    /// Changes of the value at a path: all of them when `complete`, else the next few found.
    case history(JSONPointer, [PathChange], complete: Bool)
    /// Every event after which a query holds.
    case matched(Query, Job.QueryPurpose, [Int])
    /// Two runs compared, or the error that stopped it.
    case compared(Result<TraceComparison, CompareError>)
    /// States a far replay passed: its checkpoints so far, or (as the answer) the rest and
    /// the arrival; `side` is the split view's run they are of.
    case replayed(FarReplay.Passed, side: CompareSide?)
    /// The trace's span tree.
    case spans(SpanTree)
    /// The job met a data error (the label says which job).
    case failed(String, TraceError)
}

/// What jobs keep between runs on the worker's thread (and only there): the touch index,
/// built by the first job that needs it.
public final class JobCache: @unchecked Sendable {
    /// The touch index and the trace it was built for (a followed trace grows into new ones).
    private var touchIndex: (trace: ObjectIdentifier, index: TouchIndex)?

    public init() {}

    /// The touch index of `trace`, built now (reporting progress up to half way) unless
    /// built already for this trace; nil when the job was cancelled while building it.
    func touches(of trace: Trace, context: JobContext) throws(TraceError) -> TouchIndex? {
        if let touchIndex, touchIndex.trace == ObjectIdentifier(trace) { return touchIndex.index }
        guard let built = try TouchIndex.build(trace, shouldContinue: { done in
            context.report(0.5 * Double(done) / Double(max(trace.count, 1)))
            return !context.isCancelled()
        }) else { return nil }
        touchIndex = (ObjectIdentifier(trace), built)
        return built
    }
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
    /// What jobs keep between runs.
    let cache: JobCache

    public init(
        isCancelled: @escaping @Sendable () -> Bool, report: @escaping @Sendable (Double) -> Void,
        deliver: @escaping @Sendable (JobResult) -> Void, cache: JobCache
    ) {
        self.isCancelled = isCancelled
        self.report = report
        self.deliver = deliver
        self.cache = cache
    }

    /// For running a job at once: never cancelled, progress and early parts unseen, nothing
    /// kept from an earlier run.
    public static var synchronous: JobContext {
        JobContext(isCancelled: { false }, report: { _ in }, deliver: { _ in }, cache: JobCache())
    }

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
