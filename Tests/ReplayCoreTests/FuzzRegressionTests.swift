import Foundation
import Testing
@testable import ReplayCore

/// An input a fuzz target once failed on, kept in Fixtures/fuzz-regressions/TARGET/ with the
/// outcome it must now have in `NAME.expected` beside it (docs/reliability.md, "Fuzzing").
struct FuzzRegression: Sendable, CustomTestStringConvertible {
    /// The fuzz target's name: the folder the input is in.
    var target: String
    var path: String

    var testDescription: String { "\(target)/\((path as NSString).lastPathComponent)" }

    static let folder: String = {
        var path = #filePath
        path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        return path + "/Fixtures/fuzz-regressions"
    }()

    /// Every input in the folder, by target.
    static func all() throws -> [FuzzRegression] {
        let files = FileManager.default
        return try files.contentsOfDirectory(atPath: folder).sorted().flatMap { target in
            try files.contentsOfDirectory(atPath: folder + "/" + target).sorted()
                .filter { !$0.hasSuffix(".expected") }
                .map { FuzzRegression(target: target, path: folder + "/" + target + "/" + $0) }
        }
    }

    /// What running the input through the target's code gives, in one line.
    func outcome() throws -> String {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        switch target {
        case "json-parser": return Self.parseOutcome(bytes)
        case "etf-term": return Self.decodeOutcome(bytes)
        case "state-diff": return Self.diffOutcome(bytes)
        case "native-trace": return Self.traceOutcome(bytes, format: nil)
        case let format where TraceFormatName(rawValue: format).flatMap(TraceFormats.named) != nil: return Self.traceOutcome(bytes, format: format)
        default: return "no runner for the fuzz target '\(target)'"
        }
    }

    /// Parsed and written back unchanged, or the syntax error.
    static func parseOutcome(_ bytes: [UInt8]) -> String {
        do throws(JSONSyntaxError) {
            let value = try JSONValue(parsing: bytes)
            let again = try JSONValue(parsing: value.jsonText(.compact))
            return again == value ? "parses and writes back the same" : "writes back as \(again.jsonText(.compact))"
        } catch {
            return "error at offset \(error.offset): \(error.message)"
        }
    }

    /// Whether the diff between the documents before and after the first NUL byte, applied
    /// to the first, gives the second; or the syntax error.
    static func diffOutcome(_ bytes: [UInt8]) -> String {
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        do throws(JSONSyntaxError) {
            let a = try JSONValue(parsing: Array(bytes[..<split]))
            let b = try JSONValue(parsing: Array(bytes[min(split + 1, bytes.count)...]))
            var patched = a
            try? JSONPatch.apply(StateDiff.changes(from: a, to: b).map(\.patchOperation), to: &patched)
            return patched == b ? "the diff applies" : "the diff gives \(patched.jsonText(.compact))"
        } catch {
            return "error at offset \(error.offset): \(error.message)"
        }
    }

    /// The term as Elixir inspects it, or the decoding error.
    static func decodeOutcome(_ bytes: [UInt8]) -> String {
        do throws(ETFError) {
            return "decodes to \(try ETFDecoder.decode(bytes).elixirInspect)"
        } catch {
            return "error: \(error)"
        }
    }

    /// The trace loaded (as `format`, or recognised), every event read, every position
    /// replayed, and converted to native and back with the same events; or the first error.
    static func traceOutcome(_ bytes: [UInt8], format: String?) -> String {
        do {
            let trace = try TraceLoader.load(TraceData(bytes: bytes), format: format)
            let replayer = Replayer(trace: trace)
            for position in 0...trace.count { _ = try replayer.state(at: position) }
            var text = ""
            try NativeFormat.write(trace, ndjson: false) { text += $0 }
            let converted = try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
            for index in 0..<trace.count where try converted.events.event(index) != trace.events.event(index) {
                return "event #\(index) changes when converted to native"
            }
            return "loads as \(trace.format) with \(trace.count) event(s); replays, and converts to native unchanged"
        } catch {
            return "error: \(error)"
        }
    }
}

@Suite struct FuzzRegressionTests {
    @Test(arguments: try FuzzRegression.all())
    func hasItsExpectedOutcome(_ input: FuzzRegression) throws {
        let expected = try String(contentsOfFile: input.path + ".expected", encoding: .utf8)
        let outcome = try input.outcome()
        #expect(outcome == expected.trimmingCharacters(in: .newlines))
    }

    /// Each folder is named after a target of Fuzz/targets, so scripts/fuzz.sh replays it too.
    @Test func foldersAreFuzzTargets() throws {
        let targets = try String(contentsOfFile: FuzzRegression.folder + "/../../../../Fuzz/targets", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: " ").first.map(String.init) }
        let folders = try FileManager.default.contentsOfDirectory(atPath: FuzzRegression.folder)
        #expect(!folders.isEmpty)
        for folder in folders { #expect(targets.contains(folder), "\(folder) is not a target in Fuzz/targets") }
    }
}
