/// Eugene Myers' O(ND) difference algorithm ("An O(ND) Difference Algorithm and Its
/// Variations", 1986), as `diff` uses it: the longest common subsequence of two sequences
/// found by following the furthest-reaching paths of 0, 1, 2... edits.
///
/// Bounded: it gives up (returns nil) when more than `maxEdits` edits are needed or when
/// following diagonals has cost more than `maxWork` comparisons, so that time is at most
/// O((N+M) + maxWork + maxEdits²) and memory O(maxEdits²) (the frontier of each round is
/// kept to recover the path).
enum MyersDiff {
    /// The matched pairs `(i, j)` (`a[i] == b[j]`) of a shortest edit script turning `a`
    /// into `b`, in order, with indices of the collections; nil when the bounds are exceeded.
    static func matches<A: RandomAccessCollection, B: RandomAccessCollection>(
        _ a: A, _ b: B, maxEdits: Int, maxWork: Int
    ) -> [(Int, Int)]? where A.Element: Equatable, A.Element == B.Element, A.Index == Int, B.Index == Int {
        let n = a.count
        let m = b.count
        let a0 = a.startIndex
        let b0 = b.startIndex
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var frontier = [Int](repeating: 0, count: 2 * limit + 3)
        // The frontier before round d, diagonals -d...d, one round after another.
        var rounds: [Int32] = []
        var roundStarts: [Int] = []
        var work = 0
        for d in 0...limit {
            roundStarts.append(rounds.count)
            for k in stride(from: -d, through: d, by: 1) {
                rounds.append(Int32(frontier[k + offset]))
            }
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && frontier[k - 1 + offset] < frontier[k + 1 + offset])
                    ? frontier[k + 1 + offset] : frontier[k - 1 + offset] + 1
                var y = x - k
                let snakeStart = x
                while x < n, y < m, a[a0 + x] == b[b0 + y] {
                    x += 1
                    y += 1
                }
                work += 1 + x - snakeStart
                frontier[k + offset] = x
                if x >= n, y >= m {
                    return backtrack(rounds, roundStarts, d: d, n: n, m: m).map { ($0.0 + a0, $0.1 + b0) }
                }
            }
            if work > maxWork { return nil }
        }
        return nil
    }

    /// Walks back from `(n, m)` through the kept frontiers, collecting the diagonal steps.
    private static func backtrack(_ rounds: [Int32], _ roundStarts: [Int], d: Int, n: Int, m: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        var x = n
        var y = m
        var d = d
        while d > 0 {
            // rounds[roundStarts[d] + (k + d)] is the frontier on diagonal k before round d.
            func before(_ k: Int) -> Int { Int(rounds[roundStarts[d] + k + d]) }
            let k = x - y
            let previous = k == -d || (k != d && before(k - 1) < before(k + 1)) ? k + 1 : k - 1
            let previousX = before(previous)
            let previousY = previousX - previous
            let startX = previous == k + 1 ? previousX : previousX + 1
            while x > startX {
                x -= 1
                y -= 1
                pairs.append((x, y))
            }
            x = previousX
            y = previousY
            d -= 1
        }
        while x > 0, y > 0 {
            x -= 1
            y -= 1
            pairs.append((x, y))
        }
        return pairs.reversed()
    }
}
