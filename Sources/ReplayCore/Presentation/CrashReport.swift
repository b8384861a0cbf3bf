/// An error or crash made readable: the exception line first, then one stack frame a line,
/// whatever shape the recorder wrote it in.
///
/// - Elixir's `Exception.format` text (`** (ArithmeticError) bad argument…` and indented
///   frames): as it is, the exception line without its `** `.
/// - An Erlang `{reason, [{Mod, :fun, arity or args, [file: '…', line: N]}, …]}` term in
///   Elixir text (a Replayx crash): the reason as Elixir names it (`:badarith` is
///   `ArithmeticError: bad argument in arithmetic expression`), one frame a line written as
///   Elixir writes them (`    replayx/servers.ex:43: Fixgen.BankAccount.handle_call_impl/3`).
/// - An OpenTelemetry `exception` span event in the payload: `exception.type:
///   exception.message`, then `exception.stacktrace` line by line.
/// - A Python traceback: its last line (the exception) first, then its frames.
/// - Anything else: its first line, then the rest.
public struct CrashReport: Equatable, Sendable {
    /// What went wrong, on one line: `ArithmeticError: bad argument in arithmetic expression`.
    public var headline: String
    /// Where, from the top frame (the most recent call): `lib/bank/server.ex:88`.
    public var location: String?
    /// The stack, most recent call first as the recorder wrote it, one frame (or line) each.
    public var frames: [String]
    /// The exception as its own runtime prints it above the stack: Elixir's
    /// `** (ArithmeticError) bad argument in arithmetic expression` for an Elixir or Erlang
    /// crash, the headline for the others.
    public var exceptionLine: String

    /// The report for an event's error text, reading the event's payload when it holds an
    /// OpenTelemetry exception.
    public init(error: String, payload: JSONValue? = nil) {
        if let exception = Self.openTelemetryException(in: payload) {
            self = exception
        } else if let python = Self.pythonTraceback(error) {
            self = python
        } else if let elixir = Self.elixirFormatted(error) {
            self = elixir
        } else if let erlang = Self.erlangTerm(error) {
            self = erlang
        } else {
            let lines = Self.lines(error)
            headline = lines.first ?? error
            location = nil
            frames = Array(lines.dropFirst())
            exceptionLine = headline
        }
    }

    /// `headline at location`: what `info` and the status line show.
    public var summary: String {
        location.map { "\(headline) at \($0)" } ?? headline
    }

    private init(headline: String, location: String?, frames: [String], elixir: Bool = false) {
        self.headline = headline
        self.location = location
        self.frames = frames
        // `Type: message` as Elixir writes it: `** (Type) message`.
        if elixir, let colon = headline.firstRange(of: ": ") {
            exceptionLine = "** (\(headline[..<colon.lowerBound])) \(headline[colon.upperBound...])"
        } else {
            exceptionLine = elixir ? "** \(headline)" : headline
        }
    }

