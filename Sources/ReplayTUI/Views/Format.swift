import ReplayCore

/// Small text formats the views share.
enum Format {
    /// A position as people read it: `#3` (events #0 to #3 applied), or `start`.
    static func position(_ position: Int) -> String {
        position == 0 ? "start" : "#\(position - 1)"
    }

    /// A speed factor: `0.25x`, `1x`, `64x`.
    static func speed(_ factor: Double) -> String {
        "\(trimmed(factor, places: 2))x"
    }

    /// `value` with at most `places` decimals and no trailing zeros.
    static func trimmed(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = "\(rounded)"
        while text.last == "0" { text.removeLast() }
        return text
    }
}
