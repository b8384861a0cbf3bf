import ReplayCore

extension Model {
    /// Starts a search for `text` from the current event on the worker (``TraceSearch``);
    /// the playhead moves when the answer comes (``take(_:)``).
    mutating func search(_ text: String, forward: Bool) -> [Effect] {
        guard session.trace.count > 0 else {
            ui.message = "no events to search"
            return []
        }
        let search = TraceSearch(text: text, from: session.playhead.currentEvent, forward: forward, syntax: session.syntax)
        return start(.search(search))
    }

    /// A job's answer: moves to what a search found, or says it found nothing.
    mutating func take(_ result: JobResult) {
        switch result {
        case .searched(let search, let hit?):
            move(to: hit.index + 1)
            ui.message = "/\(search.text): #\(hit.index)" + (hit.wrapped ? " (search wrapped)" : "")
        case .searched(let search, nil):
            ui.message = "/\(search.text): no match"
        }
    }
}
