/// One span as read, before it is placed in time.
struct SpanRecord {
    var location: String
    var service: String
    var traceId: String
    var spanId: String
    var parentSpanId: String?
    var name: String
    var kind: JSONValue
    var scope: JSONObject?
    var start: UInt64
    var end: UInt64
    var attributes: JSONObject
    var events: [SpanEventRecord]
    var links: [JSONValue]
    var status: JSONObject
    /// The error the end event carries, when the span failed.
    var error: String?
    /// Span members this reader does not map.
    var extra: JSONObject
}

struct SpanEventRecord {
    /// The event's members, attributes as an object.
    var members: JSONObject
    var time: UInt64?
}

/// Walks OTLP/JSON documents and collects their spans, checking shapes as it goes.
struct SpanCollector {
    var spans: [SpanRecord] = []
    /// Each distinct resource's attributes.
    var resources: [JSONValue] = []

    static let mappedSpanKeys: Set<String> = [
        "traceId", "spanId", "parentSpanId", "name", "kind", "startTimeUnixNano", "endTimeUnixNano",
        "attributes", "events", "links", "status",
    ]

    mutating func collect(_ source: OTLPFormat.Source) throws(TraceError) {
        let prefix = source.label.map { "\($0): " } ?? ""
        func fail(_ where: String, _ message: String) -> TraceError {
            TraceError(.file, "\(prefix)\(`where`)\(`where`.isEmpty ? "" : ": ")\(message)")
        }
        guard let root = source.document.objectValue else {
            throw fail("", "an OTLP trace document must be an object, found \(source.document.typeName)")
        }
        guard let resourceSpansValue = root["resourceSpans"] else {
            let other = ["resourceLogs": "logs", "resourceMetrics": "metrics", "resourceProfiles": "profiles"]
                .first { root[$0.key] != nil }
            if let other { throw fail("", "this OTLP document holds \(other.value) ('\(other.key)'), not traces ('resourceSpans')") }
            throw fail("", "an OTLP trace document needs a 'resourceSpans' array")
        }
        let resourceSpans = try array(resourceSpansValue, "resourceSpans", fail)
        for (r, resourceSpan) in resourceSpans.enumerated() {
            let at = "resourceSpans[\(r)]"
            let members = try object(resourceSpan, at, fail)
            var resourceAttributes = JSONObject()
            if let resourceValue = members["resource"], resourceValue != .null {
                let resource = try object(resourceValue, "\(at).resource", fail)
                resourceAttributes = try attributes(resource["attributes"], "\(at).resource", fail)
            }
            let resource = JSONValue.object(resourceAttributes)
            if !resources.contains(resource) { resources.append(resource) }
            let service: String
            switch resourceAttributes["service.name"] {
            case .string(let text)?: service = text
            case nil, .null?: service = "unknown_service"
            case let other?: service = other.jsonText(.compact)
            }
            // `instrumentationLibrarySpans` is the name before OTLP 0.15.
            let (scopesKey, scopeKey) = members["scopeSpans"] == nil && members["instrumentationLibrarySpans"] != nil
                ? ("instrumentationLibrarySpans", "instrumentationLibrary") : ("scopeSpans", "scope")
            guard let scopeSpansValue = members[scopesKey], scopeSpansValue != .null else { continue }
            for (s, scopeSpan) in try array(scopeSpansValue, "\(at).\(scopesKey)", fail).enumerated() {
                let scopeAt = "\(at).\(scopesKey)[\(s)]"
                let scopeMembers = try object(scopeSpan, scopeAt, fail)
                var scope: JSONObject?
                if let scopeValue = scopeMembers[scopeKey], scopeValue != .null {
                    var fields = try object(scopeValue, "\(scopeAt).\(scopeKey)", fail)
                    if fields["attributes"] != nil {
                        fields["attributes"] = .object(try attributes(fields["attributes"], "\(scopeAt).\(scopeKey)", fail))
                    }
                    if !fields.isEmpty { scope = fields }
                }
                guard let spansValue = scopeMembers["spans"], spansValue != .null else { continue }
                for (p, spanValue) in try array(spansValue, "\(scopeAt).spans", fail).enumerated() {
                    spans.append(try span(spanValue, at: "\(scopeAt).spans[\(p)]", service: service, scope: scope, prefix: prefix))
                }
            }
        }
    }

