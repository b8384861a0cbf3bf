/// What Elixir's `inspect` text of a term depends on besides the term itself: the Elixir
/// version that would print it (charlists are `'abc'` before 1.15, `~c"abc"` from 1.15) and
/// the number each node prints as in `#PID<N.110.0>` (0 for the local node; the running VM's
/// own numbering of remote nodes is not in the bytes, so a trace numbers them itself).
public struct ElixirInspectOptions: Hashable, Sendable {
    /// True for charlists as `~c"abc"` (Elixir 1.15 and later), false for `'abc'`.
    public var charlistSigil: Bool
    /// The number of each remote node; the local node, and any node not listed, prints as 0.
    public var nodeNumbers: [String: Int]

    public init(charlistSigil: Bool = true, nodeNumbers: [String: Int] = [:]) {
        self.charlistSigil = charlistSigil
        self.nodeNumbers = nodeNumbers
    }

    /// Today's Elixir, every node local: what a recording that names neither gets.
    public static let standard = ElixirInspectOptions()

    /// Whether the Elixir of version `version` (`"1.14.0"`) writes charlists as `~c"abc"`:
    /// from 1.15 on, and when the version is not given or cannot be read.
    public static func writesCharlistSigil(elixirVersion version: String?) -> Bool {
        guard let version else { return true }
        let parts = version.split(separator: ".").prefix(2).map { Int($0.prefix { $0.isNumber }) }
        guard parts.count == 2, let major = parts[0], let minor = parts[1] else { return true }
        return major > 1 || major == 1 && minor >= 15
    }

    /// The number `node` prints as.
    public func number(ofNode node: String) -> Int {
        nodeNumbers[node] ?? 0
    }

    /// The remote nodes that pids, ports and references in `values` name (their JSON form,
    /// ``ErlangTermJSON``), by number, ascending: `[(1, "b@host"), (2, "c@host")]`.
    public func remoteNodes(in values: [JSONValue]) -> [(number: Int, node: String)] {
        var found: [String: Int] = [:]
        for value in values {
            Self.forEachNode(in: value) { node in
                if let number = nodeNumbers[node] { found[node] = number }
            }
        }
        return found.map { ($0.value, $0.key) }.sorted { $0.number < $1.number }
    }
}