    private static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { String($0) }.filter { !$0.allSatisfy(\.isWhitespace) }
    }

    // MARK: Shapes

    private static func elixirFormatted(_ text: String) -> CrashReport? {
        let lines = lines(text)
        guard let first = lines.first, first.hasPrefix("** (") else { return nil }
        let frames = Array(lines.dropFirst())
        // `    (app 1.0.0) lib/bank.ex:88: Bank.handle_call/3` or `    lib/bank.ex:88: …`
        let location = frames.lazy.compactMap { frame -> String? in
            var rest = Substring(frame.drop { $0 == " " })
            if rest.hasPrefix("("), let close = rest.firstIndex(of: ")") { rest = rest[rest.index(after: close)...].drop { $0 == " " } }
            guard let colon = rest.firstRange(of: ": ") else { return nil }
            let place = rest[..<colon.lowerBound]
            return place.contains(":") ? String(place) : nil
        }.first
        let exception = first.dropFirst(4)
        let headline = exception.firstIndex(of: ")").map { "\(exception[..<$0]):\(exception[exception.index(after: $0)...])" } ?? String(exception)
        return CrashReport(headline: headline, location: location, frames: frames, elixir: true)
    }

    private static func pythonTraceback(_ text: String) -> CrashReport? {
        let lines = lines(text)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Traceback (most recent call last)") }), let last = lines.last,
            lines.count > start + 1
        else { return nil }
        let frames = Array(lines[(start + 1)..<(lines.count - 1)])
        // The most recent call is the last `File "x", line N, in f`.
        let location = frames.last { $0.trimmingPrefix(while: \.isWhitespace).hasPrefix("File \"") }.flatMap { frame -> String? in
            let parts = frame.split(separator: "\"", maxSplits: 2)
            guard parts.count == 3, let line = parts[2].split(separator: ",").first(where: { $0.contains("line ") }) else { return nil }
            return "\(parts[1]):\(line.split(separator: " ").last ?? "")"
        }
        let context = Array(lines[..<start])
        return CrashReport(headline: last, location: location, frames: frames + context)
    }

    private static func openTelemetryException(in payload: JSONValue?) -> CrashReport? {
        guard let events = payload?["events"]?.arrayValue,
            let exception = events.last(where: { $0["name"]?.stringValue == "exception" }),
            let attributes = exception["attributes"]?.objectValue
        else { return nil }
        let type = attributes["exception.type"]?.stringValue
        let message = attributes["exception.message"]?.stringValue
        let headline = [type, message].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        guard !headline.isEmpty else { return nil }
        let stack = attributes["exception.stacktrace"]?.stringValue ?? ""
        if let python = pythonTraceback(stack) {
            return CrashReport(headline: headline, location: python.location, frames: python.frames)
        }
        return CrashReport(headline: headline, location: nil, frames: lines(stack))
    }

    /// `{reason, [frames]}` in Elixir text, as a Replayx crash is recorded.
    private static func erlangTerm(_ text: String) -> CrashReport? {
        guard text.hasPrefix("{"), let listStart = text.firstRange(of: ", [{") else { return nil }
        let reason = String(text[text.index(after: text.startIndex)..<listStart.lowerBound])
        var frames: [String] = []
        var location: String?
        var rest = text[listStart.upperBound...]
        // Each frame: `Mod, :fun, arity or [args], [file: 'f', line: N]}` up to the next `}, {`.
        while !rest.isEmpty {
            let end = rest.firstRange(of: "]}, {")?.lowerBound ?? rest.firstRange(of: "]}]}")?.lowerBound ?? rest.endIndex
            let frame = String(rest[..<end]) + "]"
            rest = end < rest.endIndex ? rest[rest.index(end, offsetBy: min(5, rest.distance(from: end, to: rest.endIndex)))...] : ""
            guard let written = elixirFrame(frame) else { continue }
            if location == nil { location = written.location }
            frames.append(written.line)
        }
        guard !frames.isEmpty else { return nil }
        return CrashReport(headline: elixirException(reason), location: location, frames: frames, elixir: true)
    }

    /// `Mod, :fun, 3, [file: 'lib/a.ex', line: 4]` as Elixir prints a frame.
    private static func elixirFrame(_ text: String) -> (line: String, location: String?)? {
        guard let functionStart = text.firstRange(of: ", :") else { return nil }
        let module = text[..<functionStart.lowerBound]
        let afterModule = text[functionStart.upperBound...]
        guard let functionEnd = afterModule.firstRange(of: ", ") else { return nil }
        let function = afterModule[..<functionEnd.lowerBound]
        let afterFunction = afterModule[functionEnd.upperBound...]
        guard let keywordsStart = afterFunction.ranges(of: ", [").last else { return nil }
        let arguments = afterFunction[..<keywordsStart.lowerBound]
        let keywords = afterFunction[keywordsStart.upperBound...].dropLast()
        let file = keywords.firstRange(of: "file: '").flatMap { start in keywords[start.upperBound...].firstIndex(of: "'").map { String(keywords[start.upperBound..<$0]) } }
        let line = keywords.firstRange(of: "line: ").map { String(keywords[$0.upperBound...].prefix { $0.isNumber }) }
        let call = arguments.first == "[" ? "\(module).\(function)(\(arguments.dropFirst().dropLast()))" : "\(module).\(function)/\(arguments)"
        let location = file.map { file in line.map { "\(file):\($0)" } ?? file }
        return ("    " + (location.map { "\($0): " } ?? "") + call, location)
    }

    /// The exception Elixir raises for a common Erlang error reason.
    private static func elixirException(_ reason: String) -> String {
        switch reason {
        case ":badarith": "ArithmeticError: bad argument in arithmetic expression"
        case ":badarg": "ArgumentError: argument error"
        case ":function_clause": "FunctionClauseError: no function clause matching"
        case ":undef": "UndefinedFunctionError: function is undefined or private"
        case ":noproc": "exit: no process"
        default:
            if reason.hasPrefix("{:badmatch, ") { "MatchError: no match of right hand side value: \(reason.dropFirst(12).dropLast())" }
            else if reason.hasPrefix("{:case_clause, ") { "CaseClauseError: no case clause matching: \(reason.dropFirst(15).dropLast())" }
            else if reason.hasPrefix("{:badkey, ") { "KeyError: key \(reason.dropFirst(10).dropLast()) not found" }
            else { "** (exit) \(reason)" }
        }
    }
}
