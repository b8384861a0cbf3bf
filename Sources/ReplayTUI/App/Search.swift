import ReplayCore

extension Model {
    /// Goes to the next (or previous) event matching `text`: at once among the matches
    /// already counted for it, else by a search on the worker (``TraceSearch``), whose
    /// answer moves the playhead (``take(_:early:afterEarlyAnswer:)``).
    mutating func search(_ text: String, forward: Bool, recount: Bool = false) -> [Effect] {
        guard session.trace.count > 0 else {
            ui.message = "no events to search"
            return []
        }
        if !recount, let known = ui.eventMatches, known.text == text {
            goToMatch(in: known, forward: forward)
            return []
        }
        ui.eventMatches = nil
        let search = TraceSearch(text: text, from: session.playhead.currentEvent, forward: forward, syntax: session.syntax)
        return start(.search(search))
    }

    /// A search's answer, or its early part (`early`): it goes to its first match as soon as
    /// it is found, then counts the rest; `afterEarlyAnswer` says it went there already.
    mutating func take(_ search: TraceSearch, _ found: TraceSearch.Found, early: Bool, afterEarlyAnswer: Bool) {
        guard let hit = found.first else {
            ui.eventMatches = EventMatches(text: search.text, indices: [])
            ui.message = "/\(search.text): no match"
            return
        }
        if !afterEarlyAnswer { move(to: hit.index + 1) }
        let wrapped = hit.wrapped ? " (search wrapped)" : ""
        guard let matches = found.matches else {
            ui.message = "/\(search.text): #\(hit.index)\(wrapped)"
            ui.job?.label = "counting the matches of /\(search.text)"
            return
        }
        let known = EventMatches(text: search.text, indices: matches)
        ui.eventMatches = known
        if early { return }
        ui.message = "/\(search.text): #\(hit.index) (\(ordinal(of: hit.index, in: known)))\(wrapped)"
    }

    /// Moves to the next (or previous) counted match after the current event, wrapping.
    private mutating func goToMatch(in known: EventMatches, forward: Bool) {
        guard !known.indices.isEmpty else {
            ui.message = "/\(known.text): no match"
            return
        }
        let current = session.playhead.currentEvent ?? (forward ? -1 : session.trace.count)
        let after = forward ? known.indices.first { $0 > current } : known.indices.last { $0 < current }
        let target = after ?? (forward ? known.indices.first! : known.indices.last!)
        move(to: target + 1)
        ui.message = "/\(known.text): #\(target) (\(ordinal(of: target, in: known)))" + (after == nil ? " (search wrapped)" : "")
    }

    /// `3/17`: which match `index` is, of how many.
    private func ordinal(of index: Int, in known: EventMatches) -> String {
        let number = known.indices.firstIndex(of: index).map { $0 + 1 } ?? 0
        return "\(number)/\(known.indices.count)"
    }
}
