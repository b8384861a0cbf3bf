/// Pairs of byte strings that differ in one byte only, at every position of every length in
/// `lengths`: what a key built from some of a name's bytes (``ShortBytes``) would confuse.
struct OneByteApart {
    let length: Int
    /// Where they differ.
    let position: Int
    let text: [UInt8]
    let other: [UInt8]

    static func pairs(lengths: ClosedRange<Int>) -> [OneByteApart] {
        lengths.flatMap { length in
            let text = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            return (0..<length).map { position in
                var other = text
                other[position] = UInt8(ascii: "Z")
                return OneByteApart(length: length, position: position, text: text, other: other)
            }
        }
    }
}
