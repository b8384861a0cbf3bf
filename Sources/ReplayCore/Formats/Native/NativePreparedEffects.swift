/// Replay's reading of a native trace's changes: patches of one simple operation and merge
/// patches without repeated names are left to be applied straight from the bytes
/// (``JSONParser/simplePatchOperation()``, ``JSONParser/isSimpleMergePatch()``), other
/// changes are read whole (``NativeEventIndex/effect(_:in:)``). A chunk of events is read
/// and applied in one visit to the bytes.
extension NativeEventIndex {
    func prepareEffects(_ range: Range<Int>) -> ReadAhead.Made<[PreparedEffect]> {
        data.noteRead(range.count)
        return data.withBytes { (bytes: UnsafeRawBufferPointer) -> ReadAhead.Made<[PreparedEffect]> in
            PreparedEffect.reading(range) { (index: Int) throws(TraceError) in try prepareEffect(index, in: bytes) }
        }
    }

    private func prepareEffect(_ index: Int, in bytes: UnsafeRawBufferPointer) throws(TraceError) -> PreparedEffect {
        let kind = effectKind(index)
        if kind == .patch || kind == .merge {
            let start = effectStart(index)
            var parser = JSONParser(bytes: bytes, position: start)
            do throws(JSONSyntaxError) {
                if kind == .patch, let operation = try parser.simplePatchOperation() {
                    return PreparedEffect(.simpleOperation(operation))
                }
                if kind == .merge, try parser.isSimpleMergePatch() {
                    return PreparedEffect(.simpleMerge(at: start))
                }
            } catch {
                throw error.traceError(in: bytes)
            }
        }
        return PreparedEffect(.effect(try effect(index, in: bytes)))
    }

    /// A simple operation that does not apply from the bytes (its path names nothing, say)
    /// is read whole and applied again, which words the problem as any patch's.
    func apply(
        _ prepared: [PreparedEffect], from start: Int, to state: inout JSONValue, after body: (Int, JSONValue) -> Void
    ) throws(TraceError) {
        try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in
            for (offset, prepared) in prepared.enumerated() {
                let index = start + offset
                switch prepared.form {
                case .effect(let effect):
                    try effect.apply(to: &state, event: index)
                case .simpleOperation(let operation):
                    if !operation.apply(to: &state, in: bytes) {
                        try effect(index, in: bytes).apply(to: &state, event: index)
                    }
                case .simpleMerge(let position):
                    var parser = JSONParser(bytes: bytes, position: position)
                    do throws(JSONSyntaxError) {
                        try parser.applySimpleMergePatch(to: &state)
                    } catch {
                        throw error.traceError(in: bytes)
                    }
                }
                body(index, state)
            }
        }
    }
}
