import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// The debugger's search, which parses only the events the byte prefilter lets through, part
/// by part in search order, answers what visiting and matching every event answers.
@Suite struct TraceSearchTests {
    /// 7,000 events (four parts and a bit) whose matches hide in every way the raw bytes can
    /// hide them: an escaped letter, the Kelvin sign, upper case, a name, an error, a key.
    static let trace: Trace = {
        var events: [String] = []
        for index in 0..<7_000 {
            let payload: String
            switch index % 997 {
            case 3: payload = #"{"note":"a \u006Eeedle here"}"#
            case 500: payload = #"{"note":"NEEDLE","park":"\#u{212A}ing"}"#
            case 996: payload = #"{"needle":1E3}"#
            default: payload = #"{"n":\#(index),"note":"hay"}"#
            }
            let error = index % 1_500 == 7 ? #","error":"Needle broke""# : ""
            let name = index == 6_999 ? "needle-last" : "step-\(index)"
            events.append(#"{"kind":"call","name":"\#(name)","payload":\#(payload)\#(error)}"#)
        }
        let text = #"{"format":"replay-trace","initial_state":{},"events":["# + events.joined(separator: ",\n") + "]}"
        return try! TraceLoader.load(TraceData(bytes: Array(text.utf8)))
    }()

    @Test(arguments: ["needle", "NEEDLE", "king", "1e3", "step-69", "here", "no such text", "\":", "é"])
    func findsWhatMatchingEveryEventFinds(text: String) throws {
        for from in [nil, 0, 3, 2_047, 2_048, 4_500, 6_999] as [Int?] {
            for forward in [true, false] {
                let search = TraceSearch(text: text, from: from, forward: forward, syntax: .json)
                let found = try search.run(in: Self.trace, context: .synchronous)
                #expect(found == Self.everyEvent(search), "\(text) from \(String(describing: from)) \(forward ? "forward" : "back")")
            }
        }
    }

    /// The search as it was before the prefilter: every event in search order, parsed and
    /// matched.
    static func everyEvent(_ search: TraceSearch) -> TraceSearch.Found {
        let matcher = EventSearch(search.text, syntax: search.syntax)
        let count = trace.count
        let current = search.from ?? (search.forward ? -1 : count)
        var first: TraceSearch.Hit?
        var matches: [Int] = []
        for step in 1...count {
            let index = ((current + (search.forward ? step : -step)) % count + count) % count
            guard let event = try? trace.events.event(index), matcher.matches(event) else { continue }
            matches.append(index)
            if first == nil { first = TraceSearch.Hit(index: index, wrapped: search.forward ? index <= current : index >= current) }
        }
        return TraceSearch.Found(first: first, matches: matches.sorted())
    }
}
