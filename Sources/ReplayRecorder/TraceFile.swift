#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplayCore

/// The trace file a recorder appends to: each line is handed to the kernel in one `write(2)`
/// (continued only when the kernel takes part of it, or a signal interrupts it), so the file
/// never holds half a line that the program meant to finish.
final class TraceFile: Sendable {
    let path: String
    private let descriptor: Int32

    /// Creates the file, or empties the one there.
    init(creating path: String) throws(TraceRecorderError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TraceRecorderError(path: path, message: "cannot create the trace: \(String(cString: strerror(errno)))") }
    }

    deinit {
        close(descriptor)
    }

    /// Appends `line`, which ends in a newline.
    func append(_ line: [UInt8]) throws(TraceRecorderError) {
        let failure = line.withUnsafeBytes { writeAll($0, to: descriptor) }
        if let failure { throw TraceRecorderError(path: path, message: "cannot write the trace: \(String(cString: strerror(failure)))") }
    }

    /// Asks the system to put what was written on disk.
    func sync() throws(TraceRecorderError) {
        guard fsync(descriptor) == 0 else { throw TraceRecorderError(path: path, message: "cannot put the trace on disk: \(String(cString: strerror(errno)))") }
    }
}
