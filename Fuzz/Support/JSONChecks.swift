// Properties of parsing and writing JSON.

import ReplayCore

/// Parses `bytes`, or nil on a syntax error.
public func parseOrNil(_ bytes: UnsafeRawBufferPointer) -> JSONValue? {
    do throws(JSONSyntaxError) {
        return try JSONParser.parse(bytes)
    } catch {
        return nil
    }
}

/// Parses text that the library itself wrote, which must be valid JSON.
func reparse(_ text: String, what: String) -> JSONValue {
    do throws(JSONSyntaxError) {
        return try JSONValue(parsing: text)
    } catch {
        fuzzFail("\(what) wrote text that does not parse (\(error.message) at offset \(error.offset)): \(text.prefix(300))")
    }
}

/// `value` written in both styles must parse back equal, and writing is a fixed point.
public func checkRoundTrip(_ value: JSONValue, what: String) {
    for style in [JSONWriter.Style.compact, .pretty] {
        let text = value.jsonText(style)
        let again = reparse(text, what: "\(what) jsonText(\(style))")
        fuzzCheck(again == value, "\(what): jsonText(\(style)) parses back to a different value\n  before: \(brief(value))\n  after:  \(brief(again))")
        fuzzCheck(again.hashValue == value.hashValue, "\(what): equal values with different hashes after a round trip: \(brief(value))")
        fuzzCheck(again.jsonText(style) == text, "\(what): jsonText(\(style)) is not a fixed point: \(brief(value))")
    }
}
