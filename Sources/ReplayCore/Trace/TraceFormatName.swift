/// The format a trace was read from: the name `info` reports, `--format` takes and
/// `convert` records as `meta.converted_from`.
///
/// `description` is that name, so `"\(trace.format)"` prints `replay-trace`, `otlp`, ….
public enum TraceFormatName: String, CaseIterable, Sendable, CustomStringConvertible {
    /// replay-tui's own JSON and NDJSON traces (docs/trace-format.md).
    case native = "replay-trace"
    /// PhoenixReplay's LiveView sessions.
    case phoenixReplay = "phoenix-replay"
    /// Victauri's recorded Tauri sessions.
    case victauri
    /// Redux DevTools exports.
    case reduxDevTools = "redux-devtools"
    /// OpenTelemetry traces: OTLP/JSON documents and otel-ai session folders.
    case otlp
    /// OpenTelemetry traces as OTLP JSON lines (the File Exporter, the collector's file exporter).
    case otlpJSONLines = "otlp-jsonl"
    /// Jaeger traces: the query API's `{"data": [...]}` and a bare trace.
    case jaeger
    /// Zipkin v2 JSON: an array of spans.
    case zipkin
    /// Replayx recordings of Elixir GenServers, JSON or Erlang terms.
    case replayx

    public var description: String { rawValue }
}
