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

    /// Two recordings side by side share one syntax: the first's node numbers, the second's
    /// other nodes after them; charlists as both recordings' Elixir writes them.
    @Test func twoRecordingsShareOneSyntax() throws {
        func recording(elixir: String, node: String, pidNode: String) throws -> Trace {
            let meta = #"{"converted_from": "replayx", "elixir": "\#(elixir)", "node": "\#(node)"}"#
            let payload = #"{"@pid": {"node": "\#(pidNode)", "id": 7, "serial": 0, "creation": 1}}"#
            let text = #"{"format": "replay-trace", "meta": \#(meta), "initial_state": {}}"# + "\n" + #"{"kind": "info", "payload": \#(payload)}"#
            return try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
        }
        let a = try recording(elixir: "1.14.0", node: "a@h", pidNode: "x@h")
        let b = try recording(elixir: "1.14.2", node: "a@h", pidNode: "y@h")
        let shared = ValueSyntax(comparing: a, with: b)
        #expect(shared.language == .elixir)
        #expect(shared.elixir == ElixirInspectOptions(charlistSigil: false, nodeNumbers: ["x@h": 1, "y@h": 2]))
        let newer = try recording(elixir: "1.16.0", node: "a@h", pidNode: "x@h")
        #expect(ValueSyntax(comparing: a, with: newer).elixir.charlistSigil)
        let json = try TraceLoader.load(TraceData(bytes: Array(#"{"format": "replay-trace", "initial_state": {}, "events": []}"#.utf8)))
        #expect(ValueSyntax(comparing: a, with: json) == .json)
    }
}
