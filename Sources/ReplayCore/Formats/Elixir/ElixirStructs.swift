import OrderedCollections

/// Structs: maps whose `__struct__` key names an Elixir module. Those whose `Inspect`
/// implementation Elixir 1.14 ships print its way (`~D[2024-01-02]`, `1..10`,
/// `MapSet.new([1])`), the rest as `%Module{field: value}`.
extension ElixirInspector {
    /// The pieces of a struct, or nil when the map prints as a plain map.
    static func structure(_ entries: OrderedDictionary<ErlangTerm, ErlangTerm>, charlistsAsLists: Bool) -> [Piece]? {
        guard case .atom(let module)? = entries[.atom("__struct__")], ElixirAtom.isAlias(module) else { return nil }
        let fields = StructFields(entries: entries)
        return custom(module, fields, charlistsAsLists: charlistsAsLists)
            ?? generic(module, entries, charlistsAsLists: charlistsAsLists)
    }

    /// `Inspect.Any`: `%Module{...}` with the fields in `defstruct` order when the module is
    /// known (and the map has exactly its keys, else a plain map), in encoding order when not.
    private static func generic(
        _ module: String, _ entries: OrderedDictionary<ErlangTerm, ErlangTerm>, charlistsAsLists: Bool
    ) -> [Piece]? {
        var names: [String] = []
        var isException = false
        for key in entries.keys {
            guard case .atom(let name) = key else { return nil }
            switch name {
            case "__struct__": continue
            case "__exception__": isException = true
            default: names.append(name)
            }
        }
        if let known = knownStructs[module] {
            guard isException == known.isException, names.count == known.fields.count,
                Set(names) == Set(known.fields)
            else { return nil }
            names = known.fields
        }
        let fields = names.map { ($0, entries[.atom($0)] ?? .atom("nil")) }
        return [.text("%" + ElixirAtom.literal(module) + "{")] + keyword(fields, charlistsAsLists: charlistsAsLists) + [.text("}")]
    }

    /// The structs whose own `Inspect` implementation prints them; nil when the fields do not
    /// have the shape that implementation expects.
    private static func custom(_ module: String, _ fields: StructFields, charlistsAsLists: Bool) -> [Piece]? {
        switch module {
        case "Elixir.Date":
            return fields.isoDate.map { [.text("~D[" + $0 + "]")] }
        case "Elixir.Time":
            return fields.isoTime.map { [.text("~T[" + $0 + "]")] }
        case "Elixir.NaiveDateTime":
            guard let date = fields.isoDate, let time = fields.isoTime else { return nil }
            return [.text("~N[" + date + " " + time + "]")]
        case "Elixir.DateTime":
            return fields.isoDateTime.map { [.text($0)] }
        case "Elixir.Range":
            return fields.range.map { [.text($0)] }
        case "Elixir.MapSet":
            guard case .map(let set)? = fields["map"] else { return nil }
            return [.text("MapSet.new("), .term(.list(Array(set.keys)), charlistsAsLists: true), .text(")")]
        case "Elixir.Regex":
            return fields.regex(charlistsAsLists: charlistsAsLists)
        case "Elixir.Date.Range":
            guard let first = fields["first"], let last = fields["last"], let step = fields.integer("step") else { return nil }
            let stepText = step == 1 ? "" : ", \(step)"
            return [.text("Date.range("), .term(first, charlistsAsLists: charlistsAsLists), .text(", "),
                    .term(last, charlistsAsLists: charlistsAsLists), .text(stepText + ")")]
        case "Elixir.Version.Requirement":
            return fields.string("source").map { [.text("Version.parse_requirement!(\"" + $0 + "\")")] }
        case "Elixir.Stream":
            guard let enumerable = fields["enum"], case .list(let funs)? = fields["funs"] else { return nil }
            let options: ErlangTerm = .list([.tuple([.atom("enum"), enumerable]), .tuple([.atom("funs"), .list(funs.reversed())])])
            return [.text("#Stream<"), .term(options, charlistsAsLists: charlistsAsLists), .text(">")]
        default:
            return nil
        }
    }

