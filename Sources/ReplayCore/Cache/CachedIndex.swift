/// A native trace's index as the cache keeps it: everything ``NativeFormat/read(_:progress:splitAbove:prefixes:)``
/// learns in its pass over the bytes (meta, initial state, the event table and its
/// interned strings, the crash, the warnings), with the fingerprint of the file it was read
/// from. Reading it back checks every id and offset against the table and the file, so a
/// file that passed its checksums by chance still cannot make an event store that traps.
enum CachedIndex {
    /// The sections of a cache file, in order.
    private enum Part: Int, CaseIterable {
        case head, strings, starts, startWraps, kindIDs, nameIDs, laneIDs, times, effectOffsets, flags
    }

    /// The sections read in place as the index's columns, checked as they are read.
    static let columns: Set<Int> = [
        Part.starts, .kindIDs, .nameIDs, .laneIDs, .times, .effectOffsets, .flags,
    ].reduce(into: []) { $0.insert($1.rawValue) }

    /// The sections that save `trace`, read from the file `fingerprint` identifies; nil when
    /// its events are not a native index (other formats are read whole, into memory).
    static func sections(of trace: Trace, fingerprint: TraceFingerprint) -> [CacheFile.Section]? {
        guard let index = trace.events as? NativeEventIndex else { return nil }
        let table = index.table
        var head = CacheByteWriter()
        write(fingerprint, to: &head)
        head.string(trace.format.rawValue)
        head.string(JSONValue.object(trace.meta).jsonText(.compact))
        head.string(trace.initialState.jsonText(.compact))
        head.int(table.starts.count)
        head.bool(trace.crash != nil)
        if let crash = trace.crash {
            head.int(crash.index)
            head.optionalString(crash.reason)
            head.bool(crash.inferred)
        }
        head.int(trace.warnings.count)
        for warning in trace.warnings { write(warning, to: &head) }
        var strings = CacheByteWriter()
        strings.strings(table.kinds.strings)
        strings.strings(table.names.strings)
        strings.strings(table.lanes.strings)
        return [
            head.bytes, strings.bytes, table.starts.low, table.starts.wraps, table.kindIDs, table.nameIDs, table.laneIDs, table.times, table.effectOffsets,
            table.flags,
        ]
    }

    /// The trace saved in `file`, over `data`, when it was saved from the file `fingerprint`
    /// identifies and everything in it holds together; nil otherwise.
    static func trace(in file: MappedCacheFile, fingerprint: TraceFingerprint, data: TraceData) -> Trace? {
        guard file.sections.count == Part.allCases.count else { return nil }
        do throws(CacheFileDamage) {
            let head = try file.withSection(Part.head.rawValue) { (bytes: UnsafeRawBufferPointer) throws(CacheFileDamage) in
                try Head(reading: bytes, fingerprint: fingerprint, data: data)
            }
            guard let head else { return nil }
            var table = try file.withSection(Part.strings.rawValue) { (bytes: UnsafeRawBufferPointer) throws(CacheFileDamage) in
                var reader = CacheByteReader(bytes)
                var table = NativeEventTable(expectedEvents: 0)
                table.kinds = try interned(reader.strings())
                table.names = try interned(reader.strings())
                table.lanes = try interned(reader.strings())
                guard reader.isAtEnd else { throw CacheFileDamage() }
                return table
            }
            let count = head.count
            guard let startsLow = file.mappedColumn(Part.starts.rawValue, of: UInt32.self, expected: count),
                let startWraps = file.column(Part.startWraps.rawValue, of: Int.self, expected: file.sections[Part.startWraps.rawValue].count / MemoryLayout<Int>.stride),
                let starts = StartColumn(low: startsLow, wraps: startWraps),
                let kindIDs = file.compactColumn(Part.kindIDs.rawValue, of: NarrowIDs.self, expected: count),
                let nameIDs = file.compactColumn(Part.nameIDs.rawValue, of: NarrowIDs.self, expected: count),
                let laneIDs = file.compactColumn(Part.laneIDs.rawValue, of: NarrowIDs.self, expected: count),
                let times = file.compactColumn(Part.times.rawValue, of: WholeTimes.self, expected: count),
                let effectOffsets = file.compactColumn(Part.effectOffsets.rawValue, of: NarrowIDs.self, expected: count),
                let flags = file.mappedColumn(Part.flags.rawValue, of: UInt8.self, expected: count)
            else { return nil }
            (table.starts, table.kindIDs, table.nameIDs, table.laneIDs) = (starts, kindIDs, nameIDs, laneIDs)
            (table.times, table.effectOffsets, table.flags) = (times, effectOffsets, flags)
            guard holdsTogether(table, size: data.count), head.crash.map({ $0.index < count }) ?? true else { return nil }
            return Trace(
                format: head.format, meta: head.meta, initialState: head.initialState, events: NativeEventIndex(data: data, table: table),
                crash: head.crash, warnings: head.warnings
            )
        } catch {
            return nil
        }
    }

