/// Walks both runs forward together along the alignment and says, after each pair of
/// corresponding events, where their states differ (outside ignored paths).
///
/// States are never rebuilt per position: each side's state is carried forward, every event
/// applied once. While the states are identical and the next pair's changes are identical
/// too (the same recorded bytes, or the same parsed change), nothing is applied or compared:
/// the states are brought forward only when something differs. After a pair, the states
/// are compared where either change touched them (``EventEffect/touches``), and in full
/// only where a difference starts or may have moved.
struct StateWalk {
    private enum Status {
        /// The states are the same value (ignored paths included).
        case identical
        /// They are the same outside ignored paths.
        case equal
        /// They differ at these places.
        case differs([ValueDifference])
    }

    let a: ComparedTrace
    let b: ComparedTrace
    private var stateA: JSONValue
    private var stateB: JSONValue
    /// How many events each state has applied; while identical they may lag behind.
    private var positionA = 0
    private var positionB = 0
    private var status: Status = .identical

    /// True while the states are the same value: rows whose changes are identical on both
    /// sides need no look.
    var isIdentical: Bool {
        if case .identical = status { return true }
        return false
    }

    init(_ a: ComparedTrace, _ b: ComparedTrace) {
        self.a = a
        self.b = b
        stateA = a.trace.initialState
        stateB = b.trace.initialState
        status = fullComparison()
    }

    /// Moves past `row`, applying its events' changes (a side with no event changes
    /// nothing); for a row of corresponding events, returns where the states after them
    /// differ (empty when they do not). Rows of every kind carry the states forward alike:
    /// only corresponding rows report.
    mutating func step(_ row: Alignment.Row) throws(CompareError) -> [ValueDifference] {
        if case .identical = status, try changesAlike(row) { return [] }
        try catchUp(row.a ?? row.positionA, row.b ?? row.positionB)
        var effectA = EventEffect.none
        var effectB = EventEffect.none
        if let i = row.a {
            effectA = try a.effect(i)
            try a.apply(effectA, of: i, to: &stateA)
            positionA = i + 1
        }
        if let j = row.b {
            effectB = try b.effect(j)
            try b.apply(effectB, of: j, to: &stateB)
            positionB = j + 1
        }
        status = try next(after: effectA, effectB)
        if row.kind == .same, case .differs(let differences) = status { return differences }
        return []
    }

    /// True when the row changes both states alike: the same change on both sides, or no
    /// change on the side that has an event.
    private func changesAlike(_ row: Alignment.Row) throws(CompareError) -> Bool {
        switch (row.a, row.b) {
        case (let i?, let j?): try a.sameEffect(i, as: b, j)
        case (let i?, nil): a.summary(i).effect == .none
        case (nil, let j?): b.summary(j).effect == .none
        case (nil, nil): true
        }
    }

    /// The status after a pair of changes, from the status before. The states are compared
    /// where the changes touched them; in full where a difference starts, or where the
    /// places that differ may have changed.
    private func next(after effectA: EventEffect, _ effectB: EventEffect) throws(CompareError) -> Status {
        let sameChange = effectA == effectB && !(a.ignores.ignoresState && effectA.readsElsewhere)
        switch status {
        case .identical, .equal:
            if sameChange { return status }
            guard let roots = touchedRoots(effectA, effectB) else { return fullComparison() }
            var differsWhereIgnored = false
            for root in roots {
                let local = comparison(at: root)
                if !local.differences.isEmpty { return fullComparison() }
                differsWhereIgnored = differsWhereIgnored || local.differsWhereIgnored
            }
            if case .identical = status, !differsWhereIgnored { return .identical }
            return .equal
        case .differs(let differences):
            if sameChange, !differences.contains(where: { effectA.mayChange($0.path) }) { return status }
            // The same places still differ when, under every place touched, they did before.
            guard let roots = touchedRoots(effectA, effectB) else { return fullComparison() }
            for root in roots {
                let now = Set(comparison(at: root).differences.map(\.path.tokens))
                let before = Set(differences.lazy.map(\.path.tokens).filter { $0.starts(with: root) })
                if now != before { return fullComparison() }
            }
            // The same places, with the values they hold now.
            return .differs(differences.map { ValueDifference(path: $0.path, a: $0.path.resolve(in: stateA), b: $0.path.resolve(in: stateB)) })
        }
    }

