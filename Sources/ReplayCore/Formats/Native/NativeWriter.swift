extension NativeFormat {
    /// Writes `trace` as a native trace, piece by piece to `output`, as `replay-tui convert`
    /// does: the header (format and version; the meta, naming the format converted from and
    /// the crash when no event of kind `crash` marks it; the initial state), then every event
    /// as ``Event/nativeJSON``, in the JSON form or, with `ndjson`, one a line.
    /// Throws the `TraceError` of an event that does not read, or what `output` throws.
    public static func write(_ trace: Trace, ndjson: Bool, to output: (String) throws -> Void) throws {
        var header: JSONObject = ["format": .string(name.rawValue), "version": 1]
        var meta = trace.meta
        if trace.format != name { meta["converted_from"] = .string(trace.format.rawValue) }
        if let crash = trace.crash, !crash.inferred, try trace.events.event(crash.index).kind != "crash" {
            meta["crash"] = ["index": JSONValue(integerLiteral: crash.index), "reason": crash.reason.map(JSONValue.string) ?? .null]
        }
        if !meta.isEmpty { header["meta"] = .object(meta) }
        header["initial_state"] = trace.initialState
        let opening = JSONValue.object(header).jsonText(.compact)
        try output(ndjson ? opening + "\n" : String(opening.dropLast()) + ",\"events\":[\n")
        for index in 0..<trace.count {
            let event = try trace.events.event(index).nativeJSON.jsonText(.compact)
            try output(ndjson ? event + "\n" : (index > 0 ? ",\n" : "") + event)
        }
        if !ndjson { try output("\n]}\n") }
    }
}
