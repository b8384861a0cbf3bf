/// Indexes a native NDJSON trace a piece at a time as its bytes arrive: the header line
/// first, then every complete event line. A last line without its newline waits for it, so
/// no half-written event is ever indexed; only the bytes after ``indexedBytes`` are scanned
/// again. Indexing in any number of pieces gives the same index as reading the whole file.
struct NativeLineIndexer {
    /// The header line's contents, once it is complete.
    struct Header {
        var meta: JSONObject
        var initialState: JSONValue
        var crashMarker: Crash?
    }

    private(set) var header: Header?
    private(set) var table = NativeEventTable(expectedEvents: 0)
    /// The shapes of the events read last, kept from piece to piece.
    private let shapes = EventShapes()
    /// Where the first line not yet indexed starts.
    private(set) var indexedBytes = 0

    /// Indexes the complete lines of `bytes` after ``indexedBytes`` (the same bytes as last
    /// time, and perhaps more); returns how many events were added.
    mutating func index(_ bytes: UnsafeRawBufferPointer) throws(TraceError) -> Int {
        guard let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")), lastNewline >= indexedBytes else { return 0 }
        let complete = UnsafeRawBufferPointer(rebasing: bytes[0...lastNewline])
        do throws(JSONSyntaxError) {
            if header == nil {
                guard let end = complete.firstIndex(of: UInt8(ascii: "\n")) else { return 0 }
                try readHeader(UnsafeRawBufferPointer(rebasing: complete[0...end]))
                indexedBytes = end + 1
            }
            let before = table.starts.count
            var parser = JSONParser(bytes: complete, position: indexedBytes)
            parser.skipWhitespace()
            while parser.currentByte != nil {
                let index = table.starts.count
                try table.scanEvent(&parser, index: index, shapes: shapes)
                parser.skipSpacesAndTabs()
                guard parser.currentByte == UInt8(ascii: "\n") || parser.currentByte == UInt8(ascii: "\r") else {
                    throw parser.error("expected a newline after event #\(index), found \(parser.describeByte(at: parser.position))")
                }
                parser.skipWhitespace()
            }
            indexedBytes = complete.count
            return table.starts.count - before
        } catch {
            throw error.traceError(in: bytes)
        }
    }

    /// The header line: a native trace's first line, which opens no `events` array.
    private mutating func readHeader(_ line: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        // The reader's own data is for releasing pages and splitting big files; a header line
        // needs neither.
        var reader = NativeReader(data: TraceData(bytes: []), progress: nil, splitAbove: .max)
        do throws(JSONSyntaxError) {
            try reader.readDocument(line)
        } catch where error.isEndOfInput {
            throw JSONSyntaxError(offset: error.offset, message: Self.notLines)
        }
        guard reader.cut == nil, reader.table.starts.isEmpty else { throw JSONSyntaxError(offset: 0, message: Self.notLines) }
        header = Header(meta: reader.meta, initialState: reader.initialState, crashMarker: reader.crashMarker)
    }

    static let notLines = "only a trace written a line at a time (native NDJSON: a header line, then the events; or OpenTelemetry JSON lines) can be followed as it grows; this one is one JSON document"
}
