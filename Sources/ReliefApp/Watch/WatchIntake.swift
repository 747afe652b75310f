import Dispatch
import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// One round: the inbox claimed in arrival order, work/ read and judged against the journal, one re-plan.
extension WatchService {
    // MARK: - One round

    enum RoundResult { case idle, more, retry }

    struct Claimed {
        var name: String
        var event: Event
        var sha: String
    }

    /// Claims what the inbox holds, settles what work/ holds: rejects, duplicates, and
    /// one re-plan for the rest.
    func round() -> RoundResult {
        if rollForwardPending, let r = journal.last {
            do { try rollForward(r) } catch {
                log("cannot finish commit \(r.seq): \(error); events stay pending")
                return .retry
            }
            if !finalize(r) { return .retry }
        }
        if stopped.load(ordering: .relaxed) { return .idle }
        if !ensureFolders() { return .retry }
        if let r = handEdit() { return r }
        if !claim() { return .retry }
        var (batch, deferred): ([Claimed], Bool)
        switch readWork() {
        case .stop(let r): return r
        case .ready(let b, let d): (batch, deferred) = (b, d)
        }
        if !isolating.isEmpty {
            isolating.formIntersection(batch.map(\.name))
            if let first = batch.first(where: { isolating.contains($0.name) }) {
                if batch.count > 1 { deferred = true }
                batch = [first]
            }
        }
        guard !batch.isEmpty else { return deferred ? .more : .idle }
        if stopped.load(ordering: .relaxed) { return .idle }
        if let r = answerSuggestions(&batch, deferred: &deferred) { return r }
        log(
            "applying \(batch.count) event\(batch.count == 1 ? "" : "s"): \(batch.prefix(20).map(\.event.id).joined(separator: " "))\(batch.count > 20 ? " …" : "")"
        )
        let base = current!
        let applyStart = clock.uptime()
        let (applied, refusals) = apply(batch, to: base)
        log("checked and applied in \(String(format: "%.2f", clock.uptime() - applyStart)) s")
        switch replan(base: base.theCase, previous: base.schedule, applied: applied, batch: batch, refused: refusals) {
        case .committed: return deferred ? .more : .idle
        case .stopped: return .idle
        case .failed: return .retry
        case .failedOnCase(let why): return plannerFailed(on: batch, refusals: refusals, why: why)
        }
    }

    enum WorkRead {
        /// The files to apply, in arrival order; `deferred` when a file waits for the next round.
        case ready([Claimed], deferred: Bool)
        /// The round ends here (stopping, or a disk that refused a move).
        case stop(RoundResult)
    }

    /// Reads work/ in arrival order (at most `maxBatch` files): files that are not events
    /// are rejected, duplicates archived, conflicts rejected; one file per id is kept.
    func readWork() -> WorkRead {
        var names = WatchFolder.arrivalOrder(
            WatchFolder.entries(folder.work).map { String(decoding: $0, as: UTF8.self) })
        if names.count > Self.maxBatch { names = Array(names.prefix(Self.maxBatch)) }
        var batch: [Claimed] = []
        var ids = Set<String>()
        var deferred = false
        for name in names {
            if stopped.load(ordering: .relaxed) { return .stop(.idle) }
            let claimed: Claimed
            switch judge(name) {
            case .apply(let c): claimed = c
            case .settled: continue
            case .moveFailed: return .stop(.retry)
            }
            // One file per id per re-plan: a second one waits and is then judged against the journal.
            guard ids.insert(claimed.event.id).inserted else {
                deferred = true
                continue
            }
            batch.append(claimed)
        }
        return .ready(batch, deferred: deferred)
    }

    enum Judged {
        case apply(Claimed)
        /// Rejected, or archived as a duplicate, here.
        case settled
        /// Its move to archive/ or rejected/ failed (a disk): the round is retried.
        case moveFailed
    }

    /// One file of work/, judged by what it holds and by the journal.
    func judge(_ name: String) -> Judged {
        func settled(_ ok: Bool) -> Judged { ok ? .settled : .moveFailed }
        let data: Data
        switch WatchFolder.readClaimed(folder.work + "/" + name, limit: Self.maxEventBytes) {
        case .refused(let why, let fix):
            return settled(reject(name, id: nil, errors: [Self.errorJSON(location: "file", message: why, fix: fix)]))
        case .bytes(let d): data = d
        }
        let event: Event
        do {
            event = try EventReader.read(
                data: data, file: WatchFolder.producerName(name), clock: current.theCase.clock)
        } catch {
            return settled(reject(name, id: nil, errors: error.diagnostics.map(Self.errorJSON)))
        }
        // Ids become file names and log words only once they are known to be plain.
        guard CaseValidator.isValidID(event.id) else {
            let e = Self.errorJSON(
                location: "id", message: "is not an id (1-64 of A-Z a-z 0-9 . _ -, not . or ..)",
                fix: "give the event a plain id")
            return settled(reject(name, id: nil, errors: [e]))
        }
        let sha = SHA256.hex(data)
        switch journal.verdict(id: event.id, sha256: sha) {
        case .new:
            return .apply(Claimed(name: name, event: event, sha: sha))
        case .duplicate:
            log("event \(event.id): already applied, archived as a duplicate")
            return settled(archive(name))
        case .refusedBefore(let error):
            return settled(reject(name, id: event.id, errors: Self.errors(of: error)))
        case .conflict:
            let e = Self.errorJSON(
                location: "event \(event.id)",
                message: "conflict: an event with this id and other content was already applied",
                fix: "give a new event a new id")
            return settled(reject(name, id: event.id, errors: [e]))
        }
    }