    /// True when every id names an interned string, every event and its change start inside
    /// the file, and every flag is one the reader sets.
    private static func holdsTogether(_ table: NativeEventTable, size: Int) -> Bool {
        func within(_ ids: IDColumn, _ strings: StringTable, optional: Bool) -> Bool {
            let limit = UInt32(strings.strings.count)
            return ids.allSatisfy { $0 < limit || (optional && $0 == NativeEventTable.noName) }
        }
        guard within(table.kindIDs, table.kinds, optional: false), within(table.nameIDs, table.names, optional: true),
            within(table.laneIDs, table.lanes, optional: true), table.flags.allSatisfy({ $0 <= 7 })
        else { return false }
        return table.starts.indices.allSatisfy { index in
            let start = table.starts[index]
            return start >= 0 && start < size && Int(table.effectOffsets[index]) < size - start
        }
    }

    /// The strings interned in order, so that each gets its position as its id.
    private static func interned(_ strings: [String]) throws(CacheFileDamage) -> StringTable {
        var table = StringTable()
        for (index, text) in strings.enumerated() where table.id(for: text) != UInt32(index) {
            throw CacheFileDamage()
        }
        return table
    }

    /// The first section: what the trace holds besides its event table.
    private struct Head {
        var format: TraceFormatName
        var meta: JSONObject
        var initialState: JSONValue
        var count: Int
        var crash: Crash?
        var warnings: [TraceError]

        /// Nil when the section was saved from a file other than the one `fingerprint` names.
        init?(reading bytes: UnsafeRawBufferPointer, fingerprint: TraceFingerprint, data: TraceData) throws(CacheFileDamage) {
            var reader = CacheByteReader(bytes)
            guard try CachedIndex.fingerprint(from: &reader) == fingerprint else { return nil }
            guard let format = TraceFormatName(rawValue: try reader.string()) else { throw CacheFileDamage() }
            self.format = format
            guard case .object(let meta) = try CachedIndex.json(from: &reader) else { throw CacheFileDamage() }
            self.meta = meta
            initialState = try CachedIndex.json(from: &reader)
            count = try reader.int(in: 0...data.count)
            if try reader.bool() {
                crash = Crash(index: try reader.int(), reason: try reader.optionalString(), inferred: try reader.bool())
            }
            let warningCount = try reader.int(in: 0...bytes.count)
            warnings = []
            for _ in 0..<warningCount { warnings.append(try CachedIndex.warning(from: &reader)) }
            guard reader.isAtEnd else { throw CacheFileDamage() }
        }
    }

    static func write(_ fingerprint: TraceFingerprint, to writer: inout CacheByteWriter) {
        writer.int(fingerprint.size)
        writer.int(fingerprint.modifiedSeconds)
        writer.int(fingerprint.modifiedNanoseconds)
        writer.integer(fingerprint.device)
        writer.integer(fingerprint.inode)
        writer.integer(fingerprint.headHash)
        writer.integer(fingerprint.tailHash)
    }

    static func fingerprint(from reader: inout CacheByteReader) throws(CacheFileDamage) -> TraceFingerprint {
        TraceFingerprint(
            size: try reader.int(), modifiedSeconds: Int(try reader.integer(Int64.self)),
            modifiedNanoseconds: Int(try reader.integer(Int64.self)), device: try reader.integer(UInt64.self),
            inode: try reader.integer(UInt64.self), headHash: try reader.integer(UInt64.self), tailHash: try reader.integer(UInt64.self)
        )
    }

    /// A JSON value saved as its compact text.
    static func json(from reader: inout CacheByteReader) throws(CacheFileDamage) -> JSONValue {
        var text = try reader.string()
        let value = text.withUTF8 { bytes in try? JSONParser.parse(UnsafeRawBufferPointer(bytes)) }
        guard let value else { throw CacheFileDamage() }
        return value
    }

    private static func write(_ warning: TraceError, to writer: inout CacheByteWriter) {
        switch warning.location {
        case .text(let line, let column):
            writer.integer(UInt8(0))
            writer.int(line)
            writer.int(column)
        case .event(let index):
            writer.integer(UInt8(1))
            writer.int(index)
        case .file:
            writer.integer(UInt8(2))
        }
        writer.string(warning.message)
    }

    private static func warning(from reader: inout CacheByteReader) throws(CacheFileDamage) -> TraceError {
        let location: TraceError.Location =
            switch try reader.integer(UInt8.self) {
            case 0: .text(line: try reader.int(), column: try reader.int())
            case 1: .event(try reader.int())
            case 2: .file
            default: throw CacheFileDamage()
            }
        return TraceError(location, try reader.string())
    }
}
