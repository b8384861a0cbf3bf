extension ElixirInspectOptions {
    /// The options for the terms of `trace` (a Replayx recording, or one converted from it):
    /// charlists as the Elixir its `meta.elixir` names writes them, and the nodes numbered.
    ///
    /// The local node (`meta.receiver_node`, else `meta.node`) prints as 0; every other node
    /// a pid, port or reference names gets a number from 1, stable across the trace: first
    /// the nodes `meta.nodes` lists, in its order, then the others in the order they first
    /// appear (the initial state, then each event's payload, details and change). Without a
    /// local node every node prints as 0, as before remote nodes were told apart.
    public init(for trace: Trace) {
        let meta = trace.meta
        self.init(charlistSigil: Self.writesCharlistSigil(elixirVersion: meta["elixir"]?.stringValue))
        guard let local = meta["receiver_node"]?.stringValue ?? meta["node"]?.stringValue else { return }
        var numbers: [String: Int] = [:]
        func number(_ node: String) {
            if node != local, numbers[node] == nil { numbers[node] = numbers.count + 1 }
        }
        for listed in meta["nodes"]?.arrayValue ?? [] {
            if let node = listed.stringValue { number(node) }
        }
        Self.forEachNode(in: trace.initialState, number)
        for index in 0..<trace.count {
            // An event that cannot be read names no node here; showing it reports the error.
            guard let event = try? trace.events.event(index) else { continue }
            if let payload = event.payload { Self.forEachNode(in: payload, number) }
            for value in event.extra.values { Self.forEachNode(in: value, number) }
            switch event.effect {
            case .snapshot(let value), .merge(let value): Self.forEachNode(in: value, number)
            case .patch(let operations): for value in operations.compactMap(\.value) { Self.forEachNode(in: value, number) }
            case .none: break
            }
        }
        nodeNumbers = numbers
    }

    /// Calls `body` with the node of every pid, port and reference in `value` (the JSON form
    /// of ``ErlangTermJSON``), in the order they are written; walks without recursion.
    public static func forEachNode(in value: JSONValue, _ body: (String) -> Void) {
        var pending = [value]
        while let value = pending.popLast() {
            switch value {
            case .array(let elements):
                pending.append(contentsOf: elements.reversed())
            case .object(let members):
                if members.count == 1, let tag = members.keys.first, ["@pid", "@port", "@ref"].contains(tag),
                    let node = members[tag]?["node"]?.stringValue {
                    body(node)
                } else {
                    pending.append(contentsOf: members.values.reversed())
                }
            default:
                break
            }
        }
    }
}
