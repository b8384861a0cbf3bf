/// Floats as Elixir 1.14's `inspect` prints them: integral values below 10^16 as `123.0`,
/// everything else in the shortest form that reads back exactly, laid out by Erlang's
/// `io_lib_format:fwrite_g/1` (`0.1`, `1.0e16`, `-1.5e-7`, `5.0e-324`).
enum ElixirFloat {
    static func format(_ value: Double) -> String {
        let magnitude = value.magnitude
        if magnitude >= 1, magnitude < 1e16, value == value.rounded(.towardZero) {
            return String(Int(value)) + ".0"
        }
        if magnitude == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, exponent) = shortestDigits(magnitude)
        return (value.sign == .minus ? "-" : "") + layout(digits: digits, exponent: exponent, magnitude: magnitude)
    }

    /// The shortest decimal digits that read back as `value` (positive, finite, non-zero), without
    /// leading or trailing zeros, and the power of ten of the last digit: 0.15 is ("15", -2).
    /// Swift's `description` finds the same shortest, closest digits as Erlang; only its layout differs.
    private static func shortestDigits(_ value: Double) -> (digits: [Character], exponent: Int) {
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        var exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let fraction = mantissa.count == 2 ? mantissa[1] : ""
        exponent -= fraction.count
        var digits = Array(mantissa[0] + fraction).drop { $0 == "0" }
        while digits.last == "0" {
            digits.removeLast()
            exponent += 1
        }
        return (Array(digits), exponent)
    }

    /// `insert_decimal/3` of `io_lib_format`: plain notation when it is no longer than
    /// scientific notation (and, for integral values, below 2^53), scientific otherwise.
    private static func layout(digits: [Character], exponent place: Int, magnitude: Double) -> String {
        let count = digits.count
        let exponent = place + count - 1
        let exponentText = String(exponent)
        let exponentCost = exponentText.count + 2
        if place < 0 {
            if exponent >= 0 {
                return String(digits[..<(count + place)]) + "." + String(digits[(count + place)...])
            }
            if 2 - place - count <= exponentCost {
                return "0." + String(repeating: "0", count: -place - count) + String(digits)
            }
        } else if place + (count == 1 ? 1 : 0) <= exponentCost, magnitude < 9007199254740992 {
            return String(digits) + String(repeating: "0", count: place) + ".0"
        }
        let rest = digits.dropFirst()
        return String(digits[0]) + "." + (rest.isEmpty ? "0" : String(rest)) + "e" + exponentText
    }
}
