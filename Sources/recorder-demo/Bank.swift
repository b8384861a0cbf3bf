import ReplayRecorder

/// The bank's whole state, as it appears in the trace: Codable structs encode their
/// properties in the order they are declared.
struct BankState: Codable, Sendable {
    var accounts: [Account] = []
    /// The last few operations, newest last.
    var ledger: [Entry] = []
    var stats = Stats()
}

struct Account: Codable, Sendable {
    var id: Int
    var owner: String
    /// In cents.
    var balance: Int
    var status: Status
}

enum Status: String, Codable, Sendable {
    case open, frozen
}

struct Entry: Codable, Sendable {
    var op: String
    var account: Int
    var amount: Int
}

struct Stats: Codable, Sendable {
    var calls = 0
    var failed = 0
}

/// What a call asks for: each is an event's payload.
enum Operation: Codable, Sendable {
    case open(owner: String, deposit: Int)
    case deposit(account: Int, amount: Int)
    case withdraw(account: Int, amount: Int)
    case transfer(from: Int, to: Int, amount: Int)
    case freeze(account: Int)

    var name: String {
        switch self {
        case .open: "open"
        case .deposit: "deposit"
        case .withdraw: "withdraw"
        case .transfer: "transfer"
        case .freeze: "freeze"
        }
    }
}

/// A refusal the bank reports and survives, recorded as an error event.
struct Refusal: Error, CustomStringConvertible {
    var description: String
}

/// A broken invariant: the bank cannot go on, and the run crashes.
struct Corruption: Error, CustomStringConvertible {
    var description: String
}

/// A small bank-account server that records every call it handles, with the state after it.
actor Bank {
    private var state = BankState()
    private let recorder: TraceRecorder

    init(tracePath: String) throws(TraceRecorderError) {
        recorder = try TraceRecorder(path: tracePath, initialState: state, meta: ["title": "recorder-demo: a bank-account actor"])
    }

    /// Handles one call and records it: the new state, an error event for a refusal, or
    /// the crash for a broken invariant (which it then throws).
    func handle(_ operation: Operation) throws {
        var next = state
        next.stats.calls += 1
        do {
            try apply(operation, to: &next)
            next.ledger = Array((next.ledger + [entry(for: operation)]).suffix(5))
            state = next
            try recorder.record(kind: "call", name: operation.name, payload: operation, state: state)
        } catch let refusal as Refusal {
            next.stats.failed += 1
            state.stats = next.stats
            try recorder.error(refusal.description, kind: "call", name: operation.name, payload: operation, state: state)
        } catch let corruption as Corruption {
            try recorder.crash(reason: "Corruption: \(corruption) in Bank.handle(\(operation.name))", name: operation.name, payload: operation)
            throw corruption
        }
    }

    private func apply(_ operation: Operation, to state: inout BankState) throws {
        switch operation {
        case .open(let owner, let deposit):
            state.accounts.append(Account(id: state.accounts.count, owner: owner, balance: deposit, status: .open))
        case .deposit(let id, let amount):
            try account(id, in: state)
            state.accounts[id].balance += amount
        case .withdraw(let id, let amount):
            try account(id, in: state)
            guard state.accounts[id].balance >= amount else {
                throw Refusal(description: "insufficient funds: account \(id) has \(state.accounts[id].balance), asked \(amount)")
            }
            state.accounts[id].balance -= amount
        case .transfer(let from, let to, let amount):
            try account(from, in: state)
            try account(to, in: state)
            guard state.accounts[from].balance >= amount else {
                throw Refusal(description: "insufficient funds: account \(from) has \(state.accounts[from].balance), asked \(amount)")
            }
            // The bug the demo is about: a frozen account is never checked before the money
            // leaves, and crediting it finds the books inconsistent.
            state.accounts[from].balance -= amount
            guard state.accounts[to].status == .open else {
                throw Corruption(description: "account \(to) is frozen: \(amount) debited from account \(from) cannot be credited")
            }
            state.accounts[to].balance += amount
        case .freeze(let id):
            try account(id, in: state)
            state.accounts[id].status = .frozen
        }
    }

    private func account(_ id: Int, in state: BankState) throws {
        guard state.accounts.indices.contains(id) else { throw Refusal(description: "no account \(id)") }
    }

    private func entry(for operation: Operation) -> Entry {
        switch operation {
        case .open(_, let deposit): Entry(op: "open", account: state.accounts.count, amount: deposit)
        case .deposit(let id, let amount): Entry(op: "deposit", account: id, amount: amount)
        case .withdraw(let id, let amount): Entry(op: "withdraw", account: id, amount: amount)
        case .transfer(let from, _, let amount): Entry(op: "transfer", account: from, amount: amount)
        case .freeze(let id): Entry(op: "freeze", account: id, amount: 0)
        }
    }
}
