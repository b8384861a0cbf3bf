/// A column of an index kept in half the bytes a value while every value fits
/// (``ColumnNarrowing``), in the full width once one does not: a trace has a few dozen kinds
/// and names, its events' changes start within their first 64 KB, and its times are mostly
/// whole milliseconds, so at 5M events each narrow column saves 10 or 20 MB of memory, of
/// cache file and of pages to fault in.
///
/// The first value that does not fit widens the column, copying what it holds. Copies share
/// memory as ``IndexColumn``'s do.
struct CompactColumn<Rule: ColumnNarrowing>: RandomAccessCollection, Sendable {
    typealias Element = Rule.Wide

    private var narrow: IndexColumn<Rule.Narrow>
    /// The values, once one did not fit (``narrow`` is then empty).
    private var wide: IndexColumn<Rule.Wide>?

    var startIndex: Int { 0 }
    var endIndex: Int { wide?.endIndex ?? narrow.endIndex }

    /// An empty column with room for `capacity` narrow values before it must grow.
    init(reservingCapacity capacity: Int = 0) {
        narrow = IndexColumn(reservingCapacity: capacity)
    }

    /// A column read from a cache file: narrow values.
    init(narrow: IndexColumn<Rule.Narrow>) {
        self.narrow = narrow
    }

    /// A column read from a cache file: full-width values.
    init(wide: IndexColumn<Rule.Wide>) {
        narrow = IndexColumn()
        self.wide = wide
    }

    /// True once the values take their full width.
    var isWide: Bool { wide != nil }

    subscript(position: Int) -> Rule.Wide {
        if let wide { return wide[position] }
        return Rule.widened(narrow[position])
    }

    /// Inlined, as ``IndexColumn/append(_:)`` is.
    @inline(__always)
    mutating func append(_ value: Rule.Wide) {
        if wide == nil, let narrowed = Rule.narrowed(value) {
            narrow.append(narrowed)
        } else {
            widen()
            wide!.append(value)
        }
    }

    /// Appends a value already in its narrow form (as ``ColumnNarrowing/narrowed(_:)`` gives
    /// it), skipping the check.
    @inline(__always)
    mutating func append(narrowed value: Rule.Narrow) {
        if wide == nil { narrow.append(value) } else { wide!.append(Rule.widened(value)) }
    }

    /// Appends `values`, making room for all of them first.
    mutating func append(contentsOf values: some Collection<Rule.Wide>) {
        if wide == nil, values.allSatisfy({ Rule.narrowed($0) != nil }) {
            narrow.append(contentsOf: values.lazy.map { Rule.narrowed($0)! })
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

    /// Appends another column's values, moving its memory's pages where it can
    /// (``IndexColumn/append(moving:)``) while both are narrow or both full width.
    mutating func append(moving other: consuming CompactColumn) {
        switch (wide == nil, other.wide == nil) {
        case (true, true):
            narrow.append(moving: exchange(&other.narrow, with: IndexColumn()))
        case (false, false):
            wide!.append(moving: exchange(&other.wide!, with: IndexColumn()))
        default:
            append(contentsOf: other)
        }
    }

    /// The values' bytes (narrow or full width), valid only inside `body`.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let wide { return try wide.withUnsafeBytes(body) }
        return try narrow.withUnsafeBytes(body)
    }

    /// ``IndexColumn/faultIn(ahead:)`` for the column that holds the values.
    func faultIn(ahead count: Int) {
        if let wide { wide.faultIn(ahead: count) } else { narrow.faultIn(ahead: count) }
    }

    /// Calls `narrow` or `wide` with the column that holds the values, for passes over the
    /// whole column that read it in its own width (ColumnPasses.swift).
    func withColumn<R>(narrow: (IndexColumn<Rule.Narrow>) throws -> R, wide: (IndexColumn<Rule.Wide>) throws -> R) rethrows -> R {
        if let values = self.wide { return try wide(values) }
        return try narrow(self.narrow)
    }

    /// Reads the values in order as ``IndexColumn/Iterator`` does.
    struct Iterator: IteratorProtocol {
        fileprivate var narrow: IndexColumn<Rule.Narrow>.Iterator
        fileprivate var wide: IndexColumn<Rule.Wide>.Iterator?

        mutating func next() -> Rule.Wide? {
            if wide != nil { return wide!.next() }
            return narrow.next().map(Rule.widened)
        }
    }

    func makeIterator() -> Iterator {
        Iterator(narrow: narrow.makeIterator(), wide: wide?.makeIterator())
    }

    /// Moves the values to full-width storage, unless they are there already.
    private mutating func widen() {
        guard wide == nil else { return }
        var values = IndexColumn<Rule.Wide>(reservingCapacity: Swift.max(narrow.count * 2, 1_024))
        values.append(contentsOf: narrow.lazy.map(Rule.widened))
        wide = values
        narrow = IndexColumn()
    }
}

/// How a ``CompactColumn`` keeps its values narrow: which values fit, and how.
protocol ColumnNarrowing: Sendable {
    associatedtype Wide: BitwiseCopyable & Sendable
    associatedtype Narrow: BitwiseCopyable & Sendable