    private func span(_ value: JSONValue, at: String, service: String, scope: JSONObject?, prefix: String) throws(TraceError) -> SpanRecord {
        func fail(_ where: String, _ message: String) -> TraceError {
            TraceError(.file, "\(prefix)\(`where`): \(message)")
        }
        let members = try object(value, at, fail)
        let traceId = try id(members["traceId"], "traceId", at: at, fail, required: true) ?? ""
        let spanId = try id(members["spanId"], "spanId", at: at, fail, required: true) ?? ""
        let parentSpanId = try id(members["parentSpanId"], "parentSpanId", at: at, fail, required: false)
        var name = ""
        if let nameValue = members["name"], nameValue != .null {
            guard let text = nameValue.stringValue else {
                throw fail(at, "'name' must be a string, found \(nameValue.typeName)")
            }
            name = text
        }
        let start = try nanoseconds(members["startTimeUnixNano"], "startTimeUnixNano", at: at, fail)
        let end = try nanoseconds(members["endTimeUnixNano"], "endTimeUnixNano", at: at, fail)
        let kind = try Self.kind(members["kind"], at: at, fail)
        let attributes = try attributes(members["attributes"], at, fail)

        var events: [SpanEventRecord] = []
        if let eventsValue = members["events"], eventsValue != .null {
            for (e, eventValue) in try array(eventsValue, "\(at).events", fail).enumerated() {
                let eventAt = "\(at).events[\(e)]"
                var fields = try object(eventValue, eventAt, fail)
                var time: UInt64?
                if let timeValue = fields["timeUnixNano"], timeValue != .null {
                    let parsed = try nanoseconds(timeValue, "timeUnixNano", at: eventAt, fail)
                    time = parsed
                    fields["timeUnixNano"] = .string(String(parsed))
                }
                if fields["attributes"] != nil {
                    fields["attributes"] = .object(try self.attributes(fields["attributes"], eventAt, fail))
                }
                events.append(SpanEventRecord(members: fields, time: time))
            }
        }

        var links: [JSONValue] = []
        if let linksValue = members["links"], linksValue != .null {
            for (l, linkValue) in try array(linksValue, "\(at).links", fail).enumerated() {
                let linkAt = "\(at).links[\(l)]"
                var fields = try object(linkValue, linkAt, fail)
                for key in ["traceId", "spanId"] {
                    if let normalized = try id(fields[key], key, at: linkAt, fail, required: false) {
                        fields[key] = .string(normalized)
                    }
                }
                if fields["attributes"] != nil {
                    fields["attributes"] = .object(try self.attributes(fields["attributes"], linkAt, fail))
                }
                links.append(.object(fields))
            }
        }

        let (status, failed) = try Self.status(members["status"], at: at, fail)
        var extra = members
        for key in Self.mappedSpanKeys { extra.removeValue(forKey: key) }
        return SpanRecord(
            location: prefix + at, service: service, traceId: traceId, spanId: spanId, parentSpanId: parentSpanId,
            name: name, kind: kind, scope: scope, start: start, end: end, attributes: attributes, events: events,
            links: links, status: status, error: failed ? Self.error(status: status, events: events) : nil, extra: extra)
    }

    // MARK: Fields

    static let spanKinds = [
        "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
        "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
    ]
    static let statusCodes = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"]

