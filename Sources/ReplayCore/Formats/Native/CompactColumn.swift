/// A column of 32-bit values (kind, name and lane ids, where each event's change starts)
/// kept in 2 bytes a value while every value fits, in 4 once one does not: a trace has a few
/// dozen kinds and names, and its events' changes start within their first 64 KB, so at 5M
/// events this saves 10 MB a column of memory, of cache file and of pages to fault in.
///
/// 16 bits hold 0 to 65,534 and ``NativeEventTable/noName`` (as 65,535); the first value
/// outside those widens the column, copying what it holds. Copies share memory as
/// ``IndexColumn``'s do.
struct CompactColumn: RandomAccessCollection, Sendable {
    private var narrow: IndexColumn<UInt16>
    /// The values, once one did not fit in 16 bits (``narrow`` is then empty).
    private var wide: IndexColumn<UInt32>?

    private static let narrowNone = UInt16.max

    var startIndex: Int { 0 }
    var endIndex: Int { wide?.endIndex ?? narrow.endIndex }

    /// An empty column with room for `capacity` 16-bit values before it must grow.
    init(reservingCapacity capacity: Int = 0) {
        narrow = IndexColumn(reservingCapacity: capacity)
    }

    /// A column read from a cache file: 16-bit values as ``narrow`` holds them.
    init(narrow: IndexColumn<UInt16>) {
        self.narrow = narrow
    }

    /// A column read from a cache file: 32-bit values.
    init(wide: IndexColumn<UInt32>) {
        narrow = IndexColumn()
        self.wide = wide
    }

    /// True once the values take 4 bytes each.
    var isWide: Bool { wide != nil }

    subscript(position: Int) -> UInt32 {
        if let wide { return wide[position] }
        return Self.widened(narrow[position])
    }

    mutating func append(_ value: UInt32) {
        if wide == nil, Self.fitsNarrow(value) {
            narrow.append(UInt16(truncatingIfNeeded: value))
        } else {
            widen()
            wide!.append(value)
        }
    }

    /// Appends `values`, making room for all of them first.
    mutating func append(contentsOf values: some Collection<UInt32>) {
        if wide == nil, values.allSatisfy(Self.fitsNarrow) {
            narrow.append(contentsOf: values.lazy.map { UInt16(truncatingIfNeeded: $0) })
        } else {
            widen()
            wide!.append(contentsOf: values)
        }
    }

    /// Appends another column's values: their bytes at once while both are narrow.
    mutating func append(contentsOf other: CompactColumn) {
        if wide == nil, !other.isWide {
            narrow.append(contentsOf: other.narrow)
        } else {
            append(contentsOf: other.lazy)
        }
    }

    /// Appends another column's ids, each translated through `ids` (its id's new one;
    /// ``NativeEventTable/noName`` stays as it is): in one pass over the 16-bit values while
    /// both columns and every new id are narrow.
    mutating func append(_ other: CompactColumn, translating ids: [UInt32]) {
        if wide == nil, !other.isWide, ids.allSatisfy(Self.fitsNarrow) {
            narrow.append(contentsOf: other.narrow.lazy.map { $0 == Self.narrowNone ? $0 : UInt16(truncatingIfNeeded: ids[Int($0)]) })
        } else {
            append(contentsOf: other.lazy.map { $0 == NativeEventTable.noName ? $0 : ids[Int($0)] })
        }
    }

    /// The values' bytes (2 or 4 each), valid only inside `body`.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let wide { return try wide.withUnsafeBytes(body) }
        return try narrow.withUnsafeBytes(body)
    }

    /// Reads the values in order as ``IndexColumn/Iterator`` does.
    struct Iterator: IteratorProtocol {
        fileprivate var narrow: IndexColumn<UInt16>.Iterator
        fileprivate var wide: IndexColumn<UInt32>.Iterator?

        mutating func next() -> UInt32? {
            if wide != nil { return wide!.next() }
            return narrow.next().map(CompactColumn.widened)
        }
    }

    func makeIterator() -> Iterator {
        Iterator(narrow: narrow.makeIterator(), wide: wide?.makeIterator())
    }

    /// The position of the first value equal to `value`, read as ``Iterator`` reads.
    func firstIndex(of value: UInt32) -> Int? {
        enumerated().first { $0.element == value }?.offset
    }

    /// True for the values 16 bits hold: 0 to 65,534, and no name.
    private static func fitsNarrow(_ value: UInt32) -> Bool {
        value < UInt32(narrowNone) || value == UInt32.max
    }

    private static func widened(_ value: UInt16) -> UInt32 {
        value == narrowNone ? UInt32.max : UInt32(value)
    }

    /// Moves the values to 32-bit storage, unless they are there already.
    private mutating func widen() {
        guard wide == nil else { return }
        var values = IndexColumn<UInt32>(reservingCapacity: Swift.max(narrow.count * 2, 1_024))
        values.append(contentsOf: narrow.lazy.map(Self.widened))
        wide = values
        narrow = IndexColumn()
    }
}
