/// Reads SGR (1006) mouse reports, `ESC [ < b ; x ; y M` (press) or `m` (release), out of
/// the characters curses passes on when its terminfo entry expects the old encoding (tmux
/// and screen entries do): the old encoding cannot say a column past 223, SGR can say any.
///
/// Fed one character code at a time, it holds back what may begin a report and hands back
/// either a mouse event or the characters it held, to be read as keys after all.
struct SGRMouseDecoder {
    /// What one character made of the input so far.
    enum Output: Equatable {
        /// Held: it may be part of a report.
        case pending
        /// A whole report: the click or wheel turn (nil for a release, a drag or another button).
        case mouse(MouseEvent?)
        /// No report after all: these codes are keys.
        case keys([UInt32])
    }

    private var held: [UInt32] = []
    /// More held codes than any report has: what follows is no report.
    private static let longest = 32

    /// True while a report is under way past `ESC [ <`, so the caller keeps reading.
    var isInsideReport: Bool { held.count >= 3 }

    mutating func feed(_ code: UInt32) -> Output {
        switch (held.count, code) {
        case (0, 27), (1, 0x5B), (2, 0x3C):
            held.append(code)
            return .pending
        case (3..<Self.longest, 0x30...0x39), (3..<Self.longest, 0x3B):
            held.append(code)
            return .pending
        case (3..., 0x4D), (3..., 0x6D):
            let parameters = String(decoding: held.dropFirst(3).map { UInt8($0) }, as: UTF8.self)
            held = []
            return .mouse(Self.event(parameters, pressed: code == 0x4D))
        case (0, _):
            return .keys([code])
        default:
            // Not a report: what was held, then this code, read as keys (an Esc then `[`).
            let keys = held + [code]
            held = []
            return .keys(keys)
        }
    }

    /// What was held when no more input came: an Esc typed alone, or the start of a report
    /// whose rest will follow (kept).
    mutating func flush() -> [UInt32] {
        guard !isInsideReport else { return [] }
        defer { held = [] }
        return held
    }

    /// `b;x;y` with 1-based cells: button 0 pressed is a click, 64 and 65 the wheel.
    private static func event(_ parameters: String, pressed: Bool) -> MouseEvent? {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard pressed, numbers.count == 3, let button = numbers[0], let column = numbers[1], let row = numbers[2],
            column >= 1, row >= 1
        else { return nil }
        let (x, y) = (column - 1, row - 1)
        switch button {
        case 0: return .click(x: x, y: y)
        case 64: return .wheelUp(x: x, y: y)
        case 65: return .wheelDown(x: x, y: y)
        default: return nil
        }
    }
}
