// json-parser: JSONParser.parse on arbitrary bytes.
//
// Properties: parsing never traps (depth is bounded, UTF-8 and escapes are validated);
// skipValue accepts exactly what parseValue accepts and stops at the same byte, and does so
// again with spaces after the input (the parser's fast path vouches only for what lies
// eight bytes or more from the end, so the padding hands it the input's last bytes); an error's
// offset is inside the input; and a parsed value written back (compact and pretty) parses
// to an equal value with the same hash, the text being a fixed point of parse + write.
import FuzzSupport
import ReplayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)

    // The validating scan that the trace index uses, which builds nothing.
    var skipper = JSONParser(bytes: bytes)
    skipper.skipWhitespace()
    var skipEnd: Int?
    do throws(JSONSyntaxError) {
        try skipper.skipValue()
        skipEnd = skipper.position
    } catch {
        fuzzCheck((0...size).contains(error.offset), "skipValue error offset \(error.offset) outside 0...\(size)")
    }

    // The value parser, stopping after one value.
    var single = JSONParser(bytes: bytes)
    single.skipWhitespace()
    var valueEnd: Int?
    do throws(JSONSyntaxError) {
        _ = try single.parseValue()
        valueEnd = single.position
    } catch {
        fuzzCheck((0...size).contains(error.offset), "parseValue error offset \(error.offset) outside 0...\(size)")
        _ = error.traceError(in: bytes).description
    }
    fuzzCheck(skipEnd == valueEnd, "skipValue ends at \(String(describing: skipEnd)), parseValue at \(String(describing: valueEnd))")
    let padded = Array(bytes) + Array(repeating: UInt8(ascii: " "), count: 16)
    let paddedEnd = padded.withUnsafeBytes { padded -> Int? in
        var parser = JSONParser(bytes: padded)
        parser.skipWhitespace()
        do throws(JSONSyntaxError) {
            try parser.skipValue()
            return parser.position
        } catch {
            return nil
        }
    }
    fuzzCheck(paddedEnd == skipEnd, "with spaces after it, skipValue ends at \(String(describing: paddedEnd)), not \(String(describing: skipEnd))")

    // The whole document.
    let value: JSONValue
    do throws(JSONSyntaxError) {
        value = try JSONParser.parse(bytes)
    } catch {
        fuzzCheck((0...size).contains(error.offset), "parse error offset \(error.offset) outside 0...\(size)")
        _ = error.traceError(in: bytes).description
        return 0
    }
    fuzzCheck(valueEnd != nil, "parse accepts what parseValue rejects")
    fuzzCheck(value.isSemanticallyEqual(to: value), "a value is not semantically equal to itself: \(brief(value))")
    checkRoundTrip(value, what: "document")
    return 0
}
