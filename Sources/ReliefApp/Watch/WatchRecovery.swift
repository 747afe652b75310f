import Dispatch
import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// Recovery at start: the last commit rolled forward, what a crash left cleared.
extension WatchService {
    // MARK: - Recovery

    /// Rolls the last committed re-plan forward (its staged files whose hashes the
    /// journal names), then clears staging/ and temporary files left by a crash.
    func recover() throws(ServiceError) {
        if let pid = SolveRunner.endOrphan(pidFile: folder.staging + "/solve.pid") {
            log("ended solve child \(pid), left running by a daemon that was killed")
        }
        if let r = journal.last {
            try rollForward(r)
            // Its files are settled as the journal says (each only if its bytes are the record's).
            _ = finalize(r)
        }
        for name in WatchFolder.entries(folder.staging) {
            let n = String(decoding: name, as: UTF8.self)
            unlink(folder.staging + "/" + n)
        }
        for dir in [folder.root, folder.rejected, folder.notices, folder.archive] {
            for name in WatchFolder.entries(dir) {
                let n = String(decoding: name, as: UTF8.self)
                if n.hasPrefix(".relief-") && n.hasSuffix(".tmp") { unlink(dir + "/" + n) }
            }
        }
        if let r = journal.last {
            if let d = WatchFolder.readOwn(folder.casePath), SHA256.hex(d) != r.caseSHA {
                log("case.json differs from journal seq \(r.seq) (edited by hand?): it is re-planned before any event")
            }
        }
    }

    /// Temporary files a killed solve child left in staging/ (its writes are atomic:
    /// only a `.relief-*.tmp` can be left, never a half-written target).
    func clearChildTemporaries() {
        for name in WatchFolder.entries(folder.staging) {
            let n = String(decoding: name, as: UTF8.self)
            if n.hasPrefix(".relief-") && n.hasSuffix(".tmp") { unlink(folder.staging + "/" + n) }
        }
    }

    func staged(_ seq: Int, _ what: String) -> String { "\(folder.staging)/\(seq).\(what)" }
    func noticePath(_ seq: Int, _ ext: String) -> String {
        "\(folder.notices)/\(String(format: "%06d", seq)).\(ext)"
    }

    /// Renames the staged files of record `r` over the current ones (idempotent).
    func rollForward(_ r: WatchJournal.Record) throws(ServiceError) {
        func move(_ from: String, _ to: String, sha: String?) throws(ServiceError) {
            guard WatchFolder.exists(from) else { return }
            if let sha {
                guard let d = WatchFolder.readOwn(from), SHA256.hex(d) == sha else {
                    log("staged \((from as NSString).lastPathComponent) does not match journal seq \(r.seq): discarded")
                    unlink(from)
                    return
                }
            }
            guard Glibc.rename(from, to) == 0 else {
                throw .cannotWrite(path: to, reason: String(cString: strerror(errno)))
            }
        }
        try move(staged(r.seq, "case.json"), folder.casePath, sha: r.caseSHA)
        crashPoint("case")
        try move(staged(r.seq, "schedule.json"), folder.schedulePath, sha: r.scheduleSHA)
        crashPoint("schedule")
        try move(staged(r.seq, "notice.json"), noticePath(r.seq, "json"), sha: nil)
        try move(staged(r.seq, "notice.txt"), noticePath(r.seq, "txt"), sha: nil)
        WatchFolder.fsyncDir(folder.root)
        WatchFolder.fsyncDir(folder.notices)
        WatchFolder.fsyncDir(folder.staging)
        crashPoint("notice")
        rollForwardPending = false
    }
}
