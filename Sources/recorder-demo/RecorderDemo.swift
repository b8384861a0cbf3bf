import ArgumentParser
import ReplayRecorder

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `recorder-demo [TRACE] [--operations N]`: runs a small bank-account actor that records
/// itself with ReplayRecorder, until a transfer to a frozen account crashes it.
@main
struct RecorderDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recorder-demo",
        abstract: "Run a bank-account actor that records itself to a trace, until it crashes."
    )

    @Argument(help: "The trace to write (NDJSON).")
    var trace = "bank-demo.ndjson"

    @Option(help: "How many calls the bank handles before the one that crashes it.")
    var operations = 24

    func validate() throws {
        guard operations >= 5 else { throw ValidationError("--operations must be at least 5") }
    }

    func run() async throws {
        do {
            try await runBank()
        } catch let error as TraceRecorderError {
            let message = Array("recorder-demo: \(error)\n".utf8)
            _ = write(STDERR_FILENO, message, message.count)
            throw ExitCode(1)
        }
    }

    /// Opens four accounts, handles random calls, freezes an account and transfers to it.
    private func runBank() async throws {
        let bank = try Bank(tracePath: trace)
        var random = Dice(seed: 42)
        let owners = ["ada", "grace", "linus", "barbara"]
        for owner in owners {
            try await bank.handle(.open(owner: owner, deposit: 10_000 + 2_500 * owner.count))
        }
        for _ in owners.count..<(operations - 1) {
            let account = random.below(owners.count)
            let amount = 100 * (1 + random.below(240))
            switch random.below(4) {
            case 0: try await bank.handle(.deposit(account: account, amount: amount))
            case 1: try await bank.handle(.withdraw(account: account, amount: amount))
            default: try await bank.handle(.transfer(from: account, to: (account + 1) % owners.count, amount: amount))
            }
        }
        try await bank.handle(.freeze(account: 3))
        do {
            try await bank.handle(.transfer(from: 2, to: 3, amount: 400))
        } catch let corruption as Corruption {
            print("the bank crashed: \(corruption)")
            print("recorded \(operations + 1) events to \(trace); open it with: replay-tui \(trace)")
        }
    }
}

/// A small deterministic random source (SplitMix64), so that every run records the same trace.
struct Dice {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
