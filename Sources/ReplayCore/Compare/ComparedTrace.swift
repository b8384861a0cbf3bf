/// One side of a comparison: a trace and what is ignored, answering the questions the
/// alignment and the state walk ask of its events, from the recorded bytes where the store
/// keeps them.
///
/// Not thread-safe (it keeps the last event's parts): one per thread.
final class ComparedTrace {
    let trace: Trace
    let side: CompareSide
    let ignores: CompareIgnores
    private var cachedIndex = -1
    private var cachedParts: RecordedParts?

    init(_ trace: Trace, side: CompareSide, ignoring ignores: CompareIgnores) {
        self.trace = trace
        self.side = side
        self.ignores = ignores
    }

    var count: Int { trace.count }

    func summary(_ index: Int) -> EventSummary {
        trace.events.summary(index)
    }

    /// The event's recorded payload and change bytes, when the store keeps them.
    func parts(_ index: Int) -> RecordedParts? {
        if index != cachedIndex {
            cachedIndex = index
            cachedParts = trace.events.recordedParts(index)
        }
        return cachedParts
    }

    /// The payload as identity sees it (ignored fields taken out).
    func identityPayload(_ index: Int) throws(CompareError) -> JSONValue? {
        if let parts = parts(index) {
            guard let bytes = parts.payload else { return nil }
            if let payload = try? JSONValue(parsing: bytes) { return ignores.identityPayload(payload) }
        }
        return ignores.identityPayload(try reading { () throws(TraceError) in try trace.events.event(index).payload })
    }

    /// The event's change.
    func effect(_ index: Int) throws(CompareError) -> EventEffect {
        try reading { () throws(TraceError) in try trace.events.effect(index) }
    }

    /// Applies event `index`'s change to `state`.
    func apply(_ effect: EventEffect, of index: Int, to state: inout JSONValue) throws(CompareError) {
        try reading { () throws(TraceError) in try effect.apply(to: &state, event: index) }
    }

    /// Runs `body`, naming this side in its error.
    private func reading<T>(_ body: () throws(TraceError) -> T) throws(CompareError) -> T {
        do throws(TraceError) {
            return try body()
        } catch {
            throw CompareError(side: side, error: error)
        }
    }

    /// The fingerprint of the event's identity.
    func fingerprint(_ index: Int) throws(CompareError) -> EventFingerprint {
        let summary = summary(index)
        return EventFingerprint(kind: summary.kind, name: summary.name, payload: try identityPayload(index))
    }

    /// True when event `index` here and event `other` there correspond: kind, name and
    /// payload (outside ignored fields) are the same.
    func sameEvent(_ index: Int, as that: ComparedTrace, _ other: Int) throws(CompareError) -> Bool {
        let mine = summary(index)
        let theirs = that.summary(other)
        guard mine.kind == theirs.kind, mine.name == theirs.name else { return false }
        if ignores.payload.isEmpty, let a = parts(index), let b = that.parts(other), a.payload == b.payload {
            return true
        }
        return JSONValue.isSame(try identityPayload(index), try that.identityPayload(other))
    }

    /// True when the two events change the state in exactly the same way (the same bytes,
    /// or the same parsed change).
    func sameEffect(_ index: Int, as that: ComparedTrace, _ other: Int) throws(CompareError) -> Bool {
        if let a = parts(index), let b = that.parts(other), a.effect == b.effect { return true }
        return try effect(index) == that.effect(other)
    }
}
