import Dispatch
import Foundation
import ReliefCore
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// A re-plan: solved in a child, verified, staged, committed through the journal, rolled forward.
extension WatchService {
    // MARK: - Re-plan and commit

    enum ReplanResult {
        case committed, stopped
        /// Worth trying again later (a disk, a signal from outside, a time limit).
        case failed(String)
        /// The case planned is the cause: the same case fails the same way (the planner
        /// refused or crashed on it, its schedule breaks a rule, it is too large).
        case failedOnCase(String)

        /// The same outcomes for a step that yields a value.
        enum Of<T> {
            case solved(T)
            case stopped
            case failed(String)
            case failedOnCase(String)
        }
    }

    /// Solves `applied` in a child, verifies, stages, commits through the journal, rolls
    /// forward and settles the batch's files.
    func replan(
        base: Case, previous: Schedule?, applied: Case, batch: [Claimed], refused: [String: [JSONValue]],
        handEdit: String? = nil
    ) -> ReplanResult {
        let seq = (journal.last?.seq ?? 0) + 1
        let appliedIDs = batch.map(\.event.id).filter { refused[$0] == nil }
        let entries = batch.map { b -> WatchJournal.Entry in
            if let errs = refused[b.event.id] {
                return WatchJournal.Entry(
                    id: b.event.id, sha256: b.sha, file: b.name, outcome: .rejected, error: Self.report(errs))
            }
            return WatchJournal.Entry(id: b.event.id, sha256: b.sha, file: b.name, outcome: .applied, error: nil)
        }
        // Nothing applied: no solve, a record that settles the refused files.
        if !batch.isEmpty && appliedIDs.isEmpty && previous != nil { return commitRefusals(seq, entries) }
        let (solveCase, dropped) = freeze.frozenCase(applied, published: previous)
        for d in dropped.prefix(20) {
            log("commit \(seq): visit \(d.visit): freeze lock dropped, it breaks a rule: \(d.rule)")
        }
        if dropped.count > 20 { log("commit \(seq): \(dropped.count - 20) more freeze locks dropped") }
        let t0 = clock.uptime()
        let solved: SolveResult
        let around = batch.filter { refused[$0.event.id] == nil }.flatMap(\.event.kind.touches)
        switch solve(solveCase, label: "commit \(seq)", name: "solve", from: previous, around: around) {
        case .solved(let r): solved = r
        case .stopped:
            log("commit \(seq): solve abandoned; \(batch.count) event(s) stay pending")
            return .stopped
        case .failed(let why):
            log("commit \(seq): \(why); previous schedule kept, \(batch.count) event(s) stay pending")
            return .failed(why)
        case .failedOnCase(let why):
            log("commit \(seq): \(why); previous schedule kept, \(batch.count) event(s) stay pending")
            return .failedOnCase(why)
        }
        let (data, schedule) = (solved.data, solved.schedule)
        // The case as stored: the events applied, `assigned` = what is published now.
        let stored = FreezePolicy.published(schedule, into: applied)
        guard
            let (caseData, changed) = stage(
                seq, solved, stored: stored, base: base, previous: previous, events: appliedIDs)
        else { return .failed("staging") }
        crashPoint("staged")
        // case.json changed by hand during the solve: kept beside, since the commit replaces it.
        if currentIsCommitted, let r = journal.last, let disk = caseOnDisk(), disk.sha != r.caseSHA,
            disk.sha != handEdit, let aside = setAsideCase()
        {
            log("commit \(seq): case.json was changed by hand during the solve: kept as \(aside), not applied")
        }
        let record = WatchJournal.Record(
            seq: seq, caseSHA: SHA256.hex(caseData), scheduleSHA: SHA256.hex(data), events: entries)
        do { try journal.append(record) } catch {
            log("commit \(seq): cannot write the journal (\(error)); previous schedule kept, events stay pending")
            return .failed("journal")
        }
        crashPoint("journal")
        current = (stored, schedule)
        currentIsCommitted = true
        rollForwardPending = true
        do { try rollForward(record) } catch {
            log("commit \(seq): committed, but cannot put the new files in place yet (\(error)); retrying")
            return .failed("roll forward")
        }
        log(
            "commit \(seq): \(appliedIDs.count) applied, \(refused.count) refused, schedule \(schedule.status.rawValue)"
                + " (\(schedule.levels)), \(changed) sitter(s) changed, solve \(String(format: "%.2f", clock.uptime() - t0)) s"
        )
        refreshViews(seq)
        return finalize(record) ? .committed : .failed("finalize")
    }

