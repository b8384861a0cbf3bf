#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Follows a trace written a line at a time while it is written, as `tail -f` follows a log:
/// each ``poll()`` reads the bytes appended since the last one and hands out a ``Trace`` with
/// the events complete so far. A native NDJSON trace has only its new lines indexed
/// (``NativeLineIndexer``); a JSON lines format (OpenTelemetry's file exporter) has its
/// complete lines mapped again as a whole, as its spans may arrive in any order.
///
/// A file that shrinks or is replaced by another of the same name (log rotation) is read
/// again from its start; a deleted file keeps what was read. Standard input (a pipe) is read
/// as it arrives, without blocking, until it ends. The file is only ever read.
public final class TraceFollower {
    /// What a poll found.
    public enum Change: Equatable, Sendable {
        /// Nothing new.
        case none
        /// `added` events arrived.
        case grew(added: Int)
        /// The file was truncated or replaced: the trace was read again from its start.
        case restarted(reason: String)
        /// No more will come: a pipe ended, or the file was deleted (what was read stays).
        case ended(reason: String)
    }

    /// The events complete so far.
    public private(set) var trace: Trace
    private let path: String?
    private var descriptor: Int32
    private var data: TraceData
    private var indexer = NativeLineIndexer()
    /// The JSON lines format the first line is in (OTLP's file exporter), when not native:
    /// its lines are mapped again as a whole when more complete ones arrive.
    private var lineFormat: (any JSONLinesTraceFormat.Type)?
    /// The bytes of complete lines mapped so far, for a JSON lines format.
    private var mappedBytes = 0
    /// Set when a JSON lines format's events came out in another order than before.
    private var reordered = false
    /// Bytes read from the descriptor (the data's size).
    private var offset = 0
    /// Why no more will come, once it is known; reported by the poll after the last events.
    private var endReason: String?
    private var endReported = false

    /// The most bytes read in one poll, so that a huge backlog is taken in steps that each
    /// keep the debugger's frame short.
    static let readLimit = 16 << 20

