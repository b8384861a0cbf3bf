import ReplayCore

/// The split view's job: the worker's trace (run A) compared with run B.
public struct CompareRequest: Equatable, Sendable {
    public let other: Trace
    public let ignores: CompareIgnores

    public init(other: Trace, ignores: CompareIgnores) {
        self.other = other
        self.ignores = ignores
    }

    /// Requests for the same trace object and ignores are the same request.
    public static func == (left: CompareRequest, right: CompareRequest) -> Bool {
        left.other === right.other && left.ignores == right.ignores
    }

    /// Compares `trace` (A) with ``other`` (B), reporting progress and stopping when cancelled.
    func run(against trace: Trace, context: JobContext) throws(JobCancelled) -> Result<TraceComparison, CompareError> {
        let comparison: TraceComparison?
        do throws(CompareError) {
            comparison = try TraceComparison.compare(trace, other, ignoring: ignores, shouldContinue: { fraction in
                context.report(fraction)
                return !context.isCancelled()
            })
        } catch {
            return .failure(error)
        }
        guard let comparison else { throw JobCancelled() }
        return .success(comparison)
    }
}
