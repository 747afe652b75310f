import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes files so that a reader sees the old content or the new, never half:
/// a temporary file in the same folder, fsync, rename, fsync of the folder.
/// Files are created readable by their owner only (they hold family data).
///
/// A character device or a FIFO (`-o /dev/null`, `-o /dev/stdout`, a named pipe)
/// is written through, never replaced: opened without creating or truncating,
/// written, closed. A FIFO nobody reads is refused at once rather than waited on.
/// A block device, a socket or a directory is refused.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String, mode: mode_t = 0o600) throws(ServiceError) {
        var st = stat()
        if stat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFCHR, S_IFIFO: return try writeThrough(data, to: path, fifo: st.st_mode & S_IFMT == S_IFIFO)
            case S_IFDIR: throw .cannotWrite(path: path, reason: "it is a directory; give a file name inside it")
            default: throw .cannotWrite(path: path, reason: "it is not a regular file; give a file name")
            }
        }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        // Short, so that a long target name still leaves room under NAME_MAX.
        let tmp = "\(dir)/.relief-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        // Registered before it exists, so that a signal stopping relief removes it (`TemporaryFiles`).
        TemporaryFiles.register(tmp)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            TemporaryFiles.forget(tmp)
            throw .cannotWrite(path: path, reason: reason)
        }
        // The mode asked for, not the umask's cut of it: a producer's hardened umask (077) must
        // not turn a group-readable event (`relief event` into a shared inbox) into one only it reads.
        var reason = fchmod(fd, mode) == 0 ? writeAll(data, to: fd) : String(cString: strerror(errno))
        if reason == nil && fsync(fd) != 0 { reason = String(cString: strerror(errno)) }
        close(fd)
        if let reason {
            TemporaryFiles.remove(tmp)
            throw .cannotWrite(path: path, reason: reason)
        }
        if let r = TemporaryFiles.rename(tmp, to: path) {
            TemporaryFiles.remove(tmp)
            throw .cannotWrite(path: path, reason: r)
        }
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    /// `write`, unless the regular file at `path` already holds exactly `data`: then only its
    /// mode is set to `mode` (a file rewritten with the same bytes costs an fsync for nothing;
    /// the daemon's agendas after an event that changed three sitters' weeks). Returns whether
    /// it wrote.
    @discardableResult
    public static func writeIfChanged(_ data: Data, to path: String, mode: mode_t = 0o600) throws(ServiceError) -> Bool
    {
        var st = stat()
        if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) == data.count,
            FileManager.default.contents(atPath: path) == data
        {
            if st.st_mode & 0o7777 != mode { chmod(path, mode) }
            return false
        }
        try write(data, to: path, mode: mode)
        return true
    }

    public static func write(_ text: String, to path: String) throws(ServiceError) {
        try write(Data(text.utf8), to: path)
    }

    /// A device or FIFO: no temporary file, no rename, no truncation.
    static func writeThrough(_ data: Data, to path: String, fifo: Bool) throws(ServiceError) {
        // Non-blocking open: a FIFO without a reader fails (ENXIO) instead of hanging.
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let e = errno
            throw .cannotWrite(
                path: path,
                reason: fifo && e == ENXIO
                    ? "it is a FIFO and no process is reading it; start the reader first"
                    : String(cString: strerror(e)))
        }
        defer { close(fd) }
        // Blocking writes from here: the reader sets the pace.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if let reason = writeAll(data, to: fd) { throw .cannotWrite(path: path, reason: reason) }
    }

    /// Writes every byte; the error text, or nil.
    /// A partial write goes on, EINTR is retried, and on a non-blocking descriptor (a stdout
    /// inherited from the caller) EAGAIN waits with poll as a blocking write would.
    static func writeAll(_ data: Data, to fd: Int32) -> String? {
        data.withUnsafeBytes { raw -> String? in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK {
                        var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                        if poll(&p, 1, -1) < 0 && errno != EINTR { return String(cString: strerror(errno)) }
                        continue
                    }
                    return String(cString: strerror(errno))
                }
                off += n
            }
            return nil
        }
    }
}

/// Temporary files relief is writing right now. A signal that stops relief
/// (`StopSignals`) removes them before the process ends, so that no
/// `.relief-*.tmp` is left beside the output.
public enum TemporaryFiles {
    private static let paths = Mutex<Set<String>>([])

    static func register(_ path: String) { paths.withLock { _ = $0.insert(path) } }
    static func forget(_ path: String) { paths.withLock { _ = $0.remove(path) } }

    /// Unlinks and forgets one temporary file.
    static func remove(_ path: String) {
        paths.withLock {
            unlink(path)
            _ = $0.remove(path)
        }
    }

    /// Renames under the lock, so that `removeAll` sees the file either before
    /// the rename (and removes it) or not at all. The error text, or nil.
    static func rename(_ tmp: String, to path: String) -> String? {
        paths.withLock { set -> String? in
            guard Glibc.rename(tmp, path) == 0 else { return String(cString: strerror(errno)) }
            set.remove(tmp)
            return nil
        }
    }

    /// Removes every registered temporary file; the paths it removed. Meant for the
    /// moment before the process ends: a write still under way fails at its rename.
    @discardableResult
    public static func removeAll() -> [String] {
        paths.withLock { set -> [String] in
            let removed = set.sorted()
            for p in removed { unlink(p) }
            set.removeAll()
            return removed
        }
    }

    /// The paths registered now (for tests).
    public static var current: Set<String> { paths.withLock { $0 } }
}
