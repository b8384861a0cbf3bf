/// Events' changes read ahead on a second core while replay applies them on this one
/// (``ReadAhead``): a long replay (`End`, `state --at end`, `validate`) spends about as long
/// parsing each change as applying it, and parsing depends on nothing but the bytes. A change
/// that does not read is thrown when replay reaches its event, as without the pipeline.
public enum EffectPipeline {
    /// Ranges shorter than this are read on this thread alone.
    public static let threshold = 32_768

    /// Calls `body` with each event of `range` and its change, in order.
    public static func forEachEffect(
        of events: any EventStore, in range: Range<Int>, threshold: Int = threshold,
        _ body: (Int, EventEffect) throws(TraceError) -> Void
    ) throws(TraceError) {
        var index = range.lowerBound
        try ReadAhead.run(range, threshold: threshold, sharing: .otherMakesAll) { chunk in
            var effects: [EventEffect] = []
            effects.reserveCapacity(chunk.count)
            for index in chunk {
                do throws(TraceError) {
                    effects.append(try events.effect(index))
                } catch {
                    return (effects, error)
                }
            }
            return (effects, nil)
        } consume: { (effects: [EventEffect]) throws(TraceError) in
            for effect in effects {
                try body(index, effect)
                index += 1
            }
        }
    }
}
