// native-trace: TraceLoader.load on arbitrary bytes (gzip, the JSON form, NDJSON, and the
// importers the loader falls back to), then every event read, replay at several positions
// checked against folding the events, and conversion to native read back the same.
// The checks are shared with the importer targets: see exerciseTrace in Fuzz/Support.
import FuzzSupport
import ReplayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzTraceLoad(data, size)
    return 0
}
