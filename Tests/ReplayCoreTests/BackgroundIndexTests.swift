#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TestSupport
import Testing
@testable import ReplayCore

/// A trace indexed in the background: every prefix handed out is the start of the whole
/// trace, crash included only when more events cannot move it, and the whole trace is what
/// a foreground load gives.
@Suite struct BackgroundIndexTests {
    /// Reads `text` with prefixes handed out every `stride` bytes, without waiting between them.
    private func prefixes(of text: String, stride: Int = 64) throws -> (whole: Trace, prefixes: [Trace]) {
        let collected = Collected()
        let whole = try NativeFormat.read(TraceData(bytes: Array(text.utf8)), splitAbove: .max,
                                          prefixes: NativePrefixes(stride: stride, interval: 0) { trace, _ in collected.traces.append(trace) })
        return (whole, collected.traces)
    }

    private final class Collected: @unchecked Sendable {
        var traces: [Trace] = []
    }

    /// The events of `trace` as text, one a line.
    private func events(_ trace: Trace, upTo count: Int? = nil) throws -> [String] {
        try (0..<(count ?? trace.count)).map { index in
            "\(trace.events.summary(index)) \(try trace.events.event(index).nativeJSON.jsonText(.compact))"
        }
    }

    @Test(arguments: Array(UInt64(1)...20))
    func everyPrefixIsTheStartOfTheWholeTrace(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 80)
        for text in [made.ndjson, made.text] {
            let (whole, prefixes) = try prefixes(of: text)
            #expect(!prefixes.isEmpty, "seed \(seed)")
            var last = 0
            for prefix in prefixes {
                #expect(prefix.count >= last && prefix.count <= whole.count)
                last = prefix.count
                #expect(prefix.initialState == whole.initialState)
                #expect(prefix.meta == whole.meta)
                #expect(try events(prefix) == events(whole, upTo: prefix.count))
                if let crash = prefix.crash {
                    #expect(crash == whole.crash, "a prefix's crash is the trace's")
                }
            }
        }
    }

    @Test func anInferredCrashWaitsForTheWholeTrace() throws {
        var lines = [#"{"format": "replay-trace", "version": 1, "initial_state": {}}"#]
        for index in 0..<200 { lines.append(#"{"kind": "call", "name": "e\#(index)", "error": \#(index == 3 ? "\"bad\"" : "null")}"#) }
        lines.append(#"{"kind": "crash", "name": "boom"}"#)
        let (whole, prefixes) = try prefixes(of: lines.joined(separator: "\n") + "\n")
        #expect(whole.crash?.index == 200)
        #expect(prefixes.count > 2)
        #expect(prefixes.allSatisfy { $0.crash == nil || $0.crash?.index == 200 })
    }

    @Test func aMarkerCrashShowsOnceItsEventIsIndexed() throws {
        var lines = [#"{"format": "replay-trace", "version": 1, "meta": {"crash": {"index": 150, "reason": "late"}}, "initial_state": {}}"#]
        for index in 0..<200 { lines.append(#"{"kind": "call", "name": "e\#(index)"}"#) }
        let (whole, prefixes) = try prefixes(of: lines.joined(separator: "\n") + "\n")
        #expect(whole.crash == Crash(index: 150, reason: "late", inferred: false))
        for prefix in prefixes {
            #expect(prefix.crash == (prefix.count > 150 ? whole.crash : nil))
        }
    }

    @Test func noPrefixesWhenTheInitialStateComesAfterTheEvents() throws {
        let events = (0..<100).map { #"{"kind": "call", "name": "e\#($0)"}"# }.joined(separator: ",")
        let text = #"{"format": "replay-trace", "version": 1, "events": [\#(events)], "initial_state": {"n": 1}}"#
        let (whole, prefixes) = try prefixes(of: text)
        #expect(whole.count == 100)
        #expect(prefixes.isEmpty)
    }

    @Test func noPrefixesForADocumentThatDoesNotNameTheFormat() throws {
        let events = (0..<100).map { #"{"kind": "call", "name": "e\#($0)"}"# }.joined(separator: ",")
        let (whole, prefixes) = try prefixes(of: #"{"initial_state": {}, "events": [\#(events)]}"#)
        #expect(whole.count == 100)
        #expect(prefixes.isEmpty)
    }

    /// The background load ends as the foreground one does: the same trace, or the same error.
    @Test func theBackgroundLoadEndsAsTheForegroundOne() throws {
        let made = RandomTrace.make(seed: 7, events: 50)
        let path = try temporaryFile(made.ndjson)
        defer { unlink(path) }
        let index = BackgroundIndex(path: path)
        var news = index.first()
        while case .grew = news { news = index.first() }
        guard case .finished(let trace, _) = news else { Issue.record("expected the whole trace, got \(news)"); return }
        let foreground = try TraceLoader.load(path: path)
        #expect(try events(trace) == events(foreground))
        #expect(trace.crash == foreground.crash)
        #expect(index.isDone)
        #expect(index.take() == nil)

        let broken = try temporaryFile(#"{"format": "replay-trace", "version": 1}"# + "\n" + #"{"kind": "call"} x"# + "\n")
        defer { unlink(broken) }
        let failed = BackgroundIndex(path: broken).first()
        #expect(throws: TraceError.self) { try TraceLoader.load(path: broken) }
        do throws(TraceError) {
            _ = try TraceLoader.load(path: broken)
        } catch {
            #expect(failed == .failed(error))
        }
        #expect(BackgroundIndex(path: "/no/such/trace.json").first() == .failed(TraceError(.file, "no such file or directory")))
    }

    private func temporaryFile(_ text: String) throws -> String {
        var template = Array("/tmp/background-index-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        try #require(descriptor >= 0)
        let bytes = Array(text.utf8)
        #expect(write(descriptor, bytes, bytes.count) == bytes.count)
        close(descriptor)
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
