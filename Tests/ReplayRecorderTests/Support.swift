import Foundation

/// A seeded random source (SplitMix64): a failing seed fails the same way every time.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    /// Short text, sometimes with characters JSON escapes and characters beyond ASCII.
    mutating func text() -> String {
        let pieces = ["a", "b", "key", "Zürich", "\"", "\\", "\n", "tab\t", "東京", "🙂", "/", "~1", ""]
        return (0..<Int.random(in: 1...3, using: &self)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &self)] }.joined()
    }

    /// Floats of every shape, all within Float's range.
    mutating func float() -> Float {
        switch Int.random(in: 0..<5, using: &self) {
        case 0: Float(Int.random(in: -1_000...1_000, using: &self))
        case 1: Float.random(in: -1e-40...1e-40, using: &self)
        case 2: Float.random(in: 1e10...1e38, using: &self)
        case 3: 0.1
        default: Float.random(in: -1_000...1_000, using: &self)
        }
    }

    /// Doubles of every shape: whole, tiny, huge, negative zero, ordinary fractions.
    mutating func double() -> Double {
        switch Int.random(in: 0..<6, using: &self) {
        case 0: Double(Int.random(in: -1_000...1_000, using: &self))
        case 1: Double.random(in: -1e-300...1e-300, using: &self)
        case 2: Double.random(in: 1e15...1e300, using: &self)
        case 3: -0.0
        case 4: 0.1
        default: Double.random(in: -1_000...1_000, using: &self)
        }
    }
}

/// A path for a trace in the temporary directory, unique to this process.
func temporaryTrace(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("replay-recorder-\(getpid())-\(name).ndjson").path
}
