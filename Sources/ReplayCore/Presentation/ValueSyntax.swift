/// The language a trace's values are written in (states, changes, payloads, details), by the
/// debugger's views and by the CLI's `--syntax`.
///
/// The debugger chooses it from the trace's format (``init(for:)``): Elixir for recordings
/// of Erlang terms (Replayx), whose values are the JSON form of ``ErlangTermJSON``, and JSON
/// for everything else. The CLI's `--syntax elixir` asks for Elixir on any trace
/// (``init(elixirFor:)``).
///
/// It also says how a value opens in the state tree: in Elixir, maps open by key
/// (`balance: 229`, `"k" => 1`), lists and tuples by position, and atoms, pids, references
/// and the like are single values, although their JSON form is an object.
public struct ValueSyntax: Equatable, Sendable {
    /// The languages values are written in.
    public enum Language: Equatable, Sendable {
        /// JSON, as recorded.
        case json
        /// Elixir's `inspect` text of the terms that values in ``ErlangTermJSON``'s tagged
        /// form stand for: `%{balance: 100}`, `{:withdraw, 50}`.
        case elixir
        /// Elixir's `inspect` text of plain JSON as Elixir would decode it: objects are maps
        /// with string keys (`%{"count" => 1}`), and `@` keys are no tags.
        case elixirPlain
    }

    public let language: Language
    /// How Elixir text is written for this trace: its Elixir's charlists, its nodes' numbers.
    public let elixir: ElixirInspectOptions

    public init(_ language: Language, elixir: ElixirInspectOptions = .standard) {
        self.language = language
        self.elixir = elixir
    }

    public static let json = ValueSyntax(.json)
    /// Terms in today's Elixir, every node local.
    public static let elixir = ValueSyntax(.elixir)
    public static let elixirPlain = ValueSyntax(.elixirPlain)

    /// The syntax the debugger shows `trace` in: Elixir for a Replayx trace (as its own
    /// Elixir version writes it, its nodes numbered: ``ElixirInspectOptions/init(for:)``),
    /// else JSON.
    public init(for trace: Trace) {
        self = ErlangTermJSON.Reading(for: trace) == .tagged ? ValueSyntax(.elixir, elixir: ElixirInspectOptions(for: trace)) : .json
    }

    /// Elixir for `trace`'s values: terms for a Replayx trace, plain JSON for any other.
    public init(elixirFor trace: Trace) {
        self = ErlangTermJSON.Reading(for: trace) == .tagged ? ValueSyntax(.elixir, elixir: ElixirInspectOptions(for: trace)) : .elixirPlain
    }

    /// One syntax for the values of two traces side by side: the language both are shown in
    /// (JSON when they differ); in Elixir, `a`'s node numbers with `b`'s other nodes numbered
    /// after them, and charlists as both traces' Elixir writes them (today's when they differ).
    public init(comparing a: Trace, with b: Trace) {
        let (first, second) = (ValueSyntax(for: a), ValueSyntax(for: b))
        guard first.language == second.language else {
            self = .json
            return
        }
        var numbers = first.elixir.nodeNumbers
        for (node, _) in second.elixir.nodeNumbers.sorted(by: { $0.value < $1.value }) where numbers[node] == nil {
            numbers[node] = numbers.count + 1
        }
        let sigil = first.elixir.charlistSigil == second.elixir.charlistSigil ? first.elixir.charlistSigil : true
        self.init(first.language, elixir: ElixirInspectOptions(charlistSigil: sigil, nodeNumbers: numbers))
    }

    /// How JSON stands for terms in this syntax; nil for JSON.
    private var reading: ErlangTermJSON.Reading? {
        switch language {
        case .json: nil
        case .elixir: .tagged
        case .elixirPlain: .plain
        }
    }

    /// A part of a value the state tree shows as a row of its own.
    public struct Child: Equatable {
        /// What names it: `key`, `[0]`, `{1}`, `"k"`.
        public var label: String
        /// What stands between label and value: `: ` or ` => `.
        public var separator: String
        /// Its path below the value's.
        public var tokens: [String]
        public var value: JSONValue
    }

    /// The value in full on one line: compact JSON, or Elixir's inspect text. Throws for a
    /// value Elixir cannot hold: a number beyond float range, or (in ``elixir``) an object
    /// that is no term's JSON form.
    public func text(_ value: JSONValue) throws(ErlangTermJSONError) -> String {
        guard let reading else { return value.jsonText(.compact) }
        return try value.elixirText(reading: reading, options: elixir)
    }

    /// The value's Elixir text, or nil in JSON or when Elixir cannot hold it.
    private func elixirText(_ value: JSONValue) -> String? {
        reading.flatMap { try? value.elixirText(reading: $0, options: elixir) }
    }

    /// The value on one line, cut after about `limit` characters. A value Elixir cannot hold
    /// (which a Replayx trace never holds) is written as JSON.
    public func preview(_ value: JSONValue, limit: Int) -> String {
        guard let text = elixirText(value) else {
            return Preview.of(value, limit: limit)
        }
        return text.truncated(to: limit)
    }

    /// The value in full, as lines: indented JSON, or Elixir's one-line inspect text.
    public func lines(_ value: JSONValue) -> [String] {
        guard let text = elixirText(value) else {
            return value.jsonText(.pretty).split(separator: "\n").map(String.init)
        }
        return [text]
    }

    /// The parts the state tree can open `value` into, or nil when it is a single value.
    public func children(of value: JSONValue) -> [Child]? {
        switch value {
        case .array(let elements):
            return elements.enumerated().map { Child(label: "[\($0)]", separator: ": ", tokens: [String($0)], value: $1) }
        case .object(let members) where language == .json:
            return members.map { Child(label: $0.key, separator: ": ", tokens: [$0.key], value: $0.value) }
        case .object(let members) where language == .elixirPlain:
            return members.map { Child(label: preview(.string($0.key), limit: 40), separator: " => ", tokens: [$0.key], value: $0.value) }
        case .object(let members):
            guard members.count == 1, let tag = members.keys.first, tag.hasPrefix("@") else {
                return members.map { member in
                    let (key, separator) = ErlangTerm.elixirMapKey(member.key)
                    return Child(label: key, separator: separator, tokens: [member.key], value: member.value)
                }
            }
            switch (tag, members[tag]) {
            case ("@tuple", .array(let elements)?):
                return elements.enumerated().map { Child(label: "{\($0)}", separator: ": ", tokens: [tag, String($0)], value: $1) }
            case ("@map", .array(let pairs)?):
                return pairs.enumerated().compactMap { index, pair in
                    guard case .array(let parts) = pair, parts.count == 2 else { return nil }
                    return Child(label: preview(parts[0], limit: 40), separator: " => ", tokens: [tag, String(index), "1"], value: parts[1])
                }
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// An open container's size: `{2 keys}`, `[3 items]`; in Elixir `%{2 keys}`, `{3 items}`.
    public func openSummary(_ value: JSONValue, count: Int) -> String {
        let items = count == 1 ? "item" : "items"
        let keys = count == 1 ? "key" : "keys"
        if value.arrayValue != nil { return "[\(count) \(items)]" }
        switch language {
        case .json: return "{\(count) \(keys)}"
        case .elixir: return value["@tuple"] != nil ? "{\(count) \(items)}" : "%{\(count) \(keys)}"
        case .elixirPlain: return "%{\(count) \(keys)}"
        }
    }
}
