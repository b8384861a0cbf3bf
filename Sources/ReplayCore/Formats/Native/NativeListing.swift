extension NativeEventIndex {
    /// The fields a listing line holds after its index, in order, each with the text before it.
    private static let listedFields: [(NativeEventField, [UInt8])] = [
        (.seq, Array(",\"seq\":".utf8)), (.t, Array(",\"t\":".utf8)), (.kind, Array(",\"kind\":".utf8)), (.name, Array(",\"name\":".utf8)),
        (.lane, Array(",\"lane\":".utf8)), (.payload, Array(",\"payload\":".utf8)), (.error, Array(",\"error\":".utf8)),
    ]

    /// Writes the event's `events --json` line from its bytes when they say exactly what the
    /// parsed event would (``writeFastListingLine(_:into:)``); otherwise parses and writes
    /// it as any store does.
    func writeListingLine(_ index: Int, into buffer: inout ListingBuffer) throws(TraceError) {
        if writeFastListingLine(index, into: &buffer) { return }
        buffer.line.removeAll(keepingCapacity: true)
        buffer.line.append(contentsOf: try event(index).listingJSON.jsonText(.compact).utf8)
    }

    /// False, with the line left unfinished, when the event holds anything the byte copy
    /// could write differently from the tree: a string with an escape, a member name twice
    /// or with non-ASCII bytes, two changes, or a patch that does not read (parsing names
    /// the problem).
    func writeFastListingLine(_ index: Int, into buffer: inout ListingBuffer) -> Bool {
        if EffectKind(rawValue: table.flags[index] & 3) == .patch, (try? effect(index)) == nil { return false }
        data.noteRead()
        buffer.line.removeAll(keepingCapacity: true)
        buffer.fields.removeAll(keepingCapacity: true)
        buffer.extra.removeAll(keepingCapacity: true)
        return data.withBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            var plain = true
            let walked = ValidatedJSONWalk.members(of: bytes, at: table.starts[index]) { key, value in
                guard plain, let key, key.allSatisfy({ $0 < 0x80 }) else { return plain = false }
                if let field = NativeEventField(utf8: key) {
                    plain = !buffer.fields.contains { $0.field == field || (field.effect != nil && $0.field.effect != nil) }
                    buffer.fields.append((field, value))
                } else {
                    plain = !buffer.extra.contains { bytes[$0.key].elementsEqual(key) }
                    let start = key.baseAddress! - bytes.baseAddress!
                    buffer.extra.append((start..<start + key.count, value))
                }
            }
            guard walked != nil, plain else { return false }
            var copy = CompactCopy(bytes: bytes)
            buffer.line.append(contentsOf: "{\"index\":".utf8)
            buffer.line.append(contentsOf: String(index).utf8)
            for (field, label) in Self.listedFields {
                buffer.line.append(contentsOf: label)
                guard let range = buffer.fields.first(where: { $0.field == field })?.value else {
                    buffer.line.append(contentsOf: "null".utf8)
                    continue
                }
                guard copy.copy(range, into: &buffer) else { return false }
            }
            if !buffer.extra.isEmpty {
                buffer.line.append(contentsOf: ",\"extra\":{".utf8)
                for offset in buffer.extra.indices {
                    let member = buffer.extra[offset]
                    if offset > 0 { buffer.line.append(UInt8(ascii: ",")) }
                    buffer.line.append(UInt8(ascii: "\""))
                    buffer.line.append(contentsOf: bytes[member.key])
                    buffer.line.append(contentsOf: "\":".utf8)
                    guard copy.copy(member.value, into: &buffer) else { return false }
                }
                buffer.line.append(UInt8(ascii: "}"))
            }
            buffer.line.append(UInt8(ascii: "}"))
            return true
        }
    }
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

    /// Appends the value in `range` compact to `buffer.line`; false when it gave up (the
    /// line is then no use).
    func copy(_ range: Range<Int>, into buffer: inout ListingBuffer) -> Bool {
        buffer.containers.removeAll(keepingCapacity: true)
        buffer.names.removeAll(keepingCapacity: true)
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
                if expectingName, let container = buffer.containers.last {
                    let name = i + 1..<end
                    guard !bytes[name].contains(where: { $0 >= 0x80 }), buffer.names.count - container.firstName < Self.mostMembers,
                        !buffer.names[container.firstName...].contains(where: { bytes[$0].elementsEqual(bytes[name]) })
                    else { return false }
                    buffer.names.append(name)
                    expectingName = false
                }
                buffer.line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...end]))
                i = end + 1
                continue
            case UInt8(ascii: "{"):
                buffer.containers.append((true, buffer.names.count))
                expectingName = true
            case UInt8(ascii: "["):
                buffer.containers.append((false, buffer.names.count))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let container = buffer.containers.popLast() { buffer.names.removeSubrange(container.firstName...) }
                expectingName = false
            case UInt8(ascii: ","):
                expectingName = buffer.containers.last?.isObject ?? false
            default:
                break
            }
            buffer.line.append(byte)
            i += 1
        }
        return buffer.containers.isEmpty
    }
}
