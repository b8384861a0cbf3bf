import Foundation
import TestSupport
import Testing
@testable import ReplayCore

/// A value's shape (``ValueShape``) vouches for another value only as parsing accepts it,
/// ending where parsing ends; and it vouches for the values a recorder writes over and
/// over (the same structure and spacing, other strings and numbers), or it saves nothing.
/// Random values are written with random spacing, their strings and numbers swapped for
/// others, damaged at random bytes, or replaced by other values altogether.
@Suite struct ValueShapeTests {
    static let seeds: [UInt64] = Array(1...20)

    @Test(arguments: seeds)
    func valuesOfTheShapeAreVouchedForOnlyAsParsingAcceptsThem(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var alike = 0
        var vouchedAlike = 0
        for round in 0..<300 {
            let value = RandomJSON.value(&random)
            let layout = random.next()
            let first = RandomJSON.spaced(value, layout: layout, escapes: &random)
            let other: String
            let sameShape: Bool
            switch round % 4 {
            case 0, 1:
                other = RandomJSON.spaced(Self.swappingScalars(value, &random), layout: layout, escapes: &random)
                sameShape = true
            case 2:
                var bytes = Array(RandomJSON.spaced(Self.swappingScalars(value, &random), layout: layout, escapes: &random).utf8)
                RandomJSON.damage(&bytes, &random)
                other = String(decoding: bytes, as: UTF8.self)
                sameShape = false
            default:
                other = RandomJSON.spaced(RandomJSON.value(&random), layout: random.next(), escapes: &random)
                sameShape = false
            }
            let shape = ValueShapeMemory()
            let recorded = Self.padded(first).withUnsafeBytes { buffer in
                var parser = JSONParser(bytes: buffer)
                return parser.skipValidValue() && shape.shape.record(parser, from: 0, to: parser.position)
            }
            guard recorded else { continue }
            Self.padded(other).withUnsafeBytes { buffer in
                var parser = JSONParser(bytes: buffer)
                let expected = Result { () throws(JSONSyntaxError) -> Int in
                    _ = try parser.parseValue()
                    return parser.position
                }
                var shaped = JSONParser(bytes: buffer)
                let vouches = shaped.skipValidValue(shapedLike: shape.shape)
                if sameShape, case .success = expected { alike += 1 }
                guard vouches else {
                    #expect(shaped.position == 0, "seed \(seed): moved without vouching")
                    return
                }
                if sameShape { vouchedAlike += 1 }
                guard case .success(let end) = expected else {
                    Issue.record("seed \(seed): the shape of \(first.debugDescription) vouched for \(other.debugDescription), which parsing rejects")
                    return
                }
                #expect(shaped.position == end, "seed \(seed): \(other.debugDescription) after \(first.debugDescription)")
            }
        }
        // Strings with a surrogate pair are left to the walk, as are values past the limits.
        #expect(vouchedAlike * 10 > alike * 7, "seed \(seed): vouched for \(vouchedAlike) of \(alike) values of the same shape")
    }

    @Test func aRecordersValuesAreVouchedFor() {
        let values = [
            #"{"account":"acc-0082","amount":1236}"#, #"{"account":"acc-0166","amount":-3.5e2}"#,
            #"{"account":"caf\u00e9 \"x\"","amount":0}"#,
        ]
        let shape = ValueShapeMemory()
        Self.padded(values[0]).withUnsafeBytes { buffer in
            #expect(shape.shape.record(JSONParser(bytes: buffer), from: 0, to: values[0].utf8.count))
        }
        for value in values {
            Self.padded(value).withUnsafeBytes { buffer in
                var parser = JSONParser(bytes: buffer)
                let vouched = parser.skipValidValue(shapedLike: shape.shape)
                #expect(vouched, "\(value)")
                #expect(parser.position == value.utf8.count, "\(value)")
            }
        }
        for other in [
            #"{"account":"acc-0082","amount":"1236"}"#, #"{"account":"acc-0082","amount":01}"#, #"{"account":"acc-0082","amount":1.}"#,
            #"{"account":"acc-0082","amount":1236 }"#, #"{"account":"acc-0082","amount":1236,"x":1}"#, #"{"account":acc,"amount":1}"#,
            #"{"account":"a\x","amount":1}"#, #"{"account":"acc-0082","amounts":1}"#, #"{"account":"\ud83d\ude00","amount":1}"#,
        ] {
            Self.padded(other).withUnsafeBytes { buffer in
                var parser = JSONParser(bytes: buffer)
                let vouched = parser.skipValidValue(shapedLike: shape.shape)
                #expect(!vouched, "\(other)")
            }
        }
    }

