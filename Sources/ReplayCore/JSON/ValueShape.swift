/// The shape of a valid JSON value: its bytes with its string and number values cut out
/// (member names, brackets, punctuation, `true`, `false`, `null` and whitespace kept), so
/// that a value of the same shape is known valid by comparing its bytes with the kept ones
/// and validating only the strings and numbers in between
/// (``JSONParser/skipValidValue(shapedLike:)``).
///
/// A recorder writes the same payloads and changes over and over, with other values in
/// them: `{"account":"acc-0082","amount":1236}`, then `{"account":"acc-0166","amount":396}`.
/// Walking such a value token by token costs some 40 instructions a token; comparing its
/// 23 kept bytes costs four 8-byte compares.
///
/// Exact, as a value's bytes are the only evidence: a valid value with one string or
/// number value swapped for another valid one is valid, and nests as deep. Anything else
/// fails the comparison, and the value is walked the usual way.
///
/// A shape lives in memory its owner allocates (``size`` bytes, zeroed: no shape), read
/// and written in place so that checking one costs no reference counting:
///
/// | bytes | what |
/// | --- | --- |
/// | 0 | how many runs of kept bytes (0: no shape) |
/// | 1 | how deep the value nests |
/// | 2–5 | how often the shape matched, and how long the slot waits before trying again (``waits()``) |
/// | 8–55 | each run, a 16-bit word: its length in the low 12 bits, the hole after it above them |
/// | 64– | the kept bytes, run after run, then eight zero bytes |
///
/// The same memory holds an event's shape (``EventShapes``), whose holes are the event's
/// fields.
struct ValueShape {
    /// What comes after a run of kept bytes, in a value's shape; an event's shape has holes
    /// of its own, numbered after these (``EventShapes/Hole``).
    enum Hole: UInt16 {
        case end = 0, string = 1, number = 2
    }

    let base: UnsafeMutableRawPointer

    /// Values with more holes, more kept bytes or deeper nesting are not given a shape:
    /// comparing them would cost more than walking them saves.
    static let maxRuns = 24
    static let maxKept = 1_024
    static let maxLevels = 16
    /// How many values a shape must match before the next one is recorded at once.
    static let paying: UInt16 = 4
    /// The bytes a shape takes.
    static let size = keptOffset + maxKept + 64
    fileprivate static let runsOffset = 8
    fileprivate static let keptOffset = 64

    /// True when a shape is recorded here.
    var isRecorded: Bool { base.load(as: UInt8.self) != 0 }

    /// Forgets the shape.
    func clear() {
        base.storeBytes(of: 0, as: UInt8.self)
    }

    /// Counts a match.
    @inline(__always)
    func noteMatch() {
        let matches = base.load(fromByteOffset: 2, as: UInt16.self)
        base.storeBytes(of: matches == .max ? matches : matches + 1, toByteOffset: 2, as: UInt16.self)
    }

    /// True while the slot waits after shapes that did not pay: the value or event is then
    /// walked without being compared with the shape, and the wait counts down. Comparing
    /// and recording cost about a walk each, so a slot whose shapes keep differing tries
    /// less and less often: after a shape that matched fewer than ``paying`` values, it lets
    /// 1, 3, 7, ... up to 255 go by before it tries again (``noteMiss()``).
    @inline(__always)
    func waits() -> Bool {
        let wait = base.load(fromByteOffset: 4, as: UInt8.self)
        guard wait > 0 else { return false }
        base.storeBytes(of: wait - 1, toByteOffset: 4, as: UInt8.self)
        return true
    }

    /// After a value or event of another shape, before its own is recorded in the slot:
    /// sets how long the slot waits (``waits()``).
    func noteMiss() {
        let paid = base.load(fromByteOffset: 2, as: UInt16.self) >= Self.paying
        let backoff = base.load(fromByteOffset: 5, as: UInt8.self)
        let next: UInt8 = paid ? 0 : (backoff >= 127 ? 255 : 2 * backoff + 1)
        base.storeBytes(of: next, toByteOffset: 5, as: UInt8.self)
        base.storeBytes(of: next, toByteOffset: 4, as: UInt8.self)
        base.storeBytes(of: 0, toByteOffset: 2, as: UInt16.self)
    }

