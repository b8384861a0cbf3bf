import OrderedCollections

extension ErlangTerm {
    /// The term as Elixir prints it with `inspect(term, limit: :infinity, printable_limit: :infinity)`,
    /// following Elixir 1.14 except that charlists print as `~c"abc"` the way Elixir 1.15 and
    /// later do (1.14 printed `'abc'`), every node local: ``elixirInspect(_:)`` with
    /// ``ElixirInspectOptions/standard``.
    public var elixirInspect: String { ElixirInspector.inspect(self, options: .standard) }

    /// The term as Elixir prints it, with the charlists of the Elixir version and the node
    /// numbers `options` give.
    ///
    /// What only the running VM knows is approximated from the bytes: pids, ports and
    /// references print with the number `options` give their node (0 for a node it does not
    /// number, as local ones print), anonymous functions print
    /// without the name of the function that defined them (`#Function<1.84525477/1 in Mod>`;
    /// the name comes from the loaded module), and structs of modules this renderer does not
    /// know print with their fields in the order of the encoding (sorted by name), where Elixir
    /// uses the order of the module's `defstruct`. Maps print their keys in the order of the
    /// encoding, which is the order Elixir prints.
    public func elixirInspect(_ options: ElixirInspectOptions) -> String {
        ElixirInspector.inspect(self, options: options)
    }

    /// The term in an error message: its Elixir text, cut after 80 characters.
    var brief: String { elixirInspect.truncated(to: 80) }
}

extension ErlangTerm {
    /// How an atom key of a map is written before its value, as `inspect` writes it:
    /// (`balance`, `: `), (`"hello world"`, `: `), and for module aliases (`Foo`, ` => `).
    public static func elixirMapKey(_ atom: String) -> (key: String, separator: String) {
        guard ElixirInspector.keywordEntries([(.atom(atom), .list([]))]) != nil else {
            return (ElixirAtom.literal(atom), " => ")
        }
        return (String(ElixirAtom.key(atom).dropLast()), ": ")
    }
}

/// Renders terms as Elixir's `inspect` does, without recursion: what remains to print waits
/// on an explicit stack, so nesting depth costs heap, not call stack.
struct ElixirInspector {
    /// Something still to print.
    enum Piece {
        case text(String)
        /// A term; `charlistsAsLists` prints lists of printable integers as lists, as
        /// `MapSet` asks for its elements (`MapSet.new([97])`, not `MapSet.new(~c"a")`).
        case term(ErlangTerm, charlistsAsLists: Bool)
    }

    private let options: ElixirInspectOptions
    private var output = ""
    /// The pieces still to print, the next one last.
    private var pending: [Piece] = []

    static func inspect(_ term: ErlangTerm, options: ElixirInspectOptions) -> String {
        var inspector = ElixirInspector(options: options)
        inspector.pending.append(.term(term, charlistsAsLists: false))
        while let piece = inspector.pending.popLast() {
            switch piece {
            case .text(let text): inspector.output += text
            case .term(let term, let charlistsAsLists): inspector.render(term, charlistsAsLists: charlistsAsLists)
            }
        }
        return inspector.output
    }

    /// Prints a term with no parts right away; schedules the parts of the others.
    private mutating func render(_ term: ErlangTerm, charlistsAsLists: Bool) {
        switch term {
        case .integer(let value):
            output += value.description
        case .float(let value):
            output += ElixirFloat.format(value)
        case .atom(let name):
            output += ElixirAtom.literal(name)
        case .binary(let bytes):
            output += Self.binary(bytes)
        case .bitBinary(let bytes, let bits):
            let whole = bytes.dropLast().map { String($0) }
            let partial = "\((bytes.last ?? 0) >> (8 - bits))::size(\(bits))"
            output += "<<" + (whole + [partial]).joined(separator: ", ") + ">>"
        case .list(let elements):
            schedule(list(elements, charlistsAsLists: charlistsAsLists))
        case .improperList(let elements, let tail):
            let tailPieces: [Piece] = [.text(" | "), .term(tail, charlistsAsLists: charlistsAsLists)]
            schedule([.text("[")] + Self.separated(elements, charlistsAsLists: charlistsAsLists) + tailPieces + [.text("]")])
        case .tuple(let elements):
            schedule([.text("{")] + Self.separated(elements, charlistsAsLists: charlistsAsLists) + [.text("}")])
        case .map(let entries):
            schedule(Self.structure(entries, charlistsAsLists: charlistsAsLists) ?? Self.map(entries, charlistsAsLists: charlistsAsLists))
        case .pid(let pid):
            output += "#PID<\(options.number(ofNode: pid.node)).\(pid.id).\(pid.serial)>"
        case .port(let port):
            output += "#Port<\(options.number(ofNode: port.node)).\(port.id)>"
        case .reference(let reference):
            output += "#Reference<\(options.number(ofNode: reference.node))." + reference.ids.reversed().map { String($0) }.joined(separator: ".") + ">"
        case .fun(.export(let module, let function, let arity)):
            output += "&" + ElixirAtom.literal(module) + "." + ElixirAtom.remoteCall(function) + "/\(arity)"
        case .fun(.closure(let closure)):
            output += "#Function<\(closure.index).\(closure.oldUniq)/\(closure.arity) in \(ElixirAtom.literal(closure.module))>"
        }
    }

