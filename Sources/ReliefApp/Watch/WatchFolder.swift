import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The state folder of `relief watch` and the file operations on it. Outside tools
/// rely on the names: `inbox/`, `archive/`, `rejected/`, `case.json`, `schedule.json`;
/// the rest (`work/`, `staging/`, `notices/`, `journal.jsonl`, `.lock`) is the daemon's.
/// Every move is a rename inside one file system, followed by an fsync of the folders.
struct WatchFolder: Sendable {
    let root: String

    var inbox: String { root + "/inbox" }
    var work: String { root + "/work" }
    var archive: String { root + "/archive" }
    var rejected: String { root + "/rejected" }
    var staging: String { root + "/staging" }
    var notices: String { root + "/notices" }
    var casePath: String { root + "/case.json" }
    var schedulePath: String { root + "/schedule.json" }
    var journalPath: String { root + "/journal.jsonl" }
    var lockPath: String { root + "/.lock" }

    static let subfolders = ["inbox", "work", "archive", "rejected", "staging", "notices"]

    /// Creates the folder and its subfolders (0700) when missing.
    func create() throws(ServiceError) {
        for d in [root] + Self.subfolders.map({ root + "/" + $0 }) {
            if mkdir(d, 0o700) != 0 && errno != EEXIST {
                throw .cannotWrite(path: d, reason: String(cString: strerror(errno)))
            }
            var st = stat()
            guard lstat(d, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
                throw .cannotWrite(path: d, reason: "it is not a directory (a symlink or a file is refused)")
            }
        }
    }

    /// Holds a lock on the folder itself for the life of the process (flock on the
    /// directory, close-on-exec so that a solve child never inherits it), so that
    /// deleting a file cannot let a second daemon in. `DIR/.lock` is locked too, for
    /// the tools that look there. Nil when another process holds either.
    static func lock(_ root: String) throws(ServiceError) -> [Int32]? {
        if mkdir(root, 0o700) != 0 && errno != EEXIST {
            throw .cannotWrite(path: root, reason: String(cString: strerror(errno)))
        }
        var st = stat()
        guard lstat(root, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotWrite(path: root, reason: "it is not a directory (a symlink or a file is refused)")
        }
        let dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard dfd >= 0 else { throw .cannotWrite(path: root, reason: String(cString: strerror(errno))) }
        if flock(dfd, LOCK_EX | LOCK_NB) != 0 {
            close(dfd)
            return nil
        }
        let fd = open(root + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            close(dfd)
            throw .cannotWrite(path: root + "/.lock", reason: reason)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            close(dfd)
            return nil
        }
        return [dfd, fd]
    }

