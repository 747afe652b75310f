import Foundation
import ReliefCore
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// `visit.suggest` events (`people.md`): answered into `DIR/suggestions/V.json`
/// (`relief.suggest/1`, 0600, atomic) against the schedule published now, with no re-plan:
/// the case and the schedule stay as they are. They keep their place in arrival order: a
/// batch is cut before the first one (answered next round, after the events before it are
/// committed), and a batch that starts with them answers those, up to the first other event.
/// The journal records them as any event (`applied`, or `rejected` for an unknown visit),
/// so that an id is answered once.
extension WatchService {
    static func isSuggest(_ c: Claimed) -> Bool {
        if case .visitSuggest = c.event.kind { return true }
        return false
    }

    /// Cuts `batch` at its first `visit.suggest`; when it starts with some, answers them and
    /// returns how the round ends (nil: go on with the re-plan of what is left).
    func answerSuggestions(_ batch: inout [Claimed], deferred: inout Bool) -> RoundResult? {
        guard let first = batch.firstIndex(where: Self.isSuggest) else { return nil }
        if first > 0 {
            batch = Array(batch[..<first])
            deferred = true
            return nil
        }
        let run = Array(batch.prefix(while: Self.isSuggest))
        if run.count < batch.count { deferred = true }
        switch answer(run) {
        case .committed: return deferred ? .more : .idle
        case .stopped: return .idle
        default: return .retry
        }
    }

    /// Answers each suggestion of `run`, then commits one journal record that settles them.
    func answer(_ run: [Claimed]) -> ReplanResult {
        let base = current!
        let seq = (journal.last?.seq ?? 0) + 1
        var entries: [WatchJournal.Entry] = []
        let dir = folder.root + "/suggestions"
        for b in run {
            guard case .visitSuggest(let vid) = b.event.kind else { continue }
            if stopped.load(ordering: .relaxed) { return .stopped }
            var suggester = Suggester(
                executable: runner.executable, jobs: ProcessInfo.processInfo.activeProcessorCount,
                timeLimit: request.solveTimeLimit, top: 5)
            // A stop kills the running solves (`installStop`) and starts no new one.
            suggester.refuse = { [self] in stopped.load(ordering: .relaxed) }
            do {
                let s = try suggester.suggest(base.theCase, file: "case.json", schedule: base.schedule, visit: vid)
                try Self.suggestionsFolder(dir)
                try AtomicFile.write(s.json().serialized(), to: "\(dir)/\(vid).json")
                log("event \(b.event.id): visit \(vid): \(s.candidates.count) candidate(s) in suggestions/\(vid).json")
                entries.append(.init(id: b.event.id, sha256: b.sha, file: b.name, outcome: .applied, error: nil))
            } catch .badData(let e) {
                let errs = e.diagnostics.map { d in
                    Self.errorJSON(location: "event \(b.event.id) visit", message: d.message, fix: d.fix)
                }
                log("event \(b.event.id): refused, no visit \(vid) in the case")
                entries.append(
                    .init(id: b.event.id, sha256: b.sha, file: b.name, outcome: .rejected, error: Self.report(errs)))
            } catch {
                if stopped.load(ordering: .relaxed) { return .stopped }
                log("event \(b.event.id): cannot answer the suggestion (\(error)); it stays pending")
                return .failed("suggest")
            }
        }
        return commitRefusals(seq, entries)
    }

    /// `DIR/suggestions`, made 0700 when missing; anything else than a folder there is refused.
    static func suggestionsFolder(_ dir: String) throws(ServiceError) {
        if mkdir(dir, 0o700) != 0 && errno != EEXIST {
            throw .cannotWrite(path: dir, reason: String(cString: strerror(errno)))
        }
        var st = stat()
        guard lstat(dir, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotWrite(path: dir, reason: "it is not a directory (a symlink or a file is refused)")
        }
    }
}
