/// Terms that contain no other terms: numbers, atoms, binaries, pids, ports, references and
/// funs by export (which hold only names).
extension ETFByteReader {
    /// The scalar term whose tag, at `tagOffset`, has just been read.
    mutating func readScalar(tag: UInt8, at tagOffset: Int) throws(ETFError) -> ErlangTerm {
        switch tag {
        case ETFTag.smallInteger:
            return .integer(ErlangInteger(Int(try byte())))
        case ETFTag.integer:
            return .integer(ErlangInteger(Int(Int32(bitPattern: try uint32()))))
        case ETFTag.smallBig, ETFTag.largeBig:
            let count = tag == ETFTag.smallBig ? Int(try byte()) : Int(try uint32())
            let signOffset = position
            let sign = try byte()
            guard sign <= 1 else { throw ETFError(offset: signOffset, message: "invalid bignum sign byte \(sign)") }
            return .integer(ErlangInteger(isNegative: sign == 1, littleEndianBytes: try take(count)))
        case ETFTag.newFloat:
            return try Self.finite(Double(bitPattern: try uint64()), at: tagOffset)
        case ETFTag.float:
            return try oldFloat(at: tagOffset)
        case ETFTag.atom, ETFTag.smallAtom, ETFTag.atomUTF8, ETFTag.smallAtomUTF8:
            return .atom(try atomName(tag: tag))
        case ETFTag.binary:
            return .binary(Array(try take(Int(try uint32()))))
        case ETFTag.bitBinary:
            return try bitBinary()
        case ETFTag.pid, ETFTag.newPid:
            return .pid(try readPid(tag: tag))
        case ETFTag.port, ETFTag.newPort, ETFTag.v4Port:
            let node = try readAtom()
            let id = tag == ETFTag.v4Port ? try uint64() : UInt64(try uint32())
            let creation = tag == ETFTag.port ? UInt32(try byte()) : try uint32()
            return .port(ErlangPort(node: node, id: id, creation: creation))
        case ETFTag.reference, ETFTag.newReference, ETFTag.newerReference:
            return .reference(try reference(tag: tag))
        case ETFTag.export:
            let module = try readAtom()
            let function = try readAtom()
            let arityOffset = position
            guard try byte() == ETFTag.smallInteger else {
                throw ETFError(offset: arityOffset, message: "expected the fun's arity as a small integer")
            }
            return .fun(.export(module: module, function: function, arity: Int(try byte())))
        case ETFTag.fun:
            throw ETFError(offset: tagOffset, message: "FUN_EXT (tag 117), the encoding of funs before OTP R8, is not supported")
        case ETFTag.atomCacheRef:
            throw ETFError(offset: tagOffset, message: "atom cache reference (tag 82) outside a distribution header")
        case ETFTag.local:
            throw ETFError(offset: tagOffset, message: "LOCAL_EXT (tag 121) can only be decoded by the node that encoded it")
        case ETFTag.compressed:
            throw ETFError(offset: tagOffset, message: "compressed term (tag 80) inside another term")
        default:
            throw ETFError(offset: tagOffset, message: "unknown tag \(Self.describe(tag: tag))")
        }
    }

    /// An atom term where only an atom may appear (node and module names).
    mutating func readAtom() throws(ETFError) -> String {
        let offset = position
        let tag = try byte()
        guard [ETFTag.atom, ETFTag.smallAtom, ETFTag.atomUTF8, ETFTag.smallAtomUTF8].contains(tag) else {
            throw ETFError(offset: offset, message: "expected an atom, found tag \(Self.describe(tag: tag))")
        }
        return try atomName(tag: tag)
    }

    /// A pid after its tag: `PID_EXT` has a 1-byte creation, `NEW_PID_EXT` a 4-byte one.
    mutating func readPid(tag: UInt8) throws(ETFError) -> ErlangPid {
        let node = try readAtom()
        let id = try uint32()
        let serial = try uint32()
        let creation = tag == ETFTag.pid ? UInt32(try byte()) : try uint32()
        return ErlangPid(node: node, id: id, serial: serial, creation: creation)
    }

