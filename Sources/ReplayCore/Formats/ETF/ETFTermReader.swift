import OrderedCollections

/// Reads one encoded term (without its version byte) from bytes, without recursion: open
/// lists, tuples, maps and funs wait on an explicit stack while their elements are read.
struct ETFTermReader {
    private var input: ETFByteReader
    private var stack: [Frame] = []

    /// A container whose elements are still being read. The top frame is changed in place
    /// (`stack[top].elements.append`), so its arrays are never copied.
    private struct Frame {
        enum Kind {
            /// `LIST_EXT` elements; its tail follows them.
            case list
            /// A list whose elements are all read; its tail is being read.
            case tail
            case tuple
            /// A map; `key` is set while its value is being read.
            case map
            /// A `NEW_FUN_EXT` reading its free variables into `elements`; `end` is where its
            /// declared size ends.
            case closure(ErlangClosure, end: Int)
        }

        var kind: Kind
        /// How many elements (map entries, free variables) are still to come.
        var remaining: Int
        var elements: [ErlangTerm] = []
        var entries = OrderedDictionary<ErlangTerm, ErlangTerm>()
        var key: ErlangTerm?

        init(_ kind: Kind, remaining: Int) {
            self.kind = kind
            self.remaining = remaining
            switch kind {
            case .map: entries.reserveCapacity(remaining)
            default: elements.reserveCapacity(remaining)
            }
        }
    }

    init(bytes: [UInt8], position: Int) {
        input = ETFByteReader(bytes: bytes, position: position)
    }

    /// Reads a term that must end exactly where the bytes end.
    mutating func readWholeTerm() throws(ETFError) -> ErlangTerm {
        let term = try readTerm()
        guard input.bytesLeft == 0 else {
            throw ETFError(offset: input.position, message: "\(input.bytesLeft) unexpected bytes after the term")
        }
        return term
    }

    /// Reads the term at the current position and moves past it.
    private mutating func readTerm() throws(ETFError) -> ErlangTerm {
        while true {
            guard var value = try readValueOrOpen() else { continue }
            while !stack.isEmpty {
                guard let finished = try addToTop(value) else { break }
                value = finished
            }
            if stack.isEmpty { return value }
        }
    }

    // MARK: Containers

    /// Reads a whole term when it has no elements to wait for; otherwise opens its frame and
    /// returns nil, and the elements that follow are added to it.
    private mutating func readValueOrOpen() throws(ETFError) -> ErlangTerm? {
        let tagOffset = input.position
        let tag = try input.byte()
        switch tag {
        case ETFTag.nil:
            return .list([])
        case ETFTag.string:
            let count = Int(try input.uint16())
            return .list(try input.take(count).map { .integer(ErlangInteger(Int($0))) })
        case ETFTag.list:
            let declared = try input.uint32()
            let count = try input.count(declared, minimumBytesEach: 1, extra: 1, of: "list elements")
            // A list as the tail of a list continues it: extend the open list instead of nesting.
            if let top = stack.indices.last, case .tail = stack[top].kind {
                stack[top].kind = count == 0 ? .tail : .list
                stack[top].remaining = count
                stack[top].elements.reserveCapacity(stack[top].elements.count + count)
                return nil
            }
            try open(Frame(count == 0 ? .tail : .list, remaining: count), at: tagOffset)
            return nil
        case ETFTag.smallTuple, ETFTag.largeTuple:
            let arity = tag == ETFTag.smallTuple ? Int(try input.byte()) : Int(try input.uint32())
            let count = try input.count(arity, minimumBytesEach: 1, of: "tuple elements")
            guard count > 0 else { return .tuple([]) }
            try open(Frame(.tuple, remaining: count), at: tagOffset)
            return nil
        case ETFTag.map:
            let declared = try input.uint32()
            let count = try input.count(declared, minimumBytesEach: 2, of: "map entries")
            guard count > 0 else { return .map([:]) }
            try open(Frame(.map, remaining: count), at: tagOffset)
            return nil
        case ETFTag.newFun:
            let (closure, freeCount, end) = try closureHeader()
            guard freeCount > 0 else { return try finish(closure, end: end) }
            try open(Frame(.closure(closure, end: end), remaining: freeCount), at: tagOffset)
            return nil
        default:
            return try input.readScalar(tag: tag, at: tagOffset)
        }
    }

