import ReplayCore

/// `B` (a condition that stops playing) and `f` / `F` (a filter of the event list): both
/// take an expression of the query language (docs/queries.md), parsed when Enter is pressed.
extension Model {
    /// Enter in the `B` prompt: a malformed expression says where; a good one stops playing
    /// from now on, and the worker finds where it holds, for the timeline.
    mutating func addCondition(_ text: String) -> [Effect] {
        do throws(QueryError) {
            let query = try Query(text)
            ui.draftCondition = nil
            withSession { $0.add(query) }
            ui.message = "breaks when \(text): playing stops after an event where it holds"
            return start(.matches(query, purpose: .condition))
        } catch {
            ui.draftCondition = text
            ui.message = "\(error) (B edits it)"
            return []
        }
    }

    /// Enter in the `f` prompt: the worker finds the events the filter keeps.
    mutating func filterEvents(_ text: String, skipsHidden: Bool) -> [Effect] {
        do throws(QueryError) {
            return start(.matches(try Query(text), purpose: .filter(skipsHidden: skipsHidden)))
        } catch {
            ui.draftFilter = text
            ui.message = "\(error) (f edits it)"
            return []
        }
    }

    /// The events a filter keeps among the first `count`, found: the list shows only them.
    mutating func takeFilter(_ query: Query, kept: [Int], skipsHidden: Bool, covering count: Int) {
        ui.draftFilter = nil
        withSession { $0.apply(EventFilter(query: query, kept: kept, skipsHidden: skipsHidden), covering: count) }
        let steps = skipsHidden ? "steps skip hidden events" : "steps still visit every event"
        ui.message = "filter \(query.text): \(kept.count) of \(session.trace.count) events shown; \(steps); Esc clears"
    }

    /// ← → (and ↑ ↓ in the event list): one event back or forward, or to the previous or
    /// next event the filter keeps when it skips hidden ones.
    mutating func step(forward: Bool) {
        guard let filter = session.filter, filter.skipsHidden else {
            move(to: session.position + (forward ? 1 : -1))
            return
        }
        let current = session.playhead.currentEvent ?? -1
        guard let target = filter.kept(after: current, forward: forward) else {
            ui.message = forward ? "no later event the filter keeps" : "no earlier event the filter keeps"
            return
        }
        move(to: target + 1)
    }

    /// Esc, or `f` with no expression: every event shown again.
    mutating func clearFilter() {
        guard session.filter != nil else {
            ui.message = "no filter: f filters the event list"
            return
        }
        withSession { $0.apply(nil, covering: $0.trace.count) }
        ui.message = "filter cleared: every event shown"
    }
}

extension Model {
    /// The filter that keeps one lane's events.
    static func laneFilter(_ lane: String) -> String {
        "@lane == \(JSONValue.string(lane).jsonText(.compact))"
    }

    /// `o`: show only the current event's lane, then each next lane in turn, then all again.
    mutating func cycleLane() -> [Effect] {
        let lanes = session.overview.lanes.map(\.lane)
        guard lanes.count > 1 else {
            ui.message = lanes.isEmpty ? "this trace has no lanes (services, nodes)" : "this trace has one lane: \(lanes[0])"
            return []
        }
        let shown = lanes.firstIndex { session.filter?.query.text == Self.laneFilter($0) }
        let next: String
        if let shown {
            guard shown + 1 < lanes.count else {
                clearFilter()
                ui.message = "every lane shown"
                return []
            }
            next = lanes[shown + 1]
        } else {
            next = session.event?.lane ?? lanes[0]
        }
        return filterEvents(Self.laneFilter(next), skipsHidden: true)
    }
}