    /// An integer term that must fit in 32 bits (a fun's old index and hash).
    mutating func readFixnum() throws(ETFError) -> Int {
        let offset = position
        switch try byte() {
        case ETFTag.smallInteger: return Int(try byte())
        case ETFTag.integer: return Int(Int32(bitPattern: try uint32()))
        case let tag: throw ETFError(offset: offset, message: "expected a small integer, found tag \(Self.describe(tag: tag))")
        }
    }

    /// An atom's name after its tag: Latin-1 for `ATOM_EXT` and `SMALL_ATOM_EXT`, UTF-8 for the others.
    private mutating func atomName(tag: UInt8) throws(ETFError) -> String {
        let small = tag == ETFTag.smallAtom || tag == ETFTag.smallAtomUTF8
        let count = small ? Int(try byte()) : Int(try uint16())
        let offset = position
        let data = try take(count)
        let name: String
        if tag == ETFTag.atom || tag == ETFTag.smallAtom {
            name = String(String.UnicodeScalarView(data.map { Unicode.Scalar($0) }))
        } else {
            guard let text = String(validating: data, as: UTF8.self) else {
                throw ETFError(offset: offset, message: "atom name is not valid UTF-8")
            }
            name = text
        }
        guard name.unicodeScalars.count <= 255 else {
            throw ETFError(offset: offset, message: "atom name longer than 255 characters")
        }
        return name
    }

    /// `REFERENCE_EXT` (one word, 1-byte creation), `NEW_REFERENCE_EXT` (up to five words,
    /// 1-byte creation) and `NEWER_REFERENCE_EXT` (4-byte creation), after the tag.
    private mutating func reference(tag: UInt8) throws(ETFError) -> ErlangReference {
        if tag == ETFTag.reference {
            let node = try readAtom()
            let id = try uint32()
            return ErlangReference(node: node, creation: UInt32(try byte()), ids: [id])
        }
        let countOffset = position
        let count = Int(try uint16())
        guard (1...5).contains(count) else {
            throw ETFError(offset: countOffset, message: "a reference has 1 to 5 words, not \(count)")
        }
        let node = try readAtom()
        let creation = tag == ETFTag.newReference ? UInt32(try byte()) : try uint32()
        var ids: [UInt32] = []
        for _ in 0..<count { ids.append(try uint32()) }
        return ErlangReference(node: node, creation: creation, ids: ids)
    }

    /// `FLOAT_EXT`: 31 bytes of `%.20e` text, padded with zero bytes.
    private mutating func oldFloat(at tagOffset: Int) throws(ETFError) -> ErlangTerm {
        let text = try take(31).prefix { $0 != 0 }
        guard text.allSatisfy({ $0 < 0x80 }), let value = Double(String(decoding: text, as: UTF8.self)) else {
            throw ETFError(offset: tagOffset + 1, message: "FLOAT_EXT text is not a number")
        }
        return try Self.finite(value, at: tagOffset)
    }

    private static func finite(_ value: Double, at offset: Int) throws(ETFError) -> ErlangTerm {
        guard value.isFinite else { throw ETFError(offset: offset, message: "the float is not finite") }
        return .float(value)
    }

    /// `BIT_BINARY_EXT`: a binary when all bits of its last byte are used, else a bitstring
    /// with the unused bits cleared.
    private mutating func bitBinary() throws(ETFError) -> ErlangTerm {
        let count = Int(try uint32())
        let bitsOffset = position
        let bits = Int(try byte())
        guard bits <= 8, (bits == 0) == (count == 0) else {
            throw ETFError(offset: bitsOffset, message: "\(bits) bits used in the last of \(count) bytes")
        }
        var data = Array(try take(count))
        guard let last = data.last, bits < 8 else { return .binary(data) }
        data[data.count - 1] = last & ~UInt8(0xFF >> bits)
        return .bitBinary(data, bits: bits)
    }
}
