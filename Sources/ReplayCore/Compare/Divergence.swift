/// A region where two runs diverge: consecutive rows of the alignment that differ in the
/// same way.
public struct Divergence: Sendable, Equatable {
    /// How the runs differ there; the raw value is what `compare --json` prints.
    public enum What: String, Sendable {
        /// Events only A has.
        case onlyInA = "only-in-a"
        /// Events only B has.
        case onlyInB = "only-in-b"
        /// Events of the same kind and name whose payloads differ.
        case event
        /// Corresponding events after which the states differ.
        case state
    }

    public var what: What
    /// The alignment's rows it spans.
    public var rows: Range<Int>
    /// A's first event in it (nil for ``What/onlyInB``).
    public var a: Int?
    /// B's first event in it (nil for ``What/onlyInA``).
    public var b: Int?
    /// Where its first row differs: state paths for ``What/state``, payload paths for
    /// ``What/event`` (from the payload's root), none for events on one side only. The
    /// same paths hold on every row of the region.
    public var differences: [ValueDifference]

    public init(what: What, rows: Range<Int>, a: Int?, b: Int?, differences: [ValueDifference]) {
        self.what = what
        self.rows = rows
        self.a = a
        self.b = b
        self.differences = differences
    }

    /// The places as outputs name them: `/accounts/1/balance` in the state, `@payload/amount`
    /// in an event.
    public var paths: [String] {
        differences.map { what == .event ? "@payload" + $0.path.description : $0.path.description }
    }
}

/// Which of the two compared runs something concerns.
public enum CompareSide: String, Sendable {
    case a = "A"
    case b = "B"
}

/// A trace that could not be read while comparing, and which one it was.
public struct CompareError: Error, Equatable, Sendable {
    public var side: CompareSide
    public var error: TraceError

    public init(side: CompareSide, error: TraceError) {
        self.side = side
        self.error = error
    }
}
