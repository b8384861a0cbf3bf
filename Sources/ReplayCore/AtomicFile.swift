#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files whole or not at all: to a temporary file beside the target, flushed
/// to disk, then renamed over it. A failed write leaves the old file as it was and no
/// temporary file behind (a process killed mid-write leaves its `.NAME.tmp-PID`).
public enum AtomicFile {
    /// Writes `text` to `path`.
    public static func write(_ text: String, to path: String) throws(AtomicFileError) {
        try write(to: path) { (file: inout Writer) throws(AtomicFileError) in try file.write(text) }
    }

    /// Calls `body` with a writer whose output replaces `path` only if `body` returns.
    /// `durable: false` skips the flush to disk, for files that are checked when read and
    /// may be lost (a cache): the rename still makes them appear whole or not at all.
    public static func write(
        to path: String, durable: Bool = true, _ body: (inout Writer) throws(AtomicFileError) -> Void
    ) throws(AtomicFileError) {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = "\(directory)/.\(name).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFileError(path: path, code: errno) }
        var writer = Writer(descriptor: descriptor, path: path)
        var failure: AtomicFileError?
        do throws(AtomicFileError) {
            try body(&writer)
            try writer.flush()
            if durable, fsync(descriptor) != 0 { failure = AtomicFileError(path: path, code: errno) }
        } catch {
            failure = error
        }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = AtomicFileError(path: path, code: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Buffered writes to the temporary file.
    public struct Writer {
        let descriptor: Int32
        let path: String
        private var buffer: [UInt8] = []

        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        public mutating func write(_ text: String) throws(AtomicFileError) {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 20 { try flush() }
        }

        /// Writes `bytes` (a few: they go through the buffer).
        public mutating func write(bytes: [UInt8]) throws(AtomicFileError) {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { try flush() }
        }

        /// Writes `bytes`; large ones go straight to the file, not through the buffer.
        public mutating func write(bytes: UnsafeRawBufferPointer) throws(AtomicFileError) {
            guard bytes.count >= 1 << 16 else {
                buffer.append(contentsOf: bytes)
                if buffer.count >= 1 << 20 { try flush() }
                return
            }
            try flush()
            if let code = writeAll(bytes, to: descriptor) { throw AtomicFileError(path: path, code: code) }
        }

        mutating func flush() throws(AtomicFileError) {
            if let code = buffer.withUnsafeBytes({ writeAll($0, to: descriptor) }) {
                throw AtomicFileError(path: path, code: code)
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}

/// An output file that could not be written.
public struct AtomicFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, code: Int32) {
        self.path = path
        reason = String(cString: strerror(code))
    }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
