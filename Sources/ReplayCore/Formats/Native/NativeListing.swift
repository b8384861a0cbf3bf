extension NativeEventIndex {
    /// Appends the lines from the events' bytes where they say exactly what the parsed event
    /// would (``copiesListingLine(_:in:to:scratch:)``); otherwise parses and writes the event
    /// as any store does.
    ///
    /// Nothing shared is looked up per event through a table (member names are matched as
    /// integers, labels are static text), since both cores write lines at once and a shared
    /// reference count would bounce between them.
    func appendListingLines(_ range: Range<Int>, where selected: (Int) -> Bool, to lines: inout [UInt8]) throws(TraceError) {
        var scratch = ListingScratch()
        data.noteRead(range.count)
        var next = range.lowerBound
        while next < range.upperBound {
            // The bytes stay locked while borrowed (a growing trace's are): an event that
            // needs parsing is parsed outside, and the pass goes on after it.
            let needsParse = data.withBytes { (raw: UnsafeRawBufferPointer) -> Int? in
                let bytes = raw.assumingMemoryBound(to: UInt8.self)
                for index in next..<range.upperBound where selected(index) {
                    let mark = lines.count
                    guard copiesListingLine(index, in: bytes, to: &lines, scratch: &scratch) else {
                        lines.removeSubrange(mark...)
                        return index
                    }
                    lines.append(UInt8(ascii: "\n"))
                }
                return nil
            }
            guard let needsParse else { return }
            lines.append(contentsOf: try event(needsParse).listingJSON.jsonText(.compact).utf8)
            lines.append(UInt8(ascii: "\n"))
            next = needsParse + 1
        }
    }

    /// Appends event `index`'s line copied from `bytes` (the trace's), when the copy is
    /// exact and its patch, if any, is plain and reads (``JSONParser/plainPatchOperations()``);
    /// false sends the event to the parse, which names any problem.
    func copiesListingLine(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>, to line: inout [UInt8], scratch: inout ListingScratch) -> Bool {
        let start = table.starts[index]
        if EffectKind(rawValue: table.flags[index] & 3) == .patch {
            var parser = JSONParser(bytes: UnsafeRawBufferPointer(bytes), position: start + Int(table.effectOffsets[index]))
            guard ((try? parser.plainPatchOperations()) ?? nil) != nil else { return false }
        }
        return Self.appendFastListingLine(index, at: start, in: bytes, to: &line, scratch: &scratch)
    }

    /// Appends the line of the event at `start` in `bytes` from its bytes; false, with the
    /// line unfinished, when the event holds anything the byte copy could write differently
    /// from the tree: a string with an escape, a member name twice or with non-ASCII bytes,
    /// or two changes.
    static func appendFastListingLine(
        _ index: Int, at start: Int, in bytes: UnsafeBufferPointer<UInt8>, to line: inout [UInt8], scratch: inout ListingScratch
    ) -> Bool {
        scratch.fields.removeAll(keepingCapacity: true)
        scratch.extra.removeAll(keepingCapacity: true)
        var plain = true
        let walked: Void? = ValidatedJSONWalk.members(of: bytes, at: start) { key, value in
            guard plain, let key, key.allSatisfy({ $0 < 0x80 }) else { return plain = false }
            if let field = NativeEventField(utf8: key) {
                // Twice, or a second change (which parsing rejects): the parse decides.
                plain = !scratch.fields.contains { $0.field == field || (field.effect != nil && $0.field.effect != nil) }
                scratch.fields.append((field, value))
            } else {
                plain = !scratch.extra.contains { bytes[$0.key].elementsEqual(key) }
                let keyStart = key.baseAddress! - bytes.baseAddress!
                scratch.extra.append((keyStart..<keyStart + key.count, value))
            }
        }
        guard walked != nil, plain else { return false }
        let copy = CompactCopy(bytes: bytes)
        func append(_ text: StaticString) {
            line.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        func field(_ field: NativeEventField, _ label: StaticString) -> Bool {
            append(label)
            guard let range = scratch.fields.first(where: { $0.field == field })?.value else {
                append("null")
                return true
            }
            return copy.copy(range, to: &line, scratch: &scratch)
        }
        append("{\"index\":")
        line.append(contentsOf: String(index).utf8)
        guard field(.seq, ",\"seq\":"), field(.t, ",\"t\":"), field(.kind, ",\"kind\":"), field(.name, ",\"name\":"),
            field(.lane, ",\"lane\":"), field(.payload, ",\"payload\":"), field(.error, ",\"error\":")
        else { return false }
        if !scratch.extra.isEmpty {
            append(",\"extra\":{")
            for offset in scratch.extra.indices {
                let member = scratch.extra[offset]
                if offset > 0 { append(",") }
                append("\"")
                line.append(contentsOf: bytes[member.key])
                append("\":")
                guard copy.copy(member.value, to: &line, scratch: &scratch) else { return false }
            }
            append("}")
        }
        append("}")
        return true
    }
}

/// Room the native store reuses from one `events --json` line to the next
/// (``NativeEventIndex/appendFastListingLine(_:at:in:to:scratch:)``).
struct ListingScratch {
    /// The event's fields and unknown members, by their ranges in the file.
    var fields: [(field: NativeEventField, value: Range<Int>)] = []
    var extra: [(key: Range<Int>, value: Range<Int>)] = []
    /// The containers open in a value being copied, and the member names seen in them.
    var containers: [(isObject: Bool, firstName: Int)] = []
    var names: [Range<Int>] = []
}

/// Copies JSON values the index scan validated without their whitespace, as ``JSONWriter``
/// writes them compact: the same bytes, as long as no string holds an escape (the writer
/// writes the character, or another escape) and no object holds a member name twice or one
/// with non-ASCII bytes (the tree keeps one member per name, and Swift compares names by
/// canonical equivalence); a copy that meets one of those gives up.
struct CompactCopy {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Objects with more members than this are not checked for repeats: the copy gives up.
    private static let mostMembers = 64

    /// Appends the value in `range` compact to `line`; false when it gave up (the line is
    /// then no use).
    func copy(_ range: Range<Int>, to line: inout [UInt8], scratch: inout ListingScratch) -> Bool {
        scratch.containers.removeAll(keepingCapacity: true)
        scratch.names.removeAll(keepingCapacity: true)
        var expectingName = false
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                i += 1
                continue
            case UInt8(ascii: "\""):
                var end = i + 1
                while end < range.upperBound, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") { return false }
                    end += 1
                }
                guard end < range.upperBound else { return false }
                if expectingName, let container = scratch.containers.last {
                    let name = i + 1..<end
                    guard !bytes[name].contains(where: { $0 >= 0x80 }), scratch.names.count - container.firstName < Self.mostMembers,
                        !scratch.names[container.firstName...].contains(where: { bytes[$0].elementsEqual(bytes[name]) })
                    else { return false }
                    scratch.names.append(name)
                    expectingName = false
                }
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...end]))
                i = end + 1
                continue
            case UInt8(ascii: "{"):
                scratch.containers.append((true, scratch.names.count))
                expectingName = true
            case UInt8(ascii: "["):
                scratch.containers.append((false, scratch.names.count))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let container = scratch.containers.popLast() { scratch.names.removeSubrange(container.firstName...) }
                expectingName = false
            case UInt8(ascii: ","):
                expectingName = scratch.containers.last?.isObject ?? false
            default:
                break
            }
            line.append(byte)
            i += 1
        }
        return scratch.containers.isEmpty
    }
}
