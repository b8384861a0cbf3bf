import TestSupport
import OrderedCollections
@testable import ReplayCore

/// `term_to_binary` for the terms tests build recordings from: the encodings OTP 26 writes
/// for integers, floats, atoms, binaries, lists, tuples, maps, pids, ports and references.
/// Funs and bitstrings are not needed and throw.
enum ETFEncoder {
    struct Unsupported: Error { var term: ErlangTerm }

    /// The term with its version byte, uncompressed.
    static func encode(_ term: ErlangTerm) throws -> [UInt8] {
        var bytes: [UInt8] = [131]
        try append(term, to: &bytes)
        return bytes
    }

    /// The term as `term_to_binary(term, compressed: 6)` writes it: tag 80, the size, zlib.
    static func encodeCompressed(_ term: ErlangTerm) throws -> [UInt8] {
        var body: [UInt8] = []
        try append(term, to: &body)
        return [131, 80] + uint32(body.count) + zlibStored(body)
    }

    /// The term as Base64, as Replayx stores terms in its JSON form.
    static func base64(_ term: ErlangTerm) throws -> String {
        Base64.encode(try encode(term))
    }

    private static func append(_ term: ErlangTerm, to bytes: inout [UInt8]) throws {
        switch term {
        case .integer(let value):
            if let small = value.intValue, (0...255).contains(small) {
                bytes += [97, UInt8(small)]
            } else if let int = value.intValue, let int32 = Int32(exactly: int) {
                bytes += [98] + uint32(Int(UInt32(bitPattern: int32)))
            } else {
                var magnitude: [UInt8] = []
                for limb in value.magnitude { for shift in stride(from: 0, to: 32, by: 8) { magnitude.append(UInt8(truncatingIfNeeded: limb >> UInt32(shift))) } }
                while magnitude.last == 0 { magnitude.removeLast() }
                bytes += [110, UInt8(magnitude.count), value.isNegative ? 1 : 0] + magnitude
            }
        case .float(let value):
            bytes.append(70)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value.bitPattern >> UInt64(shift))) }
        case .atom(let name):
            appendAtom(name, to: &bytes)
        case .binary(let data):
            bytes += [109] + uint32(data.count) + data
        case .list(let elements) where elements.isEmpty:
            bytes.append(106)
        case .list(let elements):
            bytes += [108] + uint32(elements.count)
            for element in elements { try append(element, to: &bytes) }
            bytes.append(106)
        case .improperList(let elements, let tail):
            bytes += [108] + uint32(elements.count)
            for element in elements { try append(element, to: &bytes) }
            try append(tail, to: &bytes)
        case .tuple(let elements):
            bytes += elements.count < 256 ? [104, UInt8(elements.count)] : [105] + uint32(elements.count)
            for element in elements { try append(element, to: &bytes) }
        case .map(let entries):
            bytes += [116] + uint32(entries.count)
            for (key, value) in entries {
                try append(key, to: &bytes)
                try append(value, to: &bytes)
            }
        case .pid(let pid):
            bytes.append(88)
            appendAtom(pid.node, to: &bytes)
            bytes += uint32(Int(pid.id)) + uint32(Int(pid.serial)) + uint32(Int(pid.creation))
        case .port(let port):
            bytes.append(120)
            appendAtom(port.node, to: &bytes)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: port.id >> UInt64(shift))) }
            bytes += uint32(Int(port.creation))
        case .reference(let reference):
            bytes += [90, 0, UInt8(reference.ids.count)]
            appendAtom(reference.node, to: &bytes)
            bytes += uint32(Int(reference.creation))
            for id in reference.ids { bytes += uint32(Int(id)) }
        case .bitBinary, .fun:
            throw Unsupported(term: term)
        }
    }

    private static func appendAtom(_ name: String, to bytes: inout [UInt8]) {
        let utf8 = Array(name.utf8)
        bytes += utf8.count < 256 ? [119, UInt8(utf8.count)] : [118, UInt8(utf8.count >> 8), UInt8(utf8.count & 0xFF)]
        bytes += utf8
    }

    private static func uint32(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    /// A zlib stream holding `data` in stored (uncompressed) deflate blocks.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let last: UInt8 = offset + count == data.count ? 1 : 0
            out += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let adler = b << 16 | a
        return out + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
    }
}

/// Random terms of every kind, for round trips.
enum RandomTerms {
    static let atoms = ["ok", "error", "true", "false", "nil", "Elixir.Foo.Bar", "hello world", "@atom", "@x", "é", ""]
    static let strings = ["", "alice", "Zoë", "山田", "quote\"back\\slash", "@tuple", "🎉"]

    static func term(_ random: inout SeededRandom, depth: Int = 0) -> ErlangTerm {
        let leaf = depth >= 4 || random.chance(0.4)
        if leaf {
            switch Int.random(in: 0..<9, using: &random) {
            case 0: return .integer(ErlangInteger(Int.random(in: -1_000...1_000, using: &random)))
            case 1: return .integer(ErlangInteger(isNegative: random.chance(0.5), littleEndianBytes: (0..<Int.random(in: 8...20, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }))
            case 2: return .float(random.pick([0.1, -0.0, 1.0, 1e16, Double.leastNonzeroMagnitude, 123.456, -1.5e-7, 3.0, Double.greatestFiniteMagnitude]))
            case 3: return .atom(random.pick(atoms))
            case 4: return .binary(Array(random.pick(strings).utf8))
            case 5: return .binary((0..<Int.random(in: 1...6, using: &random)).map { _ in UInt8.random(in: 128...255, using: &random) })
            case 6: return .bitBinary([0xA0, 0xC0], bits: 3)
            case 7: return .pid(ErlangPid(node: "a@b", id: UInt32.random(in: 0...1000, using: &random), serial: 0, creation: UInt32.random(in: 0...UInt32.max, using: &random)))
            default:
                return random.pick([
                    .reference(ErlangReference(node: "nonode@nohost", creation: 0, ids: [1, 2, UInt32.max])),
                    .port(ErlangPort(node: "n@h", id: UInt64.max, creation: 7)),
                    .fun(.export(module: "Elixir.Enum", function: "map", arity: 2)),
                    .fun(.closure(ErlangClosure(
                        module: "Elixir.M", arity: 1, uniq: Array(0..<16), index: 3, oldIndex: -1, oldUniq: 84525477,
                        pid: ErlangPid(node: "a@b", id: 1, serial: 2, creation: 3), freeVariables: [.integer(ErlangInteger(5))]))),
                ])
            }
        }
        let count = Int.random(in: 0...4, using: &random)
        let children = (0..<count).map { _ in term(&random, depth: depth + 1) }
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return .list(children)
        case 1: return .tuple(children)
        case 2 where !children.isEmpty: return .improperList(children, tail: .atom("tail"))
        case 3:
            var entries = OrderedDictionary<ErlangTerm, ErlangTerm>()
            for child in children { entries[.atom(random.pick(atoms))] = child }
            return .map(entries)
        default:
            var entries = OrderedDictionary<ErlangTerm, ErlangTerm>()
            for child in children { entries[term(&random, depth: depth + 1)] = child }
            return .map(entries)
        }
    }
}
