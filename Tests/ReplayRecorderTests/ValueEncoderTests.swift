import ReplayCore
import Testing
@testable import ReplayRecorder

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a Codable value looks like in the trace (docs/recorder.md).
@Suite struct ValueEncoderTests {
    private func json(_ value: some Encodable) throws -> String {
        try ValueEncoder.encode(value).jsonText(.compact)
    }

    struct Account: Codable {
        var zeta = 1
        var alpha = "a"
        var middle: Double? = nil
        var limits = ["b": 2, "a": 1, "c": 3]
    }

    @Test func structMembersKeepTheirOrderAndDictionariesAreSorted() throws {
        #expect(try json(Account()) == #"{"zeta":1,"alpha":"a","limits":{"a":1,"b":2,"c":3}}"#)
        #expect(try json([10: "ten", 2: "two", -1: "minus one"]) == #"{"-1":"minus one","2":"two","10":"ten"}"#)
        #expect(try json(Set(["pear", "apple", "fig"])) == #"["apple","fig","pear"]"#)
        #expect(try json([Account?.none, nil]) == "[null,null]")
    }

    @Test func numbersAreExact() throws {
        #expect(try json(UInt64.max) == "18446744073709551615")
        #expect(try json(Int64.min) == "-9223372036854775808")
        #expect(try json([0.1, 3, 1e20, -0.0, Double.leastNonzeroMagnitude]) == "[0.1,3,1e+20,-0,5e-324]")
        #expect(try json(Float(0.1)) == "0.1")
        #expect(try json(Float(16_777_216)) == "16777216")
        #expect(try json(Decimal(string: "12.5")!) == "12.5")
        #expect(try json(JSONValue.number(JSONNumber(literal: "1.50")!)) == "1.50")
    }

    enum Operation: Codable {
        case withdraw(account: Int, amount: Int)
        case note(String)
        case close
    }

    @Test func enumsAsCodableWritesThem() throws {
        #expect(try json(Operation.withdraw(account: 1, amount: 50)) == #"{"withdraw":{"account":1,"amount":50}}"#)
        #expect(try json(Operation.note("hi")) == #"{"note":{"_0":"hi"}}"#)
        #expect(try json(Operation.close) == #"{"close":{}}"#)
    }

    struct Nested: Encodable {
        var rates: [Double]
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try container.encode("after", forKey: .tail)
            for rate in rates { try list.encode(rate) }
        }
        enum Key: CodingKey { case list, tail }
    }

    @Test func nestedContainersAreFilledInTheirPlace() throws {
        #expect(try json(Nested(rates: [1.5, 2])) == #"{"list":[1.5,2],"tail":"after"}"#)
    }

    @Test func nanIsAnErrorNamingWhereItIs() throws {
        #expect(throws: EncodingError.self) { try json(["accounts": [["rate": Double.nan]]]) }
        do {
            _ = try ValueEncoder.encode(["accounts": [["rate": Double.nan]]])
        } catch let error as EncodingError {
            #expect(error.located == "/accounts/0/rate: Double nan has no JSON form")
        }
    }
}