    /// Starts recording a shape, with `recorder`'s ``ShapeRecorder/cut(_:_:before:)``
    /// keeping each run; ``ShapeRecorder/finish(levels:)`` completes it.
    func recorder(_ bytes: UnsafeBufferPointer<UInt8>) -> ShapeRecorder {
        clear()
        return ShapeRecorder(shape: self, bytes: bytes)
    }

    /// Records the shape of the valid value `parser.bytes[start..<end]`; false, with no
    /// shape recorded, when it is too large or complex (see ``maxRuns``), holds a string
    /// ``JSONParser/validString(at:)`` does not vouch for (a surrogate pair), or lies in the
    /// input's last eight bytes.
    func record(_ parser: JSONParser, from start: Int, to end: Int) -> Bool {
        let bytes = parser.bytes
        var recorder = recorder(bytes)
        guard end + 8 <= bytes.count else { return false }
        // Bit k set: the container k + 1 levels up from the innermost is an object.
        var objects: UInt64 = 0
        var depth = 0
        var levels = 0
        var expectingName = false
        var runStart = start
        var i = start
        while i < end {
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[i] == UInt8(ascii: "{")
                objects = objects << 1 | (isObject ? 1 : 0)
                depth += 1
                guard depth <= Self.maxLevels else { return false }
                levels = max(levels, depth)
                expectingName = isObject
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                objects >>= 1
                depth -= 1
                expectingName = false
                i += 1
            case UInt8(ascii: ","):
                expectingName = objects & 1 != 0
                i += 1
            case UInt8(ascii: ":"):
                expectingName = false
                i += 1
            case UInt8(ascii: "\""):
                guard let string = parser.validString(at: i) else { return false }
                if !expectingName {
                    guard recorder.cut(runStart, i, before: Hole.string.rawValue) else { return false }
                    runStart = string.close + 1
                }
                i = string.close + 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard let numberEnd = JSONNumber.numberLiteralEnd(bytes, from: i) else { return false }
                guard recorder.cut(runStart, i, before: Hole.number.rawValue) else { return false }
                i = numberEnd
                runStart = i
            default:
                // Whitespace, and the letters of true, false and null.
                i += 1
            }
        }
        guard recorder.cut(runStart, end, before: Hole.end.rawValue) else { return false }
        recorder.finish(levels: levels)
        return true
    }

    /// Whether the kept run of `length` bytes at `kept` is at `raw[i...]`: whole words, then
    /// the last few bytes (the low ones of a word, little-endian). Both must have eight
    /// bytes to spare past the run. Moves `i` and `kept` past it when it is.
    @inline(__always)
    static func keptMatches(_ raw: UnsafeRawPointer, _ i: inout Int, _ kept: inout UnsafeRawPointer, length: Int) -> Bool {
        let end = i &+ length
        while i &+ 8 <= end {
            guard raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == kept.loadUnaligned(as: UInt64.self) else { return false }
            i &+= 8
            kept += 8
        }
        if i < end {
            let difference = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ kept.loadUnaligned(as: UInt64.self)
            guard difference << (8 &* UInt64(8 &- (end &- i))) == 0 else { return false }
            kept += end &- i
            i = end
        }
        return true
    }

    var levels: Int { Int(base.load(fromByteOffset: 1, as: UInt8.self)) }
    var runCount: Int { Int(base.load(as: UInt8.self)) }
    /// Run `k`: its length and the hole after it.
    @inline(__always)
    func run(_ k: Int) -> (length: Int, hole: UInt16) {
        let word = base.load(fromByteOffset: Self.runsOffset + 2 * k, as: UInt16.self)
        return (Int(word & 0x0FFF), word >> 12)
    }
    var kept: UnsafeRawPointer { UnsafeRawPointer(base + Self.keptOffset) }
}

