import Testing
@testable import ReplayCore

/// One term of Fixtures/etf/vectors.json: `term_to_binary` bytes (Base64) made by OTP 25 and
/// Elixir 1.14's `inspect(term, limit: :infinity, printable_limit: :infinity)` of the term.
struct ETFVector: Sendable, CustomTestStringConvertible {
    var name: String
    var base64: String
    /// `default`, `compressed`, `compressed_9`, `minor_version_0` or `minor_version_2`.
    var encoding: String
    var inspect: String
    /// Pids, references, ports and funs: their numbers depend on the VM that made them.
    var vmDependent: Bool

    var testDescription: String { name }

    /// The vector encoded by default when this one is a variant (`keyword_list__compressed_9`
    /// is a variant of `keyword_list`).
    var defaultName: String? {
        let suffix = "__" + encoding
        guard encoding != "default", name.hasSuffix(suffix) else { return nil }
        return String(name.dropLast(suffix.count))
    }

    /// Every vector of the fixture, read with ReplayCore's own JSON parser.
    static func all() throws -> [ETFVector] {
        let data = try TraceData(contentsOf: fixturesDirectory + "etf/vectors.json")
        let document = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) in
            try JSONParser.parse(bytes)
        }
        return try (document["vectors"]?.arrayValue ?? []).map { (vector: JSONValue) throws(VectorError) in
            guard let name = vector["name"]?.stringValue, let base64 = vector["b64"]?.stringValue,
                let encoding = vector["encoding"]?.stringValue, let inspect = vector["inspect"]?.stringValue,
                case .bool(let vmDependent)? = vector["vm_dependent"]
            else { throw VectorError(vector: vector) }
            return ETFVector(name: name, base64: base64, encoding: encoding, inspect: inspect, vmDependent: vmDependent)
        }
    }

    struct VectorError: Error { var vector: JSONValue }
}

/// Elixir 1.14's inspect text as Elixir 1.15 prints it: charlists `'abc'` become `~c"abc"`.
/// Single quotes inside double-quoted strings and atoms are left alone.
func charlistsAsSigils(_ text: String) -> String {
    var result = ""
    var characters = text.makeIterator()
    while let character = characters.next() {
        switch character {
        case "\"":
            result.append(character)
            while let inner = characters.next() {
                result.append(inner)
                if inner == "\\", let escaped = characters.next() {
                    result.append(escaped)
                } else if inner == "\"" {
                    break
                }
            }
        case "'":
            result += "~c\""
            while let inner = characters.next(), inner != "'" {
                if inner == "\\", let escaped = characters.next() {
                    result += escaped == "'" ? "'" : "\\" + String(escaped)
                } else {
                    result += inner == "\"" ? "\\\"" : String(inner)
                }
            }
            result += "\""
        default:
            result.append(character)
        }
    }
    return result
}

@Suite struct ETFVectorTests {
    /// What this renderer prints where Elixir needed the recording VM's loaded modules.
    static let moduleDependent: [String: (ours: String, why: String)] = [
        "struct_defstruct": (
            #"%Fixgen.Etf.Point{label: "p", x: 1, y: -2}"#,
            "Elixir orders fields as the module's defstruct does (x, y, label); the bytes only hold them sorted"
        ),
        "map_with___struct___to_unknown_module": (
            "%Fixgen.NoSuchModule{a: 1}",
            "Elixir printed a map because that VM had no such module; a trace's structs name modules its app defines"
        ),
    ]

    @Test func theFixtureHasEveryVector() throws {
        let vectors = try ETFVector.all()
        #expect(vectors.count == 119)
        #expect(Set(vectors.map(\.name)).count == vectors.count)
    }

    @Test(arguments: try ETFVector.all())
    func inspectPrintsWhatElixirPrints(_ vector: ETFVector) throws {
        let printed = try ETFDecoder.decode(base64: vector.base64).elixirInspect
        let expected = charlistsAsSigils(vector.inspect)
        if let difference = Self.moduleDependent[vector.name] {
            #expect(printed == difference.ours, "\(difference.why)")
        } else if vector.vmDependent && printed.hasPrefix("#Function<") {
            // An anonymous function's defining function (".doubler/0") comes from the loaded module.
            #expect(expected.hasPrefix(printed.dropLast() + "."), "Elixir printed \(expected)")
        } else {
            #expect(printed == expected)
        }
    }

    @Test(arguments: try ETFVector.all().filter { $0.encoding != "default" })
    func everyEncodingDecodesToTheSameTerm(_ variant: ETFVector) throws {
        let vectors = try ETFVector.all()
        let original = try #require(vectors.first { $0.name == variant.defaultName })
        #expect(try ETFDecoder.decode(base64: variant.base64) == ETFDecoder.decode(base64: original.base64))
    }

    @Test func charlistsMapToTheSigilOutsideStrings() {
        #expect(charlistsAsSigils("'abc'") == #"~c"abc""#)
        #expect(charlistsAsSigils(#"['a\'b"c', "it's", :"x'y"]"#) == #"[~c"a'b\"c", "it's", :"x'y"]"#)
    }
}
