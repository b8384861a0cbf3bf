// Bounds on the work one fuzz input may cause.

import ReplayCore

/// How big a value is, to keep the checks of one input cheap: states built by replay can
/// share structure (a patch `copy` of the root doubles the logical size in one operation),
/// so anything that walks a state is only done when it is small.
struct Shape {
    /// Nodes counted, up to the cap given (then `nodes > cap`).
    var nodes = 0
    /// The deepest nesting seen among the nodes counted.
    var depth = 0

    /// Walks `value` without recursion, stopping once more than `cap` nodes are seen.
    init(_ value: JSONValue, cap: Int) {
        var stack: [(JSONValue, Int)] = [(value, 1)]
        while let (node, level) = stack.popLast() {
            nodes += 1
            depth = max(depth, level)
            if nodes > cap { return }
            switch node {
            case .array(let elements):
                for element in elements { stack.append((element, level + 1)) }
            case .object(let members):
                for member in members.values { stack.append((member, level + 1)) }
            default:
                break
            }
        }
    }
}

/// States and documents up to this many nodes get the expensive checks (equality, diffs).
let smallValueNodes = 20_000
/// Nesting beyond what the parser accepts (replay can build deeper states than any document).
let smallValueDepth = JSONParser.maxDepth

/// True when `value` is small enough to compare, diff and print in a fuzz iteration.
public func isSmall(_ value: JSONValue) -> Bool {
    let shape = Shape(value, cap: smallValueNodes)
    return shape.nodes <= smallValueNodes && shape.depth <= smallValueDepth
}
