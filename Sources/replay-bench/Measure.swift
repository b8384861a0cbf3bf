#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Percentiles, readable durations and the process's memory, for the benchmark tables.
enum Measure {
    static func percentile(_ samples: [Duration], _ fraction: Double) -> Duration {
        let sorted = samples.sorted()
        return sorted[min(Int(Double(sorted.count) * fraction), sorted.count - 1)]
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ duration: Duration) -> String {
        let microseconds = seconds(duration) * 1e6
        if microseconds < 1_000 { return "\(Int(microseconds.rounded())) µs" }
        if microseconds < 1_000_000 { return "\((microseconds / 10).rounded() / 100) ms" }
        return "\((microseconds / 10_000).rounded() / 100) s"
    }

    /// The process's resident set size now, from /proc/self/statm (0 where there is no
    /// /proc, as on macOS).
    static func residentBytes() -> Int {
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = read(descriptor, &buffer, buffer.count)
        let fields = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The most the process has had resident at once, from getrusage.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss  // bytes on Darwin
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1_024  // kilobytes on Linux
        #endif
    }
}