    /// Writes the next state into staging/ (`SEQ.case.json`, `SEQ.schedule.json`, the
    /// notice as `relief.notice/1` with the commit's seq and events, and as text): the case's
    /// bytes and how many sitters' weeks changed, or nil when a write failed (logged).
    func stage(
        _ seq: Int, _ solved: SolveResult, stored: Case, base: Case, previous: Schedule?, events: [String]
    ) -> (Data, Int)? {
        let (out, schedule) = (solved.path, solved.schedule)
        let caseData = Data(CaseWriter.json(stored).serialized().utf8)
        let changes = ScheduleDiff.changes(
            old: previous, oldCase: previous == nil ? nil : base, new: schedule, newCase: stored)
        // The notices branch's relief.notice/1 document, with the commit's seq and events added.
        var notice = changes.json(oldCase: previous == nil ? nil : base, newCase: stored)
        if case .object(var m) = notice {
            let at = min(1, m.count)
            m.insert(
                contentsOf: [("seq", .number(Double(seq))), ("events", .array(events.map { .string($0) }))], at: at)
            notice = .object(m)
        }
        let text = changes.text(oldCase: previous == nil ? nil : base, newCase: stored, lang: request.language)
        do {
            try AtomicFile.write(caseData, to: staged(seq, "case.json"))
            guard Glibc.rename(out, staged(seq, "schedule.json")) == 0 else {
                throw ServiceError.cannotWrite(
                    path: staged(seq, "schedule.json"), reason: String(cString: strerror(errno)))
            }
            try AtomicFile.write(notice.serialized(), to: staged(seq, "notice.json"))
            try AtomicFile.write(text, to: staged(seq, "notice.txt"))
            WatchFolder.fsyncDir(folder.staging)
        } catch {
            unlink(out)
            log("commit \(seq): cannot stage the new state (\(error)); previous schedule kept, events stay pending")
            return nil
        }
        return (caseData, changes.changedSitters.count)
    }

    struct SolveResult {
        var path: String
        var data: Data
        var schedule: Schedule
    }

