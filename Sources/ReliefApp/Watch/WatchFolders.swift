import Dispatch
import Foundation
import ReliefCore
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// The state folder kept whole while running.
extension WatchService {
    /// Subfolders removed while running (`rm -rf DIR/inbox`) are made again, and a new
    /// inbox is watched again, so that producers' files are seen at once, not only at
    /// the next start. False when one cannot be made (logged; retried).
    func ensureFolders() -> Bool {
        let missing = WatchFolder.subfolders.filter {
            var st = stat()
            return lstat(folder.root + "/" + $0, &st) != 0 || st.st_mode & S_IFMT != S_IFDIR
        }
        let inboxNow = FileIdentity(path: folder.inbox)
        guard !missing.isEmpty || inboxNow != inboxIdentity else {
            var st = stat()
            if lstat(folder.inbox, &st) == 0 { inboxAccess = (st.st_mode & 0o7777, st.st_gid) }
            return true
        }
        if !missing.isEmpty { log("\(missing.joined(separator: "/, "))/ removed while running: made again") }
        do { try folder.create() } catch {
            log("cannot make the state folder's subfolders again (\(error)); retrying")
            return false
        }
        // A new inbox may get the inode number of the one removed: made again means watched again.
        if let i = FileIdentity(path: folder.inbox), i != inboxIdentity || missing.contains("inbox") {
            if let a = inboxAccess {
                _ = chown(folder.inbox, uid_t.max, a.group)
                _ = chmod(folder.inbox, a.mode)
            }
            if let why = inotify?.rewatch(folder.inbox) {
                log("cannot watch inbox/ again (\(why)): it is read every \(Int(request.rescanSeconds)) s")
            } else {
                log("watching the new inbox/")
            }
            inboxIdentity = i
        }
        return true
    }
}

/// `--output-group`: what the coordinator reads (case.json, schedule.json, week.html,
/// notices/, the agendas) given to a group, readable by it (files 0640, their folders 0750),
/// and the state folder traversable (0711: nobody can list it, each subfolder keeps its own
/// mode). Applied after each commit and at start; best effort, logged when refused (the
/// daemon's user must be a member of the group).
extension WatchService {
    func shareOutputs() {
        guard let gid = request.outputGroup else { return }
        var refused: String?
        /// Through a descriptor opened without following links: a link put in place is never changed.
        func give(_ path: String, _ mode: mode_t, directory: Bool = false) {
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (directory ? O_DIRECTORY : 0))
            guard fd >= 0 else { return }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == (directory ? S_IFDIR : S_IFREG) else { return }
            if (st.st_gid != gid && fchown(fd, uid_t.max, gid) != 0)
                || (st.st_mode & 0o7777 != mode && fchmod(fd, mode) != 0)
            {
                refused = refused ?? String(cString: strerror(errno))
            }
        }
        var st = stat()
        if lstat(folder.root, &st) == 0, st.st_mode & 0o011 != 0o011 {
            _ = chmod(folder.root, st.st_mode & 0o7777 | 0o011)
        }
        for name in ["case.json", "schedule.json", "week.html"] { give(folder.root + "/" + name, 0o640) }
        for dir in [folder.notices, folder.root + "/agendas"] {
            give(dir, 0o750, directory: true)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for n in names where !n.hasPrefix(".") && n != AgendaState.fileName { give(dir + "/" + n, 0o640) }
        }
        if let refused { log("outputs not given to group \(gid) (\(refused)): is the daemon's user a member of it?") }
    }
}
