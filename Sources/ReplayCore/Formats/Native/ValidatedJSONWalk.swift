/// Walks JSON the index scan has already validated, without checking it again: strings are
/// skipped to their closing quote, containers by counting brackets outside strings. Every
/// step stays inside the bytes and gives up (nil) on anything it does not expect, so bytes
/// that are not what the scan saw cost a fallback to the validating parser, never a trap.
enum ValidatedJSONWalk {
    /// Calls `body` with each member of the object at `start`: the key's bytes (between the
    /// quotes, nil when it holds escapes) and the value's range. Nil when it gives up.
    static func members(
        of bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ body: (UnsafeBufferPointer<UInt8>?, Range<Int>) -> Void
    ) -> Void? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
        var i = skipSpace(bytes, start + 1)
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { return () }
        while i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            guard let keyEnd = endOfString(bytes, i) else { return nil }
            let raw = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<(keyEnd - 1)])
            let key = raw.contains(UInt8(ascii: "\\")) ? nil : raw
            i = skipSpace(bytes, keyEnd)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
            let valueStart = skipSpace(bytes, i + 1)
            guard let valueEnd = endOfValue(bytes, valueStart) else { return nil }
            body(key, valueStart..<valueEnd)
            i = skipSpace(bytes, valueEnd)
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "}") { return () }
            guard bytes[i] == UInt8(ascii: ",") else { return nil }
            i = skipSpace(bytes, i + 1)
        }
        return nil
    }

    /// The offset just past the value starting at `start`.
    static func endOfValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return endOfString(bytes, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard let end = endOfString(bytes, i) else { return nil }
                    i = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default:
                    break
                }
                i += 1
            }
            return nil
        default:
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    return i > start ? i : nil
                default:
                    i += 1
                }
            }
            return i > start ? i : nil
        }
    }

    /// The offset just past the string literal whose opening quote is at `start`.
    private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var i = start + 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): return i + 1
            default: i += 1
            }
        }
        return nil
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") || bytes[i] == UInt8(ascii: "\t") {
            i += 1
        }
        return i
    }
}
