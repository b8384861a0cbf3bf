/// Replay's reading of a native trace's changes: patches of simple operations and merge
/// patches without repeated names are left to be applied straight from the bytes
/// (``JSONParser/simplePatch()``, ``JSONParser/isSimpleMergePatch()``), other
/// changes are read whole (``NativeEventIndex/effect(_:in:)``). A chunk of events is read
/// and applied in one visit to the bytes. The file's pages are let go behind the chunk being
/// applied, not the one being read: reading runs ahead on another core, and letting go of
/// every page as it reads would take from the applying core the pages it is about to follow
/// paths in. They are let go at every eighth chunk: each time costs the applying core a
/// system call, and both cores a TLB shootdown.
extension NativeEventIndex {
    func prepareEffects(_ range: Range<Int>) -> ReadAhead.Made<[PreparedEffect]> {
        data.withBytes { (bytes: UnsafeRawBufferPointer) -> ReadAhead.Made<[PreparedEffect]> in
            PreparedEffect.reading(range) { (index: Int) throws(TraceError) in try prepareEffect(index, in: bytes) }
        }
    }

    private func prepareEffect(_ index: Int, in bytes: UnsafeRawBufferPointer) throws(TraceError) -> PreparedEffect {
        let kind = effectKind(index)
        if kind == .patch || kind == .merge {
            let start = effectStart(index)
            var parser = JSONParser(bytes: bytes, position: start)
            do throws(JSONSyntaxError) {
                if kind == .patch, let patch = try parser.simplePatch() {
                    return PreparedEffect(.simplePatch(patch))
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

    /// A simple patch that does not apply from the bytes (a path names nothing, a `test`
    /// fails) is read whole and applied again, which words the problem as any patch's; the
    /// operations of a patch of several are all checked against the state before any is
    /// made, so such a patch changes nothing before it is read again.
    func apply(
        _ prepared: [PreparedEffect], from start: Int, to state: inout JSONValue, after body: (Int, JSONValue) -> Void
    ) throws(TraceError) {
        if start < count, start % (8 * ReadAhead.chunkSize) < prepared.count { data.releasePages(before: table.starts[start]) }
        var names = MemberNameCache()
        try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in
            for offset in prepared.indices {
                let index = start + offset
                switch prepared[offset].form {
                case .effect(let effect):
                    try effect.apply(to: &state, event: index)
                case .simplePatch(.one(let operation)):
                    if !operation.apply(to: &state, in: bytes, names: &names) {
                        try effect(index, in: bytes).apply(to: &state, event: index)
                    }
                case .simplePatch(.independent(let operations)):
                    guard operations.allSatisfy({ $0.canApply(to: state, in: bytes, names: &names) }) else {
                        try effect(index, in: bytes).apply(to: &state, event: index)
                        break
                    }
                    for operation in operations where !operation.apply(to: &state, in: bytes, names: &names) {
                        assertionFailure("an independent operation that applies to the document as it was applies in turn")
                    }
                case .simpleMerge(let position):
                    var parser = JSONParser(bytes: bytes, position: position)
                    do throws(JSONSyntaxError) {
                        try parser.applySimpleMergePatch(to: &state, names: &names)
                    } catch {
                        throw error.traceError(in: bytes)
                    }
                }
                body(index, state)
            }
        }
    }
}
