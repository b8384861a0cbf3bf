import Foundation
@testable import ReplayCore
import TestSupport

/// Random JSON documents that exercise exactness: big integers, float literals, Unicode
/// keys and keys holding `/` and `~`.
enum RandomJSON {
    static let keys = ["a", "b", "id", "balance", "a/b", "m~n", "~1", "/", "", "é", "山田", "🎉", "x y", "0", "-"]
    static let numbers = ["0", "-0", "1", "-7", "42", "0.1", "2.50", "1e999999", "-1.5E-7", "9007199254740993",
                          "123456789012345678901234567890", "0.30000000000000004"]
    static let strings = ["", "text", "Zoë Ångström", "山田太郎", "tab\there", "quote\"back\\slash", "🎉", "a/b~c"]

    static func scalar(_ random: inout SeededRandom) -> JSONValue {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2, 3: return .number(JSONNumber(literal: random.pick(numbers))!)
        default: return .string(random.pick(strings))
        }
    }

    static func value(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
        guard depth < 4, random.chance(0.45) else { return scalar(&random) }
        if random.chance(0.5) {
            return .array((0..<Int.random(in: 0...5, using: &random)).map { _ in value(&random, depth: depth + 1) })
        }
        var members = JSONObject()
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            members[random.pick(keys)] = value(&random, depth: depth + 1)
        }
        return .object(members)
    }

    /// `value` as JSON text with random spacing, drawn from `layout` alone (a draw at each
    /// place a space may go, so that values of one structure are spaced alike), and strings
    /// with random escapes.
    static func spaced(_ value: JSONValue, layout: UInt64, escapes: inout SeededRandom) -> String {
        var spaces = SeededRandom(seed: layout)
        func space() -> String { spaces.chance(0.2) ? spaces.pick([" ", "\n", "\t ", "\r\n  "]) : "" }
        func write(_ value: JSONValue) -> String {
            switch value {
            case .object(let members):
                let parts = members.map { key, member in
                    space() + RandomJSON.escaped(key, &spaces) + space() + ":" + space() + write(member) + space()
                }
                return "{" + (parts.isEmpty ? space() : parts.joined(separator: ",")) + "}"
            case .array(let elements):
                let parts = elements.map { space() + write($0) + space() }
                return "[" + (parts.isEmpty ? space() : parts.joined(separator: ",")) + "]"
            case .string(let text):
                return RandomJSON.escaped(text, &escapes)
            default:
                return value.jsonText(.compact)
            }
        }
        return write(value)
    }

    /// A string literal for `text`, some characters escaped as `\uXXXX` (pairs beyond the BMP).
    static func escaped(_ text: String, _ random: inout SeededRandom) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" || scalar.value < 0x20 || random.chance(0.1) {
                literal += String(scalar.utf16.map { String(format: "\\u%04x", $0) }.joined())
            } else {
                literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }

    /// Damages `bytes` at a random place: a byte replaced, put in or taken out, or the rest cut off.
    static func damage(_ bytes: inout [UInt8], _ random: inout SeededRandom) {
        guard !bytes.isEmpty else { return }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        let byte = random.pick(Array("{}[]:,\"\\ ntf0-.eE".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xFF])
        switch Int.random(in: 0..<4, using: &random) {
        case 0: bytes[at] = byte
        case 1: bytes.insert(byte, at: at)
        case 2: bytes.remove(at: at)
        default: bytes.removeSubrange(at...)
        }
    }

    /// Every pointer to a value inside `document`, the root included.
    static func pointers(in document: JSONValue, at base: JSONPointer = .root) -> [JSONPointer] {
        var found = [base]
        switch document {
        case .object(let members):
            for (key, value) in members { found += pointers(in: value, at: base.appending(key)) }
        case .array(let elements):
            for (index, value) in elements.enumerated() { found += pointers(in: value, at: base.appending(index)) }
        default:
            break
        }
        return found
    }
}

/// Random native traces whose every change applies: each patch is made against the state
/// it will be applied to.
enum RandomTrace {
    /// A trace as native JSON text, and the state after every event computed while making it.
    struct Made {
        var text: String
        var ndjson: String
        var states: [JSONValue]
    }