    /// The batch applied to the committed case; the refusals' reports, by event id. The
    /// committed case has no error (it was read, or made by a round), so the applier
    /// validates only the case each event makes and refuses exactly the events that bring
    /// an error. What it lets through the planner takes as it is: writing the published
    /// schedule back into the case (`FreezePolicy.published`) changes only unlocked
    /// `assigned`, which no error depends on (nothing is validated again here).
    func apply(_ batch: [Claimed], to base: (theCase: Case, schedule: Schedule)) -> (Case, [String: [JSONValue]]) {
        let (applied, refused) = EventApplier.apply(batch.map(\.event), to: base.theCase)
        return (applied, refused.mapValues { $0.diagnostics.map(Self.errorJSON) })
    }

    /// The planner failed on the case this batch makes. Several events: applied one at a
    /// time from now on. One: refused with the reason, if the committed week plans without it.
    func plannerFailed(on batch: [Claimed], refusals: [String: [JSONValue]], why: String) -> RoundResult {
        let tried = batch.filter { refusals[$0.event.id] == nil }
        if tried.count > 1 {
            isolating = Set(tried.map(\.name))
            log("the planner failed on a batch of \(tried.count) events: applying them one at a time to find the cause")
            return .more
        }
        let detail = lastLogLine("solve")
        if !tried.isEmpty && !committedWeekPlans() { return .retry }
        let seq = (journal.last?.seq ?? 0) + 1
        let entries = batch.map { b -> WatchJournal.Entry in
            let errs =
                refusals[b.event.id] ?? [
                    Self.errorJSON(
                        location: "event \(b.event.id)",
                        message: "relief cannot plan the week with this event: \(why) (\(detail))",
                        fix:
                            "check what the event asks (its times, its size); the week is planned without it, and the same id with corrected content is taken"
                    )
                ]
            return WatchJournal.Entry(
                id: b.event.id, sha256: b.sha, file: b.name, outcome: .rejected, error: Self.report(errs))
        }
        if let b = tried.first { log("event \(b.event.id): refused, the planner fails on the week with it") }
        switch commitRefusals(seq, entries) {
        case .committed: return .more
        default: return .retry
        }
    }

    /// inbox/NAME -> work/NAME for every finished file. False when a rename fails (disk).
    func claim() -> Bool {
        var count = 0
        // Oldest first: the producer's rename into inbox/ sets the file's change time.
        let ready = WatchFolder.entries(folder.inbox).filter(WatchFolder.isReady).compactMap { raw in
            WatchFolder.status(raw, in: folder.inbox).map { (raw: raw, st: $0, arrival: WatchFolder.changeTime($0)) }
        }.sorted { $0.arrival != $1.arrival ? $0.arrival < $1.arrival : $0.raw.lexicographicallyPrecedes($1.raw) }
        for (raw, st, arrival) in ready {
            if stopped.load(ordering: .relaxed) || count >= Self.maxBatch { break }
            // A name that is not UTF-8 or too long to carry `.error.json` is claimed under a plain one.
            var name = String(validating: raw, as: UTF8.self) ?? ""
            if name.isEmpty || raw.count > 200 || name.contains("/") { name = "unnamed-\(st.st_ino)" }
            name = WatchFolder.workName(name, arrival: arrival)
            if WatchFolder.exists(folder.work + "/" + name) { continue }
            if let why = WatchFolder.rename(raw, in: folder.inbox, to: Array(name.utf8), in: folder.work) {
                if errno == ENOENT { continue }
                log("cannot claim a file from inbox/ (\(why)); it stays there")
                return false
            }
            count += 1
        }
        if count > 0 {
            WatchFolder.fsyncDir(folder.work)
            WatchFolder.fsyncDir(folder.inbox)
            log("claimed \(count) file\(count == 1 ? "" : "s")")
            crashPoint("claim")
        }
        return true
    }
}
