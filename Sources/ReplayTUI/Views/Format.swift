import ReplayCore

/// Small text formats the views share.
enum Format {
    /// Milliseconds as a person reads them: `850 ms`, `5.65 s`, `12 min 3 s`.
    static func duration(_ milliseconds: Double) -> String {
        if milliseconds < 1_000 { return "\(trimmed(milliseconds, places: 1)) ms" }
        let seconds = milliseconds / 1_000
        if seconds < 60 { return "\(trimmed(seconds, places: 2)) s" }
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(minutes) min \(Int(seconds) % 60) s" }
        return "\(minutes / 60) h \(minutes % 60) min"
    }

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
