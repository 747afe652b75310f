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
    private static let mask = UInt32(
        IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE | IN_ONLYDIR | IN_DELETE_SELF | IN_MOVE_SELF)

    /// `wake(overflow)` is called on a background queue for each batch of notifications
    /// about a finished file (dotfiles and `*.tmp` are still being written: ignored).
    init(folder: String, wake: @escaping @Sendable (Bool) -> Void) throws(ServiceError) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw .internalError("inotify_init1: \(String(cString: strerror(errno)))") }
        guard inotify_add_watch(fd, folder, Self.mask) >= 0 else {
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
                    // The folder itself removed or moved away: wake, so that it is made again.
                    if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 { ready = true }
                    off = nameStart + len
                }
            }
            if ready || overflow { wake(overflow) }
        }
        source.setCancelHandler { close(fd) }
        source.resume()
    }

    /// Watches `folder` again (after it was removed and made anew); the error text, or nil.
    func rewatch(_ folder: String) -> String? {
        inotify_add_watch(fd, folder, Self.mask) >= 0 ? nil : String(cString: strerror(errno))
    }

    func stop() { source.cancel() }
}