    @Test func valuesPastTheLimitsGetNoShape() {
        let holes = "[" + (0..<ValueShape.maxRuns).map(String.init).joined(separator: ",") + "]"
        let deep = String(repeating: "[", count: ValueShape.maxLevels + 1) + String(repeating: "]", count: ValueShape.maxLevels + 1)
        let kept = #"{""# + String(repeating: "k", count: ValueShape.maxKept) + #"":1}"#
        for value in [holes, deep, kept] {
            let shape = ValueShapeMemory()
            Self.padded(value).withUnsafeBytes { buffer in
                #expect(!shape.shape.record(JSONParser(bytes: buffer), from: 0, to: value.utf8.count))
                var parser = JSONParser(bytes: buffer)
                let vouched = parser.skipValidValue(shapedLike: shape.shape)
                #expect(!vouched)
            }
        }
        // Within them, the same values do.
        let fewer = "[" + (1..<ValueShape.maxRuns).map(String.init).joined(separator: ",") + "]"
        let shape = ValueShapeMemory()
        Self.padded(fewer).withUnsafeBytes { buffer in
            #expect(shape.shape.record(JSONParser(bytes: buffer), from: 0, to: fewer.utf8.count))
        }
    }

    /// A slot whose shapes keep differing tries less and less often: after each shape that
    /// matched fewer than `paying` values it waits 1, 3, 7, ... up to 255 values; one that
    /// paid lets the next miss be recorded at once.
    @Test func aSlotWhoseShapesDoNotPayWaitsLongerEachTime() {
        let memory = ValueShapeMemory()
        let slot = memory.shape
        defer { withExtendedLifetime(memory) {} }
        func waited() -> Int {
            var count = 0
            while slot.waits() { count += 1 }
            return count
        }
        #expect(waited() == 0)
        var waits: [Int] = []
        for _ in 0..<10 {
            slot.noteMiss()
            waits.append(waited())
        }
        #expect(waits == [1, 3, 7, 15, 31, 63, 127, 255, 255, 255])
        for _ in 0..<ValueShape.paying { slot.noteMatch() }
        slot.noteMiss()
        #expect(waited() == 0)
        slot.noteMiss()
        #expect(waited() == 1)
    }

    /// `value` with each string and number replaced by a random one.
    static func swappingScalars(_ value: JSONValue, _ random: inout SeededRandom) -> JSONValue {
        switch value {
        case .object(let members):
            var swapped = JSONObject()
            for (key, member) in members { swapped[key] = swappingScalars(member, &random) }
            return .object(swapped)
        case .array(let elements):
            return .array(elements.map { swappingScalars($0, &random) })
        case .string:
            return .string(random.pick(RandomJSON.strings))
        case .number:
            return .number(JSONNumber(literal: random.pick(RandomJSON.numbers))!)
        default:
            return value
        }
    }

    /// The text, then room: shapes are checked away from the input's last bytes.
    static func padded(_ text: String) -> [UInt8] {
        Array(text.utf8) + Array(repeating: UInt8(ascii: " "), count: 16) + Array("]".utf8)
    }
}

/// Zeroed memory for one shape.
final class ValueShapeMemory {
    let shape = ValueShape(base: UnsafeMutableRawPointer.allocate(byteCount: ValueShape.size, alignment: 64))

    init() {
        shape.base.initializeMemory(as: UInt8.self, repeating: 0, count: ValueShape.size)
    }

    deinit {
        shape.base.deallocate()
    }
}
