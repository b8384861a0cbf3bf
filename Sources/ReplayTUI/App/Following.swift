import ReplayCore

/// What the follower of a growing trace reported: new events, a restart, the end.
public enum FollowNews: Equatable, Sendable {
    /// The trace now holds more events; `milliseconds` is when they were read (for the rate).
    case grew(Trace, added: Int, milliseconds: Double)
    /// The file was truncated or replaced and read again from its start.
    case restarted(Trace, reason: String)
    /// No more will come (a pipe ended, the file was deleted).
    case ended(reason: String)
    /// The trace cannot be followed (not the native line form, unreadable).
    case failed(String)

    public static func == (a: FollowNews, b: FollowNews) -> Bool {
        switch (a, b) {
        case let (.grew(x, n, t), .grew(y, m, u)): x === y && n == m && t == u
        case let (.restarted(x, r), .restarted(y, s)): x === y && r == s
        case let (.ended(r), .ended(s)): r == s
        case let (.failed(r), .failed(s)): r == s
        default: false
        }
    }
}

/// Following a trace as it is written (`--follow`, `F`): whether new events are read, how
/// many arrived while the playhead was away from the last event, and the arrival rate.
public struct Following: Equatable, Sendable {
    /// True while new events are read; `F` turns it off and on.
    public var isOn = true
    /// Events that arrived while the playhead was not on the last event (`+N new`).
    public var unseen = 0
    /// Why no more will come, once it is known.
    public var ended: String?
    /// Recent arrivals: when, and how many events.
    var arrivals: [(milliseconds: Double, count: Int)] = []

    /// How far back the arrival rate looks.
    static let rateWindow: Double = 5_000

    public init() {}

    /// Events a second over the last few seconds.
    public var rate: Double {
        guard let last = arrivals.last?.milliseconds, let first = arrivals.first?.milliseconds else { return 0 }
        let span = max(last - first, 1_000)
        return Double(arrivals.dropFirst().reduce(0) { $0 + $1.count }) * 1_000 / span
    }

    mutating func noteArrival(of count: Int, at milliseconds: Double) {
        arrivals.append((milliseconds, count))
        arrivals.removeAll { $0.milliseconds < milliseconds - Self.rateWindow }
    }

    public static func == (a: Following, b: Following) -> Bool {
        a.isOn == b.isOn && a.unseen == b.unseen && a.ended == b.ended && a.arrivals.map(\.count) == b.arrivals.map(\.count)
            && a.arrivals.map(\.milliseconds) == b.arrivals.map(\.milliseconds)
    }
}

extension Model {
    /// News from the follower: grow the session, keep the playhead live on the last event
    /// (stopping where playing would stop: the crash, a breakpoint, a watch, a condition), or
    /// count what arrived while the user looks elsewhere.
    mutating func take(_ news: FollowNews) {
        switch news {
        case .grew(let trace, let added, let milliseconds):
            let before = session.trace.count
            let wasLive = session.position == before
            withSession { $0.grow(to: trace) }
            spansGrew()
            ui.following?.noteArrival(of: added, at: milliseconds)
            guard wasLive else {
                ui.following?.unseen += added
                return
            }
            let stop = withSession { $0.arrive(from: before) }
            // Stopped short of the last event: what came after it is unseen.
            ui.following?.unseen = session.trace.count - session.position
            switch stop {
            case .crash?: ui.message = nil  // the crash banner says it, reason and all
            case let stop?: ui.message = describe(stop)
            case nil: break
            }
        case .restarted(let trace, let reason):
            withSession { $0 = $0.restarted(on: trace) }
            spansGrew()
            withSession { _ = $0.seek(to: trace.count) }
            ui.following?.unseen = 0
            ui.message = "\(reason): read again from the start (\(trace.count.counted("event")))"
        case .ended(let reason):
            ui.following?.ended = reason
            ui.message = "\(reason): no more events will come"
        case .failed(let message):
            ui.following = nil
            ui.message = "cannot follow: \(message)"
        }
    }

    /// `F`: starts or stops reading new events.
    mutating func toggleFollowing() {
        if var following = ui.following {
            following.isOn.toggle()
            ui.following = following
            ui.message = following.isOn ? "following: new events are read as they are written" : "stopped following: F follows again"
        } else {
            ui.following = Following()
            ui.message = "following \(session.fileName): new events are read as they are written"
        }
    }
}
