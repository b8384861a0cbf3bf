import OrderedCollections

/// An Erlang term, as `term_to_binary` writes it and ``ETFDecoder`` reads it back.
///
/// Every term the External Term Format can carry has a case. Values are exact: integers
/// keep all their digits, binaries and atoms their bytes and characters, maps the key order
/// of the encoding. A list is one case whatever its encoding (`NIL_EXT`, `STRING_EXT` or
/// `LIST_EXT`), so equal Erlang lists are equal here.
public indirect enum ErlangTerm: Hashable, Sendable {
    /// An integer of any size.
    case integer(ErlangInteger)
    /// A float; never NaN or infinite (Erlang has neither).
    case float(Double)
    /// An atom, by name (`ok`, `Elixir.String`, `hello world`).
    case atom(String)
    /// A binary: a whole number of bytes.
    case binary([UInt8])
    /// A bitstring whose last byte is partial: only its `bits` high bits (1 to 7) belong to
    /// it; the unused low bits are zero.
    case bitBinary([UInt8], bits: Int)
    /// A proper list, `[]` included.
    case list([ErlangTerm])
    /// A list with at least one element whose tail is not a list, `[1, 2 | 3]`.
    case improperList([ErlangTerm], tail: ErlangTerm)
    /// A tuple.
    case tuple([ErlangTerm])
    /// A map, its entries in the order of the encoding.
    case map(OrderedDictionary<ErlangTerm, ErlangTerm>)
    /// A process identifier.
    case pid(ErlangPid)
    /// A port identifier.
    case port(ErlangPort)
    /// A reference.
    case reference(ErlangReference)
    /// A function value.
    case fun(ErlangFun)
}

/// A process identifier: the node that created it and its numbers there.
public struct ErlangPid: Hashable, Sendable {
    public var node: String
    public var id: UInt32
    public var serial: UInt32
    /// Distinguishes incarnations of a node with the same name.
    public var creation: UInt32

    public init(node: String, id: UInt32, serial: UInt32, creation: UInt32) {
        self.node = node
        self.id = id
        self.serial = serial
        self.creation = creation
    }
}

/// A port identifier.
public struct ErlangPort: Hashable, Sendable {
    public var node: String
    public var id: UInt64
    public var creation: UInt32

    public init(node: String, id: UInt64, creation: UInt32) {
        self.node = node
        self.id = id
        self.creation = creation
    }
}

/// A reference: a node and up to five 32-bit words, the first word the least significant.
public struct ErlangReference: Hashable, Sendable {
    public var node: String
    public var creation: UInt32
    public var ids: [UInt32]

    public init(node: String, creation: UInt32, ids: [UInt32]) {
        self.node = node
        self.creation = creation
        self.ids = ids
    }
}

/// A function value.
public enum ErlangFun: Hashable, Sendable {
    /// `fun Module:Function/Arity` (`EXPORT_EXT`).
    case export(module: String, function: String, arity: Int)
    /// An anonymous function and the values it captured (`NEW_FUN_EXT`).
    case closure(ErlangClosure)
}

/// An anonymous function as `NEW_FUN_EXT` carries it. Its code is not included: the module
/// that defines it must be loaded to call it, and only that module knows the function's name.
public struct ErlangClosure: Hashable, Sendable {
    /// The module that defines the function.
    public var module: String
    /// How many arguments the function takes (captured values not counted).
    public var arity: Int
    /// The MD5 of the module's code (16 bytes).
    public var uniq: [UInt8]
    /// The function's index in the module's fun table (`new_index` in `erlang:fun_info/2`).
    public var index: UInt32
    /// The older index and hash (`index` and `uniq` in `erlang:fun_info/2`).
    public var oldIndex: Int
    public var oldUniq: Int
    /// The process that created the function.
    public var pid: ErlangPid
    /// The captured values.
    public var freeVariables: [ErlangTerm]

    public init(
        module: String, arity: Int, uniq: [UInt8], index: UInt32, oldIndex: Int, oldUniq: Int,
        pid: ErlangPid, freeVariables: [ErlangTerm]
    ) {
        self.module = module
        self.arity = arity
        self.uniq = uniq
        self.index = index
        self.oldIndex = oldIndex
        self.oldUniq = oldUniq
        self.pid = pid
        self.freeVariables = freeVariables
    }
}
