/// Where playback is on the timeline, and how it moves as time passes.
///
/// Pure: the caller passes elapsed wall-clock time to ``advance(byMilliseconds:in:)`` and
/// the playhead moves event by event, never skipping an event where it must stop: the
/// crash, a breakpoint (by event name), an error when ``stopsOnErrors`` is on, and the end.
public struct Playhead: Equatable, Sendable {
    /// The playback speeds, slowest first.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64]
    /// Milliseconds between events at 1x when events carry no time or real time is off.
    public static let fixedDelay: Double = 100
    /// The longest recorded gap played in real time; longer idle gaps are cut to this.
    public static let maximumGap: Double = 1_000
    /// At most this many events are applied in one call, so a frame stays responsive.
    static let maximumStepsPerAdvance = 5_000

    /// Why playback stopped by itself.
    public enum Stop: Equatable, Sendable {
        case crash(Int)
        case breakpoint(Int, name: String)
        case error(Int)
        /// The event changed the value at a watched path.
        case watch(Int, path: JSONPointer)
        /// A condition (an expression's text) holds after the event.
        case condition(Int, expression: String)
        case end
    }

    /// Events applied: 0 is the start, `count` is after the last event.
    public private(set) var position: Int
    public private(set) var count: Int
    public private(set) var isPlaying = false
    public var speedIndex = 2
    /// Play with the recorded gaps between events (`t`), or at a fixed rate.
    public var realTime = true
    public var stopsOnErrors = false
    /// Event names that stop playback when reached.
    public var breakpoints: Set<String> = []
    /// Why playback last stopped by itself; cleared by any move.
    public private(set) var stop: Stop?
    /// Playback time accumulated toward the next event.
    private var pending: Double = 0

    public init(count: Int, position: Int = 0) {
        self.count = count
        self.position = min(max(position, 0), count)
    }

    public var speed: Double { Self.speeds[speedIndex] }

    /// The index of the event at the playhead (the last one applied), nil at the start.
    public var currentEvent: Int? { position > 0 ? position - 1 : nil }

    /// Moves to `position` (clamped), pausing nothing and clearing the last stop.
    public mutating func seek(to position: Int) {
        self.position = min(max(position, 0), count)
        pending = 0
        stop = nil
    }

    public mutating func play() {
        if position >= count { seek(to: 0) }
        isPlaying = count > 0
        pending = 0
        stop = nil
    }

    public mutating func pause() {
        isPlaying = false
        pending = 0
    }

    public mutating func togglePlaying() {
        if isPlaying { pause() } else { play() }
    }

    public mutating func faster() { speedIndex = min(speedIndex + 1, Self.speeds.count - 1) }
    public mutating func slower() { speedIndex = max(speedIndex - 1, 0) }

    /// Plays `milliseconds` of wall-clock time: applies every event whose delay has passed,
    /// stopping on the first event that must stop playback: the crash, a breakpoint, an error
    /// when ``stopsOnErrors``, whatever `stopsAfter` says of an event's index (watchpoints and
    /// conditions, which need states), and the last event.
    public mutating func advance(byMilliseconds milliseconds: Double, in trace: Trace, stopsAfter: (Int) -> Stop? = { _ in nil }) {
        guard isPlaying else { return }
        pending += milliseconds * speed
        var steps = 0
        while isPlaying, position < count, steps < Self.maximumStepsPerAdvance {
            let delay = self.delay(before: position, in: trace)
            guard pending >= delay else { return }
            pending -= delay
            position += 1
            steps += 1
            if let reason = stopReason(at: position - 1, in: trace, stopsAfter: stopsAfter) {
                isPlaying = false
                pending = 0
                stop = reason
            }
        }
        if steps == Self.maximumStepsPerAdvance { pending = 0 }
    }

    /// The trace grew to `count` events (it is being followed); the position stays.
    public mutating func extend(to count: Int) {
        self.count = max(count, self.count)
    }

    /// Events `first..<count` just arrived and the playhead, at `first`, follows them live:
    /// it moves to the last one, or stops on the first where playing would stop (the crash,
    /// a breakpoint, an error when ``stopsOnErrors``, what `stopsAfter` says). Returns the stop.
    public mutating func arrive(from first: Int, in trace: Trace, stopsAfter: (Int) -> Stop? = { _ in nil }) -> Stop? {
        for index in first..<count {
            if let reason = stopReason(at: index, in: trace, stopsAfter: stopsAfter), reason != .end {
                seek(to: index + 1)
                stop = reason
                return reason
            }
        }
        seek(to: count)
        return nil
    }

    /// The playback delay before event `index` is applied, at 1x.
    public func delay(before index: Int, in trace: Trace) -> Double {
        guard realTime, let t = trace.events.summary(index).t else { return Self.fixedDelay }
        let previous = index > 0 ? trace.events.summary(index - 1).t : 0
        guard let previous else { return Self.fixedDelay }
        return min(max(t - previous, 0), Self.maximumGap)
    }

    private func stopReason(at index: Int, in trace: Trace, stopsAfter: (Int) -> Stop?) -> Stop? {
        let summary = trace.events.summary(index)
        if index == trace.crash?.index { return .crash(index) }
        if let name = summary.name, breakpoints.contains(name) { return .breakpoint(index, name: name) }
        if stopsOnErrors && summary.hasError { return .error(index) }
        if let stop = stopsAfter(index) { return stop }
        if index == count - 1 { return .end }
        return nil
    }
}
