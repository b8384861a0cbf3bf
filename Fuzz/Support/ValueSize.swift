// Bounds on the work one fuzz input may cause.

import ReplayCore

/// The number of nodes in `value`, counted without recursion up to `cap` (then `cap + 1`).
/// States built by replay can share structure (a patch `copy` of the root doubles the
/// logical size in one operation), so anything that walks a state is only done when it is small.
func nodeCount(_ value: JSONValue, cap: Int) -> Int {
    var nodes = 0
    var stack = [value]
    while let node = stack.popLast() {
        nodes += 1
        if nodes > cap { break }
        switch node {
        case .array(let elements): stack += elements
        case .object(let members): stack += members.values
        default: break
        }
    }
    return nodes
}

/// States and documents up to this many nodes get the expensive checks (equality, diffs).
let smallValueNodes = 20_000

/// True when `value` is small enough to compare, diff and print in a fuzz iteration, and
/// nests no deeper than a document may (which replay keeps true of native traces' states).
public func isSmall(_ value: JSONValue) -> Bool {
    nodeCount(value, cap: smallValueNodes) <= smallValueNodes && !value.nests(deeperThan: JSONParser.maxDepth)
}
