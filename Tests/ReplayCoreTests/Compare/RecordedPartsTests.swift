import TestSupport
import Testing
@testable import ReplayCore

/// The byte paths compare uses on native traces find what the validating parser finds.
@Suite struct RecordedPartsTests {
    @Test(arguments: Array(UInt64(1)...20))
    func theQuickWalkFindsWhatTheParserFinds(seed: UInt64) throws {
        let made = RandomTrace.make(seed: seed, events: 30)
        for text in [made.text, made.ndjson] {
            let trace = try TraceLoader.load(TraceData(bytes: Array(text.utf8)))
            let store = NativeEventBytes(try #require(trace.events as? NativeEventIndex))
            for index in 0..<trace.count {
                let quick = try #require(store.recordedRanges(index))
                let checked = try #require(store.data.withBytes { store.validatedRanges($0, index) })
                #expect(quick.payload == checked.payload && quick.effect == checked.effect, "seed \(seed) event #\(index)")
            }
        }
    }

    @Test(arguments: Array(UInt64(1)...200))
    func aValueEndsWhereItsTextEnds(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let value = RandomJSON.value(&random)
        for text in [value.jsonText(.compact), value.jsonText(.pretty)] {
            let bytes = Array((text + ",").utf8)
            let end = bytes.withUnsafeBufferPointer { ValidatedJSONWalk.endOfValue($0, 0) }
            #expect(end == bytes.count - 1, "\(text)")
        }
    }

    @Test func cutBytesGiveUpInsteadOfTrapping() {
        for text in [#"{"a": "unterminated"#, #"{"a": [1, 2"#, #"{"a" 1}"#, "{", "", #""\"#] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                #expect(ValidatedJSONWalk.members(of: buffer, at: 0) { _, _ in } == nil, "\(text)")
                _ = ValidatedJSONWalk.endOfValue(buffer, 0)
            }
        }
    }
}
