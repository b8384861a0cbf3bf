import ReplayCore

/// `/` in the state pane: the nodes of the state at the playhead whose key, or value when it
/// is a single value, contains a text (ignoring case), as the pane writes them.
enum StateSearch {
    /// The matching nodes in the order the tree shows them (every node open), and where the
    /// node at `cursor` falls in that order.
    struct Matches {
        var paths: [JSONPointer]
        /// For each match, its row in the whole tree; and the cursor's row.
        var rows: [Int]
        var cursorRow: Int

        /// The match after the cursor's row (before it, going back), wrapping: its number
        /// (0-based) among the matches.
        func next(forward: Bool) -> Int? {
            guard !rows.isEmpty else { return nil }
            if forward { return rows.firstIndex { $0 > cursorRow } ?? 0 }
            return rows.lastIndex { $0 < cursorRow } ?? rows.count - 1
        }
    }

    static func matches(of text: String, in state: JSONValue, syntax: ValueSyntax, cursor: JSONPointer) -> Matches {
        let needle = text.lowercased()
        let all = StateTree.allRows(of: state, syntax: syntax)
        var paths: [JSONPointer] = []
        var rows: [Int] = []
        for (index, row) in all.enumerated() {
            let value = row.isContainer ? "" : syntax.preview(row.value, limit: .max)
            guard row.label.lowercased().contains(needle) || value.lowercased().contains(needle) else { continue }
            paths.append(row.path)
            rows.append(index)
        }
        let cursorRow = all.firstIndex { $0.path == cursor } ?? -1
        return Matches(paths: paths, rows: rows, cursorRow: cursorRow)
    }
}

extension Model {
    /// Moves the state cursor to the next (or previous) node matching `text`, opening what
    /// is above it; the status line says which match of how many.
    mutating func searchState(_ text: String, forward: Bool) {
        let matches = StateSearch.matches(of: text, in: session.state, syntax: session.syntax, cursor: ui.stateCursor)
        guard let number = matches.next(forward: forward) else {
            ui.message = "/\(text): not in the state at \(session.playhead.currentEvent.map { "#\($0)" } ?? "the start")"
            return
        }
        let path = matches.paths[number]
        ui.stateCursor = path
        ui.reveal(path)
        ui.message = "/\(text): \(number + 1)/\(matches.paths.count) in the state"
    }
}
