import ReplayCore

/// The app's one state transition: the model after `msg`, and the effects the run loop is to
/// carry out (jobs for the worker). Pure apart from the replayer's memo of states.
public func update(_ model: Model, _ msg: Msg) -> (Model, [Effect]) {
    var model = model
    if model.compare != nil, let effects = model.updateSplit(msg) {
        let queued = model.takeQueuedEffects()
        return (model, effects + queued)
    }
    var effects: [Effect] = []
    switch msg {
    case .key(let key):
        effects = model.handle(key)
    case .mouse(let event):
        model.handle(event)
    case .tick(let milliseconds):
        switch model.withSession({ $0.advance(byMilliseconds: milliseconds) }) {
        case .crash?: break  // the crash banner says it, reason and all
        case let stop?: model.ui.message = model.describe(stop)
        case nil: break
        }
    case .resize(let width, let height):
        model.ui.width = width
        model.ui.height = height
        model.withSession { $0.layOutTimeline(width: width, laneRows: LaneTimeline.rowCount(height: height, lanes: $0.overview.lanes.count)) }
    case .idle:
        model.withSession { $0.doIdleWork() }
    case .jobProgress(let id, let fraction):
        if model.ui.seeking?.job.id == id { model.ui.seeking?.job.progress = fraction }
        model.takeSpanBuild(id: id, nil, progress: fraction)
        guard model.ui.job?.id == id else { break }
        model.ui.job?.progress = fraction
    case .jobPartial(let id, let part):
        model.takeReplay(id: id, part, finished: false)
        guard model.ui.job?.id == id else { break }
        model.take(part, early: true, covering: model.ui.job?.events ?? 0)
        model.ui.job?.answeredEarly = true
    case .jobFinished(let id, let result):
        model.takeReplay(id: id, result, finished: true)
        model.takeSpanBuild(id: id, result)
        guard let job = model.ui.job, job.id == id else { break }
        model.ui.job = nil
        model.take(result, early: false, afterEarlyAnswer: job.answeredEarly, covering: job.events)
    case .follow(let news):
        model.take(news)
    case .indexed(let news):
        model.take(news)
    }
    effects += model.takeQueuedEffects()
    // Idle work or a long jump (End, c) may have filled the last checkpoints.
    if let (entry, checkpoints) = model.withSession({ $0.checkpointsToSave() }) {
        effects.append(.saveCheckpoints(entry, checkpoints, eventCount: model.session.trace.count))
    }
    return (model, effects)
}

extension Model {
    /// Starts `work` on the worker, superseding the job under way.
    mutating func start(_ work: Job.Work) -> [Effect] {
        let job = Job(id: nextJobID, work: work)
        nextJobID += 1
        ui.job = RunningJob(id: job.id, label: job.label, progress: 0, events: session.trace.count)
        return [.run(job)]
    }

    /// A job's answer, or an early part of it (`early`), found over the first `count` events.
    mutating func take(_ result: JobResult, early: Bool, afterEarlyAnswer: Bool = false, covering count: Int) {
        switch result {
        case .searched(let search, let found): take(search, found, early: early, afterEarlyAnswer: afterEarlyAnswer)
        case .history(let path, let changes, let complete): takeHistory(of: path, changes, complete: complete, covering: count)
        case .matched(let query, .condition, let hits):
            withSession { $0.remember(hits: hits, of: query, covering: count) }
            ui.message = "\(query.text): holds after \(hits.count.counted("event")), marked ◈ on the timeline"
        case .matched(let query, .filter(let skipsHidden), let kept): takeFilter(query, kept: kept, skipsHidden: skipsHidden, covering: count)
        case .failed(let label, let error): ui.message = "\(label): \(error.rendered(path: session.fileName))"
        case .compared(let result): compare?.take(result)
        case .replayed, .spans: break  // taken by takeReplay and takeSpanBuild
        }
    }

    /// Stops the job under way, if any.
    mutating func cancelJob() -> [Effect] {
        guard let job = ui.job else { return [] }
        ui.job = nil
        ui.message = "\(job.label): cancelled"
        return [.cancel(jobID: job.id)]
    }

    /// Moves the playhead (pausing playback), through the worker when the replay there is
    /// far (``seekFar(to:)``); says so when it is already there.
    mutating func move(to position: Int) {
        if seekFar(to: position) { return }
        guard withSession({ $0.seek(to: position) }) else {
            ui.message = position <= 0 ? "already at the start"
                : position >= session.trace.count ? "already at the last event" : "already at #\(position - 1)"
            return
        }
    }

    /// The status line for a stop.
    func describe(_ stop: Playhead.Stop) -> String {
        switch stop {
        case .crash(let index): return "stopped on the crash at #\(index)"
        case .breakpoint(let index, let name): return "stopped at breakpoint \(name) (#\(index))"
        case .error(let index): return "stopped on error #\(index)"
        case .watch(let index, let path): return "stopped at #\(index): it changed \(path.shown) (watched)"
        case .condition(let index, let expression): return "stopped at #\(index): \(expression) holds"
        case .end: return "reached the last event"
        }
    }
}
