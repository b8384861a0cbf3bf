// otlp-jsonl: OTLP JSON lines (one TracesData object a line, gzip or not), loaded as `--format otlp-jsonl` loads it, so that the importer runs even on
// input it would not recognise; then the checks every trace gets (exerciseTrace in
// Fuzz/Support): events against their summaries, replay against folding, and conversion
// to native read back the same.
import FuzzSupport
import ReplayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzTraceLoad(data, size, format: OTLPJSONLinesFormat.name)
    return 0
}
