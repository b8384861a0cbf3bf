/// Replay with events' changes read ahead on a second core while this one applies them
/// (``ReadAhead``): a long replay (`End`, `state --at end`, `validate`) would otherwise spend
/// about as long reading each change as applying it, and reading depends on nothing but the
/// bytes. Each change is read as far as it can be without the state
/// (``EventStore/prepareEffects(_:)``): for a native trace's simple patches and merges, that
/// leaves following their paths through the state to this core. A change that does not read
/// is thrown when replay reaches its event, as without the pipeline.
public enum EffectPipeline {
    /// Ranges shorter than this are read on this thread alone.
    public static let threshold = 32_768

    /// Applies the changes of the events in `range` to `state` in order, calling `body` after
    /// each with the event's index and the state after it. On an error, `state` is the state
    /// before the event that failed. Every ``ReadAhead/chunkSize`` events `continuing` is
    /// asked whether to go on; when it says no, `state` is the state after the last event
    /// `body` was given.
    public static func apply(
        _ events: any EventStore, in range: Range<Int>, to state: inout JSONValue, threshold: Int = threshold,
        after body: (Int, JSONValue) -> Void = { _, _ in }, while continuing: () -> Bool = { true }
    ) throws(TraceError) {
        var start = range.lowerBound
        try ReadAhead.run(range, threshold: threshold, sharing: .otherMakesAll, while: continuing) { chunk in
            events.prepareEffects(chunk)
        } consume: { (prepared: [PreparedEffect]) throws(TraceError) in
            try events.apply(prepared, from: start, to: &state, after: body)
            start += prepared.count
        }
    }
}
