/// Whole-column passes over an index's memory: what the overview and the crash search ask
/// of every event once the scan is done. They run after the two cores indexing a large
/// trace meet, on one core, so each reads its column in its own width and several elements
/// a load, rather than one widened value at a time through a closure: that way they had
/// cost some 15 ms at 5M events, most of it the kind counts, each waiting on the one before
/// while a run of events has one kind.
extension IndexColumn where Element == UInt8 {
    /// The first position from `start` on whose byte has any of `bits` set, eight bytes a
    /// load.
    func firstPosition(from start: Int = 0, withAnyOf bits: UInt8) -> Int? {
        withUnsafeBytes { bytes in
            let spread = UInt64(bits) &* 0x0101_0101_0101_0101
            var position = start
            while position + 8 <= bytes.count {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)) & spread
                if word != 0 { return position + word.trailingZeroBitCount >> 3 }
                position += 8
            }
            while position < bytes.count {
                if bytes[position] & bits != 0 { return position }
                position += 1
            }
            return nil
        }
    }
}

extension IndexColumn where Element == UInt16 {
    /// The first position holding `value`, four elements a load.
    func firstPosition(of value: UInt16) -> Int? {
        withUnsafeBytes { bytes in
            let lanes: UInt64 = 0x0001_0001_0001_0001
            let spread = UInt64(value) &* lanes
            let total = bytes.count / 2
            var position = 0
            while position + 4 <= total {
                // A lane of `difference` is zero where the value matches. Taking one from
                // each lane sets the top bit of a lane that was zero, and of a lane above one
                // that was (its borrow), so the lowest bit set marks the first match.
                let difference = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position &* 2, as: UInt64.self)) ^ spread
                let zeros = (difference &- lanes) & ~difference & (lanes << 15)
                if zeros != 0 { return position + zeros.trailingZeroBitCount >> 4 }
                position += 4
            }
            while position < total {
                if bytes.loadUnaligned(fromByteOffset: position &* 2, as: UInt16.self) == value { return position }
                position += 1
            }
            return nil
        }
    }
}

extension IndexColumn where Element: FixedWidthInteger & UnsignedInteger {
    /// How many times each value below `limit` appears; values from `limit` on are not
    /// counted. Eight bytes a load, for elements of two or four bytes.
    func tally(below limit: Int) -> [Int] {
        let width = MemoryLayout<Element>.stride
        precondition(width == 2 || width == 4, "tally: elements of two or four bytes")
        let perWord = 8 / width
        // One in the lowest bit of each element of a word.
        let lanes = UInt64.max / UInt64(Element.max)
        // A bank of counters for each element of a word, so that in a run of one value each
        // count does not wait for the one before; values from `limit` on land in each bank's
        // last counter.
        let bank = limit + 1
        var banks = [Int](repeating: 0, count: perWord * bank)
        banks.withUnsafeMutableBufferPointer { counts in
            withUnsafeBytes { bytes in
                let total = bytes.count / width
                var position = 0
                while position + perWord <= total {
                    let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position &* width, as: UInt64.self))
                    let first = word & UInt64(Element.max)
                    if word == first &* lanes {
                        // A word of one value, the usual case: a run of one kind, or no lane.
                        counts[Swift.min(Int(first), limit)] += perWord
                    } else {
                        for lane in 0..<perWord {
                            let value = Int(truncatingIfNeeded: word >> UInt64(lane &* width &* 8)) & Int(Element.max)
                            counts[lane &* bank &+ Swift.min(value, limit)] += 1
                        }
                    }
                    position += perWord
                }
                while position < total {
                    counts[Swift.min(Int(bytes.loadUnaligned(fromByteOffset: position &* width, as: Element.self)), limit)] += 1
                    position += 1
                }
            }
        }
        return (0..<limit).map { value in (0..<perWord).reduce(0) { $0 + banks[$1 * bank + value] } }
    }
}

extension CompactColumn where Rule == NarrowIDs {
    /// How many times each id below `limit` appears; ids from `limit` on
    /// (``NativeEventTable/noName`` among them) are not counted.
    func tally(below limit: Int) -> [Int] {
        withColumn(
            narrow: { ids in
                // 65,535 is no name among narrow ids, so no id counted.
                let counts = ids.tally(below: Swift.min(limit, Int(UInt16.max)))
                return counts + repeatElement(0, count: limit - counts.count)
            },
            wide: { $0.tally(below: limit) })
    }

    /// The position of the first id equal to `value`: among narrow ids, the first equal to
    /// its narrow form.
    func firstIndex(of value: UInt32) -> Int? {
        withColumn(
            narrow: { ids in Rule.narrowed(value).flatMap { ids.firstPosition(of: $0) } },
            wide: { ids in ids.firstIndex { $0 == value } })
    }
}

extension CompactColumn where Rule == WholeTimes {
    /// The largest time, nil when no event has one.
    var latest: Double? {
        withColumn(
            narrow: { times in
                // No time is the smallest narrow value, so the largest is a time if any is.
                var latest = Int32.min
                times.withUnsafeBytes { bytes in
                    for position in 0..<bytes.count / 4 {
                        latest = Swift.max(latest, bytes.loadUnaligned(fromByteOffset: position &* 4, as: Int32.self))
                    }
                }
                return latest == Int32.min ? nil : Double(latest)
            },
            wide: { times in
                // No time is `nan`, which is never larger.
                var (latest, timed) = (-Double.infinity, false)
                times.withUnsafeBytes { bytes in
                    for position in 0..<bytes.count / 8 {
                        let time = bytes.loadUnaligned(fromByteOffset: position &* 8, as: Double.self)
                        if time > latest { latest = time }
                        timed = timed || !time.isNaN
                    }
                }
                return timed ? latest : nil
            })
    }
}