    private mutating func open(_ frame: Frame, at offset: Int) throws(ETFError) {
        guard stack.count < ETFDecoder.maxDepth else {
            throw ETFError(offset: offset, message: "nesting deeper than \(ETFDecoder.maxDepth) levels")
        }
        stack.append(frame)
    }

    /// Adds a finished element to the top frame; returns the container when that completes
    /// it (and pops it), else nil.
    private mutating func addToTop(_ value: ErlangTerm) throws(ETFError) -> ErlangTerm? {
        let top = stack.count - 1
        switch stack[top].kind {
        case .tail:
            return Self.list(stack.removeLast().elements, tail: value)
        case .map:
            guard let key = stack[top].key else {
                guard stack[top].entries[value] == nil else {
                    throw ETFError(offset: input.position, message: "duplicate map key, ending")
                }
                stack[top].key = value
                return nil
            }
            stack[top].entries[key] = value
            stack[top].key = nil
        case .list, .tuple, .closure:
            stack[top].elements.append(value)
        }
        stack[top].remaining -= 1
        guard stack[top].remaining == 0 else { return nil }
        switch stack[top].kind {
        case .list:
            stack[top].kind = .tail
            return nil
        case .tuple:
            return .tuple(stack.removeLast().elements)
        case .map:
            return .map(stack.removeLast().entries)
        case .closure(var closure, let end):
            closure.freeVariables = stack.removeLast().elements
            return try finish(closure, end: end)
        case .tail:
            return nil
        }
    }

    /// `elements` followed by `tail`: one proper list when the tail is a list.
    private static func list(_ elements: [ErlangTerm], tail: ErlangTerm) -> ErlangTerm {
        switch tail {
        case .list(let rest): .list(elements + rest)
        case .improperList(let rest, let end): .improperList(elements + rest, tail: end)
        default: elements.isEmpty ? tail : .improperList(elements, tail: tail)
        }
    }

    // MARK: Funs

    /// The fixed part of `NEW_FUN_EXT`: everything up to the free variables, their count,
    /// and the offset where the fun's declared size says it ends.
    private mutating func closureHeader() throws(ETFError) -> (ErlangClosure, freeCount: Int, end: Int) {
        let start = input.position
        let size = Int(try input.uint32())
        guard size <= input.bytesLeft + 4 else {
            throw ETFError(offset: start, message: "truncated: fun of \(size) bytes, only \(input.bytesLeft + 4) left")
        }
        let arity = Int(try input.byte())
        let uniq = Array(try input.take(16))
        let index = try input.uint32()
        let declaredFree = try input.uint32()
        let freeCount = try input.count(declaredFree, minimumBytesEach: 1, of: "free variables")
        let module = try input.readAtom()
        let oldIndex = try input.readFixnum()
        let oldUniq = try input.readFixnum()
        let pidOffset = input.position
        let pidTag = try input.byte()
        guard pidTag == ETFTag.pid || pidTag == ETFTag.newPid else {
            throw ETFError(offset: pidOffset, message: "expected the fun's pid, found tag \(ETFByteReader.describe(tag: pidTag))")
        }
        let closure = ErlangClosure(
            module: module, arity: arity, uniq: uniq, index: index, oldIndex: oldIndex, oldUniq: oldUniq,
            pid: try input.readPid(tag: pidTag), freeVariables: [])
        return (closure, freeCount, start + size)
    }

    private func finish(_ closure: ErlangClosure, end: Int) throws(ETFError) -> ErlangTerm {
        guard input.position == end else {
            throw ETFError(offset: input.position, message: "the fun's declared size ends it at offset \(end), but its contents end")
        }
        return .fun(.closure(closure))
    }
}
