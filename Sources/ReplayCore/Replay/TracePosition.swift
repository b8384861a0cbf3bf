/// A place on the timeline as a person names it: `start`, `crash`, `end`, or an event
/// index `I` meaning "at I" (events 0 through I applied).
public enum TracePosition: Equatable, Sendable, CustomStringConvertible {
    case start
    case crash
    case end
    case event(Int)

    /// Parses `start`, `crash`, `end`, `I` or `#I`.
    public init?(_ text: String) {
        switch text {
        case "start": self = .start
        case "crash": self = .crash
        case "end": self = .end
        default:
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), let index = Int(digits) else {
                return nil
            }
            self = .event(index)
        }
    }

    public var description: String {
        switch self {
        case .start: "start"
        case .crash: "crash"
        case .end: "end"
        case .event(let index): "#\(index)"
        }
    }

    /// The number of events applied at this place in `trace`.
    public func resolve(in trace: Trace) throws(TraceError) -> Int {
        switch self {
        case .start:
            return 0
        case .end:
            return trace.count
        case .crash:
            guard let crash = trace.crash else { throw TraceError(.file, "the trace has no crash") }
            return crash.index + 1
        case .event(let index):
            guard index < trace.count else {
                let range = trace.count == 0 ? "it has no events" : "events are #0...#\(trace.count - 1)"
                throw TraceError(.file, "there is no event #\(index): \(range)")
            }
            return index + 1
        }
    }
}