    /// The span kind's enum name; an unknown number or name is kept as written.
    private static func kind(_ value: JSONValue?, at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> JSONValue {
        switch value {
        case nil, .null?:
            return .string(spanKinds[0])
        case .number(let number)?:
            guard let code = number.intValue, spanKinds.indices.contains(code) else { return .number(number) }
            return .string(spanKinds[code])
        case .string(let text)?:
            return .string(text)
        case let other?:
            throw fail(at, "'kind' must be a number or an enum name, found \(other.typeName)")
        }
    }

    /// The status with its code as the enum name, and whether it is `STATUS_CODE_ERROR`.
    private static func status(_ value: JSONValue?, at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> (JSONObject, Bool) {
        guard let value, value != .null else { return (["code": .string(statusCodes[0])], false) }
        guard var fields = value.objectValue else {
            throw fail(at, "'status' must be an object, found \(value.typeName)")
        }
        var code: Int?
        switch fields["code"] {
        case nil, .null?:
            code = 0
        case .number(let number)?:
            code = number.intValue
        case .string(let text)?:
            let upper = text.uppercased()
            code = statusCodes.firstIndex(of: upper) ?? statusCodes.firstIndex(of: "STATUS_CODE_" + upper)
        case let other?:
            throw fail(at, "'status.code' must be a number or an enum name, found \(other.typeName)")
        }
        if let message = fields["message"], message != .null, message.stringValue == nil {
            throw fail(at, "'status.message' must be a string, found \(message.typeName)")
        }
        if let code, statusCodes.indices.contains(code) {
            fields["code"] = .string(statusCodes[code])
        } else if fields["code"] == nil {
            fields["code"] = .string(statusCodes[0])
        }
        // The code first, as the proto declares `message` before it but readers look for the code.
        if let index = fields.index(forKey: "code"), index != 0 {
            let (key, codeValue) = fields.remove(at: index)
            fields.updateValue(codeValue, forKey: key, insertingAt: 0)
        }
        return (fields, code == 2)
    }

    /// A failed span's error text (see ``OTLPFormat``).
    static func error(status: JSONObject, events: [SpanEventRecord]) -> String {
        var parts: [String] = []
        let message = status["message"]?.stringValue ?? ""
        if !message.isEmpty { parts.append(message) }
        if let exception = events.last(where: { $0.members["name"]?.stringValue == "exception" }) {
            let fields = exception.members["attributes"]?.objectValue ?? [:]
            func text(_ key: String) -> String? {
                guard let value = fields[key], value != .null else { return nil }
                let text = value.stringValue ?? value.jsonText(.compact)
                return text.isEmpty ? nil : text
            }
            let type = text("exception.type")
            let exceptionMessage = text("exception.message")
            let described = [type, exceptionMessage].compactMap { $0 }.joined(separator: ": ")
            if !described.isEmpty, described != message, exceptionMessage != message {
                parts.append(described)
            }
        }
        return parts.isEmpty ? statusCodes[2] : parts.joined(separator: "; ")
    }

    /// An id as a string: hex lower-cased, anything else as written; nil when absent or
    /// empty (a root's `parentSpanId`).
    private func id(
        _ value: JSONValue?, _ key: String, at: String, _ fail: (String, String) -> TraceError, required: Bool
    ) throws(TraceError) -> String? {
        switch value {
        case .string(let text)? where !text.isEmpty:
            return SpanFieldReader.normalized(id: text)
        case nil, .null?, .string?:
            if required { throw fail(at, "the span has no '\(key)'") }
            return nil
        case let other?:
            throw fail(at, "'\(key)' must be a hex string, found \(other.typeName)")
        }
    }

    /// A time in nanoseconds since the epoch: an unsigned integer, as a string or a number.
    private func nanoseconds(
        _ value: JSONValue?, _ key: String, at: String, _ fail: (String, String) -> TraceError
    ) throws(TraceError) -> UInt64 {
        let text: String
        switch value {
        case nil, .null?:
            throw fail(at, "the span has no '\(key)'")
        case .string(let written)?:
            text = written
        case .number(let number)?:
            text = number.literal
        case let other?:
            throw fail(at, "'\(key)' must be nanoseconds as a string or a number, found \(other.typeName)")
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let nanoseconds = UInt64(text) else {
            throw fail(at, "'\(key)' must be a whole number of nanoseconds from 0 to \(UInt64.max), found \(value?.jsonText(.compact) ?? "nothing")")
        }
        return nanoseconds
    }

    private func attributes(_ value: JSONValue?, _ at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> JSONObject {
        guard let value, value != .null else { return [:] }
        let pairs = try array(value, "\(at).attributes", fail)
        do throws(OTLPFormat.AttributeProblem) {
            return try OTLPFormat.attributes(pairs)
        } catch {
            throw fail("\(at).attributes", error.message)
        }
    }

    private func array(_ value: JSONValue, _ at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> [JSONValue] {
        guard let elements = value.arrayValue else {
            throw fail(at, "must be an array, found \(value.typeName)")
        }
        return elements
    }

    private func object(_ value: JSONValue, _ at: String, _ fail: (String, String) -> TraceError) throws(TraceError) -> JSONObject {
        guard let members = value.objectValue else {
            throw fail(at, "must be an object, found \(value.typeName)")
        }
        return members
    }
}
