#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// SIGINT and SIGTERM while following: the loop finishes the line it is on, flushes and
/// exits 0, instead of dying mid-write.
enum FollowSignals {
    private static let stop = Atomic<Bool>(false)

    static func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number) { _ in FollowSignals.stop.store(true, ordering: .relaxed) }
        }
    }

    static var stopRequested: Bool { stop.load(ordering: .relaxed) }
}
