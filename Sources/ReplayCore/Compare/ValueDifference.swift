/// One place where two values differ: the value in A and the value in B there (nil where
/// one side has none).
public struct ValueDifference: Equatable, Sendable {
    public var path: JSONPointer
    public var a: JSONValue?
    public var b: JSONValue?

    public init(path: JSONPointer, a: JSONValue?, b: JSONValue?) {
        self.path = path
        self.a = a
        self.b = b
    }
}

/// How two states (or payloads) differ, place by place, outside ignored paths.
///
/// Objects are compared member by member whatever their order, arrays element by element
/// by position, numbers exactly as written: the places reported are the deepest where the
/// values stop being the same (a member only one side has, a scalar that differs, a value
/// of another type). Under an ignored path nothing is reported.
public struct ValueComparison {
    /// The places that differ, in A's member order, then B's extra members.
    public private(set) var differences: [ValueDifference] = []
    /// True when the values differ under an ignored path (so they are not identical).
    public private(set) var differsWhereIgnored = false
    private let ignored: Set<[String]>
    private var tokens: [String]

    /// Compares `a` and `b` found at `path` of their documents; `ignored` are token lists
    /// from the document's root.
    public init(_ a: JSONValue?, _ b: JSONValue?, at path: JSONPointer = .root, ignoring ignored: Set<[String]> = []) {
        self.ignored = ignored
        tokens = path.tokens
        walk(a, b)
    }

    /// The differences between two whole states outside the ignored paths.
    public static func differences(_ a: JSONValue, _ b: JSONValue, ignoring ignored: Set<[String]> = []) -> [ValueDifference] {
        ValueComparison(a, b, ignoring: ignored).differences
    }

    private mutating func walk(_ a: JSONValue?, _ b: JSONValue?) {
        if !ignored.isEmpty, ignored.contains(tokens) {
            if !JSONValue.isSame(a, b) { differsWhereIgnored = true }
            return
        }
        switch (a, b) {
        case (.object(let left)?, .object(let right)?):
            for (key, value) in left { descend(key, value, right[key]) }
            for (key, value) in right where left[key] == nil { descend(key, nil, value) }
        case (.array(let left)?, .array(let right)?):
            for index in 0..<max(left.count, right.count) {
                let absent: JSONValue? = nil  // not `.null`: a missing element is no value
                descend(String(index), index < left.count ? left[index] : absent, index < right.count ? right[index] : absent)
            }
        case (nil, nil):
            return
        default:
            if JSONValue.isSame(a, b) { return }
            if hasIgnoredBelow() {
                // Report what differs around the ignored paths, not the whole value.
                walkIntoOneSide(a, b)
            } else {
                differences.append(ValueDifference(path: JSONPointer(tokens: tokens), a: a, b: b))
            }
        }
    }

    private mutating func descend(_ token: String, _ a: JSONValue?, _ b: JSONValue?) {
        tokens.append(token)
        walk(a, b)
        tokens.removeLast()
    }

    /// Values of different shapes with an ignored path below: each side's members are
    /// compared with nothing on the other side, so the ignored parts stay out.
    private mutating func walkIntoOneSide(_ a: JSONValue?, _ b: JSONValue?) {
        func children(_ value: JSONValue?) -> [(String, JSONValue)] {
            switch value {
            case .object(let members)?: members.map { ($0.key, $0.value) }
            case .array(let elements)?: elements.enumerated().map { (String($0.offset), $0.element) }
            default: []
            }
        }
        let left = children(a)
        let right = children(b)
        let scalarA = left.isEmpty && a != nil && a?.objectValue == nil && a?.arrayValue == nil
        let scalarB = right.isEmpty && b != nil && b?.objectValue == nil && b?.arrayValue == nil
        if scalarA || scalarB {
            differences.append(ValueDifference(path: JSONPointer(tokens: tokens), a: scalarA ? a : nil, b: scalarB ? b : nil))
        }
        for (token, value) in left { descend(token, value, nil) }
        for (token, value) in right { descend(token, nil, value) }
    }

    private func hasIgnoredBelow() -> Bool {
        ignored.contains { $0.count > tokens.count && Array($0.prefix(tokens.count)) == tokens }
    }
}
