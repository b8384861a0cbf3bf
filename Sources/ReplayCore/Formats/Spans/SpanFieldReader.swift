/// Reads the fields of one object of a JSON span format (a Jaeger or Zipkin span, a tag, a
/// reference), each problem a ``TraceError`` that names it: `data[0].spans[2]: 'startTime' must be …`.
struct SpanFieldReader {
    /// Where the span is, e.g. `data[0].spans[2]`.
    let location: String
    let members: JSONObject
    /// What it is, in messages: `the span`, `the tag`.
    let what: String

    init(_ value: JSONValue, at location: String, what: String = "the span") throws(TraceError) {
        guard let members = value.objectValue else {
            throw TraceError(.file, "\(location) must be an object, found \(value.typeName)")
        }
        self.location = location
        self.members = members
        self.what = what
    }

    func fail(_ message: String) -> TraceError {
        TraceError(.file, "\(location): \(message)")
    }

    /// The string member `key`; nil when absent or null, unless `required`.
    func string(_ key: String, required: Bool = false) throws(TraceError) -> String? {
        switch members[key] {
        case .string(let text)?: return text
        case nil, .null?:
            if required { throw fail("\(what) has no '\(key)'") }
            return nil
        case let other?: throw fail("'\(key)' must be a string, found \(other.typeName)")
        }
    }

    /// An id: hex lower-cased (both formats write hex, case-insensitively), anything else
    /// as written; nil when absent or empty, unless `required`.
    func id(_ key: String, required: Bool = false) throws(TraceError) -> String? {
        guard let text = try string(key, required: required), !text.isEmpty else {
            if required { throw fail("\(what) has no '\(key)'") }
            return nil
        }
        return Self.normalized(id: text)
    }

    static func normalized(id text: String) -> String {
        let isHex = text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
        return isHex ? text.lowercased() : text
    }

    /// The array member `key`, empty when absent or null.
    func array(_ key: String) throws(TraceError) -> [JSONValue] {
        switch members[key] {
        case .array(let elements)?: return elements
        case nil, .null?: return []
        case let other?: throw fail("'\(key)' must be an array, found \(other.typeName)")
        }
    }

    /// The object member `key`, nil when absent or null.
    func object(_ key: String) throws(TraceError) -> JSONObject? {
        switch members[key] {
        case .object(let fields)?: return fields
        case nil, .null?: return nil
        case let other?: throw fail("'\(key)' must be an object, found \(other.typeName)")
        }
    }

    /// A whole number of microseconds (as a number or a decimal string) in nanoseconds;
    /// `fallback` when absent or null, an error when there is no fallback.
    func microseconds(_ key: String, fallback: UInt64? = nil) throws(TraceError) -> UInt64 {
        try Self.microseconds(members[key], key, what: what, fallback: fallback, fail)
    }

    static func microseconds(
        _ value: JSONValue?, _ key: String, what: String, fallback: UInt64? = nil, _ fail: (String) -> TraceError
    ) throws(TraceError) -> UInt64 {
        let text: String
        switch value {
        case nil, .null?:
            if let fallback { return fallback }
            throw fail("\(what) has no '\(key)'")
        case .number(let number)?: text = number.literal
        case .string(let written)?: text = written
        case let other?: throw fail("'\(key)' must be microseconds as a number, found \(other.typeName)")
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let micro = UInt64(text),
            case (let nano, false) = micro.multipliedReportingOverflow(by: 1000)
        else {
            throw fail("'\(key)' must be a whole number of microseconds from 0 to \(UInt64.max / 1000), found \(value?.jsonText(.compact) ?? "nothing")")
        }
        return nano
    }

    /// `start + duration`, or an error when that is past the largest time.
    func end(start: UInt64, duration: UInt64) throws(TraceError) -> UInt64 {
        let (end, overflow) = start.addingReportingOverflow(duration)
        guard !overflow else { throw fail("the span's start plus its duration is past the largest time") }
        return end
    }
}

extension SpanFieldReader {
    /// A span kind named as Jaeger's `span.kind` tag or Zipkin's `kind` write it (`server`,
    /// `CLIENT`) as the OTLP enum name every span format's payload uses
    /// (`SPAN_KIND_SERVER`); a name OTLP does not have is kept as written, none is
    /// `SPAN_KIND_UNSPECIFIED`.
    static func kind(named name: String?) -> JSONValue {
        guard let name else { return .string(SpanCollector.spanKinds[0]) }
        let enumName = "SPAN_KIND_" + name.uppercased()
        return .string(SpanCollector.spanKinds.contains(enumName) ? enumName : name)
    }
}
