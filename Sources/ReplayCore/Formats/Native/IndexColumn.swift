#if canImport(Glibc)
import Glibc
#endif

/// One column of a native trace's index (where each event starts, its kind's id, …): memory
/// the scan appends to, or a stretch of a mapped cache file read where it lies.
///
/// The traces handed out while a scan goes on (``NativePrefixes``, a followed trace's polls)
/// share the scan's memory instead of copying it: a column is a count over shared storage, and
/// only the column whose count reaches the end of what the storage holds appends in place,
/// past what any other column over the same storage shows. Any other column that appends
/// copies its elements first, so a column is a value like an array. Appending is for one
/// thread (the scan's); columns over the same storage may be read on any thread, each seeing
/// only the elements it counts, which were written before it was handed over.
///
/// A large column's memory (64 KB or more) is mapped here in whole pages, so that appending
/// it to another can move its pages instead of copying it (``append(moving:)``).
///
/// A column read from a cache file (``init(mapped:count:owner:)``) keeps the mapping alive;
/// its elements need not be aligned, so every read is an unaligned load (a plain load on the
/// machines this runs on).
struct IndexColumn<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    private var storage: Storage
    private(set) var endIndex: Int

    var startIndex: Int { 0 }

    /// An empty column with room for `capacity` elements before it must grow.
    init(reservingCapacity capacity: Int = 0) {
        storage = Storage(capacity: capacity)
        endIndex = 0
    }

    /// The `count` elements at `base`, which `owner` keeps valid (a mapped file).
    init(mapped base: UnsafeRawPointer, count: Int, owner: AnyObject) {
        storage = Storage(mapped: base, count: count, owner: owner)
        endIndex = count
    }

    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < endIndex, "index column: position out of range")
        return storage.base.loadUnaligned(fromByteOffset: position &* MemoryLayout<Element>.stride, as: Element.self)
    }

    /// Reads the elements in order straight from memory, without a bounds check each: what
    /// `for` loops and whole-column passes (the overview, finding the crash) go through.
    struct Iterator: IteratorProtocol {
        private let storage: Storage
        private var position: Int
        private let end: Int

        fileprivate init(_ storage: Storage, end: Int) {
            self.storage = storage
            position = 0
            self.end = end
        }

        mutating func next() -> Element? {
            guard position < end else { return nil }
            defer { position += 1 }
            return storage.base.loadUnaligned(fromByteOffset: position &* MemoryLayout<Element>.stride, as: Element.self)
        }
    }

    func makeIterator() -> Iterator {
        Iterator(storage, end: endIndex)
    }

    /// The position of the first element `predicate` accepts, read straight from memory as
    /// ``forEachElement(_:)`` reads (through the iterator, an optional an element cost some
    /// thirteen instructions each: finding the crash's kind scans the whole column).
    func firstIndex(where predicate: (Element) throws -> Bool) rethrows -> Int? {
        let base = storage.base
        for position in 0..<endIndex
        where try predicate(base.loadUnaligned(fromByteOffset: position &* MemoryLayout<Element>.stride, as: Element.self)) {
            return position
        }
        return nil
    }

    /// Calls `body` with each position and element in order, straight from memory: the
    /// loop whole-column passes (the overview, translating ids) compile to, with no
    /// iterator or bounds check between the elements.
    @inline(__always)
    func forEachElement(_ body: (Int, Element) throws -> Void) rethrows {
        let base = storage.base
        for position in 0..<endIndex {
            try body(position, base.loadUnaligned(fromByteOffset: position &* MemoryLayout<Element>.stride, as: Element.self))
        }
    }

    /// Inlined: the scan appends seven elements an event.
    @inline(__always)
    mutating func append(_ element: Element) {
        if endIndex == storage.capacity || storage.filled != endIndex { grow(toHold: endIndex + 1) }
        storage.base.storeBytes(of: element, toByteOffset: endIndex &* MemoryLayout<Element>.stride, as: Element.self)
        endIndex += 1
        storage.filled = endIndex
    }

    /// Appends another column's elements, copying their bytes at once.
    mutating func append(contentsOf other: IndexColumn<Element>) {
        guard !other.isEmpty else { return }
        if endIndex + other.count > storage.capacity || storage.filled != endIndex { grow(toHold: endIndex + other.count) }
        faultIn(ahead: other.count)
        other.withUnsafeBytes { bytes in
            (storage.base + endIndex * MemoryLayout<Element>.stride).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
        endIndex += other.count
        storage.filled = endIndex
    }

    /// Replaces every element with `transform` of it: in place when no other copy shares the
    /// memory and it is this column's own, else in memory of its own first.
    mutating func update(_ transform: (Element) -> Element) {
        if !isKnownUniquelyReferenced(&storage) || !storage.isOwn || storage.filled != endIndex { grow(toHold: endIndex) }
        let base = storage.base
        for position in 0..<endIndex {
            let offset = position &* MemoryLayout<Element>.stride
            base.storeBytes(of: transform(base.load(fromByteOffset: offset, as: Element.self)), toByteOffset: offset, as: Element.self)
        }
    }

    /// Appends another column's elements by moving its pages (``PageMove``) when it is large,
    /// its memory its own and no other copy shares it, else by copying their bytes. Either
    /// way `other` is let go of.
    mutating func append(moving other: consuming IndexColumn<Element>) {
        let stride = MemoryLayout<Element>.stride
        if endIndex + other.count > storage.capacity || storage.filled != endIndex { grow(toHold: endIndex + other.count) }
        if isKnownUniquelyReferenced(&other.storage), storage.mappedLength > 0, other.storage.mappedLength > 0,
            PageMove.append(other.storage.base, sourceRoom: other.storage.mappedLength, length: other.count * stride, at: storage.base + endIndex * stride)
        {
            endIndex += other.count
            storage.filled = endIndex
        } else {
            append(contentsOf: other)
        }
    }

    /// Appends `elements`, making room for all of them first and storing them one after
    /// another.
    mutating func append(contentsOf elements: some Collection<Element>) {
        let count = elements.count
        if endIndex + count > storage.capacity || storage.filled != endIndex { grow(toHold: endIndex + count) }
        var stored = 0
        for element in elements.prefix(count) {
            storage.base.storeBytes(of: element, toByteOffset: (endIndex &+ stored) &* MemoryLayout<Element>.stride, as: Element.self)
            stored += 1
        }
        endIndex += stored
        storage.filled = endIndex
    }

    /// The elements' bytes, valid only inside `body`.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.base, count: endIndex * MemoryLayout<Element>.stride))
    }

    /// Makes the pages the next `count` elements will fill (as far as the storage has room)
    /// present and writable in one call, when they span 64 KB or more: a fault a page costs
    /// far more on this VM. Bulk appends ask before they copy (the reader copying the other
    /// core's parts, before their pages were moved, faulted 24–34 ms, sampled), and the
    /// scan asks every few MB of the file for the events those will hold. Only for the
    /// column that appends in place; Linux only, and a kernel without `MADV_POPULATE_WRITE`
    /// faults the pages in as they fill.
    func faultIn(ahead count: Int) {
        #if canImport(Glibc)
        let length = Swift.min(count, storage.capacity - endIndex) * MemoryLayout<Element>.stride
        guard storage.filled == endIndex, length >= 1 << 16 else { return }
        let page = PageMove.pageSize
        let start = Int(bitPattern: storage.base + endIndex * MemoryLayout<Element>.stride)
        let first = (start + page - 1) / page * page
        let last = (start + length) / page * page
        if last > first, let from = UnsafeMutableRawPointer(bitPattern: first) {
            _ = madvise(from, last - first, MADV_POPULATE_WRITE)
        }
        #endif
    }

    /// Moves the elements to storage of their own with room for `count` of them, doubling at
    /// least, so that appending one at a time costs a copy now and then, as an array's does.
    /// Never inlined: appending one element, which the scan inlines seven times an event,
    /// stays small (with the storage's set-up inlined, the appends became calls).
    @inline(never)
    private mutating func grow(toHold count: Int) {
        let grown = Storage(capacity: Swift.max(count, storage.capacity * 2, 1_024))
        grown.base.copyMemory(from: storage.base, byteCount: endIndex * MemoryLayout<Element>.stride)
        grown.filled = endIndex
        storage = grown
    }

    /// The memory behind columns: allocated here, or a mapped file's.
    fileprivate final class Storage: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        /// Elements the memory holds room for.
        let capacity: Int
        /// Elements written so far: the column whose count is this one appends in place.
        var filled: Int
        /// The bytes of whole pages mapped here for a large column, whose pages may be moved
        /// (``PageMove``); 0 for memory from the allocator or a file's.
        let mappedLength: Int
        /// What keeps mapped memory valid; nil for memory allocated here, freed with this.
        private let owner: AnyObject?

        /// True for memory allocated here, which may be written; false for a file's.
        var isOwn: Bool { owner == nil }

        init(capacity: Int) {
            let bytes = Swift.max(capacity, 1) * MemoryLayout<Element>.stride
            let mapped = bytes >= PageMove.mappedFrom ? Self.mapPages(bytes) : nil
            base = mapped?.base ?? .allocate(byteCount: bytes, alignment: MemoryLayout<Element>.alignment)
            mappedLength = mapped?.length ?? 0
            self.capacity = capacity
            filled = 0
            owner = nil
        }

        init(mapped base: UnsafeRawPointer, count: Int, owner: AnyObject) {
            // Never written through: its capacity is full, so appending moves the elements first.
            self.base = UnsafeMutableRawPointer(mutating: base)
            capacity = count
            filled = count
            mappedLength = 0
            self.owner = owner
        }

        /// Whole pages for `bytes` bytes, mapped here; nil where pages are not moved (not on
        /// Linux) or when the mapping fails (the allocator is then asked).
        private static func mapPages(_ bytes: Int) -> (base: UnsafeMutableRawPointer, length: Int)? {
            #if canImport(Glibc)
            let page = PageMove.pageSize
            let length = (bytes + page - 1) / page * page
            guard let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), base != MAP_FAILED else { return nil }
            return (base, length)
            #else
            return nil
            #endif
        }

        deinit {
            guard owner == nil else { return }
            #if canImport(Glibc)
            if mappedLength > 0 {
                munmap(base, mappedLength)
                return
            }
            #endif
            base.deallocate()
        }
    }
}
