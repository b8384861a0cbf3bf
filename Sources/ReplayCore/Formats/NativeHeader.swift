extension NativeFormat {
    /// The header object of `trace` written as a native trace (what `replay-tui convert`
    /// writes before the events): format and version, the meta (naming the format converted
    /// from, and the crash when no event of kind `crash` marks it), and the initial state.
    public static func header(of trace: Trace) throws(TraceError) -> JSONObject {
        var header: JSONObject = ["format": .string(name), "version": 1]
        var meta = trace.meta
        if trace.format != name { meta["converted_from"] = .string(trace.format) }
        if let crash = trace.crash, !crash.inferred, try trace.events.event(crash.index).kind != "crash" {
            meta["crash"] = ["index": JSONValue(integerLiteral: crash.index), "reason": crash.reason.map(JSONValue.string) ?? .null]
        }
        if !meta.isEmpty { header["meta"] = .object(meta) }
        header["initial_state"] = trace.initialState
        return header
    }
}
