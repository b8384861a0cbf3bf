import OrderedCollections
import Testing
@testable import ReplayCore

/// Rules of Elixir 1.14's `inspect` beyond the vectors, as its sources (`Inspect`, `Macro`,
/// `Code.Identifier`, `Calendar.ISO`) define them.
@Suite struct ETFInspectTests {
    private func int(_ value: Int) -> ErlangTerm { .integer(ErlangInteger(value)) }
    private func string(_ text: String) -> ErlangTerm { .binary(Array(text.utf8)) }
    private func charlist(_ text: String) -> ErlangTerm { .list(text.utf8.map { int(Int($0)) }) }

    private func structure(_ module: String, _ fields: [(String, ErlangTerm)]) -> ErlangTerm {
        var entries: OrderedDictionary<ErlangTerm, ErlangTerm> = [.atom("__struct__"): .atom("Elixir." + module)]
        for (name, value) in fields { entries[.atom(name)] = value }
        return .map(entries)
    }

    @Test(arguments: [
        ("::", #":"::""#), ("\\\\", #":\\"#), ("//", #":"//""#), ("when", ":when"), ("%{}", ":%{}"),
        ("..//", ":..//"), ("Elixir", "Elixir"), ("Elixir.Elixir.Foo", "Elixir.Elixir.Foo"),
        ("Elixir.foo", #":"Elixir.foo""#), ("Elixir.Foo.Bar9_x", "Foo.Bar9_x"), ("a\"b", #":"a\"b""#),
        ("\u{B5}", #":"µ""#), ("foo?bar", #":"foo?bar""#), ("9a", #":"9a""#), ("_", ":_"), ("Ünïcode", ":Ünïcode"),
        ("a\nb", #":"a\nb""#),
    ])
    func atomLiterals(name: String, printed: String) {
        #expect(ErlangTerm.atom(name).elixirInspect == printed)
    }

    @Test func keywordKeysAndRemoteCalls() {
        let pairs: [(String, ErlangTerm)] = [("::", int(1)), ("+", int(2)), ("nil", int(3)), ("Foo", int(4))]
        #expect(ErlangTerm.list(pairs.map { .tuple([.atom($0.0), $0.1]) }).elixirInspect == #"["::": 1, +: 2, nil: 3, Foo: 4]"#)
        #expect(ErlangTerm.list([.tuple([.atom("Elixir.Foo"), int(1)])]).elixirInspect == "[{Foo, 1}]")
        #expect(ErlangTerm.fun(.export(module: "erlang", function: "+", arity: 2)).elixirInspect == "&:erlang.+/2")
        #expect(ErlangTerm.fun(.export(module: "Elixir.M", function: "Foo", arity: 0)).elixirInspect == #"&M."Foo"/0"#)
        #expect(ErlangTerm.fun(.export(module: "m", function: "a b", arity: 1)).elixirInspect == #"&:m."a b"/1"#)
    }

    @Test func stringEscapesAndPrintability() {
        #expect(string("\u{FEFF}x").elixirInspect == #""\uFEFFx""#)
        #expect(string("\u{7}\u{8}\u{1B}\u{7F}\u{B}\u{C}").elixirInspect == #""\a\b\e\d\v\f""#)
        #expect(string("# #{").elixirInspect == ##""# \#{""##)
        #expect(string("\u{85}").elixirInspect == "<<194, 133>>")
        #expect(ErlangTerm.binary([0xED, 0xA0, 0x80]).elixirInspect == "<<237, 160, 128>>")
    }

    @Test func charlists() {
        #expect(charlist("\u{7}\u{8}\u{1B}").elixirInspect == #"~c"\a\b\e""#)
        #expect(charlist("a\"b#{").elixirInspect == ##"~c"a\"b\#{""##)
        #expect(ErlangTerm.list([int(7), int(127)]).elixirInspect == "[7, 127]")
        #expect(ErlangTerm.improperList([int(97)], tail: int(98)).elixirInspect == "[97 | 98]")
        let set = structure("MapSet", [("map", .map([charlist("ab"): .list([])])), ("version", int(2))])
        #expect(set.elixirInspect == "MapSet.new([[97, 98]])")
    }

    @Test(arguments: [
        (1000.0, "1000.0"), (1.0e15, "1000000000000000.0"), (0.001, "0.001"), (0.0001, "1.0e-4"),
        (1.5e300, "1.5e300"), (123.456, "123.456"), (-2.5, "-2.5"), (9007199254740992.0, "9007199254740992.0"),
        (10000000000000002.0, "1.0000000000000002e16"), (0.5, "0.5"), (1.0e-10, "1.0e-10"), (0.0, "0.0"),
    ])
    func floats(value: Double, printed: String) {
        #expect(ErlangTerm.float(value).elixirInspect == printed)
    }

    private let iso: (String, ErlangTerm) = ("calendar", .atom("Elixir.Calendar.ISO"))

    @Test func calendarStructs() {
        let date = structure("Date", [("year", int(-1)), ("month", int(1)), ("day", int(2)), iso])
        #expect(date.elixirInspect == "~D[-0001-01-02]")
        let time = structure("Time", [("hour", int(1)), ("minute", int(2)), ("second", int(3)), ("microsecond", .tuple([int(5), int(0)])), iso])
        #expect(time.elixirInspect == "~T[01:02:03]")
        let paris = structure("DateTime", [
            ("year", int(2024)), ("month", int(1)), ("day", int(2)), ("hour", int(3)), ("minute", int(4)), ("second", int(5)),
            ("microsecond", .tuple([int(120), int(4)])), ("time_zone", string("Europe/Paris")), ("zone_abbr", string("CET")),
            ("utc_offset", int(3600)), ("std_offset", int(0)), iso,
        ])
        #expect(paris.elixirInspect == "#DateTime<2024-01-02 03:04:05.0001+01:00 CET Europe/Paris>")
        let range = structure("Date.Range", [("first", date), ("last", date), ("step", int(2))])
        #expect(range.elixirInspect == "Date.range(~D[-0001-01-02], ~D[-0001-01-02], 2)")
        let holocene = structure("Date", [("year", int(1)), ("month", int(1)), ("day", int(2)), ("calendar", .atom("Elixir.Holocene"))])
        #expect(holocene.elixirInspect == "%Date{year: 1, month: 1, day: 2, calendar: Holocene}")
    }

    @Test func otherBuiltInStructs() {
        #expect(structure("Range", [("first", int(5)), ("last", int(1)), ("step", int(1))]).elixirInspect == "5..1//1")
        #expect(structure("Range", [("first", int(3)), ("last", int(1))]).elixirInspect == "3..1//-1")
        #expect(structure("Regex", [("source", string("a/b\\/c\n")), ("opts", string(""))]).elixirInspect == #"~r/a\/b\/c\n/"#)
        #expect(structure("Regex", [("source", string("a")), ("opts", .list([.atom("caseless")]))]).elixirInspect == #"Regex.compile!("a", [:caseless])"#)
        #expect(structure("Version.Requirement", [("source", string("~> 1.0")), ("lexed", .list([]))]).elixirInspect == #"Version.parse_requirement!("~> 1.0")"#)
        let stream = structure("Stream", [("enum", .list([int(1)])), ("funs", .list([.atom("g"), .atom("f")])), ("accs", .list([])), ("done", .atom("nil"))])
        #expect(stream.elixirInspect == "#Stream<[enum: [1], funs: [:f, :g]]>")
        let error = structure("ArgumentError", [("message", string("x")), ("__exception__", .atom("true"))])
        #expect(error.elixirInspect == #"%ArgumentError{message: "x"}"#)
    }

    @Test func mapsThatAreNotStructs() {
        #expect(structure("URI", [("host", string("h"))]).elixirInspect == #"%{__struct__: URI, host: "h"}"#)
        #expect(ErlangTerm.map([.atom("__struct__"): .atom("foo"), .atom("a"): int(1)]).elixirInspect == "%{__struct__: :foo, a: 1}")
        #expect(ErlangTerm.map([.atom("__struct__"): .atom("Elixir.Foo"), string("a"): int(1)]).elixirInspect == #"%{:__struct__ => Foo, "a" => 1}"#)
        #expect(ErlangTerm.map([.atom("Elixir.Foo"): int(1)]).elixirInspect == "%{Foo => 1}")
        #expect(structure("Foo", []).elixirInspect == "%Foo{}")
    }

    @Test func deepAndLongTermsPrintWithoutRecursion() throws {
        var term = ErlangTerm.list([])
        for _ in 0..<ETFDecoder.maxDepth { term = .list([term]) }
        #expect(term.elixirInspect.count == 2 * ETFDecoder.maxDepth + 2)
        let long = ErlangTerm.tuple(Array(repeating: int(1), count: 100_000))
        #expect(long.elixirInspect.count == 2 + 100_000 + 2 * 99_999)
    }
}
