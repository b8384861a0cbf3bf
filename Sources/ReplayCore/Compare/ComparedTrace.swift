/// One side of a comparison: a trace and what is ignored, answering the questions the
/// alignment and the state walk ask of its events, from the recorded bytes where the store
/// keeps them.
///
/// Not thread-safe (it keeps the last event's parts): one per thread.
final class ComparedTrace {
    let trace: Trace
    let side: CompareSide
    let ignores: CompareIgnores
    /// The native store's bytes, which can be compared without parsing.
    private let native: NativeEventBytes?
    /// The last pair whose recorded bytes were compared, and the answer.
    private var comparedPair = (-1, -1)
    private var comparedParts: SameRecordedParts?

    init(_ trace: Trace, side: CompareSide, ignoring ignores: CompareIgnores) {
        self.trace = trace
        self.side = side
        self.ignores = ignores
        native = (trace.events as? NativeEventIndex).map(NativeEventBytes.init)
    }

    var count: Int { trace.count }

    func summary(_ index: Int) -> EventSummary {
        trace.events.summary(index)
    }

    /// Whether event `index` here and `other` there have the same payload and change bytes,
    /// when both traces are native (nil otherwise).
    private func sameParts(_ index: Int, as that: ComparedTrace, _ other: Int) -> SameRecordedParts? {
        guard let native, let theirs = that.native else { return nil }
        if comparedPair != (index, other) {
            comparedPair = (index, other)
            comparedParts = native.sameRecordedParts(index, as: theirs, other)
        }
        return comparedParts
    }

    /// True when events `range` here and as many from `other` there are the same bytes in
    /// their files (both native): then each pair corresponds and changes the state alike.
    func sameBytes(_ range: Range<Int>, as that: ComparedTrace, from other: Int) -> Bool {
        guard let native, let theirs = that.native else { return false }
        return native.sameBytes(range, as: theirs, from: other)
    }

    /// The payload as identity sees it (ignored fields taken out).
    func identityPayload(_ index: Int) throws(CompareError) -> JSONValue? {
        if let native, let ranges = native.recordedRanges(index) {
            guard let range = ranges.payload else { return nil }
            if let payload = native.value(in: range) { return ignores.identityPayload(payload) }
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
        if ignores.payload.isEmpty, sameParts(index, as: that, other)?.payload == true { return true }
        return JSONValue.isSame(try identityPayload(index), try that.identityPayload(other))
    }

    /// True when the two events change the state in exactly the same way (the same bytes,
    /// or the same parsed change).
    func sameEffect(_ index: Int, as that: ComparedTrace, _ other: Int) throws(CompareError) -> Bool {
        if sameParts(index, as: that, other)?.effect == true { return true }
        return try effect(index) == that.effect(other)
    }
}
