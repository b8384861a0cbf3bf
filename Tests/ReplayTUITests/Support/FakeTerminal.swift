#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import ReplayTUI

/// A clock the test moves: the fake terminal advances it by each read's timeout, as if the
/// run loop had waited that long.
final class FakeClock: MonotonicClock {
    var now: Double = 0
    func milliseconds() -> Double { now }
}

/// A terminal for running ``RunLoop`` without one: it answers each read from a script of
/// steps, keeps every frame drawn, and moves a ``FakeClock`` by the time a read waited.
final class FakeTerminal: Terminal {
    /// One thing the user does.
    enum Step {
        /// These inputs arrive at the next read.
        case input([TerminalInput])
        /// Reads time out until the last frame drawn satisfies the condition (for the
        /// worker's answers, which take real time: each such read also sleeps a millisecond).
        case waitFor((Canvas) -> Bool)
        /// Reads time out this many times.
        case idle(Int)
    }

    var size: (width: Int, height: Int)
    let clock = FakeClock()
    private var steps: [Step]
    /// Every frame drawn, oldest first, with the clock when it was drawn.
    private(set) var frames: [(canvas: Canvas, at: Double)] = []
    /// The timeout of every read, in order.
    private(set) var timeouts: [Int?] = []
    private(set) var restored = false
    /// A read waiting for a frame gives up after this many tries and types `q`.
    static let patience = 20_000

    init(width: Int = 120, height: Int = 40, _ steps: [Step]) {
        size = (width, height)
        self.steps = steps
    }

    /// The keys, as one step each.
    static func keys(_ keys: Key...) -> [Step] {
        keys.map { .input([.message(.key($0))]) }
    }

    var lastFrame: Canvas { frames.last!.canvas }

    func draw(_ canvas: Canvas) {
        frames.append((canvas, clock.now))
    }

    func read(timeout milliseconds: Int?) -> [TerminalInput] {
        timeouts.append(milliseconds)
        while let step = steps.first {
            switch step {
            case .input(let inputs):
                steps.removeFirst()
                return inputs
            case .idle(let reads):
                if reads <= 1 { steps.removeFirst() } else { steps[0] = .idle(reads - 1) }
                return waited(milliseconds)
            case .waitFor(let condition):
                if frames.last.map({ condition($0.canvas) }) == true {
                    steps.removeFirst()
                    continue
                }
                if timeouts.count > Self.patience {
                    steps = []
                    continue
                }
                usleep(1_000)
                return waited(milliseconds)
            }
        }
        return [.message(.key(.character("q")))]
    }

    /// A read that timed out: the clock moves on by its timeout.
    private func waited(_ milliseconds: Int?) -> [TerminalInput] {
        clock.now += Double(milliseconds ?? 1_000)
        return []
    }

    func restore() {
        restored = true
    }
}