    /// Entry names of a folder (raw bytes), without `.` and `..`.
    static func entries(_ dir: String) -> [[UInt8]] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var out: [[UInt8]] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw -> [UInt8] in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            out.append(name)
        }
        return out
    }

    /// Names a producer has finished: not a dotfile, not `*.tmp`.
    static func isReady(_ name: [UInt8]) -> Bool {
        guard let first = name.first, first != 0x2E else { return false }
        let tmp = Array(".tmp".utf8)
        return !(name.count >= tmp.count && Array(name.suffix(tmp.count)) == tmp)
    }

    /// lstat(2) of `dir/raw` (a raw entry name), or nil when it is gone.
    static func status(_ raw: [UInt8], in dir: String) -> stat? {
        var st = stat()
        let p = Array(dir.utf8) + [0x2F] + raw + [0]
        let r = p.withUnsafeBufferPointer {
            lstat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st)
        }
        return r == 0 ? st : nil
    }

    /// A status change time in nanoseconds (for an inbox file: the producer's rename into it).
    static func changeTime(_ st: stat) -> Int64 {
        Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
    }

    /// A claimed file's name in work/: `T` + its arrival time (19 digits of
    /// nanoseconds) + `-` + the producer's name. work/ in name order is then the
    /// order of arrival, across rounds and restarts.
    static func workName(_ name: String, arrival: Int64) -> String {
        "T" + String(format: "%019lld", max(0, arrival)) + "-" + name
    }

    /// The producer's name of a file in work/ (names claimed by an older relief have no prefix).
    static func producerName(_ workName: String) -> String {
        let u = Array(workName.utf8)
        guard u.count > 21, u[0] == UInt8(ascii: "T"), u[20] == UInt8(ascii: "-"),
            u[1...19].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return workName }
        return String(decoding: u[21...], as: UTF8.self)
    }

    /// work/ names in the order their files arrived: unprefixed names (claimed by an older
    /// relief, so earlier) first by name, then the prefixed ones by arrival.
    static func arrivalOrder(_ names: [String]) -> [String] {
        names.sorted { a, b in
            let (pa, pb) = (producerName(a) != a, producerName(b) != b)
            return pa == pb ? a < b : !pa
        }
    }

    static func fsyncDir(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    /// rename(2) on raw names; the error text or nil.
    static func rename(_ from: [UInt8], in a: String, to: [UInt8], in b: String) -> String? {
        let src = Array(a.utf8) + [0x2F] + from + [0]
        let dst = Array(b.utf8) + [0x2F] + to + [0]
        let r = src.withUnsafeBufferPointer { s in
            dst.withUnsafeBufferPointer { d in
                Glibc.rename(
                    UnsafeRawPointer(s.baseAddress!).assumingMemoryBound(to: CChar.self),
                    UnsafeRawPointer(d.baseAddress!).assumingMemoryBound(to: CChar.self))
            }
        }
        return r == 0 ? nil : String(cString: strerror(errno))
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// A name in `dir` that is free: `name`, else `name.1`, `name.2`... (archive and
    /// rejected keep every file, also when producers reuse a name).
    static func freeName(_ name: String, in dir: String) -> String {
        if !exists(dir + "/" + name) && !exists(dir + "/" + name + ".error.json") { return name }
        var i = 1
        while exists("\(dir)/\(name).\(i)") || exists("\(dir)/\(name).\(i).error.json") { i += 1 }
        return "\(name).\(i)"
    }

    /// What a claimed file holds, read without following links or blocking:
    /// lstat, then open with O_NOFOLLOW | O_NONBLOCK, fstat, and at most `limit + 1` bytes.
    enum Content {
        case bytes(Data)
        case refused(String, fix: String)
    }

    static func readClaimed(_ path: String, limit: Int) -> Content {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .refused("vanished while being read", fix: "drop it again") }
        let kind = st.st_mode & S_IFMT
        let write = "write a regular file as .NAME.tmp in inbox/, then rename it to NAME"
        switch kind {
        case S_IFREG: break
        case S_IFLNK: return .refused("is a symbolic link; links are never followed", fix: write)
        case S_IFDIR: return .refused("is a directory, not an event file", fix: write)
        case S_IFIFO: return .refused("is a FIFO (named pipe), not an event file", fix: write)
        default: return .refused("is not a regular file", fix: write)
        }
        if Int(st.st_size) > limit {
            return .refused(
                "is \(st.st_size) bytes, more than the \(limit) bytes an event may have",
                fix: "one event per file; a visit request is a few hundred bytes")
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .refused("cannot be opened (\(String(cString: strerror(errno))))", fix: write) }
        defer { close(fd) }
        var st2 = stat()
        guard fstat(fd, &st2) == 0, st2.st_mode & S_IFMT == S_IFREG else {
            return .refused("is not a regular file", fix: write)
        }
        // Archived events hold family data: private like every output.
        if st2.st_mode & 0o777 != 0o600 { _ = fchmod(fd, 0o600) }
        var data = Data()
        var buf = [UInt8](repeating: 0, count: 64 << 10)
        while data.count <= limit {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress!, min($0.count, limit + 1 - data.count)) }
            if n < 0 {
                if errno == EINTR { continue }
                return .refused("cannot be read (\(String(cString: strerror(errno))))", fix: write)
            }
            if n == 0 { break }
            data.append(contentsOf: buf[0..<n])
        }
        if data.count > limit {
            return .refused(
                "is more than the \(limit) bytes an event may have",
                fix: "one event per file; a visit request is a few hundred bytes")
        }
        return .bytes(data)
    }

    /// The bytes of a small regular file of the daemon's own, or nil.
    static func readOwn(_ path: String, limit: Int = 256 << 20) -> Data? {
        guard case .bytes(let d) = readClaimed(path, limit: limit) else { return nil }
        return d
    }
}
