import ArgumentParser
import ReplayCore

/// `replay-tui compare A B [--ignore POINTER]... [--all] [--json]`: where two runs diverge,
/// with `cmp`'s exit codes (docs/compare.md).
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs: the first point where they diverge (with --all, every divergent region).",
        discussion: """
            Events correspond when kind, name and payload are the same (t, seq and timing are \
            not compared); after each pair of corresponding events the states are compared. \
            Prints e.g. 'first divergence: A #12 withdraw / B #12 withdraw: state differs at \
            /accounts/1/balance: 70 -> -30' or 'first divergence: B #12 audit: only in B'. \
            Exits 0 when the runs are the same, 1 when they differ, 2 on trouble: a trace that \
            cannot be read, a malformed --ignore, a usage error.
            """
    )

    @Argument(help: "Run A: a trace file, or - to read standard input.")
    var a: String

    @Argument(help: "Run B: a trace file, or - to read standard input.")
    var b: String

    @Option(help: "Leave this state path out (a JSON Pointer), or a payload field as @payload/...; repeatable.")
    var ignore: [String] = []

    @Flag(help: "Print every divergent region, not just the first divergence.")
    var all = false

    @OptionGroup var caching: CacheOption

    @Flag(help: "Print {\"same\": bool, \"divergences\": [{\"a\", \"b\", \"what\", \"paths\"}]}, every region, first first.")
    var json = false

    func validate() throws {
        if a == "-" && b == "-" { throw ValidationError("only one of A and B can be standard input") }
    }

    func run() throws {
        let ignores: CompareIgnores
        do throws(JSONPointerError) {
            ignores = try CompareIgnores(parsing: ignore)
        } catch {
            Output.error("replay-tui compare: --ignore: \(error)")
            throw ExitCode(2)
        }
        let inputA = TracePath(trace: a, cache: caching.cache)
        let inputB = TracePath(trace: b, cache: caching.cache)
        let traceA = try inputA.loadOrExit(code: 2)
        let traceB = try inputB.loadOrExit(code: 2)
        let answer: TraceComparison?
        do throws(CompareError) {
            answer = try TraceComparison.compare(traceA, traceB, ignoring: ignores)
        } catch {
            let path = error.side == .a ? inputA.displayPath : inputB.displayPath
            Output.error(error.error.rendered(path: path))
            throw ExitCode(2)
        }
        // Nothing cancels a command, so the answer is always there.
        guard let comparison = answer else { throw ExitCode(2) }
        if json {
            let divergences = comparison.divergences.map { divergence -> JSONValue in
                let object: JSONObject = [
                    "a": divergence.a.map { JSONValue(integerLiteral: $0) } ?? .null,
                    "b": divergence.b.map { JSONValue(integerLiteral: $0) } ?? .null,
                    "what": .string(divergence.what.rawValue),
                    "paths": .array(divergence.paths.map(JSONValue.string)),
                ]
                return .object(object)
            }
            Output.line(JSONValue.object(["same": .bool(comparison.isSame), "divergences": .array(divergences)]).jsonText(.compact))
        } else if let first = comparison.divergences.first {
            let syntax = ValueSyntax(comparing: traceA, with: traceB)
            let write = { (value: JSONValue) in (try? syntax.text(value)) ?? value.jsonText(.compact) }
            if all {
                for divergence in comparison.divergences {
                    Output.line(comparison.line(divergence, a: traceA, b: traceB, through: true, write: write))
                }
            } else {
                Output.line("first divergence: " + comparison.line(first, a: traceA, b: traceB, write: write))
            }
        } else {
            Output.line("same: \(comparison.alignment.rowCount) events correspond and every state after them is the same")
        }
        Output.flush()
        if !comparison.isSame { throw ExitCode(1) }
    }
}

/// A trace named by its path alone, its format recognised by content.
struct TracePath: TraceInput {
    var trace: String
    var cache: IndexCache?
    var formatName: String? { nil }

    /// Loads the trace, or prints the located error and exits with `code`.
    func loadOrExit(code: Int32) throws(ExitCode) -> Trace {
        do throws(TraceError) {
            return try load()
        } catch {
            Output.error(error.rendered(path: displayPath))
            throw ExitCode(code)
        }
    }
}
