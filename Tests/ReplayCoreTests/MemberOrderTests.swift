import TestSupport
import Testing
@testable import ReplayCore

/// The index scan matches each member's name first against the name the last event had at
/// the same place (``MemberOrder``): whatever the order, and whatever names come where one
/// was expected (a longer or shorter name, an escaped one, an unknown one, a name that
/// begins as the expected one does, space around the colon), each event's summary is what
/// parsing it gives.
@Suite struct MemberOrderTests {
    @Test func eachFieldsOrdinalIsItsPlaceAmongAllCases() {
        for (place, field) in NativeEventField.allCases.enumerated() {
            #expect(field.ordinal == place, "\(field)")
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8, 9, 10])
    func summariesAreWhatParsingGivesWhateverTheOrder(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        // Each member with the names that may stand for it: the plain one most often.
        let members: [(names: [String], value: () -> String)] = [
            (["seq", "se\\u0071", "seqs"], { "\(Int.random(in: 0...99, using: &random))" }),
            (["t", "\\u0074", "tt"], { random.chance(0.2) ? "null" : "\(Int.random(in: 0...9_999, using: &random))" }),
            (["kind", "kin\\u0064", "kinds"], { random.pick([#""call""#, #""cast""#, #""crash""#]) }),
            (["name", "nam", "names"], { random.chance(0.2) ? "null" : random.pick([#""a""#, #""withdraw""#]) }),
            (["lane", "la\\u006ee"], { random.pick([#""web""#, #""db""#, "null"]) }),
            (["error", "errors"], { random.chance(0.5) ? "null" : #""boom""# }),
            (["payload", "payloa", "payloads"], { #"{"x":[1,{"y":"z"}]}"# }),
            (["patch", "merge", "state"], { random.pick([#"[{"op":"add","path":"/a","value":1}]"#, #"{"a":2}"#]) }),
            (["extra", "s", "x"], { "true" }),
        ]
        var events: [String] = []
        for _ in 0..<200 {
            // Mostly one order with the plain names, as a trace has; now and then shuffled or odd.
            let order = random.chance(0.7) ? Array(members.indices) : Array(members.indices).shuffled(using: &random)
            var fields: [String] = []
            for member in order where member != 8 || random.chance(0.3) {
                let names = members[member].names
                let name = random.chance(0.8) ? names[0] : random.pick(names)
                // A change must be a patch's array, a merge's or a state's object.
                var value = members[member].value()
                if name == "patch" { value = #"[{"op":"add","path":"/a","value":1}]"# } else if name == "merge" || name == "state" { value = #"{"a":2}"# }
                // Compact mostly; now and then spaced as a pretty-printer spaces.
                let colon = random.chance(0.8) ? ":" : random.pick([": ", " : ", ":\n  ", "\t:"])
                fields.append("\"\(name)\"\(colon)\(value)")
            }
            // Every event needs a kind; one given last keeps the fields' order otherwise.
            if !fields.contains(where: { $0.hasPrefix(#""kind""#) }) { fields.append(#""kind":"call""#) }
            events.append("{" + fields.joined(separator: ",") + "}")
        }
        let text = #"{"format":"replay-trace","version":1,"initial_state":{},"events":["# + events.joined(separator: ",\n") + "]}"
        let trace = try NativeFormat.read(TraceData(bytes: Array(text.utf8)), splitAbove: .max)
        #expect(trace.count == events.count, "seed \(seed)")
        for index in 0..<trace.count {
            let parsed = try trace.events.event(index)
            #expect(trace.events.summary(index) == parsed.summary, "seed \(seed), event #\(index): \(events[index])")
        }
    }
}
