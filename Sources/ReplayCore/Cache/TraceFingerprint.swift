#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies a trace file's contents for the index cache without reading it all: its
/// size, modification time, device and inode, and a hash of its first and last 64 KB. A
/// saved index is reused only when every part matches, so an appended, truncated, touched
/// or replaced file (even by one of the same size) is indexed again.
public struct TraceFingerprint: Equatable, Sendable {
    /// The bytes hashed at each end.
    public static let endLength = 64 << 10

    public var size: Int
    public var modifiedSeconds: Int
    public var modifiedNanoseconds: Int
    public var device: UInt64
    public var inode: UInt64
    /// XXH64 of the first and of the last ``endLength`` bytes (the same bytes when the file
    /// is shorter than that).
    public var headHash: UInt64
    public var tailHash: UInt64

    public init(
        size: Int, modifiedSeconds: Int, modifiedNanoseconds: Int, device: UInt64, inode: UInt64, headHash: UInt64, tailHash: UInt64
    ) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.device = device
        self.inode = inode
        self.headHash = headHash
        self.tailHash = tailHash
    }

    /// The fingerprint of the regular file at `path`, whose bytes `data` mapped: nil when it
    /// is not a regular file or its size is no longer the mapped one (it is being written).
    public init?(path: String, data: TraceData) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else { return nil }
        let (head, tail) = data.withBytes { bytes in
            let length = min(Self.endLength, bytes.count)
            return (
                XXH64.hash(UnsafeRawBufferPointer(rebasing: bytes[0..<length])),
                XXH64.hash(UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - length)...]))
            )
        }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        self.init(
            size: Int(info.st_size), modifiedSeconds: Int(modified.tv_sec), modifiedNanoseconds: Int(modified.tv_nsec),
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), headHash: head, tailHash: tail
        )
    }

    /// Seconds since the file was last modified, by the wall clock (negative for a time in
    /// the future).
    public var age: Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec - modifiedSeconds) + Double(now.tv_nsec - modifiedNanoseconds) / 1e9
    }
}
