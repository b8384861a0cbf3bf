import ReplayCore

extension Model {
    /// The split view's part of ``update(_:_:)``: the first message asks the worker to
    /// compare the runs; keys, mouse and playback move the split view's playhead, and idle
    /// moments fill its replayers' checkpoints. Nil for the messages the general update
    /// handles the same way (resize, the job's news).
    mutating func updateSplit(_ msg: Msg) -> [Effect]? {
        guard var split = compare else { return nil }
        var effects: [Effect] = []
        if !split.requested {
            split.requested = true
            compare = split
            effects = start(.compare(CompareRequest(other: split.traceB, ignores: split.ignores)))
        }
        switch msg {
        case .key(let key):
            return effects + handleSplit(key)
        case .mouse(.wheelUp):
            moveSplit(by: -3)
        case .mouse(.wheelDown):
            moveSplit(by: 3)
        case .mouse(.click):
            break
        case .idle:
            compare?.fillCheckpoints()
        case .tick(let milliseconds):
            if let divergence = compare?.advance(byMilliseconds: milliseconds), let line = splitLine(divergence) {
                ui.message = "stopped at a divergence: " + line
            }
        case .resize, .jobProgress, .jobPartial, .jobFinished, .follow, .indexed:
            guard effects.isEmpty else { break }
            return nil
        }
        return effects
    }

    /// A key in the split view: the single view's bindings where they make sense there.
    private mutating func handleSplit(_ key: Key) -> [Effect] {
        if ui.overlay != nil { return handle(key) }
        ui.message = nil
        guard Layout.fits(width: ui.width, height: ui.height) else {
            if key == .character("q") || key == .interrupt { ui.quits = true }
            return []
        }
        guard let action = KeyMap.action(for: key), let split = compare else {
            ui.message = "no key \(describe(key)); press ? for help"
            return []
        }
        let row = split.row
        switch action {
        case .stepBack: moveSplit(to: row - 1)
        case .stepForward, .stepOnce: moveSplit(to: row + 1)
        case .back10: moveSplit(to: row - 10)
        case .forward10: moveSplit(to: row + 10)
        case .start: moveSplit(to: 0)
        case .end: moveSplit(to: split.rowCount - 1)
        case .togglePlay: compare?.togglePlaying()
        case .faster: compare?.faster()
        case .slower: compare?.slower()
        case .nextDivergence, .previousDivergence:
            let forward = action == .nextDivergence
            guard split.comparison != nil else {
                ui.message = "still aligning the two runs"
                break
            }
            guard let target = split.divergenceStart(forward: forward) else {
                ui.message = split.comparison?.isSame == true ? "the runs do not diverge"
                    : forward ? "no divergence after this row" : "no divergence before this row"
                break
            }
            moveSplit(to: target)
            if let divergence = compare?.divergenceHere, let line = splitLine(divergence) { ui.message = line }
        case .jumpToCrash:
            let alignment = split.comparison?.alignment
            let rowA = split.traceA.crash.flatMap { alignment?.row(ofEvent: $0.index, inB: false) }
            let rowB = split.traceB.crash.flatMap { alignment?.row(ofEvent: $0.index, inB: true) }
            guard let target = rowA ?? rowB else {
                ui.message = "neither run crashed"
                break
            }
            moveSplit(to: target)
        case .nextPane, .previousPane: compare?.diffFocused.toggle()
        case .scrollUp:
            if split.diffFocused { compare?.diffScroll = max(split.diffScroll - 1, 0) } else { moveSplit(to: row - 1) }
        case .scrollDown:
            if split.diffFocused { compare?.diffScroll = min(split.diffScroll + 1, max(split.differences.count - 1, 0)) } else { moveSplit(to: row + 1) }
        case .cancelJob:
            if ui.seeking != nil { cancelSeek(); break }
            return cancelJob()
        case .help: ui.overlay = .help(scroll: 0)
        case .quit: ui.quits = true
        default:
            let label = KeyMap.bindings.first { $0.action == action }?.label ?? describe(key)
            ui.message = "\(label) works on one trace; the split view has ←→ x X Space c Tab ? q"
        }
        return []
    }

    private mutating func moveSplit(by rows: Int) {
        guard let row = compare?.row else { return }
        moveSplit(to: row + rows)
    }

    /// Moves the split view's playhead to `row`, through the worker when a run's replay
    /// there is far (``seekSplitFar(toRow:)``).
    mutating func moveSplit(to row: Int) {
        if seekSplitFar(toRow: row) { return }
        guard var split = compare else { return }
        if !split.move(to: row), split.rowCount > 0 {
            ui.message = row < split.row || row <= 0 ? "already at the first row" : "already at the last row"
        }
        compare = split
    }

    /// How a divergence reads in the status line, as `compare` prints it.
    private func splitLine(_ divergence: Divergence) -> String? {
        guard let split = compare, let comparison = split.comparison else { return nil }
        return comparison.line(divergence, a: split.traceA, b: split.traceB) { value in
            (try? split.syntax.text(value)) ?? value.jsonText(.compact)
        }
    }
}
