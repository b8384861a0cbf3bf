import ReplayCore

/// A move the replayer cannot make within a frame: `End` or `c` on a long trace whose
/// checkpoints are not filled yet, or `x` across long runs in the split view. The worker replays to it (``FarReplay``) while keys go on
/// working; the playhead stays where it is, showing its own state, until the state at the
/// target arrives, and then lands. Moving the playhead meanwhile, or Esc, cancels it.
public struct FarSeek: Equatable, Sendable {
    /// The replay, as the status line shows it.
    public var job: RunningJob
    /// The position to land on (in the split view, the row).
    public let target: Int
    /// Where the playhead was: it lands only if it is still there.
    public let from: Int
    /// The split view's run being replayed, nil in the single view.
    public let side: CompareSide?
}

extension Model {
    /// Replays longer than this many events go to the worker: about 7 ms at the 5 million
    /// events a second a two-core replay makes on a typical trace (docs/performance.md),
    /// well within a frame on traces whose changes are heavier.
    static let farSeekEvents = 32_768

    /// Moves to `position` through the worker when the replay there is far; true when it
    /// does (the move lands later), false when the move is short and is to be made now. A
    /// far seek to the same place as the one under way leaves that one going; one elsewhere
    /// supersedes it.
    mutating func seekFar(to position: Int) -> Bool {
        let target = min(max(position, 0), session.trace.count)
        if ui.seeking?.target == target { return true }
        dropSeek()
        guard let far = session.farReplay(to: target, longerThan: farSeekEvents) else { return false }
        startSeek(ReplayRequest(far), to: target, from: session.position)
        return true
    }

    /// The split view's ``seekFar(to:)``: moves to `row` through the worker when either
    /// run's replay there is far, one run at a time (its landing asks again for the other).
    mutating func seekSplitFar(toRow row: Int) -> Bool {
        guard let split = compare else { return false }
        let target = max(min(row, split.rowCount - 1), 0)
        if ui.seeking?.target == target { return true }
        dropSeek()
        guard let request = split.farReplay(toRow: target, longerThan: farSeekEvents) else { return false }
        startSeek(request, to: target, from: split.row)
        return true
    }

    private mutating func startSeek(_ request: ReplayRequest, to target: Int, from: Int) {
        let job = Job(id: nextJobID, work: .replay(request))
        nextJobID += 1
        ui.seeking = FarSeek(job: RunningJob(id: job.id, label: job.label, progress: 0), target: target, from: from, side: request.side)
        queuedEffects.append(.seek(job))
    }

    /// A job's news, if it is a far replay's (else nothing happens): what it passed is kept
    /// whichever seek it was for (states are true however they were found); its answer lands
    /// the seek under way, if it is the one and the playhead has not moved. A data error ends
    /// the app, as replaying here would (the split view shows it).
    mutating func takeReplay(id: Int, _ result: JobResult, finished: Bool) {
        let seeking = ui.seeking?.job.id == id ? ui.seeking : nil
        switch result {
        case .replayed(let passed, let side?): compare?.take(passed, side: side)
        case .replayed(let passed, nil): withSession { $0.take(passed) }
        case .failed(_, let error) where seeking?.side != nil: compare?.fail(with: error, side: seeking!.side!)
        case .failed(_, let error) where seeking != nil: withSession { $0.fail(with: error) }
        default: return
        }
        guard finished, let seeking else { return }
        ui.seeking = nil
        if let split = compare {
            if split.row == seeking.from { moveSplit(to: seeking.target) }
        } else if session.position == seeking.from {
            move(to: seeking.target)
        }
    }

    /// Esc while replaying: the playhead stays.
    mutating func cancelSeek() {
        guard let seeking = ui.seeking else { return }
        ui.message = "\(seeking.job.label): cancelled"
        dropSeek()
    }

    /// A far seek whose playhead moved some other way (following, a short step) or started
    /// playing no longer lands: it is cancelled.
    mutating func dropMovedSeek() {
        let position = compare?.row ?? session.position
        guard let seeking = ui.seeking, position != seeking.from || isPlaying else { return }
        dropSeek()
    }

    /// Cancels the far seek under way, if any: another jump was asked for.
    mutating func dropSeek() {
        guard let seeking = ui.seeking else { return }
        ui.seeking = nil
        queuedEffects.append(.cancel(jobID: seeking.job.id))
    }
}
