/// One difference between two states, as an RFC 6902-compatible operation.
public struct StateChange: Equatable, Sendable {
    /// The RFC 6902 operations a diff is made of; the raw value is the `op` name.
    public enum Op: String, Sendable {
        case add, remove, replace
    }

    public var op: Op
    /// Where the change applies, in the document as the changes before this one left it.
    public var path: JSONPointer
    /// The value before: present for `remove` and `replace`.
    public var old: JSONValue?
    /// The value after: present for `add` and `replace`.
    public var new: JSONValue?

    public init(op: Op, path: JSONPointer, old: JSONValue? = nil, new: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.old = old
        self.new = new
    }

    /// The change as a patch operation.
    public var patchOperation: PatchOperation {
        switch op {
        case .add: PatchOperation(kind: .add, path: path, value: new)
        case .remove: PatchOperation(kind: .remove, path: path)
        case .replace: PatchOperation(kind: .replace, path: path, value: new)
        }
    }

    /// `{"op", "path", "old"?, "new"?}`, as `diff --json` prints it.
    public var jsonValue: JSONValue {
        var object: JSONObject = ["op": .string(op.rawValue), "path": .string(path.description)]
        if let old { object["old"] = old }
        if let new { object["new"] = new }
        return .object(object)
    }
}

/// Bounds that keep a diff fast on huge arrays.
public struct DiffLimits: Sendable {
    /// The largest longest-common-subsequence table (old elements x new elements, after the
    /// common prefix and suffix are trimmed) an array diff may build.
    public var maxLCSCells: Int

    /// 4,000,000 cells: 2,000 changed elements against 2,000, a 16 MB table.
    public static let `default` = DiffLimits(maxLCSCells: 4_000_000)

    public init(maxLCSCells: Int) {
        self.maxLCSCells = maxLCSCells
    }
}

/// The difference between two states as a list of changes which, applied in order as
/// RFC 6902 operations to the first state, give exactly the second (key order included).
///
/// - Objects: removed members are removed, changed members are diffed recursively, new
///   members are added. Added members can only be appended, so when the second state's key
///   order needs a member elsewhere, the members from the first one out of place on are
///   removed and added again in order.
/// - Arrays: the common prefix and suffix are skipped; the rest is aligned by longest common
///   subsequence, so one element inserted into the middle is one `add`. A removed element
///   facing an inserted one at the same place is diffed as a modified element (a nested
///   change, or a `replace`). When the remaining part is larger than
///   ``DiffLimits/maxLCSCells``, elements are compared by position instead and the longer
///   side's tail is added or removed: still correct, just not minimal.
/// - Anything else that differs (including `1` versus `1.0`) is a `replace`.
public enum StateDiff {
    /// The changes that turn `old` into `new`; empty when they are equal.
    public static func changes(from old: JSONValue, to new: JSONValue, limits: DiffLimits = .default) -> [StateChange] {
        var differ = Differ(limits: limits)
        differ.diff(old, new, at: .root)
        return differ.changes
    }
}

private struct Differ {
    let limits: DiffLimits
    var changes: [StateChange] = []

    init(limits: DiffLimits) {
        self.limits = limits
    }

    /// Containers are diffed without comparing them whole first: the diff compares each
    /// member or element once, and finds nothing in equal ones.
    mutating func diff(_ old: JSONValue, _ new: JSONValue, at path: JSONPointer) {
        switch (old, new) {
        case (.object(let a), .object(let b)):
            diffObjects(a, b, at: path)
        case (.array(let a), .array(let b)):
            diffArrays(a, b, at: path)
        default:
            if old != new { changes.append(StateChange(op: .replace, path: path, old: old, new: new)) }
        }
    }

    private mutating func diffObjects(_ old: JSONObject, _ new: JSONObject, at path: JSONPointer) {
        // The same keys in the same order (free to tell when only values changed, which
        // leaves the two sharing their keys): compare the members pairwise, without hashing,
        // and make a path only for the ones that differ. The general way below gives the
        // same changes.
        if old.keys == new.keys {
            old.values.withUnsafeBufferPointer { before in
                new.values.withUnsafeBufferPointer { after in
                    for index in before.indices where before[index] != after[index] {
                        diff(before[index], after[index], at: path.appending(old.keys[index]))
                    }
                }
            }
            return
        }
        // The members that stay where they are: the longest run at the start of the new key
        // order made of old keys in their old order. Everything after it is added in order.
        var stay = 0
        var lastOldIndex = -1
        for key in new.keys {
            guard let oldIndex = old.index(forKey: key), oldIndex > lastOldIndex else { break }
            lastOldIndex = oldIndex
            stay += 1
        }
        let staying = Set(new.keys.prefix(stay))
        for (key, value) in old where !staying.contains(key) {
            changes.append(StateChange(op: .remove, path: path.appending(key), old: value))
        }
        for (key, value) in new.elements.prefix(stay) {
            let before = old[key]!
            if before != value { diff(before, value, at: path.appending(key)) }
        }
        for (key, value) in new.elements.dropFirst(stay) {
            changes.append(StateChange(op: .add, path: path.appending(key), new: value))
        }
    }

