import Dispatch
import Foundation
import ReliefCore

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
