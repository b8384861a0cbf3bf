/// The events of a native trace: the index from the scan, and the file's bytes to parse an
/// event from when it is asked for.
struct NativeEventIndex: EventStore {
    let data: TraceData
    let table: NativeEventTable

    var count: Int { table.starts.count }

    func summary(_ index: Int) -> EventSummary {
        let flag = table.flags[index]
        let nameID = table.nameIDs[index]
        let laneID = table.laneIDs[index]
        let time = table.times[index]
        return EventSummary(
            kind: table.kinds.strings[Int(table.kindIDs[index])],
            name: nameID == NativeEventTable.noName ? nil : table.names.strings[Int(nameID)],
            t: time.isNaN ? nil : time,
            hasError: flag & NativeEventTable.errorFlag != 0,
            effect: EffectKind(rawValue: flag & 3)!,
            lane: laneID == NativeEventTable.noName ? nil : table.lanes.strings[Int(laneID)]
        )
    }

    /// From the interned ids, without making a summary per event.
    func kindsAndNames(in range: Range<Int>) -> (kinds: [String], names: [String]) {
        func used(_ ids: Slice<IDColumn>, of strings: [String]) -> [String] {
            var seen = [Bool](repeating: false, count: strings.count)
            for id in ids where id != NativeEventTable.noName { seen[Int(id)] = true }
            return strings.indices.filter { seen[$0] }.map { strings[$0] }
        }
        return (used(table.kindIDs[range], of: table.kinds.strings), used(table.nameIDs[range], of: table.names.strings))
    }

    func effectKinds(in range: Range<Int>) -> [EffectKind] {
        table.flags[range].map { EffectKind(rawValue: $0 & 3)! }
    }

    func firstIndex(ofKind kind: String) -> Int? {
        guard let id = table.kinds.existingID(for: kind) else { return nil }
        return table.kindIDs.firstIndex(of: id)
    }

    func lastIndex(withEffect effect: EffectKind, in range: Range<Int>) -> Int? {
        range.last { table.flags[$0] & 3 == effect.rawValue }
    }

    func firstErrorIndex() -> Int? {
        table.flags.firstPosition(withAnyOf: NativeEventTable.errorFlag)
    }

    /// Gathered from the index columns, without a summary per event. Kind ids are handed
    /// out as the scan first meets each kind, so id order is the order of first appearance;
    /// so are lane ids. Each column is read once, several values a load (ColumnPasses.swift): this is on the
    /// debugger's and `info`'s path from the end of the scan to the first answer.
    func overview() -> TraceOverview {
        func counts(_ ids: IDColumn, of strings: [String]) -> [(String, Int)] {
            let counts = ids.tally(below: strings.count)
            return counts.indices.filter { counts[$0] > 0 }.map { (strings[$0], counts[$0]) }
        }
        var errors: [Int] = []
        while let error = table.flags.firstPosition(from: (errors.last ?? -1) + 1, withAnyOf: NativeEventTable.errorFlag) {
            errors.append(error)
        }
        return TraceOverview(
            errors: errors, durationMilliseconds: table.times.latest,
            kinds: counts(table.kindIDs, of: table.kinds.strings), lanes: counts(table.laneIDs, of: table.lanes.strings))
    }

    func event(_ index: Int) throws(TraceError) -> Event {
        data.noteRead()
        let members = try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> JSONObject in
            var parser = JSONParser(bytes: bytes, position: table.starts[index])
            do throws(JSONSyntaxError) {
                return try parser.parseObject()
            } catch {
                throw error.traceError(in: bytes)
            }
        }
        return try Event(nativeMembers: members, index: index)
    }

    /// Parses only the event's state/patch/merge value, found through the index.
    func effect(_ index: Int) throws(TraceError) -> EventEffect {
        guard effectKind(index) != .none else { return .none }
        data.noteRead()
        return try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(TraceError) -> EventEffect in
            try effect(index, in: bytes)
        }
    }

    /// Event `index`'s change read from `bytes`, the trace's.
    func effect(_ index: Int, in bytes: UnsafeRawBufferPointer) throws(TraceError) -> EventEffect {
        let kind = effectKind(index)
        guard kind != .none else { return .none }
        let start = effectStart(index)
        let value: JSONValue
        do throws(JSONSyntaxError) {
            if kind == .patch {
                var fast = JSONParser(bytes: bytes, position: start)
                if let operations = try fast.plainPatchOperations() { return .patch(operations) }
            }
            var parser = JSONParser(bytes: bytes, position: start)
            value = try parser.parseValue()
        } catch {
            throw error.traceError(in: bytes)
        }
        return try EventEffect(kind, value, event: index)
    }

    func effectKind(_ index: Int) -> EffectKind {
        EffectKind(rawValue: table.flags[index] & 3)!
    }

    /// Where event `index`'s state, patch or merge value starts in the trace's bytes.
    func effectStart(_ index: Int) -> Int {
        table.starts[index] + Int(table.effectOffsets[index])
    }
}
