import Testing
import ReplayCore

/// `elixirPlain`, what `--syntax elixir` writes for a trace that is no Replayx recording.
@Suite struct ValueSyntaxTests {
    @Test func plainJSONIsWrittenAsElixirDecodesIt() throws {
        let value: JSONValue = ["count": 1, "@tuple": [1, 2]]
        #expect(try ValueSyntax.elixirPlain.text(value) == #"%{"count" => 1, "@tuple" => [1, 2]}"#)
        #expect(ValueSyntax.elixirPlain.preview(value, limit: 12) == #"%{"count" =…"#)
        #expect(ValueSyntax.elixirPlain.children(of: value)?.map(\.label) == [#""count""#, #""@tuple""#])
        #expect(ValueSyntax.elixirPlain.openSummary(value, count: 2) == "%{2 keys}")
    }

    @Test func jsonIsWrittenCompactOnOneLine() throws {
        #expect(try ValueSyntax.json.text(["a": [1, "b"]]) == #"{"a":[1,"b"]}"#)
    }
}
