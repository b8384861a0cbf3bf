// phoenix-replay: a phoenix_replay recording (JSON, or Erlang terms, gzip or not, as its
// file storage writes them), loaded as `--format phoenix-replay` loads it, so that the
// importer runs even on input it would not recognise; then the checks every trace gets
// (exerciseTrace in Fuzz/Support): events against their summaries, replay against folding,
// and conversion to native read back the same.
import FuzzSupport
import ReplayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzTraceLoad(data, size, format: PhoenixReplayFormat.name)
    return 0
}