    /// Queues `pieces` to print in order, before anything already pending.
    private mutating func schedule(_ pieces: [Piece]) {
        pending.append(contentsOf: pieces.reversed())
    }

    /// A string when the bytes are printable UTF-8, else the bytes: `<<255, 0>>`.
    static func binary(_ bytes: [UInt8]) -> String {
        guard ElixirText.isPrintable(bytes) else { return "<<" + bytes.map { String($0) }.joined(separator: ", ") + ">>" }
        return "\"" + ElixirText.escape(bytes, quote: UInt8(ascii: "\"")) + "\""
    }

    /// A list as a charlist (`~c"abc"`, or `'abc'` before Elixir 1.15), a keyword list (`[a: 1]`) or plain (`[1, :a]`).
    private func list(_ elements: [ErlangTerm], charlistsAsLists: Bool) -> [Piece] {
        if elements.isEmpty { return [.text("[]")] }
        if !charlistsAsLists, let characters = Self.printableCharacters(elements) {
            guard options.charlistSigil else { return [.text("'" + ElixirText.escape(characters, quote: UInt8(ascii: "'")) + "'")] }
            return [.text("~c\"" + ElixirText.escape(characters, quote: UInt8(ascii: "\"")) + "\"")]
        }
        if let keyword = Self.keywordEntries(elements.lazy.map { element -> (ErlangTerm, ErlangTerm)? in
            guard case .tuple(let pair) = element, pair.count == 2 else { return nil }
            return (pair[0], pair[1])
        }) {
            return [.text("[")] + Self.keyword(keyword, charlistsAsLists: charlistsAsLists) + [.text("]")]
        }
        return [.text("[")] + Self.separated(elements, charlistsAsLists: charlistsAsLists) + [.text("]")]
    }

    /// A map as `%{a: 1}` when every key is an atom other than a module alias, else `%{"a" => 1}`.
    private static func map(_ entries: OrderedDictionary<ErlangTerm, ErlangTerm>, charlistsAsLists: Bool) -> [Piece] {
        if let keyword = keywordEntries(entries.lazy.map { Optional(($0.key, $0.value)) }) {
            return [.text("%{")] + Self.keyword(keyword, charlistsAsLists: charlistsAsLists) + [.text("}")]
        }
        var pieces: [Piece] = [.text("%{")]
        for (index, entry) in entries.enumerated() {
            if index > 0 { pieces.append(.text(", ")) }
            pieces += [.term(entry.key, charlistsAsLists: charlistsAsLists), .text(" => "), .term(entry.value, charlistsAsLists: charlistsAsLists)]
        }
        return pieces + [.text("}")]
    }

    /// The bytes of a list that `List.ascii_printable?/1` accepts (printable ASCII and
    /// `\a \b \t \n \v \f \r \e`), else nil.
    private static func printableCharacters(_ elements: [ErlangTerm]) -> [UInt8]? {
        var characters: [UInt8] = []
        for element in elements {
            guard case .integer(let value) = element, let code = value.intValue,
                (32...126).contains(code) || (7...13).contains(code) || code == 27
            else { return nil }
            characters.append(UInt8(code))
        }
        return characters
    }

    /// The pairs with their keys' names when every key is an atom that is not a module alias
    /// (`Inspect.List.keyword?/1`), else nil.
    static func keywordEntries(_ pairs: some Sequence<(ErlangTerm, ErlangTerm)?>) -> [(String, ErlangTerm)]? {
        var entries: [(String, ErlangTerm)] = []
        for pair in pairs {
            guard case (.atom(let name), let value)? = pair, !name.hasPrefix("Elixir.") else { return nil }
            entries.append((name, value))
        }
        return entries
    }

    /// `key: value` entries separated by commas.
    static func keyword(_ entries: [(String, ErlangTerm)], charlistsAsLists: Bool) -> [Piece] {
        var pieces: [Piece] = []
        for (index, (name, value)) in entries.enumerated() {
            if index > 0 { pieces.append(.text(", ")) }
            pieces += [.text(ElixirAtom.key(name) + " "), .term(value, charlistsAsLists: charlistsAsLists)]
        }
        return pieces
    }

    /// Terms separated by commas.
    static func separated(_ terms: [ErlangTerm], charlistsAsLists: Bool) -> [Piece] {
        var pieces: [Piece] = []
        pieces.reserveCapacity(terms.count * 2)
        for (index, term) in terms.enumerated() {
            if index > 0 { pieces.append(.text(", ")) }
            pieces.append(.term(term, charlistsAsLists: charlistsAsLists))
        }
        return pieces
    }
}
