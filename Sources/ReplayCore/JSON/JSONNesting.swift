extension JSONValue {
    /// True when arrays and objects nest more than `levels` deep in this value: a scalar
    /// nests 0 levels, `[]` and `{}` one, `[[1]]` two. Walks without recursion and stops at
    /// the first container too deep, so that any value, however deep, can be asked.
    public func nests(deeperThan levels: Int) -> Bool {
        switch self {
        case .array, .object: break
        default: return levels < 0  // most patched values: no walk, no allocation
        }
        var pending: [(value: JSONValue, level: Int)] = [(self, 0)]
        while let (value, level) = pending.popLast() {
            let children: [JSONValue]
            switch value {
            case .array(let elements): children = elements
            case .object(let members): children = members.values.elements
            default: continue
            }
            if level + 1 > levels { return true }
            for child in children {
                switch child {
                case .array, .object: pending.append((child, level + 1))
                default: break
                }
            }
        }
        return levels < 0
    }
}
