import Dispatch
import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// case.json changed by hand while the daemon runs or while it was stopped.
extension WatchService {
    /// The SHA-256 of case.json as it is on disk (hashed again only when its inode, size or
    /// times change), and whether it was modified in the last second (being written).
    func caseOnDisk() -> (sha: String, settling: Bool)? {
        var st = stat()
        guard lstat(folder.casePath, &st) == 0 else { return nil }
        let key = [
            Int64(st.st_ino), Int64(st.st_size), Int64(st.st_ctim.tv_sec), Int64(st.st_ctim.tv_nsec),
            Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec),
        ]
        let settling = clock.wallSeconds() - (Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9) < 1
        if let seen = caseSeen, seen.key == key { return (seen.sha, settling) }
        guard let d = WatchFolder.readOwn(folder.casePath, limit: InputData.maxBytes) else { return nil }
        caseSeen = (key, SHA256.hex(d))
        return (caseSeen!.sha, settling)
    }

    /// Copies case.json as it is to `case.json.edited-N` (a hand edit relief will not
    /// apply): its name, or nil when it cannot be written (logged).
    func setAsideCase() -> String? {
        var n = 1
        while WatchFolder.exists("\(folder.root)/case.json.edited-\(n)") { n += 1 }
        let aside = "case.json.edited-\(n)"
        guard let edit = WatchFolder.readOwn(folder.casePath, limit: InputData.maxBytes) else { return nil }
        do { try AtomicFile.write(edit, to: folder.root + "/" + aside) } catch {
            log("cannot keep the hand edit of case.json as \(aside) (\(error))")
            return nil
        }
        return aside
    }

    /// case.json changed by hand since the last commit (and not in the last second: it may
    /// still be being written). A valid case is adopted and re-planned at once (a commit
    /// with no events), so that schedule.json, the page and the agendas follow it and
    /// `relief verify` passes on the folder. One the daemon cannot plan is set aside as
    /// `case.json.edited-N` (nothing a user wrote is lost) and the committed case put back;
    /// when the edit was made while the daemon was stopped there is no committed case in
    /// memory to put back, and the daemon stops with 65 instead. Nil when case.json is the
    /// committed one.
    func handEdit() -> RoundResult? {
        guard !rollForwardPending, let r = journal.last, let disk = caseOnDisk(), disk.sha != r.caseSHA,
            disk.sha != unplannable, !disk.settling || !currentIsCommitted
        else { return nil }
        log("case.json was changed by hand since commit \(r.seq): re-planning from it")
        var why: String
        do {
            // Read, so checked: the published schedule written back adds no error (`apply`).
            let (edited, _) = try CaseLoader.load(.file(folder.casePath))
            let base = current!
            switch replan(
                base: base.theCase, previous: base.schedule, applied: edited, batch: [], refused: [:],
                handEdit: disk.sha)
            {
            case .committed: return .more
            case .stopped: return .idle
            case .failed: return .retry
            case .failedOnCase(let w): why = w
            }
        } catch {
            why = "it does not read as a valid case (\(error.exitCode))"
        }
        guard currentIsCommitted else {
            fatal = .badData(
                InputError(
                    .theCase, file: folder.casePath,
                    diagnostics: [
                        Diagnostic(
                            .error, "$",
                            "changed by hand while relief watch was stopped, and it cannot be planned (\(why))",
                            fix:
                                "correct it (relief validate and relief plan say what is wrong) or restore it from a backup, then start relief watch again; nothing else was changed"
                        )
                    ]))
            stopped.store(true, ordering: .relaxed)
            return .idle
        }
        // Not plannable: keep the edit beside, put the committed case back.
        guard let aside = setAsideCase() else { return .retry }
        do { try AtomicFile.write(CaseWriter.json(current.theCase).serialized(), to: folder.casePath) } catch {
            log("case.json was changed by hand and cannot be planned, nor put back (\(error)); retrying")
            return .retry
        }
        if let now = caseOnDisk(), now.sha != r.caseSHA { unplannable = now.sha }
        log(
            "case.json was changed by hand and cannot be planned (\(why)): kept as \(aside) (relief validate lists"
                + " its errors), the committed case is back")
        return .more
    }
}
