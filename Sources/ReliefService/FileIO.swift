import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// Errors the service layer reports, each mapped to a sysexits code by the CLI.
public enum ServiceError: Error, Sendable, CustomStringConvertible {
    case noInput(String)
    case badData(CaseInputError)
    case cannotWrite(path: String, reason: String)
    case internalError(String)
    case tryAgain(String)

    public var description: String {
        switch self {
        case .noInput(let s): return s
        case .badData(let e): return e.description
        case .cannotWrite(let p, let r): return "\(p): cannot write (\(r)); nothing was changed"
        case .internalError(let s): return "internal error: \(s)"
        case .tryAgain(let s): return s
        }
    }

    /// sysexits(3): 66 no input, 65 bad data, 73 cannot create, 70 internal.
    public var exitCode: Int32 {
        switch self {
        case .noInput: return 66
        case .badData: return 65
        case .cannotWrite: return 73
        case .internalError: return 70
        case .tryAgain: return 75
        }
    }
}

/// Writes files so that a reader sees the old content or the new, never half:
/// a temporary file in the same folder, fsync, rename, fsync of the folder.
/// Files are created readable by their owner only (they hold family data).
public enum AtomicFile {
    public static func write(_ data: Data, to path: String, mode: mode_t = 0o600) throws(ServiceError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        // Short, so that a long target name still leaves room under NAME_MAX.
        let tmp = "\(dir)/.relief-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        var reason = ""
        data.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    reason = String(cString: strerror(errno))
                    return
                }
                off += n
            }
        }
        if ok && fsync(fd) != 0 {
            ok = false
            reason = String(cString: strerror(errno))
        }
        close(fd)
        guard ok else {
            unlink(tmp)
            throw .cannotWrite(path: path, reason: reason)
        }
        guard rename(tmp, path) == 0 else {
            let r = String(cString: strerror(errno))
            unlink(tmp)
            throw .cannotWrite(path: path, reason: r)
        }
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    public static func write(_ text: String, to path: String) throws(ServiceError) {
        try write(Data(text.utf8), to: path)
    }
}

/// Loads a case file, mapping failures to service errors.
public enum CaseLoader {
    public static func load(_ path: String) throws(ServiceError) -> (Case, [Diagnostic]) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .noInput("\(path): no such readable file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .noInput("\(path): cannot read the file")
        }
        do { return try CaseReader.read(data: data, file: path) } catch { throw .badData(error) }
    }
}
