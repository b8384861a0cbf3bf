/// Reads OpenTelemetry traces as OTLP JSON lines, the way the OTLP File Exporter and the
/// collector's file exporter write them: one `TracesData` object (`{"resourceSpans": […]}`)
/// a line, one line per export batch, so lines come in any order and each may hold spans
/// of any services:
///
/// ```
/// {"resourceSpans":[{"resource":{…"api"…},"scopeSpans":[{"spans":[{…"GET /orders"…}]}]}]}
/// {"resourceSpans":[{"resource":{…"db"…},"scopeSpans":[{"spans":[{…"SELECT"…}]}]}]}
/// ```
///
/// - All the lines' spans become one trace, mapped exactly as ``OTLPFormat`` maps one
///   document: events in time order across lines, the state per service, the first failed
///   span as the inferred crash.
/// - Blank lines are skipped. A last line that is not a whole JSON value (the file was cut
///   off while a batch was written) is left out with a warning; any other line that is not
///   JSON is an error located by line and column, and a span's problem names its line:
///   `line 3: resourceSpans[0].scopeSpans[0].spans[1]: …`.
/// - Recognised by: a first line that is a whole JSON object with a `resourceSpans` array,
///   and more lines after it. A file of one line is one OTLP/JSON document, read by
///   ``OTLPFormat`` (format `otlp`) with the same result.
public enum OTLPJSONLinesFormat: JSONLinesTraceFormat {
    public static let name = TraceFormatName.otlpJSONLines

    public static func recognizes(lines bytes: UnsafeRawBufferPointer) -> Bool {
        // `resourceSpans`, the only member of a TracesData object, opens its first line: a
        // file without it near its start is not looked through for a second line (a large
        // trace on one line would be read whole for nothing).
        let head = Array(bytes.prefix(256))
        guard head.firstRange(of: Array(#""resourceSpans""#.utf8)) != nil else { return false }
        let lines = Line.all(in: bytes, upTo: 2)
        guard lines.count > 1, let first = try? JSONParser.parse(lines[0].bytes(in: bytes)) else { return false }
        return recognizes(firstLine: first)
    }

    public static func recognizes(firstLine line: JSONValue) -> Bool {
        OTLPFormat.recognizes(line)
    }

    public static func read(lines bytes: UnsafeRawBufferPointer) throws(TraceError) -> Trace {
        let lines = Line.all(in: bytes)
        var sources: [OTLPFormat.Source] = []
        var warnings: [TraceError] = []
        for (k, line) in lines.enumerated() {
            let document: JSONValue
            do throws(JSONSyntaxError) {
                document = try JSONParser.parse(line.bytes(in: bytes))
            } catch {
                let located = JSONSyntaxError(offset: line.start + error.offset, message: error.message).traceError(in: bytes)
                guard k == lines.count - 1, error.isEndOfInput else { throw located }
                warnings.append(TraceError(
                    located.location, "the last line is cut off (\(error.message)); reading the \(k.counted("line")) before it"))
                break
            }
            sources.append(OTLPFormat.Source(label: "line \(line.number)", document: document))
        }
        let trace = try OTLPFormat.read(sources, meta: ["lines": .number(JSONNumber(sources.count))], format: name)
        return warnings.reduce(trace) { $0.adding(warning: $1) }
    }

    /// A non-blank line of the file.
    struct Line {
        /// Its 1-based line number in the file.
        var number: Int
        /// The offsets of its first byte and of the byte after its last (its `\n` excluded).
        var start: Int
        var end: Int

        func bytes(in file: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: file[start..<end])
        }

        /// The lines of `bytes` holding more than whitespace, the first `limit` of them.
        static func all(in bytes: UnsafeRawBufferPointer, upTo limit: Int = .max) -> [Line] {
            var lines: [Line] = []
            var start = 0
            var number = 1
            var blank = true
            var i = 0
            while i <= bytes.count, lines.count < limit {
                if i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
                    if !blank { lines.append(Line(number: number, start: start, end: i)) }
                    start = i + 1
                    number += 1
                    blank = true
                } else if bytes[i] != UInt8(ascii: " "), bytes[i] != UInt8(ascii: "\t"), bytes[i] != UInt8(ascii: "\r") {
                    blank = false
                }
                i += 1
            }
            return lines
        }
    }
}
