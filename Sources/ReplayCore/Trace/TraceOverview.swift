/// Facts about a whole trace gathered in one pass over its event index (no event is parsed):
/// what `info` prints and the debugger's header and timeline show.
public struct TraceOverview: Sendable {
    /// The indices of the events that carry an error, in order.
    public var errors: [Int] = []
    /// The largest `t` of any event: the time from the start of the recording to its last
    /// event; nil when no event carries a time.
    public var durationMilliseconds: Double?
    /// Event counts by kind, in order of first appearance.
    public var kinds: [(kind: String, count: Int)] = []
    /// Event counts by lane, in order of first appearance; events without a lane are not counted.
    public var lanes: [(lane: String, count: Int)] = []

    public init(_ trace: Trace) {
        self = trace.events.overview()
    }

    init(errors: [Int], durationMilliseconds: Double?, kinds: [(kind: String, count: Int)], lanes: [(lane: String, count: Int)]) {
        self.errors = errors
        self.durationMilliseconds = durationMilliseconds
        self.kinds = kinds
        self.lanes = lanes
    }

    /// The facts gathered from every event's summary.
    init(summarizing events: some EventStore) {
        var counts: [String: Int] = [:]
        var order: [String] = []
        // Runs of one kind are common: count them before touching the dictionary.
        var run: (kind: String, count: Int)?
        var laneCounts: [String: Int] = [:]
        var laneOrder: [String] = []
        func flush() {
            guard let (kind, count) = run else { return }
            if counts[kind] == nil { order.append(kind) }
            counts[kind, default: 0] += count
        }
        for index in 0..<events.count {
            let summary = events.summary(index)
            if summary.hasError { errors.append(index) }
            if let lane = summary.lane {
                if laneCounts[lane] == nil { laneOrder.append(lane) }
                laneCounts[lane, default: 0] += 1
            }
            if let t = summary.t, t > (durationMilliseconds ?? -.infinity) { durationMilliseconds = t }
            if run?.kind == summary.kind {
                run!.count += 1
            } else {
                flush()
                run = (summary.kind, 1)
            }
        }
        flush()
        kinds = order.map { ($0, counts[$0]!) }
        lanes = laneOrder.map { ($0, laneCounts[$0]!) }
    }
}