    private mutating func diffArrays(_ old: [JSONValue], _ new: [JSONValue], at path: JSONPointer) {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let a = old[prefix..<(old.count - suffix)]
        let b = new[prefix..<(new.count - suffix)]
        let cells = a.count.multipliedReportingOverflow(by: b.count)
        let fitsCap = !cells.overflow && cells.partialValue <= limits.maxLCSCells
        let script = fitsCap ? lcsScript(a, b) : positionalScript(a.count, b.count)
        emit(script, a, b, at: path, from: prefix)
    }

    /// Turns an edit script into changes. Within each run of removals and insertions between
    /// kept elements, removals and insertions are paired up as modified elements first.
    private mutating func emit(_ script: [Edit], _ a: ArraySlice<JSONValue>, _ b: ArraySlice<JSONValue>, at path: JSONPointer, from start: Int) {
        var cursor = start  // index in the array as the changes so far have left it
        var i = a.startIndex
        var j = b.startIndex
        var step = 0
        while step < script.count {
            if script[step] == .keep {
                cursor += 1
                i += 1
                j += 1
                step += 1
                continue
            }
            var removals = 0
            var insertions = 0
            while step < script.count, script[step] != .keep {
                if script[step] == .remove { removals += 1 } else { insertions += 1 }
                step += 1
            }
            let paired = min(removals, insertions)
            for k in 0..<paired {
                diff(a[i + k], b[j + k], at: path.appending(cursor))
                cursor += 1
            }
            for k in paired..<removals {
                changes.append(StateChange(op: .remove, path: path.appending(cursor), old: a[i + k]))
            }
            for k in paired..<insertions {
                changes.append(StateChange(op: .add, path: path.appending(cursor), new: b[j + k]))
                cursor += 1
            }
            i += removals
            j += insertions
        }
    }

    private enum Edit: Equatable {
        case keep, remove, insert
    }

    /// A shortest edit script by longest common subsequence (a dynamic-programming table).
    private func lcsScript(_ a: ArraySlice<JSONValue>, _ b: ArraySlice<JSONValue>) -> [Edit] {
        let n = a.count
        let m = b.count
        guard n > 0, m > 0 else { return positionalScript(n, m) }
        let hashesA = a.map(\.hashValue)
        let hashesB = b.map(\.hashValue)
        func same(_ x: Int, _ y: Int) -> Bool {
            hashesA[x] == hashesB[y] && a[a.startIndex + x] == b[b.startIndex + y]
        }
        // lengths[x * (m + 1) + y] = LCS length of a[x...] and b[y...]
        var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        for x in stride(from: n - 1, through: 0, by: -1) {
            for y in stride(from: m - 1, through: 0, by: -1) {
                lengths[x * (m + 1) + y] = same(x, y)
                    ? lengths[(x + 1) * (m + 1) + y + 1] + 1
                    : max(lengths[(x + 1) * (m + 1) + y], lengths[x * (m + 1) + y + 1])
            }
        }
        var script: [Edit] = []
        var x = 0
        var y = 0
        while x < n, y < m {
            if same(x, y) {
                script.append(.keep)
                x += 1
                y += 1
            } else if lengths[(x + 1) * (m + 1) + y] >= lengths[x * (m + 1) + y + 1] {
                script.append(.remove)
                x += 1
            } else {
                script.append(.insert)
                y += 1
            }
        }
        script += repeatElement(.remove, count: n - x)
        script += repeatElement(.insert, count: m - y)
        return script
    }

    /// The fallback past the cap: element k against element k, then the longer side's tail.
    private func positionalScript(_ n: Int, _ m: Int) -> [Edit] {
        Array(repeating: .remove, count: n) + Array(repeating: .insert, count: m)
    }
}
