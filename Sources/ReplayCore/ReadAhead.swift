#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A pass over a range of events in chunks taken in order, with chunks made ahead on a second
/// core: each chunk's events are turned into a part (their changes, their output lines), and
/// the parts are consumed in order on this thread.
///
/// The other thread makes its chunks in order, at most ``chunksAhead`` ahead of the one being
/// consumed, so memory stays bounded. Making a chunk stops at an event that fails; its part
/// holds what came before, and the error is thrown once that part is consumed, so the events
/// before it are consumed and the error is the one a pass on one thread would throw. An error
/// while consuming stops the other thread. Short ranges, and machines with one core, are
/// passed over on this thread alone. A pass can also end early: ``run(_:threshold:sharing:while:make:consume:)``
/// asks after each chunk it consumes whether to go on.
public enum ReadAhead {
    /// How many items one part covers.
    public static let chunkSize = 2_048
    static let chunksAhead = 8

    /// Who makes the parts.
    public enum Sharing: Sendable {
        /// The other thread makes every part; this one consumes (consuming is about as much
        /// work as making).
        case otherMakesAll
        /// Each thread makes every second part (consuming is little work).
        case alternate
    }

    /// What a chunk of events made: the part, and the error of the event that stopped it.
    public typealias Made<Part> = (part: Part, failure: TraceError?)

    /// Makes a part of each chunk of `range` with `make` and consumes the parts in order with
    /// `consume`; on a second core when the range has `threshold` events or more. The pass
    /// stops after the first chunk at whose end `continuing` says no.
    public static func run<Part: Sendable>(
        _ range: Range<Int>, threshold: Int, sharing: Sharing, while continuing: () -> Bool = { true },
        make: @escaping @Sendable (Range<Int>) -> Made<Part>, consume: (Part) throws(TraceError) -> Void
    ) throws(TraceError) {
        let chunks = (range.count + chunkSize - 1) / chunkSize
        @Sendable func bounds(_ number: Int) -> Range<Int> {
            range.lowerBound + number * chunkSize..<min(range.lowerBound + (number + 1) * chunkSize, range.upperBound)
        }
        let step = sharing == .alternate ? 2 : 1
        let queue = PartQueue<Part>(ahead: chunksAhead * step)
        let maker = range.count < threshold ? nil : OtherThread.start { other in
            queue.fill(numbers: Swift.stride(from: step - 1, to: chunks, by: step), make: { make(bounds($0)) }, while: { !other.isCancelled })
        }
        defer { maker?.cancel() }
        for number in 0..<chunks {
            let made = maker == nil || number % step != step - 1 ? make(bounds(number)) : queue.take(number)
            try consume(made.part)
            if let failure = made.failure { throw failure }
            guard continuing() else { return }
        }
    }
}

/// The parts the other thread made, by chunk number, until this one takes them.
private final class PartQueue<Part: Sendable>: Sendable {
    private struct State {
        var ready: [Int: ReadAhead.Made<Part>] = [:]
        /// The chunks consumed so far (their numbers are below it).
        var consumed = 0
    }

    private let state = Mutex(State())
    /// How many chunks past the one being consumed the other thread may make.
    private let ahead: Int

    init(ahead: Int) {
        self.ahead = ahead
    }

    /// On the other thread: makes the chunks `numbers` in turn, waiting while it is
    /// ``ahead`` chunks ahead, until a part fails or `shouldGoOn` says no.
    func fill(numbers: StrideTo<Int>, make: (Int) -> ReadAhead.Made<Part>, while shouldGoOn: () -> Bool) {
        for number in numbers {
            while state.withLock({ number - $0.consumed >= ahead }) {
                guard shouldGoOn() else { return }
                usleep(50)
            }
            guard shouldGoOn() else { return }
            let made = make(number)
            state.withLock { $0.ready[number] = made }
            if made.failure != nil { return }
        }
    }

    /// On this thread: chunk `number`'s part, waiting for it; counts it consumed.
    func take(_ number: Int) -> ReadAhead.Made<Part> {
        while true {
            let made = state.withLock { state -> ReadAhead.Made<Part>? in
                guard let made = state.ready.removeValue(forKey: number) else { return nil }
                state.consumed = number + 1
                return made
            }
            if let made { return made }
            usleep(20)
        }
    }
}
