import Foundation
import TestSupport

/// What the recorder's random cases draw, beyond the shared generator.
extension SeededRandom {
    /// Short text, sometimes with characters JSON escapes and characters beyond ASCII.
    mutating func text() -> String {
        let pieces = ["a", "b", "key", "Zürich", "\"", "\\", "\n", "tab\t", "東京", "🙂", "/", "~1", ""]
        return (0..<Int.random(in: 1...3, using: &self)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &self)] }.joined()
    }

    /// Floats of every shape, all within Float's range.
    mutating func float() -> Float {
        switch Int.random(in: 0..<5, using: &self) {
        case 0: Float(Int.random(in: -1_000...1_000, using: &self))
        case 1: Float.random(in: -Float.leastNormalMagnitude / 100...Float.leastNormalMagnitude / 100, using: &self)  // subnormals
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
