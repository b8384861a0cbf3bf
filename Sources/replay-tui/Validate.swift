import ArgumentParser
import ReplayCore

/// `replay-tui validate TRACE`: read everything, apply every change, report the first problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a trace: parse every event and apply every state change.",
        discussion: "Exits 0 with a one-line summary, or 1 with the first problem."
    )

    @OptionGroup var input: TraceArgument

    func run() throws {
        var cutOff = false
        try input.reportingErrors { () throws(TraceError) in
            let trace = try input.load()
            var state = trace.initialState
            // Loading has checked every event's syntax and every known field's type (the
            // native index scans each event whole); what is left is each change's own form
            // and whether it applies, which replay's cheaper reading of the change checks.
            try EffectPipeline.apply(trace.events, in: 0..<trace.count, to: &state)
            // A cut-off recording opens with a warning everywhere else; here it is a failure.
            cutOff = !trace.warnings.isEmpty
            guard !cutOff else { return }
            let overview = TraceOverview(trace)
            let crash = trace.crash.map { "crash at #\($0.index)\($0.inferred ? " (inferred)" : "")" } ?? "no crash"
            Output.line("\(input.displayPath): ok: \(trace.format), \(trace.count) events, \(crash), \(overview.errors.count.counted("error"))")
        }
        if cutOff { throw ExitCode(1) }
    }
}
