@testable import ReplayCore

/// Tests/ReplayCoreTests/Fixtures/, found from this file's path.
let fixturesDirectory: String = {
    var path = #filePath
    for _ in 0..<2 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
    return path + "/Fixtures/"
}()

/// The JSON document in the file at `path`, gunzipped first when it is gzip, as the loader does.
func fixtureDocument(at path: String) throws -> JSONValue {
    let data = try TraceData(contentsOf: path)
    guard data.withBytes(Gzip.isGzip) else { return try TraceLoader.parse(data) }
    let inflated = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) in try Gzip.inflate(bytes) }
    return try TraceLoader.parse(TraceData(bytes: inflated.bytes))
}

func parse(_ text: String) throws -> JSONValue {
    try JSONValue(parsing: text)
}

/// The state at every position of `trace`, the start included.
func states(_ trace: Trace) throws -> [JSONValue] {
    let replayer = Replayer(trace: trace)
    return try (0...trace.count).map { (position: Int) throws(TraceError) in try replayer.state(at: position) }
}

/// Every event of `trace`, parsed.
func events(_ trace: Trace) throws -> [Event] {
    try (0..<trace.count).map { (i: Int) throws(TraceError) in try trace.events.event(i) }
}
