#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on stderr for long loads: shown only when stderr is a terminal
/// and only once half a second has passed, then erased when the work is done.
final class ProgressBar {
    private let label: String
    private let started = ProgressBar.now()
    private var shown = false

    /// Nil when stderr is not a terminal.
    init?(label: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
    }

    func show(_ fraction: Double) {
        guard ProgressBar.now() - started >= 0.5 else { return }
        shown = true
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: min(filled, width)) + String(repeating: "░", count: max(width - filled, 0))
        Output.status("\r\(label) \(bar) \(Int(fraction * 100))%")
    }

    func finish() {
        if shown { Output.status("\r\u{1B}[2K") }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
