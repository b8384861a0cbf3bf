import ReplayCore

#if canImport(Glibc)
import Glibc
#endif

/// Writes output files whole or not at all: to a temporary file beside the target, flushed
/// to disk, then renamed over it. An interrupted write leaves the old file untouched.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws(AtomicFileError) {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let temporary = "\(directory)/.\(baseName(path)).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFileError(path: path, code: errno) }
        let bytes = Array(text.utf8)
        var offset = 0
        var failure: Int32 = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += written
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw AtomicFileError(path: path, code: failure)
        }
    }
}

/// An output file that could not be written.
struct AtomicFileError: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
}
