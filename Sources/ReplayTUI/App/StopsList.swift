import ReplayCore

/// What stops playing besides the crash, as `W` lists it: watched paths, event names with a
/// breakpoint, then conditions.
struct StopsList {
    enum Item: Equatable {
        case watch(JSONPointer)
        case breakpoint(String)
        case condition(String)

        /// The row's two columns: what kind of stop, and on what.
        var columns: (kind: String, what: String) {
            switch self {
            case .watch(let path): ("watch", path.shown)
            case .breakpoint(let name): ("break", name)
            case .condition(let text): ("when ", text)
            }
        }
    }

    let items: [Item]

    init(_ session: TraceSession) {
        items = session.watches.map(Item.watch) + session.playhead.breakpoints.sorted().map(Item.breakpoint)
            + session.conditions.map { Item.condition($0.text) }
    }
}

extension Model {
    /// Keys while `W` is open: ↑↓ (k j) select, d, x or Backspace remove, Esc, q or W close.
    mutating func handleStopsList(_ key: Key, selected: Int) {
        let items = StopsList(session).items
        switch key {
        case .up, .character("k"): ui.overlay = .stops(selected: max(selected - 1, 0))
        case .down, .character("j"): ui.overlay = .stops(selected: min(selected + 1, max(items.count - 1, 0)))
        case .character("d"), .character("x"), .backspace:
            guard items.indices.contains(selected) else { return }
            switch items[selected] {
            case .watch(let path):
                _ = withSession { $0.toggleWatch(on: path) }
                ui.message = "no longer watching \(path.shown)"
            case .breakpoint(let name):
                _ = withSession { $0.toggleBreakpoint(on: name) }
                ui.message = "breakpoint on \(name) removed"
            case .condition(let text):
                withSession { $0.removeCondition(text) }
                ui.message = "no longer breaking when \(text)"
            }
            ui.overlay = .stops(selected: min(selected, max(items.count - 2, 0)))
        case .escape, .character("q"), .character("W"), .interrupt:
            ui.overlay = nil
        default:
            break
        }
    }
}
