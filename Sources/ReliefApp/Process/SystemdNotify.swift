import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
    ///
    /// Read as sd_watchdog_enabled(3) reads it: a whole number of microseconds above 0 and
    /// below 2^64 - 1 (USEC_INFINITY); anything else (1e30, 1.5, -1, nan, text) means no
    /// watchdog, as it would for libsystemd. It is systemd's variable, not the user's
    /// option, so it is not an error. What is left is clamped to `watchdogRange`: the
    /// interval becomes a timer in whole nanoseconds, which 2^64 microseconds overflow, and
    /// pinging more often than asked is always in time (below 1 ms the timer would only spin).
    static func watchdogSeconds(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Double? {
        guard let s = environment["WATCHDOG_USEC"], let us = UInt64(s), us > 0, us < UInt64.max else { return nil }
        if let pid = environment["WATCHDOG_PID"], let p = Int32(pid), p != getpid() { return nil }
        return min(max(Double(us) / 1_000_000, watchdogRange.lowerBound), watchdogRange.upperBound)
    }

    /// The watchdog intervals relief keeps to, in seconds: 1 ms to one day.
    static let watchdogRange = 0.001...86_400.0

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
        let len = socklen_t(
            MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (bytes.first == 0 ? 0 : 1))
        let msg = Array(state.utf8)
        let sent = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                msg.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sa, len) }
            }
        }
        return sent == msg.count
    }
}
