/// Decodes OTLP protobuf `ExportTraceServiceRequest` bytes into the OTLP/JSON document the
/// same request would be (`opentelemetry/proto/collector/trace/v1`): hex ids, int64 and
/// fixed64 values as decimal strings, enums as numbers, message fields under their JSON
/// names. Unknown fields are skipped, as protobuf readers do; malformed bytes are an error,
/// never a trap.
enum OTLPProtobuf {
    static func traces(_ bytes: UnsafeRawBufferPointer) throws(TraceError) -> JSONValue {
        var reader = Reader(bytes: bytes, position: 0, end: bytes.count)
        do throws(Problem) {
            return .object(try reader.message(.request, depth: 0))
        } catch {
            throw TraceError(.file, "OTLP protobuf: \(error.message) (at byte \(error.offset))")
        }
    }

    struct Problem: Error {
        var message: String
        var offset: Int
    }

    /// The messages of the trace export request.
    enum Message {
        case request, resourceSpans, resource, scopeSpans, scope, span, event, link, status
        case keyValue, anyValue, arrayValue, keyValueList

        /// The JSON name and type of field `number`, nil for a field this reader skips.
        func field(_ number: UInt64) -> (name: String, type: Field)? {
            switch (self, number) {
            case (.request, 1): ("resourceSpans", .repeated(.resourceSpans))
            case (.resourceSpans, 1): ("resource", .message(.resource))
            case (.resourceSpans, 2): ("scopeSpans", .repeated(.scopeSpans))
            case (.resourceSpans, 3): ("schemaUrl", .string)
            case (.resource, 1): ("attributes", .repeated(.keyValue))
            case (.resource, 2): ("droppedAttributesCount", .varint)
            case (.scopeSpans, 1): ("scope", .message(.scope))
            case (.scopeSpans, 2): ("spans", .repeated(.span))
            case (.scopeSpans, 3): ("schemaUrl", .string)
            case (.scope, 1): ("name", .string)
            case (.scope, 2): ("version", .string)
            case (.scope, 3): ("attributes", .repeated(.keyValue))
            case (.scope, 4): ("droppedAttributesCount", .varint)
            case (.span, 1): ("traceId", .hex)
            case (.span, 2): ("spanId", .hex)
            case (.span, 3): ("traceState", .string)
            case (.span, 4): ("parentSpanId", .hex)
            case (.span, 16): ("flags", .fixed32)
            case (.span, 5): ("name", .string)
            case (.span, 6): ("kind", .varint)
            case (.span, 7): ("startTimeUnixNano", .fixed64)
            case (.span, 8): ("endTimeUnixNano", .fixed64)
            case (.span, 9): ("attributes", .repeated(.keyValue))
            case (.span, 10): ("droppedAttributesCount", .varint)
            case (.span, 11): ("events", .repeated(.event))
            case (.span, 12): ("droppedEventsCount", .varint)
            case (.span, 13): ("links", .repeated(.link))
            case (.span, 14): ("droppedLinksCount", .varint)
            case (.span, 15): ("status", .message(.status))
            case (.event, 1): ("timeUnixNano", .fixed64)
            case (.event, 2): ("name", .string)
            case (.event, 3): ("attributes", .repeated(.keyValue))
            case (.event, 4): ("droppedAttributesCount", .varint)
            case (.link, 1): ("traceId", .hex)
            case (.link, 2): ("spanId", .hex)
            case (.link, 3): ("traceState", .string)
            case (.link, 4): ("attributes", .repeated(.keyValue))
            case (.link, 5): ("droppedAttributesCount", .varint)
            case (.link, 6): ("flags", .fixed32)
            case (.status, 2): ("message", .string)
            case (.status, 3): ("code", .varint)
            case (.keyValue, 1): ("key", .string)
            case (.keyValue, 2): ("value", .message(.anyValue))
            case (.anyValue, 1): ("stringValue", .string)
            case (.anyValue, 2): ("boolValue", .bool)
            case (.anyValue, 3): ("intValue", .int64)
            case (.anyValue, 4): ("doubleValue", .double)
            case (.anyValue, 5): ("arrayValue", .message(.arrayValue))
            case (.anyValue, 6): ("kvlistValue", .message(.keyValueList))
            case (.anyValue, 7): ("bytesValue", .base64)
            case (.arrayValue, 1): ("values", .repeated(.anyValue))
            case (.keyValueList, 1): ("values", .repeated(.keyValue))
            default: nil
            }
        }
    }

    indirect enum Field {
        case string, hex, base64, bool, varint, int64, fixed32, fixed64, double
        case message(Message)
        case repeated(Message)
    }