    /// The `defstruct` field order of Elixir 1.14's own structs and exceptions, which
    /// `Inspect.Any` prints in (from `__info__(:struct)`).
    private static let knownStructs: [String: (fields: [String], isException: Bool)] = {
        let structs: [String: [String]] = [
            "URI": ["scheme", "authority", "userinfo", "host", "port", "path", "query", "fragment"],
            "Version": ["major", "minor", "patch", "pre", "build"],
            "Version.Requirement": ["source", "lexed"],
            "Date": ["year", "month", "day", "calendar"],
            "Time": ["hour", "minute", "second", "microsecond", "calendar"],
            "NaiveDateTime": ["year", "month", "day", "hour", "minute", "second", "microsecond", "calendar"],
            "DateTime": ["year", "month", "day", "hour", "minute", "second", "time_zone", "zone_abbr", "utc_offset",
                         "std_offset", "microsecond", "calendar"],
            "Date.Range": ["first", "last", "first_in_iso_days", "last_in_iso_days", "step"],
            "Range": ["first", "last", "step"],
            "MapSet": ["map", "version"],
            "Regex": ["re_pattern", "source", "opts", "re_version"],
            "Stream": ["enum", "funs", "accs", "done"],
        ]
        let exceptions: [String: [String]] = [
            "RuntimeError": ["message"], "ArgumentError": ["message"], "ArithmeticError": ["message"],
            "SystemLimitError": ["message"], "Enum.OutOfBoundsError": ["message"], "Enum.EmptyError": ["message"],
            "SyntaxError": ["file", "line", "column", "snippet", "description"],
            "TokenMissingError": ["file", "line", "snippet", "column", "description"],
            "CompileError": ["file", "line", "description"],
            "BadFunctionError": ["term"], "BadStructError": ["struct", "term"], "BadMapError": ["term"],
            "BadBooleanError": ["term", "operator"], "MatchError": ["term"], "CaseClauseError": ["term"],
            "WithClauseError": ["term"], "CondClauseError": [], "TryClauseError": ["term"],
            "BadArityError": ["function", "args"],
            "UndefinedFunctionError": ["module", "function", "arity", "reason", "message"],
            "FunctionClauseError": ["module", "function", "arity", "kind", "args", "clauses"],
            "Code.LoadError": ["file", "message", "reason"],
            "Protocol.UndefinedError": ["protocol", "value", "description"],
            "KeyError": ["key", "term", "message"], "UnicodeConversionError": ["encoded", "message"],
            "File.Error": ["reason", "path", "action"],
            "File.CopyError": ["reason", "source", "destination", "on", "action"],
            "File.RenameError": ["reason", "source", "destination", "on", "action"],
            "File.LinkError": ["reason", "existing", "new", "action"],
            "ErlangError": ["original", "reason"],
        ]
        var table: [String: (fields: [String], isException: Bool)] = [:]
        for (name, fields) in structs { table["Elixir." + name] = (fields, false) }
        for (name, fields) in exceptions { table["Elixir." + name] = (fields, true) }
        return table
    }()
}

/// A struct's fields by name, and the shapes the built-in `Inspect` implementations read.
private struct StructFields {
    let entries: OrderedDictionary<ErlangTerm, ErlangTerm>

    subscript(name: String) -> ErlangTerm? { entries[.atom(name)] }

    func integer(_ name: String) -> Int? {
        guard case .integer(let value)? = self[name] else { return nil }
        return value.intValue
    }

