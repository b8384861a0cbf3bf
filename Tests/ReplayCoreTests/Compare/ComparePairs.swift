import TestSupport
@testable import ReplayCore

/// Pairs of small bank runs for the compare tests: a list of operations run by a tiny state
/// machine into native trace text, and a second list made from the first by inserting,
/// deleting and changing operations and by "bugs" that change a state value without
/// changing the event.
enum ComparePairs {
    struct Operation: Equatable {
        var kind: String
        var name: String
        var account: Int
        var amount: Int
        /// Adds this much to the balance the event writes: a run whose state goes wrong.
        var bug = 0

        var payload: JSONValue { ["account": JSONValue(integerLiteral: account), "amount": JSONValue(integerLiteral: amount)] }
    }

    static func randomOperation(_ random: inout SeededRandom) -> Operation {
        Operation(
            kind: random.pick(["call", "cast"]), name: random.pick(["deposit", "withdraw", "audit", "tick"]),
            account: Int.random(in: 0...2, using: &random), amount: Int.random(in: 1...3, using: &random))
    }

    static func operations(_ count: Int, _ random: inout SeededRandom) -> [Operation] {
        (0..<count).map { _ in randomOperation(&random) }
    }

    /// `operations` with a few random edits.
    static func edited(_ operations: [Operation], _ random: inout SeededRandom, edits: Int) -> [Operation] {
        var result = operations
        for _ in 0..<edits {
            let place = Int.random(in: 0...result.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: result.insert(randomOperation(&random), at: place)
            case 1 where place < result.count: result.remove(at: place)
            case 2 where place < result.count: result[place].amount += 10
            case 3 where place < result.count: result[place].bug += 100
            default: break
            }
        }
        return result
    }

    static let initialState: JSONValue = ["accounts": [["balance": 0], ["balance": 0], ["balance": 0]], "log": [], "ticks": 0]

    /// The trace text the operations record, and the state after every event.
    static func trace(_ operations: [Operation], _ random: inout SeededRandom) -> (text: String, states: [JSONValue]) {
        var state = initialState
        var states = [state]
        var events: [JSONValue] = []
        for (index, operation) in operations.enumerated() {
            var event: JSONObject = [
                "seq": JSONValue(integerLiteral: index), "t": JSONValue(integerLiteral: index * 10 + Int.random(in: 0...9, using: &random)),
                "kind": .string(operation.kind), "name": .string(operation.name), "payload": operation.payload,
            ]
            let balancePath = JSONPointer(tokens: ["accounts", String(operation.account), "balance"])
            let balance = balancePath.resolve(in: state)?.numberValue?.intValue ?? 0
            switch operation.name {
            case "deposit", "withdraw":
                let sign = operation.name == "deposit" ? 1 : -1
                let value = JSONValue(integerLiteral: balance + sign * operation.amount + operation.bug)
                event["patch"] = [PatchOperation(kind: .replace, path: balancePath, value: value).jsonValue]
            case "audit":
                event["patch"] = [PatchOperation(kind: .add, path: try! JSONPointer(parsing: "/log/-"), value: JSONValue(integerLiteral: operation.account + operation.bug)).jsonValue]
            default:
                let ticks = (state["ticks"]?.numberValue?.intValue ?? 0) + 1 + operation.bug
                event["merge"] = ["ticks": JSONValue(integerLiteral: ticks)]
            }
            let made = try! Event(nativeMembers: event, index: index)
            try! made.apply(to: &state)
            states.append(state)
            events.append(.object(event))
        }
        let document: JSONObject = ["format": "replay-trace", "version": 1, "initial_state": initialState, "events": .array(events)]
        return (JSONValue.object(document).jsonText(.compact), states)
    }

    static func load(_ text: String) throws -> Trace {
        try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
    }

    /// The same trace with its events in memory, so that no recorded bytes are there to
    /// compare: the parsed path of every comparison.
    static func inMemory(_ trace: Trace) throws -> Trace {
        let events = try (0..<trace.count).map { (index: Int) throws(TraceError) in try trace.events.event(index) }
        return Trace(format: trace.format, meta: trace.meta, initialState: trace.initialState, events: EventList(events), crash: nil)
    }
}
