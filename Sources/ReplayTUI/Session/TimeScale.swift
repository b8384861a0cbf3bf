import ReplayCore

/// How the debugger writes a trace's times (its events' `t`, in milliseconds): in seconds,
/// or in milliseconds for a run shorter than a second, always with the unit, and with as
/// many decimals as its closest events need to look apart (events 1 ms apart show
/// milliseconds; events a second apart show whole seconds).
public struct TimeScale: Equatable, Sendable {
    public enum Unit: Equatable, Sendable {
        case milliseconds, seconds
    }

    public let unit: Unit
    /// Decimals after the unit's point, 0...3.
    public let decimals: Int

    /// How many events' times are looked at to find the gaps between close events: the
    /// first ones, which is enough to know the trace's rhythm and keeps opening instant.
    static let sampled = 10_000

    /// The scale for `trace`: its duration and the gaps between its first events.
    public init(_ trace: Trace, duration: Double?) {
        var times: [Double] = []
        for index in 0..<min(trace.count, Self.sampled) {
            if let t = trace.events.summary(index).t { times.append(t) }
        }
        self.init(duration: duration, times: times)
    }

    /// The scale for a run of `duration` milliseconds whose events happened at `times`: the
    /// closest tenth of the gaps between consecutive distinct times decides the decimals.
    public init(duration: Double?, times: [Double]) {
        let gaps = zip(times.dropFirst(), times).map { abs($0 - $1) }.filter { $0 > 0 }.sorted()
        let close = gaps.isEmpty ? nil : gaps[gaps.count / 10]
        unit = (duration ?? 0) < 1_000 ? .milliseconds : .seconds
        let step = (close ?? 1_000) / (unit == .seconds ? 1_000 : 1)
        decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3
    }

    /// `milliseconds` in this scale: `1.508 s`, `14 s`, `850 ms`, `0.25 ms`.
    public func text(_ milliseconds: Double) -> String {
        switch unit {
        case .seconds: Self.fixed(milliseconds / 1_000, decimals) + " s"
        case .milliseconds: Self.fixed(milliseconds, decimals) + " ms"
        }
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e15 else { return String(value) }
        let whole = Int(scaled)
        let sign = value < 0 && whole != 0 ? "-" : ""
        let unitPart = whole / Int(scale)
        guard decimals > 0 else { return sign + String(unitPart) }
        let fraction = String(whole % Int(scale))
        return sign + String(unitPart) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
