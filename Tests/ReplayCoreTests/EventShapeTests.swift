import Foundation
import TestSupport
import Testing
@testable import ReplayCore

/// Events read by their shape (``EventShapes``: the last event's bytes with its fields'
/// values cut out) are read exactly as member by member. Traces of a few recurring event
/// layouts with random values, nulls, unknown fields, a field named twice now and then, and
/// damage at a random byte: each loads only when it is a valid trace, and then every event's
/// summary and change are what parsing the event on its own gives.
@Suite struct EventShapeTests {
    static let seeds: [UInt64] = Array(1...16)

    @Test(arguments: seeds)
    func eventsReadByShapeAreReadAsMemberByMember(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var compared = 0
        for round in 0..<6 {
            var text = Array(Self.trace(&random, events: 120, faults: round == 4).utf8)
            if round % 2 == 1 {
                let at = Int.random(in: text.count / 4..<text.count, using: &random)
                let byte = random.pick(Array("{}[]:,\"\\ ntf0-.eE1a".utf8) + [0x00, 0x1F, 0xC3])
                if random.chance(0.5) { text.insert(byte, at: at) } else { text[at] = byte }
            }
            let reference = Self.reference(text)
            let loaded = Result { () throws(TraceError) -> Trace in try NativeFormat.read(TraceData(bytes: text), splitAbove: .max) }
            switch (loaded, reference) {
            case (.success(let trace), .some(let events)):
                guard trace.warnings.isEmpty else { continue }
                compared += 1
                #expect(trace.count == events.count, "seed \(seed) round \(round)")
                for (index, event) in events.enumerated() where index < trace.count {
                    #expect(trace.events.summary(index) == event.summary, "seed \(seed) round \(round): event #\(index)")
                    let effect = Result { () throws(TraceError) -> EventEffect in try trace.events.effect(index) }
                    #expect("\(effect)" == "\(event.effect)", "seed \(seed) round \(round): event #\(index)'s change")
                }
            case (.success(let trace), nil):
                #expect(!trace.warnings.isEmpty, "seed \(seed) round \(round): loaded a trace that is not one")
            case (.failure(let error), .some):
                Issue.record("seed \(seed) round \(round): a valid trace was rejected: \(error)")
            case (.failure, nil):
                break
            }
        }
        // The undamaged traces without faults, at least.
        #expect(compared >= 2, "seed \(seed): only \(compared) traces loaded")
    }

    /// An event as parsing it on its own gives it: its summary, and its change (or why that
    /// cannot be read, which the index leaves to reading the change).
    struct Expected {
        var summary: EventSummary
        var effect: Result<EventEffect, TraceError>
    }

    /// The trace's events as parsing the whole document gives them; nil when it is not JSON,
    /// or an event is not a valid event (not an object, no `kind`, a field of a wrong type,
    /// two changes).
    static func reference(_ text: [UInt8]) -> [Expected]? {
        guard let document = text.withUnsafeBytes({ try? JSONParser.parse($0) }), case .object(let members) = document,
            case .array(let elements)? = members["events"]
        else { return nil }
        var events: [Expected] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let fields) = element, case .string(let kind)? = fields["kind"] else { return nil }
            var effect: (EffectKind, JSONValue)?
            for (key, value) in fields {
                guard let field = NativeEventField(rawValue: key) else { continue }
                guard field.typeProblem(JSONTypes(value)) == nil else { return nil }
                if let kind = field.effect {
                    guard effect == nil else { return nil }
                    effect = (kind, value)
                }
            }
            let summary = EventSummary(
                kind: kind, name: fields["name"]?.stringValue, t: fields["t"]?.numberValue?.doubleValue,
                hasError: fields["error"]?.stringValue != nil, effect: effect?.0 ?? .none, lane: fields["lane"]?.stringValue)
            let change = Result { () throws(TraceError) -> EventEffect in
                guard let (kind, value) = effect else { return .none }
                return try EventEffect(kind, value, event: index)
            }
            events.append(Expected(summary: summary, effect: change))
        }
        return events
    }

    /// A trace whose events follow a few layouts, with random values; with `faults`, one
    /// event in fifty or so is not a valid event.
    static func trace(_ random: inout SeededRandom, events count: Int, faults: Bool) -> String {
        let layouts: [[String]] = [
            ["seq", "t", "kind", "name", "payload", "patch"],
            ["seq", "t", "kind", "name", "payload", "merge"],
            ["kind", "name", "lane", "t", "error", "state"],
            ["t", "kind", "payload"],
        ]
        let spacing = random.chance(0.5) ? ("", "") : (" ", "\n  ")
        var events: [String] = []
        for index in 0..<count {
            var fields = random.pick(layouts)
            if random.chance(0.05) { fields.insert("extra", at: Int.random(in: 0...fields.count, using: &random)) }
            if random.chance(0.03) { fields.append(random.pick(fields)) }
            let fault = faults && random.chance(0.02)
            if fault, random.chance(0.3) { fields.removeAll { $0 == "kind" } }
            let members = fields.map { field in
                "\"\(field)\":\(spacing.0)\(Self.value(of: field, index: index, fault: fault, &random))"
            }
            events.append("{" + members.joined(separator: "," + spacing.0) + "}")
        }
        return #"{"format":"replay-trace","version":1,"initial_state":{"n":0},"events":["# + spacing.1
            + events.joined(separator: "," + spacing.1) + "]}"
    }

    /// A value for `field`; now and then, with `fault`, one of another type.
    static func value(of field: String, index: Int, fault: Bool, _ random: inout SeededRandom) -> String {
        let strings = [#""call""#, #""cast""#, #""deposit""#, #""with\"quote""#, #""caf\u00e9""#, #""山""#, #""""#, #""a\\b""#]
        let numbers = ["0", "7", "-3", "1234567", "12345678", "123456789", "1.5", "2e3", "-0", "-12.5e-3"]
        if fault, random.chance(0.5) { return random.pick(["3", #""x""#, "{}", "[]", "true", "null"]) }
        switch field {
        case "seq": return random.chance(0.05) ? "null" : String(index)
        case "t": return random.chance(0.05) ? "null" : random.chance(0.8) ? String(index * 10) : random.pick(numbers)
        case "kind": return random.pick(strings)
        case "name", "lane", "error": return random.chance(0.1) ? "null" : random.pick(strings)
        case "payload":
            return random.chance(0.7) ? #"{"account":\#(random.pick(strings)),"amount":\#(random.pick(numbers))}"# : random.pick(numbers)
        case "patch":
            return #"[{"op":"replace","path":"/n","value":\#(random.pick(numbers))}]"#
        case "merge": return #"{"n":\#(random.pick(numbers)),"last":\#(random.pick(strings))}"#
        case "state": return random.chance(0.5) ? #"{"n":\#(random.pick(numbers))}"# : "null"
        default: return random.pick(strings)
        }
    }
}