    /// Messages nested deeper than this are refused (AnyValue arrays and lists nest).
    static let maxDepth = 100

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        var end: Int

        mutating func message(_ type: Message, depth: Int) throws(Problem) -> JSONObject {
            guard depth < OTLPProtobuf.maxDepth else { throw Problem(message: "messages nest too deeply", offset: position) }
            var object = JSONObject()
            var repeated: [String: [JSONValue]] = [:]
            while position < end {
                let tagAt = position
                let tag = try varint()
                let number = tag >> 3
                let wire = UInt8(tag & 7)
                guard number != 0 else { throw Problem(message: "field number 0", offset: tagAt) }
                guard let (name, field) = type.field(number) else {
                    try skip(wire, at: tagAt)
                    continue
                }
                let value = try read(field, wire: wire, at: tagAt, depth: depth)
                if case .repeated = field {
                    // Gathered apart and put in place at the end, so that appending never copies.
                    if repeated[name] == nil { object[name] = .array([]) }
                    repeated[name, default: []].append(value)
                } else {
                    // A singular field written twice: the last one wins, as protobuf says.
                    object[name] = value
                }
            }
            for (name, elements) in repeated { object[name] = .array(elements) }
            return object
        }

        private mutating func read(_ field: Field, wire: UInt8, at tagAt: Int, depth: Int) throws(Problem) -> JSONValue {
            func expect(_ expected: UInt8) throws(Problem) {
                guard wire == expected else {
                    throw Problem(message: "field has wire type \(wire), expected \(expected)", offset: tagAt)
                }
            }
            switch field {
            case .string:
                try expect(2)
                return .string(String(decoding: try lengthDelimited(), as: UTF8.self))
            case .hex:
                try expect(2)
                return .string(Self.hex(try lengthDelimited()))
            case .base64:
                try expect(2)
                return .string(Base64.encode(try lengthDelimited()))
            case .bool:
                try expect(0)
                return .bool(try varint() != 0)
            case .varint:
                try expect(0)
                return .number(JSONNumber(uncheckedLiteral: String(Int64(bitPattern: try varint()))))
            case .int64:
                try expect(0)
                return .string(String(Int64(bitPattern: try varint())))
            case .fixed32:
                try expect(5)
                return .number(JSONNumber(uncheckedLiteral: String(try fixed(4))))
            case .fixed64:
                try expect(1)
                return .string(String(try fixed(8)))
            case .double:
                try expect(1)
                let value = Double(bitPattern: try fixed(8))
                if let number = JSONNumber(value) { return .number(number) }
                return .string(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity")
            case .message(let type), .repeated(let type):
                try expect(2)
                let range = try lengthRange()
                var inner = Reader(bytes: bytes, position: range.lowerBound, end: range.upperBound)
                return .object(try inner.message(type, depth: depth + 1))
            }
        }

        mutating func varint() throws(Problem) -> UInt64 {
            let start = position
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < end else { throw Problem(message: "the data ends inside a number", offset: start) }
                let byte = bytes[position]
                position += 1
                guard shift < 64 else { throw Problem(message: "a number is longer than 10 bytes", offset: start) }
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
        }

        private mutating func fixed(_ size: Int) throws(Problem) -> UInt64 {
            guard end - position >= size else { throw Problem(message: "the data ends inside a fixed-size number", offset: position) }
            var result: UInt64 = 0
            for k in 0..<size { result |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
            position += size
            return result
        }

        private mutating func lengthRange() throws(Problem) -> Range<Int> {
            let start = position
            let length = try varint()
            guard length <= UInt64(end - position) else {
                throw Problem(message: "a field of \(length) bytes runs past the end of its message", offset: start)
            }
            let range = position..<(position + Int(length))
            position = range.upperBound
            return range
        }

        private mutating func lengthDelimited() throws(Problem) -> UnsafeRawBufferPointer.SubSequence {
            bytes[try lengthRange()]
        }

        private mutating func skip(_ wire: UInt8, at tagAt: Int) throws(Problem) {
            switch wire {
            case 0: _ = try varint()
            case 1: _ = try fixed(8)
            case 2: _ = try lengthRange()
            case 5: _ = try fixed(4)
            default: throw Problem(message: "unsupported wire type \(wire)", offset: tagAt)
            }
        }

        static func hex(_ bytes: UnsafeRawBufferPointer.SubSequence) -> String {
            let digits = Array("0123456789abcdef".utf8)
            var text: [UInt8] = []
            text.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
            return String(decoding: text, as: UTF8.self)
        }
    }
}