    /// A binary field holding UTF-8 text.
    func string(_ name: String) -> String? {
        guard case .binary(let bytes)? = self[name] else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    private var isISOCalendar: Bool { self["calendar"] == .atom("Elixir.Calendar.ISO") }

    /// `2024-02-29`, as `Calendar.ISO.date_to_string/3` writes it.
    var isoDate: String? {
        guard isISOCalendar, let year = integer("year"), let month = integer("month"), let day = integer("day") else { return nil }
        return Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    }

    /// `12:34:56.789`: the microseconds to their precision, as `Calendar.ISO.time_to_string/4` writes them.
    var isoTime: String? {
        guard isISOCalendar, let hour = integer("hour"), let minute = integer("minute"), let second = integer("second"),
            case .tuple(let microsecond)? = self["microsecond"], microsecond.count == 2,
            case .integer(let value) = microsecond[0], let micros = value.intValue, (0...999_999).contains(micros),
            case .integer(let digits) = microsecond[1], let precision = digits.intValue, (0...6).contains(precision)
        else { return nil }
        let time = Self.pad(hour, 2) + ":" + Self.pad(minute, 2) + ":" + Self.pad(second, 2)
        return precision == 0 ? time : time + "." + Self.pad(micros, 6).prefix(precision)
    }

    /// `~U[2026-01-31 12:34:56Z]` in UTC, else `#DateTime<2026-01-31 13:34:56+01:00 CET Europe/Paris>`.
    var isoDateTime: String? {
        guard let date = isoDate, let time = isoTime, let zone = string("time_zone"), let abbreviation = string("zone_abbr"),
            let utcOffset = integer("utc_offset"), let stdOffset = integer("std_offset")
        else { return nil }
        if utcOffset == 0 && stdOffset == 0 && zone == "Etc/UTC" { return "~U[" + date + " " + time + "Z]" }
        let (total, overflow) = utcOffset.addingReportingOverflow(stdOffset)
        guard !overflow else { return nil }
        let seconds = total.magnitude
        let offset = (total < 0 ? "-" : "+") + Self.pad(Int(seconds / 3600), 2) + ":" + Self.pad(Int(seconds % 3600 / 60), 2)
        let zoneText = zone == "Etc/UTC" ? "" : " " + abbreviation + " " + zone
        return "#DateTime<" + date + " " + time + offset + zoneText + ">"
    }

    /// `1..10`, or `10..1//-1` when the step is not 1 or the range is empty (ranges from before
    /// Elixir 1.12 have no step: it is 1 when `first <= last`, else -1).
    var range: String? {
        guard let first = integer("first"), let last = integer("last") else { return nil }
        let step: Int
        if self["step"] == nil {
            step = first <= last ? 1 : -1
        } else if let value = integer("step") {
            step = value
        } else {
            return nil
        }
        return step == 1 && last >= first ? "\(first)..\(last)" : "\(first)..\(last)//\(step)"
    }

    /// `~r/a+b/i`; `Regex.compile!("a", [:caseless])` when the options are a list.
    func regex(charlistsAsLists: Bool) -> [ElixirInspector.Piece]? {
        guard case .binary(let source)? = self["source"] else { return nil }
        switch self["opts"] {
        case .binary(let options)?:
            let escaped = ElixirText.escape(Self.unescapingSlashes(source), quote: UInt8(ascii: "/"), map: ElixirText.regexEscape)
            return [.text("~r/" + escaped + "/" + String(decoding: options, as: UTF8.self))]
        case .list(let options)?:
            return [.text("Regex.compile!(" + ElixirInspector.binary(source) + ", "), .term(.list(options), charlistsAsLists: charlistsAsLists), .text(")")]
        default:
            return nil
        }
    }

    /// The source with `\/` turned into `/` (`\\` kept), before escaping puts one backslash back.
    private static func unescapingSlashes(_ source: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "\\"), index + 1 < source.count,
                source[index + 1] == UInt8(ascii: "\\") || source[index + 1] == UInt8(ascii: "/")
            {
                if source[index + 1] == UInt8(ascii: "\\") { result.append(UInt8(ascii: "\\")) }
                result.append(source[index + 1])
                index += 2
            } else {
                result.append(source[index])
                index += 1
            }
        }
        return result
    }

    /// `value` in decimal with at least `width` digits, the sign before them (`-0042`).
    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