/// Writes a shape's runs (``ValueShape/recorder(_:)``).
struct ShapeRecorder {
    let shape: ValueShape
    let bytes: UnsafeBufferPointer<UInt8>
    private var runs = 0
    private var kept = 0

    fileprivate init(shape: ValueShape, bytes: UnsafeBufferPointer<UInt8>) {
        self.shape = shape
        self.bytes = bytes
    }

    /// Keeps `bytes[from..<to]` as a run followed by the hole `hole`; false past the limits.
    mutating func cut(_ from: Int, _ to: Int, before hole: UInt16) -> Bool {
        guard runs < ValueShape.maxRuns, kept + (to - from) <= ValueShape.maxKept, let source = bytes.baseAddress else { return false }
        (shape.base + ValueShape.keptOffset + kept).copyMemory(from: source + from, byteCount: to - from)
        shape.base.storeBytes(of: UInt16(to - from) | hole << 12, toByteOffset: ValueShape.runsOffset + 2 * runs, as: UInt16.self)
        runs += 1
        kept += to - from
        return true
    }

    /// Completes the shape: `levels` deep, its runs as cut.
    func finish(levels: Int) {
        (shape.base + ValueShape.keptOffset + kept).initializeMemory(as: UInt8.self, repeating: 0, count: 8)
        shape.base.storeBytes(of: UInt8(levels), toByteOffset: 1, as: UInt8.self)
        shape.base.storeBytes(of: UInt8(runs), as: UInt8.self)
    }
}

extension JSONParser {
    /// Moves past the value at the current position and returns true when it has `shape`
    /// (its kept bytes, and valid strings and numbers where the shape has holes) and nests
    /// no deeper than ``maxDepth`` allows here: it is then valid. False otherwise, with the
    /// position where it was. A shape not recorded matches nothing.
    mutating func skipValidValue(shapedLike shape: ValueShape) -> Bool {
        let runs = shape.runCount
        guard runs > 0, shape.levels <= Self.maxDepth - depth, let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var kept = shape.kept
        let count = bytes.count
        var i = position
        for k in 0..<runs {
            let (length, hole) = shape.run(k)
            // Room for the last word's load, and for the hole's first bytes.
            guard i &+ length &+ 8 <= count, ValueShape.keptMatches(raw, &i, &kept, length: length) else { return false }
            switch hole {
            case ValueShape.Hole.string.rawValue:
                guard bytes[i] == UInt8(ascii: "\""), let string = validString(at: i) else { return false }
                i = string.close &+ 1
            case ValueShape.Hole.number.rawValue:
                guard let end = numberEnd(at: i) else { return false }
                i = end
            default:
                break
            }
        }
        position = i
        return true
    }

    /// ``JSONNumber/numberLiteralEnd(_:from:)`` for the number at `i`, with up to seven
    /// digits alone (no sign, fraction or exponent) read as one word, at least eight bytes
    /// before the end of the input.
    @inline(__always)
    func numberEnd(at i: Int) -> Int? {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: i, as: UInt64.self))
        // The lowest flagged byte is the first that is no digit (see JSONNumber.digitsEnd).
        let notDigits = ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080
        let digits = notDigits.trailingZeroBitCount >> 3
        if digits > 0, digits < 8, word & 0xFF != 0x30 || digits == 1 {
            let after = bytes[i &+ digits]
            if after != UInt8(ascii: "."), after | 0x20 != UInt8(ascii: "e") { return i &+ digits }
        }
        return numberLiteralEnd(at: i)
    }

    /// Kept out of line, so that ``numberEnd(at:)`` stays small enough to inline.
    @inline(never)
    private func numberLiteralEnd(at i: Int) -> Int? {
        JSONNumber.numberLiteralEnd(bytes, from: i)
    }
}
