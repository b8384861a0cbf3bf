import ReplayCore

/// What the timeline shows in each column: which events fall there, whether any of them is
/// an error, has a breakpoint or changed a watched value, and how much state they changed.
public struct TimelineColumns: Equatable, Sendable {
    /// The glyph a column carries besides the track, most important first.
    public enum Mark: Equatable, Sendable {
        case none, error, breakpoint, condition, watch, checkpoint
    }

    public let width: Int
    public private(set) var marks: [Mark]
    /// How much state the events of each column changed (``ChangeWeights``).
    public private(set) var density: [Int]
    public private(set) var maximumDensity: Int
    /// Columns none of whose events a filter keeps: drawn dim.
    public private(set) var dimmed: [Bool]

    /// `errors` are the events that carry an error (``TraceOverview/errors``),
    /// `changeWeights` the events' ``ChangeWeights``; `watchHits` the events that changed
    /// a watched value, `conditionHits` those after which a condition holds; `kept` the
    /// events a filter keeps (nil: no filter).
    ///
    /// A column's mark is the most important of its events' (error, breakpoint, condition,
    /// watch): each kind is laid down in turn, least important first, from its own events,
    /// so only the weights and the breakpoints (when there are any) cost a pass over every
    /// event.
    init(
        trace: Trace, width: Int, errors: [Int], breakpoints: Set<String>, watchHits: Set<Int>, conditionHits: Set<Int>, kept: [Int]?,
        changeWeights: ChangeWeights
    ) {
        self.width = max(width, 1)
        let count = trace.count
        dimmed = Array(repeating: kept != nil, count: self.width)
        for index in kept ?? [] {
            dimmed[Self.column(ofEvent: index, count: count, width: self.width)] = false
        }
        marks = Array(repeating: .none, count: self.width)
        for index in watchHits where index < count {
            let column = Self.column(ofEvent: index, count: count, width: self.width)
            if marks[column] == .none { marks[column] = .watch }
        }
        for index in conditionHits where index < count {
            marks[Self.column(ofEvent: index, count: count, width: self.width)] = .condition
        }
        if !breakpoints.isEmpty {
            for index in 0..<count {
                guard let name = trace.events.summary(index).name, breakpoints.contains(name) else { continue }
                marks[Self.column(ofEvent: index, count: count, width: self.width)] = .breakpoint
            }
        }
        for index in errors where index < count {
            marks[Self.column(ofEvent: index, count: count, width: self.width)] = .error
        }
        var weights = Array(repeating: 0, count: self.width)
        let width = self.width
        changeWeights.add(trace, count: count, to: &weights) { Self.column(ofEvent: $0, count: count, width: width) }
        // With fewer events than columns, each event's bar spans the columns from just after
        // the previous event's up to its own, the stretch the playhead crosses to reach it,
        // so the strip reads as bars rather than a comb.
        density = weights
        if trace.count < self.width {
            var previous = -1
            for index in 0..<trace.count {
                let column = Self.column(ofEvent: index, count: trace.count, width: self.width)
                for stretch in (previous + 1)...max(column, previous + 1) where stretch < self.width { density[stretch] = weights[column] }
                previous = column
            }
        }
        maximumDensity = density.max() ?? 0
        // Recorded checkpoints (`meta.checkpoints: [{position, ...}]`, as Victauri has them),
        // where no error or breakpoint is marked already.
        for checkpoint in trace.meta["checkpoints"]?.arrayValue ?? [] {
            guard let position = checkpoint["position"]?.numberValue?.intValue, position > 0, position <= trace.count else { continue }
            let column = Self.column(ofEvent: position - 1, count: trace.count, width: self.width)
            if marks[column] == .none { marks[column] = .checkpoint }
        }
    }

    /// The column of event `index` on a timeline `width` columns wide.
    public static func column(ofEvent index: Int, count: Int, width: Int) -> Int {
        guard count > 1 else { return 0 }
        return index * (width - 1) / (count - 1)
    }

    /// The event nearest to `column`.
    public static func event(atColumn column: Int, count: Int, width: Int) -> Int {
        guard count > 1, width > 1 else { return 0 }
        let index = (column * (count - 1) + (width - 1) / 2) / (width - 1)
        return min(max(index, 0), count - 1)
    }

    /// The position (events applied) a click on `column` seeks to: at the event under it.
    public static func position(atColumn column: Int, count: Int, width: Int) -> Int {
        count > 0 ? event(atColumn: column, count: count, width: width) + 1 : 0
    }
}
