import ReplayCore

/// A far seek's replay (``FarSeek``): on the worker's trace in the single view, or in the
/// split view on either run's.
public struct ReplayRequest: Equatable, Sendable {
    public let replay: FarReplay
    /// The split view's run it replays, nil in the single view.
    public let side: CompareSide?
    /// The trace it replays when not the worker's (run B).
    let trace: Trace?

    /// A replay of the worker's trace (the single view's, or run A's in the split view).
    public init(_ replay: FarReplay, side: CompareSide? = nil) {
        self.replay = replay
        self.side = side
        trace = nil
    }

    /// A replay of `trace`, run B of the split view.
    public init(_ replay: FarReplay, ofRunB trace: Trace) {
        self.replay = replay
        side = .b
        self.trace = trace
    }

    /// Requests for the same replay of the same trace object are the same request.
    public static func == (left: ReplayRequest, right: ReplayRequest) -> Bool {
        left.replay == right.replay && left.side == right.side && left.trace === right.trace
    }

    /// What the status line says while it runs: `replaying to #4999999`, or in the split
    /// view `replaying run B to #499999`.
    var label: String {
        "replaying \(side.map { "run \($0.rawValue) " } ?? "")to #\(replay.target - 1)"
    }

    /// Replays it on ``trace``, else `workerTrace`: the states it passes go out through
    /// `context` as they are passed, and the answer brings the arrival.
    func run(on workerTrace: Trace, context: JobContext) throws(JobCancelled) -> JobResult {
        let arrived: FarReplay.Passed?
        do throws(TraceError) {
            arrived = try replay.run(in: trace ?? workerTrace, while: { !context.isCancelled() }) { passed, fraction in
                context.deliver(.replayed(passed, side: side))
                context.report(fraction)
            }
        } catch {
            return .failed(label, error)
        }
        guard let arrived else { throw JobCancelled() }
        return .replayed(arrived, side: side)
    }
}
