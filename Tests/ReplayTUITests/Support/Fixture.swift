@testable import ReplayCore
@testable import ReplayTUI

/// Test helpers: traces from text, models at a size, and a model driven by messages.
enum Fixture {
    static func trace(_ text: String) -> Trace {
        try! TraceLoader.load(TraceData(bytes: Array(text.utf8)))
    }

    /// A small trace: five events with a crash at #3 and errors at #1 and #3.
    static let small = trace("""
        {"format": "replay-trace", "initial_state": {"n": 0, "name": "山田"},
         "events": [
          {"kind": "call", "name": "inc", "t": 0, "payload": {"by": 1}, "patch": [{"op": "replace", "path": "/n", "value": 1}]},
          {"kind": "call", "name": "dec", "t": 100, "error": "would go negative"},
          {"kind": "cast", "name": "inc", "t": 2000, "merge": {"n": 2, "flag": true}},
          {"kind": "crash", "name": "badarith", "t": 2100, "error": "bad argument\\n  in arithmetic"},
          {"kind": "info", "name": "after", "t": 2200}
         ]}
        """)

    /// `count` events named `step-i`, each adding to a counter; the last one's payload says
    /// `needle-at-the-end`.
    static func manyEvents(_ count: Int) -> Trace {
        var lines = [#"{"format": "replay-trace", "initial_state": {"n": 0}}"#]
        for index in 0..<count {
            let payload = index == count - 1 ? #""needle-at-the-end""# : "\(index)"
            lines.append(#"{"kind": "call", "name": "step-\#(index)", "payload": \#(payload), "merge": {"n": \#(index)}}"#)
        }
        return trace(lines.joined(separator: "\n"))
    }

    static func model(_ trace: Trace = small, width: Int = 120, height: Int = 40) -> Model {
        Model(trace: trace, fileName: "small.json", width: width, height: height)
    }
}

extension Model {
    /// The model after each message in turn, every job it starts (far seeks' replays too) run
    /// at once and its answer sent back (as the run loop does, without the worker threads).
    func after(_ messages: Msg...) -> Model {
        messages.reduce(self) { $0.runningJobs(after: $1) }
    }

    /// The model after pressing each key in turn, jobs run at once.
    func pressing(_ keys: Key...) -> Model {
        keys.reduce(self) { $0.runningJobs(after: .key($1)) }
    }

    /// The model after `msg`, without running the jobs it starts: what the screen shows
    /// while they run.
    func starting(_ msg: Msg) -> (Model, [Effect]) {
        update(self, msg)
    }

    private func runningJobs(after msg: Msg) -> Model {
        var (model, effects) = update(self, msg)
        while !effects.isEmpty {
            let job: Job
            switch effects.removeFirst() {
            case .run(let run), .seek(let run), .build(let run): job = run
            default: continue
            }
            let result = try! job.perform(in: model.session.trace, context: .synchronous)
            let more: [Effect]
            (model, more) = update(model, .jobFinished(id: job.id, result))
            effects += more
        }
        return model
    }

    var screen: String { view(self).text }

    /// The foreground role of the first cell showing `character` on the state pane's row
    /// that contains `text`, or nil when there is no such cell.
    func stateForeground(of character: String, onRowWith text: String) -> Role? {
        guard let layout = Layout(self) else { return nil }
        let canvas = view(self)
        guard let row = (layout.state.y..<layout.state.maxY).first(where: { canvas.line($0).contains(text) }),
            let column = (layout.state.x..<layout.state.maxX).first(where: { canvas[$0, row].text == character })
        else { return nil }
        return canvas[column, row].style.foreground
    }
}
