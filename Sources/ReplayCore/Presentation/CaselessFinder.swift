/// Finds a run of bytes in a buffer, ASCII letters matching in either case, sixteen
/// positions at a time: the two ends of the pattern are compared at sixteen starts at once
/// and only starts where both agree are checked whole.
struct CaselessFinder {
    /// The bytes looked for, letters lower-cased.
    let pattern: [UInt8]
    /// 0x20 where the pattern holds a letter: or-ed into a byte, it lower-cases an ASCII
    /// letter and makes no other byte equal to a letter that was not one already.
    private let folds: [UInt8]

    /// A finder of `pattern` (not empty), whose letters are lower-case; bytes of 0x80 or
    /// more match only themselves.
    init(_ pattern: [UInt8]) {
        precondition(!pattern.isEmpty, "an empty pattern is everywhere")
        self.pattern = pattern
        folds = pattern.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) ? 0x20 : 0 }
    }

    /// The first offset in `from..<before` where the pattern starts in `bytes` (it may run on
    /// past `before`, never past the buffer's end), or nil.
    func first(in bytes: UnsafeRawBufferPointer, from: Int, before: Int) -> Int? {
        let length = pattern.count
        let end = min(before, bytes.count - length + 1)
        guard from < end, let base = bytes.baseAddress else { return nil }
        let head = SIMD16<UInt8>(repeating: pattern[0])
        let headFold = SIMD16<UInt8>(repeating: folds[0])
        let tail = SIMD16<UInt8>(repeating: pattern[length - 1])
        let tailFold = SIMD16<UInt8>(repeating: folds[length - 1])
        var start = from
        while start + 16 <= end {
            let first = base.loadUnaligned(fromByteOffset: start, as: SIMD16<UInt8>.self) | headFold
            let last = base.loadUnaligned(fromByteOffset: start + length - 1, as: SIMD16<UInt8>.self) | tailFold
            let both = (first .== head) .& (last .== tail)
            if any(both) {
                for lane in 0..<16 where both[lane] && matches(base, at: start + lane) { return start + lane }
            }
            start += 16
        }
        while start < end {
            if matches(base, at: start) { return start }
            start += 1
        }
        return nil
    }

    private func matches(_ base: UnsafeRawPointer, at start: Int) -> Bool {
        for index in pattern.indices where base.load(fromByteOffset: start + index, as: UInt8.self) | folds[index] != pattern[index] {
            return false
        }
        return true
    }
}
