/// For every event of a trace, the places it may have changed (see ``Touch``), found without
/// replay: from the operations of a patch, the members of a merge patch, the root for a full
/// snapshot.
///
/// History, blame and watchpoints ask it which events may have changed a pointer (the
/// *candidates*) and compare values only there. Paths are interned: a table of the distinct
/// touches, a table of the distinct sets of touches events make, and one set number an
/// event, so the index costs about 4 bytes an event (most events of a trace touch one of a
/// few hundred sets). It is immutable once built and safe to share between threads.
public struct TouchIndex: Sendable {
    /// The distinct touched paths.
    let paths: [JSONPointer]
    /// The distinct sets of touches: set `s` is `setItems[setStarts[s]..<setStarts[s + 1]]`,
    /// each item a path number shifted left by one, its low bit set for a container touch.
    /// Set 0 is the empty set.
    let setStarts: [UInt32]
    let setItems: [UInt32]
    /// The set each event touched.
    let eventSets: [UInt32]

    /// The number of events indexed.
    public var count: Int { eventSets.count }

    /// Indexes every event of `trace`, parsing only its change (a large trace in two halves,
    /// the second on another thread). Calls `shouldContinue` with the number of events done
    /// about every 2,048 events and returns nil as soon as it says no. A change that cannot
    /// be read is an error naming its event.
    public static func build(_ trace: Trace, shouldContinue: (Int) -> Bool = { _ in true }) throws(TraceError) -> TouchIndex? {
        try build(trace, splittingFrom: EventHalves.splitThreshold, shouldContinue: shouldContinue)
    }

    static func build(_ trace: Trace, splittingFrom threshold: Int, shouldContinue: (Int) -> Bool) throws(TraceError) -> TouchIndex? {
        let parts = try EventHalves.run(0..<trace.count, splittingFrom: threshold, shouldContinue: shouldContinue) {
            range, isCancelled, _ throws(TraceError) in
            try Builder.indexing(trace, range, isCancelled: isCancelled)
        }
        guard var parts, !parts.isEmpty, shouldContinue(trace.count) else { return nil }
        var builder = parts.removeFirst()
        for part in parts { builder.append(part) }
        return TouchIndex(paths: builder.paths, setStarts: builder.setStarts, setItems: builder.setItems, eventSets: builder.eventSets)
    }

    /// The places event `index` may have changed.
    public func touches(ofEvent index: Int) -> [Touch] {
        items(of: eventSets[index]).map { item in
            Touch(item & 1 == 1 ? .container : .value, paths[Int(item >> 1)])
        }
    }

    /// True when event `index` may have changed the value at `pointer`: it touched the
    /// pointer, a place above it or a place under it (see ``Touch``).
    public func mayHaveChanged(_ pointer: JSONPointer, event index: Int) -> Bool {
        items(of: eventSets[index]).contains { item in
            Touch.mayChange(pointer, kind: item & 1 == 1 ? .container : .value, path: paths[Int(item >> 1)].tokens)
        }
    }

    /// The events in `range` that may have changed the value at `pointer`, in order: a
    /// superset of those that did.
    public func candidates(for pointer: JSONPointer, in range: Range<Int>) -> [Int] {
        let relevantSets = relevantSets(for: pointer)
        let range = range.clamped(to: 0..<count)
        return eventSets.withUnsafeBufferPointer { sets in
            range.filter { relevantSets[Int(sets[$0])] }
        }
    }

    /// The number of distinct paths and of distinct sets of touches (for benchmarks and docs).
    public var tableSizes: (paths: Int, sets: Int) { (paths.count, setStarts.count - 1) }

    /// The bytes the index takes, tables included (for benchmarks and docs).
    public var byteCount: Int {
        eventSets.count * 4 + setItems.count * 4 + setStarts.count * 4
            + paths.reduce(0) { total, path in total + 16 + path.tokens.reduce(0) { $0 + 16 + $1.utf8.count } }
    }

    /// For each set, whether one of its touches may change `pointer`.
    private func relevantSets(for pointer: JSONPointer) -> [Bool] {
        var valueRelevant = [Bool](repeating: false, count: paths.count)
        var containerRelevant = [Bool](repeating: false, count: paths.count)
        for (number, path) in paths.enumerated() {
            valueRelevant[number] = Touch.mayChange(pointer, kind: .value, path: path.tokens)
            containerRelevant[number] = valueRelevant[number] && Touch.mayChange(pointer, kind: .container, path: path.tokens)
        }
        return (0..<setStarts.count - 1).map { set in
            items(of: UInt32(set)).contains { item in
                (item & 1 == 1 ? containerRelevant : valueRelevant)[Int(item >> 1)]
            }
        }
    }

    private func items(of set: UInt32) -> ArraySlice<UInt32> {
        setItems[Int(setStarts[Int(set)])..<Int(setStarts[Int(set) + 1])]
    }

    /// Interns paths and sets as events are added.
    private struct Builder: Sendable {
        var paths: [JSONPointer] = []
        var pathNumbers: [JSONPointer: UInt32] = [:]
        var setStarts: [UInt32] = [0, 0]
        var setItems: [UInt32] = []
        var setNumbers: [[UInt32]: UInt32] = [[]: 0]
        var eventSets: [UInt32] = []
        /// The items of the event being added, reused.
        var scratch: [UInt32] = []

        /// The events of `range` indexed; nil when `isCancelled` (asked every 2,048 events) said so.
        static func indexing(_ trace: Trace, _ range: Range<Int>, isCancelled: (Int) -> Bool) throws(TraceError) -> Builder? {
            var builder = Builder()
            builder.eventSets.reserveCapacity(range.count)
            for index in range {
                if (index - range.lowerBound) % 2_048 == 0, isCancelled(index - range.lowerBound) { return nil }
                guard trace.events.summary(index).effect != .none else {
                    builder.eventSets.append(0)
                    continue
                }
                builder.add(try trace.events.effect(index))
            }
            return builder
        }

        mutating func add(_ effect: EventEffect) {
            scratch.removeAll(keepingCapacity: true)
            effect.forEachTouch { touch in
                let item = number(of: touch.path) << 1 | (touch.kind == .container ? 1 : 0)
                if !scratch.contains(item) { scratch.append(item) }
            }
            eventSets.append(number(ofSet: scratch))
        }

        /// Appends the events `other` indexed, its paths and sets renumbered into these.
        mutating func append(_ other: Builder) {
            let pathMap = other.paths.map { number(of: $0) }
            let setMap = (0..<other.setStarts.count - 1).map { set in
                let items = other.setItems[Int(other.setStarts[set])..<Int(other.setStarts[set + 1])]
                return number(ofSet: items.map { pathMap[Int($0 >> 1)] << 1 | $0 & 1 })
            }
            eventSets += other.eventSets.map { setMap[Int($0)] }
        }

        private mutating func number(ofSet items: [UInt32]) -> UInt32 {
            if let set = setNumbers[items] { return set }
            let set = UInt32(setStarts.count - 1)
            setNumbers[items] = set
            setItems += items
            setStarts.append(UInt32(setItems.count))
            return set
        }

        private mutating func number(of path: JSONPointer) -> UInt32 {
            if let number = pathNumbers[path] { return number }
            let number = UInt32(paths.count)
            paths.append(path)
            pathNumbers[path] = number
            return number
        }
    }
}
