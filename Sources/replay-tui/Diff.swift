import ArgumentParser
import ReplayCore

/// `replay-tui diff TRACE --at I` or `--from A --to B`, as text or `--json`.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what an event changed, or how the state differs between two positions.",
        discussion: """
            Text lines read `+ /path new`, `- /path old` and `~ /path old -> new`. With --json the \
            output is an array of {op, path, old, new} changes which, applied in order as \
            RFC 6902 operations to the first state, give the second.
            """
    )

    @OptionGroup var input: TraceArgument

    @Option(parsing: .unconditional, help: "The event whose changes to show: an index I or crash.", transform: TracePosition.argument)
    var at: TracePosition?

    @Option(parsing: .unconditional, help: "The first state: start, I (after event #I), crash or end.", transform: TracePosition.argument)
    var from: TracePosition?

    @Option(parsing: .unconditional, help: "The second state: start, I (after event #I), crash or end.", transform: TracePosition.argument)
    var to: TracePosition?

    @Flag(help: "Print the changes as a JSON array.")
    var json = false

    @Option(help: SyntaxOption.help)
    var syntax: SyntaxOption?

    func validate() throws {
        switch (at, from, to) {
        case (.some(let event), nil, nil):
            if event == .start || event == .end {
                throw ValidationError("--at takes an event index or crash; use --from/--to for start and end")
            }
        case (nil, .some, .some): break
        default: throw ValidationError("give either --at I, or both --from A and --to B")
        }
    }

    func run() throws {
        try input.reportingErrors { () throws(TraceError) in
            let loaded = try input.loadCached()
            let trace = loaded.trace
            let replay = loaded.replay()
            let replayer = replay.replayer
            // The answer is written before the checkpoints it filled are saved.
            defer {
                Output.flush()
                replay.save()
            }
            let changes: [StateChange]
            if let at {
                changes = try replayer.changes(ofEvent: at.resolve(in: trace) - 1)
            } else if let from, let to {
                let before = try replayer.state(at: from.resolve(in: trace))
                let after = try replayer.state(at: to.resolve(in: trace))
                changes = StateDiff.changes(from: before, to: after)
            } else {
                return
            }
            let writer = ValueText(syntax, for: trace)
            if json {
                var array: [JSONValue] = []
                for change in changes {
                    var object = change.jsonValue.objectValue ?? [:]
                    for key in ["old", "new"] {
                        if let value = object[key] { object[key] = try writer.json(value, "the \(key) value at \(change.path)") }
                    }
                    array.append(.object(object))
                }
                Output.line(JSONValue.array(array).jsonText())
            } else if changes.isEmpty {
                Output.line("no changes")
            } else {
                for change in changes {
                    Output.line(try change.readableLine { (value: JSONValue) throws(TraceError) in
                        try writer.text(value, "the value at \(change.path)")
                    })
                }
            }
        }
    }
}
