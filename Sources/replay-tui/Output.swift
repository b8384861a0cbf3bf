#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplayCore

/// Buffered standard output for large results, and standard error for messages.
///
/// A closed pipe (`replay-tui events big.json | head`) ends the program quietly with
/// status 0 instead of a SIGPIPE.
enum Output {
    /// Bytes written but not yet flushed; only the main thread writes output.
    nonisolated(unsafe) private static var pending: [UInt8] = []

    /// Writes `text` followed by a newline to standard output.
    static func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes `bytes` (UTF-8 text) to standard output as they are.
    static func write(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { flush() }
    }

    /// Writes `text` to standard output as is.
    static func write(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 16 { flush() }
    }

    /// Flushes standard output.
    static func flush() {
        send(pending, to: STDOUT_FILENO)
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes a line to standard error.
    static func error(_ text: String) {
        status(text + "\n")
    }

    /// Writes `text` to standard error as is (a progress line redraws itself with `\r`).
    static func status(_ text: String) {
        send(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Makes a closed pipe an error from write() instead of a fatal signal.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `bytes` whole, or exits: with 0 when the reader has gone (a closed pipe),
    /// else with 1.
    private static func send(_ bytes: [UInt8], to descriptor: Int32) {
        if let code = bytes.withUnsafeBytes({ writeAll($0, to: descriptor) }) {
            exit(code == EPIPE ? 0 : 1)
        }
    }
}