    /// One solve of `solveCase` in a child (`staging/NAME-case.json`, its stderr in
    /// `staging/NAME.log`): its schedule, verified against the case, or why not. The
    /// reasons carry exit codes and signals only (they go to the log); the child's own
    /// last words stay in its log file (`lastLogLine`).
    /// `from`: the published schedule, which an incremental re-plan repairs (`--replan incremental`,
    /// the default), `around` the ids the events named; nil plans the whole week.
    func solve(_ solveCase: Case, label: String, name: String, from previous: Schedule? = nil, around: [String] = [])
        -> ReplanResult.Of<SolveResult>
    {
        let casePath = "\(folder.staging)/\(name)-case.json"
        var incremental: (schedule: String, around: [String])?
        if let previous, request.incremental {
            let path = "\(folder.staging)/\(name)-published.json"
            do { try AtomicFile.write(previous.json().serialized(), to: path) } catch {
                return .failed("cannot stage the published schedule (\(error))")
            }
            incremental = (path, around)
        }
        let out = "\(folder.staging)/\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json"
        let caseText = CaseWriter.json(solveCase).serialized()
        guard caseText.utf8.count <= InputData.maxBytes else {
            let mib = (caseText.utf8.count + (1 << 20) - 1) >> 20
            return .failedOnCase(
                "the case would be \(mib) MiB, over the \(InputData.maxBytes >> 20) MiB a case may have")
        }
        do { try AtomicFile.write(caseText, to: casePath) } catch { return .failed("cannot stage the case (\(error))") }
        let t0 = clock.uptime()
        let outcome = runner.solve(
            casePath: casePath, outputPath: out, logPath: "\(folder.staging)/\(name).log", incremental: incremental
        ) {
            [self] pid in
            log("\(label): solving (child \(pid), limit \(request.solveTimeLimit) s)")
            crashPoint("solve-started")
        }
        // A child killed (shutdown, time limit, crash) may leave its atomic writer's temporary file.
        if outcome != .solved { clearChildTemporaries() }
        let took = "after \(String(format: "%.1f", clock.uptime() - t0)) s"
        switch outcome {
        case .solved: break
        case .abandoned:
            unlink(out)
            return .stopped
        // The planner refused the case (64, 65) or failed inside (70), or crashed on it (an abort,
        // a fault): the same case does it again. Other signals are someone else's (SIGKILL from an
        // operator or the OOM killer, SIGTERM from systemd to the whole unit, SIGINT from a terminal).
        case .failed(let code) where [64, 65, 70].contains(code) && !stopped.load(ordering: .relaxed):
            unlink(out)
            return .failedOnCase("the planner refused the case (exit \(code)) \(took)")
        case .crashed(let sig)
        where [SIGSEGV, SIGABRT, SIGILL, SIGBUS, SIGFPE, SIGTRAP].contains(sig) && !stopped.load(ordering: .relaxed):
            unlink(out)
            return .failedOnCase("the planner crashed on the case (signal \(sig)) \(took)")
        default:
            unlink(out)
            return .failed("solve \(outcome) \(took)")
        }
        guard let data = WatchFolder.readOwn(out), let json = try? JSONParser.parse(data),
            let schedule = ScheduleReader.read(json)
        else {
            unlink(out)
            return .failedOnCase("the planner wrote no readable schedule")
        }
        let violations = ScheduleVerifier(solveCase).violations(of: schedule)
        guard violations.isEmpty else {
            unlink(out)
            return .failedOnCase("the planner's schedule breaks \(violations.count) hard rule(s)")
        }
        return .solved(SolveResult(path: out, data: data, schedule: schedule))
    }

    /// Whether the committed week, without the events of this round, still plans now (its
    /// freeze locks move with the clock): asked before an event is blamed for a failure.
    func committedWeekPlans() -> Bool {
        let base = current!
        let (c, _) = freeze.frozenCase(base.theCase, published: base.schedule)
        switch solve(c, label: "check", name: "check") {
        case .solved(let r):
            unlink(r.path)
            return true
        case .failed(let why), .failedOnCase(let why):
            log("check: the committed week does not plan now either (\(why)): no event is blamed; events stay pending")
            return false
        case .stopped:
            return false
        }
    }

    /// A record that changes neither case nor schedule and settles `entries`: refused ones,
    /// and `visit.suggest` ones answered beside the schedule (`answerSuggestions`).
    func commitRefusals(_ seq: Int, _ entries: [WatchJournal.Entry]) -> ReplanResult {
        // The committed state's hashes, not the files' (a hand edit may be on disk by now).
        let record = WatchJournal.Record(
            seq: seq, caseSHA: journal.last?.caseSHA ?? WatchFolder.readOwn(folder.casePath).map(SHA256.hex) ?? "",
            scheduleSHA: journal.last?.scheduleSHA ?? WatchFolder.readOwn(folder.schedulePath).map(SHA256.hex) ?? "",
            events: entries)
        do { try journal.append(record) } catch {
            log("cannot write the journal (\(error)); events stay pending")
            return .failed("journal")
        }
        let refused = entries.filter { $0.outcome == .rejected }.count
        let answered = entries.count - refused == 0 ? "" : "\(entries.count - refused) suggestion(s) answered, "
        log("commit \(seq): \(answered)\(refused) refused, nothing to re-plan")
        return finalize(record) ? .committed : .failed("finalize")
    }

    /// The solve child's last line on stderr (its error), cut and made plain. It stays
    /// in the folder's private files (a rejection report), never in the log.
    func lastLogLine(_ name: String) -> String {
        guard let d = WatchFolder.readOwn("\(folder.staging)/\(name).log", limit: 1 << 20) else { return "no output" }
        let last = String(decoding: d, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "no output"
        return TerminalText.safe(String(last.prefix(300)))
    }
}