    /// Starts following the file at `path`, or standard input for `-`. It waits, polling
    /// every 100 ms, until the header line has arrived, and fails when the trace is not the
    /// native line form or the header is no trace header.
    public init(path: String, pollMilliseconds: Int = 100) throws(TraceError) {
        self.path = path == "-" ? nil : path
        if path == "-" {
            descriptor = STDIN_FILENO
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw TraceError(.file, systemMessage(errno)) }
            var info = stat()
            if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(descriptor)
                throw TraceError(.file, "is a directory, not a trace file")
            }
        }
        data = TraceData(growing: [])
        trace = Trace(format: NativeFormat.name, meta: [:], initialState: .null, events: EventList([]), crash: nil)
        while !hasFirstLine {
            let change = try poll()
            if case .ended(let reason) = change, !hasFirstLine {
                throw TraceError(.file, "\(reason) before the trace's first line")
            }
            if !hasFirstLine { usleep(useconds_t(pollMilliseconds * 1_000)) }
        }
    }

    deinit {
        if path != nil { close(descriptor) }
    }

    /// Reads what was appended since the last poll and indexes its complete lines.
    public func poll() throws(TraceError) -> Change {
        if let endReason {
            guard !endReported else { return .none }
            endReported = true
            return .ended(reason: endReason)
        }
        if let restart = try restartIfReplaced() { return restart }
        var added = 0
        var taken = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while taken < Self.readLimit {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                throw TraceError(.file, "cannot read: \(systemMessage(errno))")
            }
            if got == 0 {
                if path == nil {
                    endReason = "the input ended"
                    added += try indexNewLines()
                    return added > 0 ? .grew(added: added) : try poll()
                }
                break
            }
            data.append(chunk[0..<got])
            offset += got
            taken += got
        }
        added += try indexNewLines()
        if reordered {
            reordered = false
            return .restarted(reason: "spans arrived before ones already shown")
        }
        if path != nil, hasFirstLine, let deleted = deletedFile() { return deleted }
        return added > 0 ? .grew(added: added) : .none
    }

    /// True once no more can come (the pipe ended, the file is gone).
    public var hasEnded: Bool { endReason != nil }

    /// True once the first line is read: the native header, or a JSON lines format's first line.
    private var hasFirstLine: Bool { indexer.header != nil || mappedBytes > 0 }

    /// Indexes the lines completed by the bytes read; rebuilds ``trace`` when events came.
    private func indexNewLines() throws(TraceError) -> Int {
        if indexer.header == nil, lineFormat == nil {
            lineFormat = data.withBytes { (bytes: UnsafeRawBufferPointer) -> (any JSONLinesTraceFormat.Type)? in
                guard let end = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
                guard let line = try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[0..<end])) else { return nil }
                return TraceFormats.jsonLines.first { $0.recognizes(firstLine: line) }
            }
        }
        if let lineFormat { return try mapLines(lineFormat) }
        let hadHeader = indexer.header != nil
        let added = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> Int in
            try indexer.index(bytes)
        }
        if added > 0 || (!hadHeader && indexer.header != nil) { try rebuildTrace() }
        return added
    }

    /// A JSON lines format: its complete lines mapped again, as a whole (lines may come in
    /// any order and the mapping puts spans in time order). When the events so far are no
    /// longer the first ones, the trace is handed out as read again.
    private func mapLines(_ format: any JSONLinesTraceFormat.Type) throws(TraceError) -> Int {
        let mapped = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> (Trace, Int)? in
            guard let last = bytes.lastIndex(of: UInt8(ascii: "\n")), last + 1 > mappedBytes else { return nil }
            return (try format.read(lines: UnsafeRawBufferPointer(rebasing: bytes[0...last])), last + 1)
        }
        guard let (grown, end) = mapped else { return 0 }
        let before = mappedBytes == 0 ? 0 : trace.count
        mappedBytes = end
        let kept = (0..<min(before, grown.count)).allSatisfy { index in
            let (old, new) = (trace.events.summary(index), grown.events.summary(index))
            return old.kind == new.kind && old.name == new.name && old.t == new.t && old.hasError == new.hasError
        }
        if !kept || grown.count < before { reordered = true }
        trace = grown
        return max(grown.count - before, 0)
    }

    private func rebuildTrace() throws(TraceError) {
        guard let header = indexer.header else { return }
        let events = NativeEventIndex(data: data, table: indexer.table)
        // A crash marker naming an event still to come names none yet.
        let marker = header.crashMarker.flatMap { $0.index < events.count ? $0 : nil }
        let crash = try Crash.locate(in: events, marked: marker)
        trace = Trace(format: NativeFormat.name, meta: header.meta, initialState: header.initialState, events: events, crash: crash)
    }

    /// A file now shorter than what was read, or another file under the same name: read it
    /// again from the start.
    private func restartIfReplaced() throws(TraceError) -> Change? {
        guard let path else { return nil }
        var opened = stat()
        var named = stat()
        guard fstat(descriptor, &opened) == 0 else { return nil }
        let replaced = stat(path, &named) == 0 && (named.st_ino != opened.st_ino || named.st_dev != opened.st_dev)
        let truncated = Int(opened.st_size) < offset
        guard replaced || truncated else { return nil }
        if replaced {
            let fresh = open(path, O_RDONLY | O_CLOEXEC)
            guard fresh >= 0 else { return nil }
            close(descriptor)
            descriptor = fresh
        } else {
            lseek(descriptor, 0, SEEK_SET)
        }
        data = TraceData(growing: [])
        indexer = NativeLineIndexer()
        lineFormat = nil
        mappedBytes = 0
        offset = 0
        _ = try poll()
        return .restarted(reason: replaced ? "the file was replaced" : "the file was truncated")
    }

    /// The file deleted: what was read stays, and nothing more comes.
    private func deletedFile() -> Change? {
        guard let path, access(path, F_OK) != 0, errno == ENOENT else { return nil }
        endReason = "the file was deleted"
        endReported = true
        return .ended(reason: "the file was deleted")
    }
}
