extension ValueDifference {
    /// The difference as a change from A to B: `~ /balance 70 -> -30`, `+ /p new` where only
    /// B has a value, `- /p old` where only A has one.
    public var change: StateChange {
        switch (a, b) {
        case (nil, let new): StateChange(op: .add, path: path, new: new)
        case (let old, nil): StateChange(op: .remove, path: path, old: old)
        case (let old, let new): StateChange(op: .replace, path: path, old: old, new: new)
        }
    }
}

extension TraceComparison {
    /// How a divergence reads on one line, as `compare` prints it:
    /// `A #12 withdraw / B #12 withdraw: state differs at /accounts/1/balance: 70 -> -30`,
    /// `B #12 audit: only in B`, `A #3 tick: only in A`, `A #5 deposit / B #5 deposit: event
    /// differs at @payload/amount: 1 -> 11`. More places than the first are counted
    /// (`(and 2 more)`); a region longer than a row says where it ends (`(through A #40 /
    /// B #40)`) when `through` is set. Values are written by `write`; one side lacking a
    /// value reads `absent`.
    public func line(
        _ divergence: Divergence, a: Trace, b: Trace, through: Bool = false, write: (JSONValue) -> String
    ) -> String {
        var text = Self.sides(a: divergence.a, b: divergence.b, traceA: a, traceB: b) + ": "
        switch divergence.what {
        case .onlyInA: text += "only in A"
        case .onlyInB: text += "only in B"
        case .event, .state:
            text += divergence.what == .event ? "event differs" : "state differs"
            if let first = divergence.differences.first, let path = divergence.paths.first {
                let shown = divergence.what == .state ? first.path.shown : path
                text += " at \(shown): \(first.a.map(write) ?? "absent") -> \(first.b.map(write) ?? "absent")"
                if divergence.differences.count > 1 { text += " (and \(divergence.differences.count - 1) more)" }
            }
        }
        if through, divergence.rows.count > 1 {
            let last = alignment.row(divergence.rows.upperBound - 1)
            text += " (through " + Self.sides(a: last.a, b: last.b, traceA: nil, traceB: nil) + ")"
        }
        return text
    }

    /// `A #i NAME / B #j NAME`, either side left out when it has no event; names only when
    /// the traces are given.
    private static func sides(a: Int?, b: Int?, traceA: Trace?, traceB: Trace?) -> String {
        func side(_ label: String, _ index: Int?, _ trace: Trace?) -> String? {
            guard let index else { return nil }
            guard let trace else { return "\(label) #\(index)" }
            return "\(label) #\(index) \(trace.events.summary(index).name ?? "-")"
        }
        return [side("A", a, traceA), side("B", b, traceB)].compactMap { $0 }.joined(separator: " / ")
    }
}
