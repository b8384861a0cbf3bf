#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TraceData {
    /// Inflates gzip data into a temporary file and maps it, so that a trace of any inflated
    /// size is held in the page cache, not in this process's memory: a 3 MB file that
    /// inflates to 3 GB costs a few MB of resident memory, as a 3 GB trace file does.
    ///
    /// The file is made in `$TMPDIR` (else `/tmp`) and unlinked at once, so it disappears with
    /// the process however it ends. Inflating stops with a clear error when the temporary
    /// space would fall below `spare` bytes free (by default 512 MB, or 2% of that file
    /// system when it is small), rather than fill the disk. `truncated` is true when the gzip
    /// stream ended early (what inflated before the cut is kept).
    public static func inflating(_ compressed: TraceData, spare: Int? = nil) throws(TraceError) -> (data: TraceData, truncated: Bool) {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/replay-tui-inflated-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw TraceError(.file, "cannot make a temporary file in \(directory) to inflate the gzip trace into: \(systemMessage(errno)); set TMPDIR to a writable directory")
        }
        defer { close(descriptor) }
        unlink(template)
        var space = TemporarySpace(descriptor: descriptor, directory: directory, spare: spare)
        let truncated = try compressed.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> Bool in
            try Gzip.inflate(bytes) { (chunk: UnsafeRawBufferPointer) throws(TraceError) in
                try space.check(adding: chunk.count)
                if let code = writeAll(chunk, to: descriptor) { throw space.full(code) }
            }
        }
        guard space.written > 0 else { throw TraceError(.file, "the gzip data inflates to nothing") }
        return (try TraceData(mapping: descriptor, size: space.written), truncated)
    }
}

/// The temporary file system an inflating trace is written to: how much was written, and
/// whether there is room for more.
private struct TemporarySpace {
    let descriptor: Int32
    let directory: String
    let spare: Int?
    private(set) var written = 0
    /// Where the free space is next looked at.
    private var nextCheck = 0

    /// How often the free space is looked at.
    static let checkEvery = 64 << 20

    init(descriptor: Int32, directory: String, spare: Int?) {
        self.descriptor = descriptor
        self.directory = directory
        self.spare = spare
    }

    /// Counts `count` more bytes; every ``checkEvery`` bytes, throws when the file system
    /// would be left with less than the spare room.
    mutating func check(adding count: Int) throws(TraceError) {
        written += count
        guard written >= nextCheck else { return }
        nextCheck = written + Self.checkEvery
        var info = statvfs()
        guard fstatvfs(descriptor, &info) == 0 else { return }
        let blockSize = Int(info.f_frsize)
        let free = Int(info.f_bavail) * blockSize
        let spare = spare ?? min(512 << 20, Int(info.f_blocks) * blockSize / 50)
        guard free < spare + Self.checkEvery else { return }
        throw TraceError(.file, "the gzip trace inflates to more than \(megabytes(written)) and \(directory) has \(megabytes(free)) left; stopped to leave room: set TMPDIR to a directory with more space")
    }

    /// The error for a write that failed with `code`.
    func full(_ code: Int32) -> TraceError {
        if code == ENOSPC {
            return TraceError(.file, "the temporary space in \(directory) ran out after \(megabytes(written)) of the inflated gzip trace: set TMPDIR to a directory with more space")
        }
        return TraceError(.file, "cannot write the inflated gzip trace to \(directory): \(systemMessage(code))")
    }

    private func megabytes(_ bytes: Int) -> String {
        bytes >= 10 << 30 ? "\(bytes >> 30) GB" : "\(bytes >> 20) MB"
    }
}
