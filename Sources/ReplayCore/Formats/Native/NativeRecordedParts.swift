#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether two events' payloads and changes are the same bytes in their files.
struct SameRecordedParts: Equatable {
    var payload: Bool
    var effect: Bool
}

/// A native trace's bytes and where each event starts in them: what comparing events byte
/// for byte needs, held by reference so that the hot loop copies no index columns.
final class NativeEventBytes {
    let data: TraceData
    let starts: StartColumn

    init(_ index: NativeEventIndex) {
        data = index.data
        starts = index.table.starts
    }

    var count: Int { starts.count }

    /// Where the event's `payload` and its state/patch/merge value are in the file (nil for
    /// one the event lacks), found by skipping over its members (``ValidatedJSONWalk``, or
    /// the validating parser when a key holds escapes or the walk gives up); nil should the
    /// bytes not read as they did when the scan validated them.
    func recordedRanges(_ index: Int) -> (payload: Range<Int>?, effect: Range<Int>?)? {
        data.noteRead()
        return data.withBytes { bytes -> (payload: Range<Int>?, effect: Range<Int>?)? in
            var payload: Range<Int>?
            var effect: Range<Int>?
            var plain = true
            let walked: Void? = ValidatedJSONWalk.members(of: bytes.assumingMemoryBound(to: UInt8.self), at: starts[index]) { key, range in
                guard let key else {
                    plain = false
                    return
                }
                guard let field = NativeEventField(utf8: key) else { return }
                if field == .payload {
                    payload = range
                } else if field.effect != nil {
                    effect = range
                }
            }
            if walked != nil, plain { return (payload, effect) }
            return validatedRanges(bytes, index)
        }
    }

    /// ``recordedRanges(_:)`` by the validating parser.
    func validatedRanges(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (payload: Range<Int>?, effect: Range<Int>?)? {
        var parser = JSONParser(bytes: bytes, position: starts[index])
        var payload: Range<Int>?
        var effect: Range<Int>?
        do throws(JSONSyntaxError) {
            try parser.readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
                let start = parser.position
                let field = parser.eventField(keyStart, keyEnd)
                try parser.skipValue()
                if field == .payload {
                    payload = start..<parser.position
                } else if field?.effect != nil {
                    effect = start..<parser.position
                }
            }
        } catch {
            return nil
        }
        return (payload, effect)
    }

    /// Compares event `index`'s payload and change with event `other` of `that` byte for
    /// byte, without copying either; nil when either event's bytes cannot be walked.
    func sameRecordedParts(_ index: Int, as that: NativeEventBytes, _ other: Int) -> SameRecordedParts? {
        if sameBytes(index, as: that, other) { return SameRecordedParts(payload: true, effect: true) }
        guard let mine = recordedRanges(index), let theirs = that.recordedRanges(other) else { return nil }
        return data.withBytes { left in
            that.data.withBytes { right in
                func same(_ a: Range<Int>?, _ b: Range<Int>?) -> Bool {
                    guard let a, let b else { return a == nil && b == nil }
                    return a.count == b.count && memcmp(left.baseAddress! + a.lowerBound, right.baseAddress! + b.lowerBound, a.count) == 0
                }
                return SameRecordedParts(payload: same(mine.payload, theirs.payload), effect: same(mine.effect, theirs.effect))
            }
        }
    }

    /// True when the two events are the same bytes from their start to the next event's
    /// (what two copies of a recording share): no member needs finding then.
    private func sameBytes(_ index: Int, as that: NativeEventBytes, _ other: Int) -> Bool {
        guard index + 1 < count, other + 1 < that.count else { return false }
        let length = starts[index + 1] - starts[index]
        guard length == that.starts[other + 1] - that.starts[other] else { return false }
        data.noteRead()
        that.data.noteRead()
        return data.withBytes { left in
            that.data.withBytes { right in
                memcmp(left.baseAddress! + starts[index], right.baseAddress! + that.starts[other], length) == 0
            }
        }
    }

    /// True when events `range` here and as many from `other` there are the same bytes, the
    /// next event's start included: being at an event's start in both files, identical
    /// bytes are identical events (one memcmp for a block of them, the pages let go after).
    func sameBytes(_ range: Range<Int>, as that: NativeEventBytes, from other: Int) -> Bool {
        guard range.upperBound < count, other + range.count < that.count else { return false }
        let start = starts[range.lowerBound]
        let length = starts[range.upperBound] - start
        let otherStart = that.starts[other]
        guard length == that.starts[other + range.count] - otherStart else { return false }
        defer {
            data.releasePages(from: start, before: start + length)
            that.data.releasePages(from: otherStart, before: otherStart + length)
        }
        return data.withBytes { left in
            that.data.withBytes { right in
                memcmp(left.baseAddress! + start, right.baseAddress! + otherStart, length) == 0
            }
        }
    }

    /// The value whose bytes are `range` (from ``recordedRanges(_:)``), parsed alone; nil
    /// should it not parse as it did when the scan validated it.
    func value(in range: Range<Int>) -> JSONValue? {
        data.withBytes { bytes in
            var parser = JSONParser(bytes: bytes, position: range.lowerBound)
            return try? parser.parseValue()
        }
    }
}
