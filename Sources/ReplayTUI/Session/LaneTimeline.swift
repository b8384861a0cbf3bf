import ReplayCore

/// The timeline's rows per lane (a span's service, a message's node), under the main track
/// when a trace has more than one: each lane's events as a density strip, its errors and the
/// crash marked, on a track that starts after a gutter holding the lane's name. When there
/// are more lanes than rows, the last row sums up the rest.
public struct LaneTimeline: Equatable, Sendable {
    /// What one column of a lane row shows.
    public enum Cell: Equatable, Sendable {
        case empty
        /// Events of the lane fall here: how many, out of the most in any column of the row.
        case events(Int)
        case error
        case crash
    }

    /// One row: its label and its cells.
    public struct Row: Equatable, Sendable {
        public var label: String
        public var cells: [Cell]
        public var most: Int
    }

    public let rows: [Row]
    /// Columns before the track: the lanes' names.
    public let gutter: Int
    /// The track's width: the timeline's width less the gutter.
    public let trackWidth: Int

    /// The longest lane name shown whole in the gutter.
    static let longestLabel = 14

    /// Rows for at most `rowCount` lanes of `trace` (`lanes` in order of first appearance)
    /// on a timeline `width` columns wide; nil when there are fewer than two lanes or no row.
    init?(trace: Trace, lanes: [String], width: Int, rowCount: Int) {
        guard lanes.count > 1, rowCount > 0 else { return nil }
        let shown = lanes.count <= rowCount ? lanes : Array(lanes.prefix(rowCount - 1))
        let rest = lanes.count - shown.count
        gutter = min(max(shown.map { DisplayWidth.of($0) }.max() ?? 0, rest > 0 ? 8 : 0), Self.longestLabel) + 1
        let trackWidth = max(width - gutter, 1)
        self.trackWidth = trackWidth
        let slot = Dictionary(uniqueKeysWithValues: shown.enumerated().map { ($1, $0) })
        let rowTotal = shown.count + (rest > 0 ? 1 : 0)
        var counts = Array(repeating: Array(repeating: 0, count: trackWidth), count: rowTotal)
        var marks = Array(repeating: Array(repeating: Cell.empty, count: trackWidth), count: rowTotal)
        let crash = trace.crash?.index
        for index in 0..<trace.count {
            let summary = trace.events.summary(index)
            guard let lane = summary.lane else { continue }
            let row = slot[lane] ?? shown.count
            let column = TimelineColumns.column(ofEvent: index, count: trace.count, width: trackWidth)
            counts[row][column] += 1
            if index == crash {
                marks[row][column] = .crash
            } else if summary.hasError, marks[row][column] != .crash {
                marks[row][column] = .error
            }
        }
        rows = (0..<rowTotal).map { row in
            let cells = (0..<trackWidth).map { column in
                marks[row][column] != .empty ? marks[row][column] : counts[row][column] > 0 ? Cell.events(counts[row][column]) : .empty
            }
            let label = row < shown.count ? shown[row] : "+\(rest) lanes"
            return Row(label: label, cells: cells, most: counts[row].max() ?? 0)
        }
    }

    /// How many lane rows a terminal `height` rows tall has room for.
    static func rowCount(height: Int, lanes: Int) -> Int {
        guard lanes > 1 else { return 0 }
        return min(lanes, max((height - 20) / 2, 0), 6)
    }
}
