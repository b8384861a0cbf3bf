/// An event's change read as far as it can be before the state it applies to is known
/// (``EventStore/prepareEffects(_:)``), on any thread, and applied later on replay's
/// (``EventStore/apply(_:from:to:after:)``): replay reads changes on a second core while it
/// applies them on its own (``EffectPipeline``).
public struct PreparedEffect: Sendable {
    enum Form: Sendable {
        /// The change read whole.
        case effect(EventEffect)
        /// A patch of simple operations, their paths still the trace's bytes.
        case simplePatch(SimplePatch)
        /// A merge patch at this offset of the trace's bytes, checked to apply member by
        /// member from them (``JSONParser/isSimpleMergePatch()``).
        case simpleMerge(at: Int)
    }

    let form: Form

    init(_ form: Form) {
        self.form = form
    }
}

extension PreparedEffect {
    /// The changes of the events in `range` read one by one with `read`, up to the first
    /// that fails (``EventStore/prepareEffects(_:)``).
    static func reading(_ range: Range<Int>, _ read: (Int) throws(TraceError) -> PreparedEffect) -> ReadAhead.Made<[PreparedEffect]> {
        var effects: [PreparedEffect] = []
        effects.reserveCapacity(range.count)
        for index in range {
            do throws(TraceError) {
                effects.append(try read(index))
            } catch {
                return (effects, error)
            }
        }
        return (effects, nil)
    }
}
