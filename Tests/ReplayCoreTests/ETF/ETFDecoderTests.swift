import Testing
@testable import ReplayCore

/// Encodings the vectors do not cover (older and rarer tags), and the exact values decoded.
@Suite struct ETFDecoderTests {
    private static let node: [UInt8] = [119, 13] + Array("nonode@nohost".utf8)

    private func integer(_ value: Int) -> ErlangTerm { .integer(ErlangInteger(value)) }

    @Test func integersAreExactWhateverTheirEncoding() throws {
        #expect(try ETFDecoder.decode([131, 98, 0xFF, 0xFF, 0xFF, 0xFE]) == integer(-2))
        #expect(try ETFDecoder.decode([131, 110, 1, 1, 2]) == integer(-2))
        #expect(try ETFDecoder.decode([131, 111, 0, 0, 0, 3, 0, 5, 0, 0]) == integer(5))
        #expect(try ETFDecoder.decode([131, 110, 2, 1, 0, 0]) == integer(0))
        let min = try ETFDecoder.decode([131, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 0x80])
        #expect(min == integer(Int.min))
        #expect(min.elixirInspect == "-9223372036854775808")
    }

    @Test func erlangIntegerDecimalText() {
        #expect(ErlangInteger(0).description == "0")
        #expect(ErlangInteger(Int.max).description == "9223372036854775807")
        let twoTo64 = ErlangInteger(isNegative: false, littleEndianBytes: [0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(twoTo64.description == "18446744073709551616")
        #expect(twoTo64.intValue == nil)
        let tenTo18 = ErlangInteger(isNegative: true, littleEndianBytes: [0, 0, 0x64, 0xA7, 0xB3, 0xB6, 0xE0, 0x0D])
        #expect(tenTo18.description == "-1000000000000000000")
        #expect(tenTo18 == ErlangInteger(-1_000_000_000_000_000_000))
    }

    @Test func atomsInEveryEncoding() throws {
        #expect(try ETFDecoder.decode([131, 100, 0, 2, 0xE9, 0x74]) == .atom("ét"))
        #expect(try ETFDecoder.decode([131, 115, 2, 0xE9, 0x74]) == .atom("ét"))
        #expect(try ETFDecoder.decode([131, 118, 0, 3, 0xC3, 0xA9, 0x74]) == .atom("ét"))
        #expect(try ETFDecoder.decode([131, 119, 3, 0xC3, 0xA9, 0x74]) == .atom("ét"))
    }

    @Test func bitstringsKeepOnlyTheirBits() throws {
        #expect(try ETFDecoder.decode([131, 77, 0, 0, 0, 1, 3, 0xBF]) == .bitBinary([0xA0], bits: 3))
        #expect(try ETFDecoder.decode([131, 77, 0, 0, 0, 1, 8, 7]) == .binary([7]))
        #expect(try ETFDecoder.decode([131, 77, 0, 0, 0, 0, 0]) == .binary([]))
    }

    @Test func oldPidPortAndReferenceEncodings() throws {
        let node = Self.node
        let pid = try ETFDecoder.decode([131, 103] + node + [0, 0, 0, 0x60, 0, 0, 0, 1, 2])
        #expect(pid == .pid(ErlangPid(node: "nonode@nohost", id: 96, serial: 1, creation: 2)))
        #expect(pid.elixirInspect == "#PID<0.96.1>")
        #expect(try ETFDecoder.decode([131, 102] + node + [0, 0, 0, 7, 1]).elixirInspect == "#Port<0.7>")
        #expect(try ETFDecoder.decode([131, 120] + node + [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]).elixirInspect == "#Port<0.4294967296>")
        #expect(try ETFDecoder.decode([131, 101] + node + [0, 0, 0, 9, 0]).elixirInspect == "#Reference<0.9>")
        let reference = try ETFDecoder.decode([131, 114, 0, 2] + node + [3, 0, 0, 0, 1, 0, 0, 0, 2])
        #expect(reference == .reference(ErlangReference(node: "nonode@nohost", creation: 3, ids: [1, 2])))
        #expect(reference.elixirInspect == "#Reference<0.2.1>")
    }

    @Test func funsKeepWhatTheEncodingCarries() throws {
        let vector = try #require(try ETFVector.all().first { $0.name == "fun_closure" })
        guard case .fun(.closure(let closure)) = try ETFDecoder.decode(base64: vector.base64) else {
            Issue.record("not a closure")
            return
        }
        #expect(closure.module == "Elixir.Fixgen.Funs")
        #expect((closure.arity, closure.index, closure.oldIndex, closure.oldUniq) == (1, 0, 0, 84_525_477))
        #expect(closure.uniq.count == 16)
        #expect(closure.freeVariables == [integer(41)])
        #expect(closure.pid.id == 96)
    }

    @Test func mapsKeepTheKeyOrderOfTheEncoding() throws {
        let map = try ETFDecoder.decode([131, 116, 0, 0, 0, 2, 97, 2, 97, 20, 97, 1, 97, 10])
        guard case .map(let entries) = map else {
            Issue.record("not a map")
            return
        }
        #expect(Array(entries.keys) == [integer(2), integer(1)])
        #expect(map.elixirInspect == "%{2 => 20, 1 => 10}")
    }

    @Test func largeListsDecodeInLinearTime() throws {
        let count = 200_000
        let bytes: [UInt8] = [131, 108] + [0, 3, 0x0D, 0x40] + Array(Array(repeating: [97, 1], count: count).joined()) + [106]
        #expect(try ETFDecoder.decode(bytes) == .list(Array(repeating: integer(1), count: count)))
    }
}
