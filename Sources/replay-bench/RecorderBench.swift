import ReplayCore
import ReplayRecorder

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `replay-bench recorder [DIRECTORY [CASE ...]]`: what ReplayRecorder costs an event, each
/// `record` call timed alone (encoding, diff and the write), 20,000 events a case (500 for
/// `dictionary`, which takes milliseconds an event): `small`, a
/// Codable account of four fields, one changed; `bank`, a Codable bank of four accounts and
/// five ledger rows, one balance and a counter changed; `wide`, a state of 10,000 keys with one change kept
/// as a JSONValue; `dictionary`, the same as a Codable `[String: Int]`; `off`, a recorder that
/// is off. All of them unless named (one alone, for a profiler). The traces go to DIRECTORY
/// (default /tmp) and are removed. See docs/performance.md "Recording".
enum RecorderBench {
    static let events = 20_000

    /// A small program's state: a few accounts, the last operations, counters.
    struct Bank: Codable {
        var accounts: [Account]
        var ledger: [Entry]
        var calls = 0

        struct Account: Codable {
            var id: Int
            var owner: String
            var balance: Int
            var open = true
        }

        struct Entry: Codable {
            var op: String
            var account: Int
            var amount: Int
        }
    }

    struct Withdraw: Codable {
        var account: Int
        var amount: Int
    }

    static let cases = ["small", "bank", "wide", "dictionary", "off"]

    static func run(directory: String, cases chosen: [String], clock: ContinuousClock) throws {
        let chosen = chosen.isEmpty ? cases : chosen
        if let unknown = chosen.first(where: { !cases.contains($0) }) {
            print("no case \(unknown): the cases are \(cases.joined(separator: ", "))")
            exit(2)
        }
        let path = "\(directory)/replay-bench-recorder-\(getpid()).ndjson"
        defer { unlink(path) }
        print("case" + String(repeating: " ", count: 40) + "      median         p99        mean  trace")

        var account = Bank.Account(id: 1, owner: "ada", balance: 10_000)
        if chosen.contains("small") {
            let small = try TraceRecorder(path: path, initialState: account)
            report("small: one account (4 fields)", path: path, header: fileSize(path), try measure(clock, change: { _ in account.balance -= 7 }) { _ in
                try small.record(kind: "call", name: "withdraw", payload: Withdraw(account: 1, amount: 7), state: account)
            })
        }

        var bank = Bank(
            accounts: (0..<4).map { Bank.Account(id: $0, owner: "owner \($0)", balance: 10_000) },
            ledger: (0..<5).map { Bank.Entry(op: "deposit", account: $0 % 4, amount: 100) }
        )
        if chosen.contains("bank") {
            let recorder = try TraceRecorder(path: path, initialState: bank)
            report("bank: 4 accounts, 5 ledger rows (40 values)", path: path, header: fileSize(path), try measure(clock, change: { step in
                bank.accounts[step % 4].balance -= 7
                bank.calls += 1
            }) { step in
                try recorder.record(kind: "call", name: "withdraw", payload: Withdraw(account: step % 4, amount: 7), state: bank)
            })
        }

        if chosen.contains("wide") {
            var keys = JSONObject()
            for key in 0..<10_000 { keys["key\(key)"] = JSONValue(integerLiteral: key) }
            var large = JSONValue.object(keys)
            let wide = try TraceRecorder(path: path, initialState: large)
            report("10,000 keys (JSONValue), one change", path: path, header: fileSize(path), try measure(clock, change: { step in
                change(&large, key: "key\((step * 7_919) % 10_000)", to: step)
            }) { step in
                try wide.record(kind: "call", name: "set", payload: step, state: large)
            })
        }

        if chosen.contains("dictionary") {
            var dictionary = Dictionary(uniqueKeysWithValues: (0..<10_000).map { ("key\($0)", $0) })
            let codable = try TraceRecorder(path: path, initialState: dictionary)
            report("10,000 keys ([String: Int]), one change", path: path, header: fileSize(path), try measure(clock, events: 500, change: { step in
                dictionary["key\((step * 7_919) % 10_000)"] = step
            }) { step in
                try codable.record(kind: "call", name: "set", payload: step, state: dictionary)
            })
        }

        if chosen.contains("off") {
            report("off (TraceRecorder.off)", path: nil, try measure(clock, change: { _ in bank.calls += 1 }) { step in
                try TraceRecorder.off.record(kind: "call", name: "withdraw", payload: Withdraw(account: 0, amount: step), state: bank)
            })
        }
    }

    /// Sets the member `key` of the object `value` to `number` in place: the members are
    /// taken out of the enum first, so that they are not shared while they change.
    private static func change(_ value: inout JSONValue, key: String, to number: Int) {
        guard case .object(var members) = value else { return }
        value = .null
        members[key] = JSONValue(integerLiteral: number)
        value = .object(members)
    }

    /// Each event's `record` call timed alone: `change` (the program changing its state
    /// before the call) is not counted.
    private static func measure(_ clock: ContinuousClock, events: Int = events, change: (Int) -> Void = { _ in }, record: (Int) throws -> Void) throws -> [Duration] {
        var samples: [Duration] = []
        samples.reserveCapacity(events)
        for step in 0..<events {
            change(step)
            let start = clock.now
            try record(step)
            samples.append(clock.now - start)
        }
        return samples
    }

    /// The size of the file at `path`, 0 when there is none.
    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// A row: the case, the median, p99 and mean of its samples, and the bytes an event took
    /// in the trace (its first line, the initial state, left out).
    private static func report(_ name: String, path: String?, header: Int = 0, _ samples: [Duration]) {
        let mean = samples.reduce(Duration.zero, +) / samples.count
        let trace = path.map { "\((fileSize($0) - header) / samples.count) bytes an event" } ?? ""
        let row = [name, format(Measure.percentile(samples, 0.5)), format(Measure.percentile(samples, 0.99)), format(mean), trace]
        let widths = [-44, 10, 10, 10, 0]
        print(zip(row, widths).map { text, width in
            let pad = String(repeating: " ", count: max(abs(width) - text.count, 0))
            return width < 0 ? text + pad : pad + text
        }.joined(separator: "  "))
    }

    /// Microseconds with one decimal: recording is measured in them.
    private static func format(_ duration: Duration) -> String {
        let microseconds = Measure.seconds(duration) * 1e6
        return "\((microseconds * 10).rounded() / 10) µs"
    }
}
