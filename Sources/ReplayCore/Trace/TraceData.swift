#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The bytes of a trace file, held for as long as any event may still be parsed from them.
///
/// A regular file is mapped read-only (its pages are read on demand and never copied), and
/// so is a gzip trace, inflated into a temporary file first (``inflating(_:)``); stdin lives
/// in memory, and so does a trace being followed, which grows as it is read. The file itself
/// is never written.
public final class TraceData: @unchecked Sendable {
    private enum Storage {
        case mapped(UnsafeMutableRawPointer, Int)
        case memory([UInt8])
        case growing(GrowingBytes)
    }

    private let storage: Storage
    /// Events read through ``noteRead()``, by every thread, since the trace was opened.
    private let reads = Atomic<Int>(0)

    /// How many reads pass between releases of the mapped pages: about one seek's replay in
    /// the debugger, so that what stays resident is a few MB however much of the file is
    /// read (the kernel maps pages around each one read, so a read costs more than its bytes).
    static let readsPerRelease = 2_048

    /// Bytes already in memory.
    public init(bytes: [UInt8]) {
        storage = .memory(bytes)
    }

    /// Bytes that more will be appended to (``append(_:)``): a trace being followed as it is
    /// written. Readers on any thread see the bytes appended before they asked.
    public init(growing bytes: [UInt8]) {
        storage = .growing(GrowingBytes(bytes))
    }

    /// Adds bytes at the end of a growing trace's data (``init(growing:)``); nothing else
    /// may grow.
    public func append(_ bytes: some Collection<UInt8>) {
        guard case .growing(let buffer) = storage else { preconditionFailure("only growing trace data can be appended to") }
        buffer.withLock { $0.append(contentsOf: bytes) }
    }

    /// Maps the file at `path` read-only. Errors name what is wrong in a sentence
    /// ("no such file or directory", "is a directory", "the file is empty").
    public init(contentsOf path: String) throws(TraceError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw TraceError(.file, systemMessage(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw TraceError(.file, systemMessage(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw TraceError(.file, "is a directory, not a trace file") }
        if (info.st_mode & S_IFMT) != S_IFREG {
            // Pipes and devices cannot be mapped: read them through.
            storage = .memory(try readAll(descriptor))
            return
        }
        let size = Int(info.st_size)
        guard size > 0 else { throw TraceError(.file, "the file is empty") }
        storage = .mapped(try Self.map(descriptor, size: size), size)
    }

    /// Maps `size` bytes of the open file `descriptor` read-only; the descriptor may be
    /// closed afterwards.
    init(mapping descriptor: Int32, size: Int) throws(TraceError) {
        storage = .mapped(try Self.map(descriptor, size: size), size)
    }

    private static func map(_ descriptor: Int32, size: Int) throws(TraceError) -> UnsafeMutableRawPointer {
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw TraceError(.file, "cannot map the file: \(systemMessage(errno))")
        }
        #if canImport(Glibc)
        // Pages the file's first reading brings into the page cache then come in 2 MB
        // folios, and cached 2 MB folios are mapped whole (Linux aligns a large mapping to
        // 2 MB): indexing a 5M-event trace first read from disk this way took 0.11 s of
        // kernel time on every later pass, against 0.40 s when read in small folios.
        if size >= Self.releaseUnit { _ = madvise(base, size, MADV_HUGEPAGE) }
        #endif
        return base
    }

    /// Reads standard input to its end.
    public static func standardInput() throws(TraceError) -> TraceData {
        TraceData(bytes: try readAll(STDIN_FILENO))
    }

    deinit {
        if case .mapped(let base, let size) = storage {
            munmap(base, size)
        }
    }

    public var count: Int {
        switch storage {
        case .mapped(_, let size): size
        case .memory(let bytes): bytes.count
        case .growing(let buffer): buffer.withLock { $0.count }
        }
    }

    /// Lets the kernel drop the mapped pages before `offset` from this process's memory. They
    /// stay in the page cache and come back (cheaply) if read again: a pass over a large file
    /// keeps only a window of it resident, not the whole file.
    public func releasePages(before offset: Int) {
        releasePages(from: 0, before: offset)
    }

    /// Lets go of the mapped pages in `start..<end`, in whole ``releaseUnit``s: from the
    /// unit `start` is in to the one `end` is in, which is kept (so a scan that lets go
    /// behind itself stride by stride lets go of every unit once it is past it). Safe from
    /// any thread: pages let go of come back from the page cache if read again.
    public func releasePages(from start: Int, before end: Int) {
        guard case .mapped(let base, let size) = storage else { return }
        let first = max(start, 0) / Self.releaseUnit * Self.releaseUnit
        let last = min(end, size) / Self.releaseUnit * Self.releaseUnit
        if last > first { madvise(base + first, last - first, MADV_DONTNEED) }
    }

    /// What pages are let go of in: 2 MB, the folio a large file's pages may be cached and
    /// mapped in (one mapped whole is split in two to let go of a part of it).
    public static let releaseUnit = 2 << 20

    /// Counts `events` reads of an event (one by default); every ``readsPerRelease`` reads,
    /// releases every mapped page, so that replaying or seeking through a large file keeps
    /// little of it resident. Safe from any thread: the debugger's key loop and its worker
    /// read the same trace.
    public func noteRead(_ events: Int = 1) {
        let total = reads.wrappingAdd(events, ordering: .relaxed).newValue
        if total / Self.readsPerRelease != (total - events) / Self.readsPerRelease {
            releasePages(before: count)
        }
    }

    /// Calls `body` with the bytes; the buffer is valid only inside `body`. For growing data
    /// the bytes are locked meanwhile: `body` must not ask this data for its count or bytes.
    public func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        switch storage {
        case .mapped(let base, let size):
            return try body(UnsafeRawBufferPointer(start: base, count: size))
        case .memory(let bytes):
            let result = bytes.withUnsafeBytes { buffer in
                Result { () throws(E) -> R in try body(buffer) }
            }
            return try result.get()
        case .growing(let buffer):
            // Held while `body` reads, so that an append cannot move the bytes under it.
            return try buffer.withLock { (bytes: inout [UInt8]) throws(E) -> R in
                let result = bytes.withUnsafeBytes { buffer in Result { () throws(E) -> R in try body(buffer) } }
                return try result.get()
            }
        }
    }
}

/// The bytes of a growing trace, behind a lock: appended by the reader that follows the
/// file, read by the key loop and the worker. (A pthread mutex, as `Mutex` cannot hand a
/// non-sendable result, such as a parsed event, out of its lock.)
private final class GrowingBytes: @unchecked Sendable {
    private var bytes: [UInt8]
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    func withLock<R, E: Error>(_ body: (inout [UInt8]) throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return try body(&bytes)
    }
}

private func readAll(_ descriptor: Int32) throws(TraceError) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if got < 0 {
            if errno == EINTR { continue }
            throw TraceError(.file, "cannot read: \(systemMessage(errno))")
        }
        if got == 0 { return bytes }
        bytes.append(contentsOf: chunk[0..<got])
    }
}

/// The C library's sentence for an errno value, starting lower-case.
func systemMessage(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
}