    /// Where to compare the states after changes with these touches: for each touch, the
    /// place a full comparison would report a difference under it from (the touch's path,
    /// or the first place above it where the states stop being containers of one kind, or
    /// where one lacks a member); nil when that is the whole state, or when a change copies
    /// or moves values (which may read anywhere). A container touch where both states hold
    /// objects changes nothing by itself (its members have touches of their own).
    private func touchedRoots(_ effectA: EventEffect, _ effectB: EventEffect) -> Set<[String]>? {
        if effectA.readsElsewhere || effectB.readsElsewhere { return nil }
        var roots = Set<[String]>()
        var whole = false
        func add(_ touch: Touch) {
            let tokens = touch.path.tokens
            if touch.kind == .container, case .object? = touch.path.resolve(in: stateA), case .object? = touch.path.resolve(in: stateB) {
                return
            }
            let root = root(of: tokens)
            if root.isEmpty { whole = true }
            if !isIgnored(root) { roots.insert(root) }
        }
        effectA.forEachTouch(add)
        effectB.forEachTouch(add)
        return whole ? nil : roots
    }

    /// The first place along `tokens` where the two states stop being containers of one
    /// kind holding the next step (see ``touchedRoots(_:_:)``).
    private func root(of tokens: [String]) -> [String] {
        var left = stateA
        var right = stateB
        for (depth, token) in tokens.enumerated() {
            switch (left, right) {
            case (.object(let x), .object(let y)):
                guard let nextLeft = x[token], let nextRight = y[token] else { return Array(tokens[...depth]) }
                left = nextLeft
                right = nextRight
            case (.array(let x), .array(let y)):
                guard let index = JSONPointer.arrayIndex(token), index < x.count, index < y.count else { return Array(tokens[..<depth]) }
                left = x[index]
                right = y[index]
            default:
                return Array(tokens[..<depth])
            }
        }
        return tokens
    }

    /// True when `tokens` is at or under an ignored path.
    private func isIgnored(_ tokens: [String]) -> Bool {
        a.ignores.state.contains { tokens.starts(with: $0) }
    }

    /// The two states compared under `tokens`.
    private func comparison(at tokens: [String]) -> ValueComparison {
        let pointer = JSONPointer(tokens: tokens)
        return ValueComparison(pointer.resolve(in: stateA), pointer.resolve(in: stateB), at: pointer, ignoring: a.ignores.state)
    }

    private func fullComparison() -> Status {
        let comparison = ValueComparison(stateA, stateB, ignoring: a.ignores.state)
        if !comparison.differences.isEmpty { return .differs(comparison.differences) }
        return comparison.differsWhereIgnored ? .equal : .identical
    }

    /// Applies the events each side has not applied yet, up to the given positions. While
    /// the states are identical, only A's are replayed and B's state is A's.
    private mutating func catchUp(_ targetA: Int, _ targetB: Int) throws(CompareError) {
        if case .identical = status, positionA < targetA || positionB < targetB {
            while positionA < targetA {
                try a.apply(try a.effect(positionA), of: positionA, to: &stateA)
                positionA += 1
            }
            stateB = stateA
            positionB = targetB
            return
        }
        while positionA < targetA {
            try a.apply(try a.effect(positionA), of: positionA, to: &stateA)
            positionA += 1
        }
        while positionB < targetB {
            try b.apply(try b.effect(positionB), of: positionB, to: &stateB)
            positionB += 1
        }
    }
}

extension EventEffect {
    /// True for a patch that copies or moves a value from one place to another: the same
    /// patch on states equal outside ignored paths may then make them differ elsewhere.
    fileprivate var readsElsewhere: Bool {
        guard case .patch(let operations) = self else { return false }
        return operations.contains { $0.kind == .copy || $0.kind == .move }
    }
}
