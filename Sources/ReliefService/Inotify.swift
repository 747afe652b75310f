import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Wakes the daemon when something is renamed or written into a folder: Linux
/// inotify (`inotify_init1`) read by a Dispatch read source. Notifications only
/// wake; the daemon then lists the folder, which is the truth. A queue overflow
/// (`IN_Q_OVERFLOW`) is reported as a wake-up too, followed by the same full rescan.
final class Inotify: @unchecked Sendable {
    private let fd: Int32
    private let source: any DispatchSourceRead

    /// `wake(overflow)` is called on a background queue for each batch of notifications
    /// about a finished file (dotfiles and `*.tmp` are still being written: ignored).
    init(folder: String, wake: @escaping @Sendable (Bool) -> Void) throws(ServiceError) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw .internalError("inotify_init1: \(String(cString: strerror(errno)))") }
        let mask = UInt32(IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE | IN_ONLYDIR)
        guard inotify_add_watch(fd, folder, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .internalError("inotify_add_watch \(folder): \(reason)")
        }
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: DispatchQueue(label: "relief.inotify"))
        let fd = self.fd
        source.setEventHandler {
            var ready = false
            var overflow = false
            var buf = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n <= 0 { break }
                var off = 0
                while off + MemoryLayout<inotify_event>.size <= n {
                    let (mask, len) = buf.withUnsafeBytes { raw -> (UInt32, Int) in
                        let e = raw.loadUnaligned(fromByteOffset: off, as: inotify_event.self)
                        return (e.mask, Int(e.len))
                    }
                    let nameStart = off + MemoryLayout<inotify_event>.size
                    let name = buf[nameStart..<min(n, nameStart + len)].prefix { $0 != 0 }
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflow = true }
                    if WatchFolder.isReady(Array(name)) { ready = true }
                    off = nameStart + len
                }
            }
            if ready || overflow { wake(overflow) }
        }
        source.setCancelHandler { close(fd) }
        source.resume()
    }

    func stop() { source.cancel() }
}

/// sd_notify(3) without libsystemd: one datagram to `$NOTIFY_SOCKET` (a path, or an
/// abstract socket when it starts with `@`). Does nothing when the variable is unset.
struct SystemdNotify: Sendable {
    let socketPath: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let p = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = p.isEmpty ? nil : p
    }

    var enabled: Bool { socketPath != nil }

    /// The watchdog interval systemd asked for (`WATCHDOG_USEC`, for this process), in seconds.
    static func watchdogSeconds(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Double? {
        guard let s = environment["WATCHDOG_USEC"], let us = Double(s), us > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"], let p = Int32(pid), p != getpid() { return nil }
        return us / 1_000_000
    }

    @discardableResult
    func send(_ state: String) -> Bool {
        guard let path = socketPath else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard bytes.count < capacity || (bytes.first == 0 && bytes.count <= capacity) else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let len = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (bytes.first == 0 ? 0 : 1))
        let msg = Array(state.utf8)
        let sent = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                msg.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sa, len) }
            }
        }
        return sent == msg.count
    }
}
