#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The layout every cache file shares: a 24-byte header (magic, layout version, kind,
/// section count), then sections, each its length and its XXH64 before its bytes.
///
/// A file is read only when the magic, the version and the kind are this build's and every
/// section's length fits and its hash matches: anything else (cut off, a flipped byte,
/// another version's layout) reads as no file at all.
enum CacheFile {
    /// "replay-tui" cache files start with these 8 bytes.
    static let magic: [UInt8] = Array("RTCACHE\u{0}".utf8)
    /// The layout version: changed whenever any section's encoding changes, or what the
    /// index records of the same bytes (5: an event field named twice keeps its last value),
    /// so that files another build wrote are ignored.
    static let version: UInt32 = 5
    static let headerLength = 24

    /// What a file holds.
    enum Kind: UInt32 {
        case index = 1
        case checkpoints = 2
    }

    /// One section: written straight from the array or column that holds its bytes.
    typealias Section = any SectionBytes

    /// Writes `sections` to `path` as a file of `kind`, atomically (temporary file and rename).
    static func write(_ sections: [Section], kind: Kind, to path: String) throws(AtomicFileError) {
        try AtomicFile.write(to: path, durable: false) { (file: inout AtomicFile.Writer) throws(AtomicFileError) in
            var header = CacheByteWriter()
            for byte in magic { header.integer(byte) }
            header.integer(version)
            header.integer(kind.rawValue)
            header.integer(UInt32(sections.count))
            header.integer(UInt32(0))
            try file.write(bytes: header.bytes)
            for section in sections {
                var prefix = CacheByteWriter()
                prefix.integer(section.withUnsafeBytes { UInt64($0.count) })
                prefix.integer(section.withUnsafeBytes { XXH64.hash($0) })
                try file.write(bytes: prefix.bytes)
                let failure = section.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> AtomicFileError? in
                    do throws(AtomicFileError) {
                        try file.write(bytes: bytes)
                        return nil
                    } catch {
                        return error
                    }
                }
                if let failure { throw failure }
            }
        }
    }

    /// The file at `path` mapped, if it is a whole, undamaged file of `kind`. The sections
    /// `inPlace` are checked when ``MappedCacheFile/mappedColumn(_:of:expected:)`` reads
    /// them, not before: the file's pages are then read once on the way to the answer.
    static func read(_ path: String, kind: Kind, inPlace: Set<Int> = []) -> MappedCacheFile? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= headerLength,
            let base = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED
        else { return nil }
        let file = MappedCacheFile(base: base, count: Int(info.st_size))
        return file.checkSections(kind: kind, inPlace: inPlace) ? file : nil
    }
}

/// A cache file mapped read-only, its sections checked (``CacheFile/read(_:kind:inPlace:)``).
final class MappedCacheFile {
    private let base: UnsafeMutableRawPointer
    private let count: Int
    /// Where each section's bytes are.
    private(set) var sections: [Range<Int>] = []
    /// Each section's XXH64 as the file gives it.
    private var hashes: [UInt64] = []
    /// The sections whose hash is checked when they are read in place.
    private var unchecked: Set<Int> = []

    fileprivate init(base: UnsafeMutableRawPointer, count: Int) {
        self.base = base
        self.count = count
    }

    deinit {
        munmap(base, count)
    }

    private var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Checks the header, then each section's length and (but for `inPlace`'s) hash; true
    /// when all hold and the sections end where the file does.
    fileprivate func checkSections(kind: CacheFile.Kind, inPlace: Set<Int>) -> Bool {
        var header = CacheByteReader(UnsafeRawBufferPointer(rebasing: bytes[0..<CacheFile.headerLength]))
        do throws(CacheFileDamage) {
            for byte in CacheFile.magic where try header.integer(UInt8.self) != byte { return false }
            guard try header.integer(UInt32.self) == CacheFile.version, try header.integer(UInt32.self) == kind.rawValue else { return false }
            let sectionCount = Int(try header.integer(UInt32.self))
            var offset = CacheFile.headerLength
            for index in 0..<sectionCount {
                var prefix = CacheByteReader(UnsafeRawBufferPointer(rebasing: bytes[offset..<min(offset + 16, count)]))
                let length = try prefix.integer(UInt64.self)
                let hash = try prefix.integer(UInt64.self)
                offset += 16
                guard length <= UInt64(count - offset) else { return false }
                let section = offset..<offset + Int(length)
                if inPlace.contains(index) {
                    unchecked.insert(index)
                } else {
                    guard XXH64.hash(UnsafeRawBufferPointer(rebasing: bytes[section])) == hash else { return false }
                }
                sections.append(section)
                hashes.append(hash)
                offset = section.upperBound
            }
            return offset == count
        } catch {
            return false
        }
    }

    /// Calls `body` with section `index`'s bytes (valid only inside `body`); a section left
    /// to be checked when read in place must be read that way instead.
    func withSection<R, E: Error>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        precondition(!unchecked.contains(index), "section \(index) is checked as it is read in place")
        return try body(UnsafeRawBufferPointer(rebasing: bytes[sections[index]]))
    }

    /// Section `index` as an array of `T`: nil when its length is not `expected` of them.
    func column<T: BitwiseCopyable>(_ index: Int, of _: T.Type, expected: Int) -> [T]? {
        let section = sections[index]
        guard !unchecked.contains(index), section.count == expected * MemoryLayout<T>.stride else { return nil }
        return [T](unsafeUninitializedCapacity: expected) { buffer, initialized in
            if let target = buffer.baseAddress, section.count > 0 {
                memcpy(target, base + section.lowerBound, section.count)
            }
            initialized = expected
        }
    }

    /// Section `index` read where it lies in the mapping, as a column of `T` that keeps the
    /// mapping alive: nil when its length is not `expected` of them, or when it was left to
    /// be checked now and its hash does not match.
    func mappedColumn<T: BitwiseCopyable>(_ index: Int, of _: T.Type, expected: Int) -> IndexColumn<T>? {
        let section = sections[index]
        guard section.count == expected * MemoryLayout<T>.stride else { return nil }
        if unchecked.contains(index) {
            guard XXH64.hash(UnsafeRawBufferPointer(rebasing: bytes[section])) == hashes[index] else { return nil }
            unchecked.remove(index)
        }
        return IndexColumn(mapped: base + section.lowerBound, count: expected, owner: self)
    }

    /// Section `index` read in place as a ``CompactColumn`` of `expected` values, narrow or
    /// full width as its length says; nil when it is neither or its hash does not match.
    func compactColumn<Rule>(_ index: Int, of _: Rule.Type, expected: Int) -> CompactColumn<Rule>? {
        if sections[index].count == expected * MemoryLayout<Rule.Narrow>.stride {
            return mappedColumn(index, of: Rule.Narrow.self, expected: expected).map(CompactColumn.init(narrow:))
        }
        return mappedColumn(index, of: Rule.Wide.self, expected: expected).map(CompactColumn.init(wide:))
    }
}

/// What a cache file's section can be written from: anything that lends its bytes.
protocol SectionBytes {
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

/// Arrays of integers (`[UInt8]`, `[Int]`): their bytes are the values themselves, where an
/// array of references would write addresses.
extension Array: SectionBytes where Element: FixedWidthInteger {}
extension IndexColumn: SectionBytes {}
extension CompactColumn: SectionBytes {}