    /// `targetedMerges`: half the merge patches walk down a path the state has (through
    /// arrays too, turning them into objects) to a new value or a deletion, so that merges
    /// reach deep into the state rather than mostly adding new top-level members.
    static func make(seed: UInt64, events count: Int, targetedMerges: Bool = false) -> Made {
        var random = SeededRandom(seed: seed)
        var state: JSONValue = .object(["accounts": RandomJSON.value(&random), "log": .array([])])
        var states = [state]
        var events: [JSONValue] = []
        for index in 0..<count {
            var event: JSONObject = ["seq": JSONValue(integerLiteral: index), "kind": .string(random.pick(["call", "cast", "info", "call", "cast", "info", "crash"]))]
            event["name"] = .string(random.pick(["deposit", "withdraw", "transfer", "tick"]))
            if random.chance(0.7) { event["t"] = .number(JSONNumber(literal: String(index * 10 + Int.random(in: 0...9, using: &random)))!) }
            if random.chance(0.5) { event["payload"] = RandomJSON.value(&random) }
            if random.chance(0.1) { event["error"] = .string("failed at \(index)") }
            switch Int.random(in: 0..<10, using: &random) {
            case 0:
                state = RandomJSON.value(&random)
                event["state"] = state
            case 1, 2:
                let patch = targetedMerges && random.chance(0.5) ? targetedMerge(for: state, &random) : RandomJSON.value(&random)
                MergePatch.apply(patch, to: &state)
                event["merge"] = patch
            case 3:
                break
            default:
                let operations = randomPatch(for: state, &random)
                try! JSONPatch.apply(operations, to: &state)
                event["patch"] = .array(operations.map(\.jsonValue))
            }
            if random.chance(0.1) { event["unknown_field"] = .string("kept") }
            events.append(.object(event))
            states.append(state)
        }
        let header: JSONObject = ["format": "replay-trace", "version": 1, "initial_state": states[0]]
        var whole = header
        whole["events"] = .array(events)
        let ndjson = ([JSONValue.object(header)] + events).map { $0.jsonText(.compact) }.joined(separator: "\n") + "\n"
        return Made(text: JSONValue.object(whole).jsonText(random.chance(0.5) ? .pretty : .compact), ndjson: ndjson, states: states)
    }

    /// A merge patch along a pointer into `state`, ending in a new value or a deletion.
    static func targetedMerge(for state: JSONValue, _ random: inout SeededRandom) -> JSONValue {
        let target = random.pick(RandomJSON.pointers(in: state))
        var patch: JSONValue = random.chance(0.3) ? .null : RandomJSON.value(&random)
        for token in target.tokens.reversed() {
            var members: JSONObject = [token: patch]
            if random.chance(0.3) { members[random.pick(RandomJSON.keys)] = RandomJSON.scalar(&random) }
            patch = .object(members)
        }
        return patch
    }

    /// One to four operations that are valid against `state`, applied in turn.
    static func randomPatch(for state: JSONValue, _ random: inout SeededRandom) -> [PatchOperation] {
        var scratch = state
        var operations: [PatchOperation] = []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            // A move's destination is resolved after its source is removed, so some
            // generated moves do not apply: keep only the operations that do.
            guard let operation = randomOperation(for: scratch, &random),
                (try? JSONPatch.apply([operation], to: &scratch)) != nil
            else { continue }
            operations.append(operation)
        }
        return operations
    }

    private static func randomOperation(for state: JSONValue, _ random: inout SeededRandom) -> PatchOperation? {
        let all = RandomJSON.pointers(in: state)
        let containers = all.filter {
            if case .object = $0.resolve(in: state)! { return true }
            if case .array = $0.resolve(in: state)! { return true }
            return false
        }
        let target = random.pick(all)
        let nonRoot = all.filter { !$0.tokens.isEmpty }
        switch Int.random(in: 0..<6, using: &random) {
        case 0, 1:
            guard !containers.isEmpty else { return nil }
            return PatchOperation(kind: .add, path: newSlot(in: random.pick(containers), state, &random), value: RandomJSON.value(&random))
        case 2:
            guard let victim = nonRoot.randomElement(using: &random) else { return nil }
            return PatchOperation(kind: .remove, path: victim)
        case 3:
            return PatchOperation(kind: .replace, path: target, value: RandomJSON.value(&random))
        case 4:
            guard let source = nonRoot.randomElement(using: &random), !containers.isEmpty else { return nil }
            let destination = newSlot(in: random.pick(containers), state, &random)
            guard !destination.tokens.starts(with: source.tokens) else { return nil }
            return PatchOperation(kind: random.chance(0.5) ? .move : .copy, path: destination, from: source)
        default:
            return PatchOperation(kind: .test, path: target, value: target.resolve(in: state)!)
        }
    }

    /// A place to add a value inside the container at `pointer`: a new or existing key, or
    /// an array index from 0 to count, or `-`.
    private static func newSlot(in pointer: JSONPointer, _ state: JSONValue, _ random: inout SeededRandom) -> JSONPointer {
        if case .array(let elements) = pointer.resolve(in: state)! {
            return pointer.appending(random.chance(0.2) ? "-" : String(Int.random(in: 0...elements.count, using: &random)))
        }
        return pointer.appending(random.pick(RandomJSON.keys))
    }
}