    /// The narrow form of `value`, nil when it has none; `widened` of it gives back exactly
    /// `value`.
    static func narrowed(_ value: Wide) -> Narrow?
    static func widened(_ value: Narrow) -> Wide
}

/// Interned ids (and change offsets) in 16 bits: 0 to 65,534, and
/// ``NativeEventTable/noName`` as 65,535.
enum NarrowIDs: ColumnNarrowing {
    private static let narrowNone = UInt16.max

    static func narrowed(_ value: UInt32) -> UInt16? {
        value < UInt32(narrowNone) || value == NativeEventTable.noName ? UInt16(truncatingIfNeeded: value) : nil
    }

    static func widened(_ value: UInt16) -> UInt32 {
        value == narrowNone ? NativeEventTable.noName : UInt32(value)
    }
}

/// Event times in 32 bits while they are whole numbers from −2,147,483,647 to 2,147,483,647
/// (milliseconds: 24 days), no time (`nan`) as −2,147,483,648; a fraction, a larger number
/// or `-0` widens the column to doubles.
enum WholeTimes: ColumnNarrowing {
    private static let narrowNone = Int32.min

    static func narrowed(_ value: Double) -> Int32? {
        if value.isNaN { return narrowNone }
        guard let whole = Int32(exactly: value), whole != narrowNone, !(value == 0 && value.sign == .minus) else { return nil }
        return whole
    }

    static func widened(_ value: Int32) -> Double {
        value == narrowNone ? .nan : Double(value)
    }
}

/// Kind, name and lane ids, and where each event's change starts.
typealias IDColumn = CompactColumn<NarrowIDs>
/// Each event's `t`.
typealias TimeColumn = CompactColumn<WholeTimes>

extension CompactColumn where Rule == NarrowIDs {
    /// Appends another column's ids, each translated through `ids` (its id's new one;
    /// ``NativeEventTable/noName`` stays as it is): translated in place and then moved
    /// (``append(moving:)``) while both columns and every new id are narrow.
    mutating func append(_ other: consuming IDColumn, translating ids: [UInt32]) {
        // The parts of a trace mostly meet their few names in the same order.
        if ids.indices.allSatisfy({ ids[$0] == UInt32($0) }) { return append(moving: consume other) }
        if wide == nil, !other.isWide, ids.allSatisfy({ NarrowIDs.narrowed($0) != nil }) {
            let narrowIDs = ids.map { UInt16(truncatingIfNeeded: $0) }
            narrowIDs.withUnsafeBufferPointer { narrowIDs in
                other.narrow.update { $0 == UInt16.max ? $0 : narrowIDs[Int($0)] }
            }
            append(moving: consume other)
        } else {
            append(contentsOf: other.lazy.map { id in id == NativeEventTable.noName ? id : ids[Int(id)] })
        }
    }
}
