import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One child process whose peak memory is measured, started with posix_spawn and reaped
/// with waitpid. Used by `relief bench`, so that each case's peak memory is that case's alone,
/// and a case that crashes or runs away is that row's result, not the run's end.
///
/// The peak is the child's `VmHWM` (/proc/PID/status), read while it runs: the high-water
/// mark of its own address space since exec. Not `ru_maxrss` (wait4, getrusage): Linux records the
/// address space the child had before exec in it, which for a spawned child is the parent's
/// (relief's own, generated cases included), so a small case would show the parent's size.
struct MeasuredChild {
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed (SIGKILL) after the deadline.
        case killedAtDeadline
        /// Killed (SIGKILL) because the caller was cancelled.
        case cancelled
    }

    struct Finished: Sendable {
        var ending: Ending
        /// The child's peak resident set (VmHWM), KiB, as last read before it ended: growth in
        /// its last few milliseconds may be missed; a child that measures itself says more.
        var peakKiB: Int
        var seconds: Double
    }

    /// Runs `executable arguments...` with stdin from /dev/null, stdout and stderr into files
    /// (created 0600), SIGINT and SIGTERM back to their default action (the parent may ignore
    /// them), and kills it with SIGKILL at `deadline` seconds or when `cancelled()` says so.
    static func run(
        _ executable: String, _ arguments: [String], stdout: String, stderr: String, deadline: Double,
        cancelled: () -> Bool = { false }
    ) -> Result<Finished, ServiceError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let started = Date()
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard rc == 0 else {
            return .failure(.internalError("cannot start \(executable): \(String(cString: strerror(rc)))"))
        }
        var status: Int32 = 0
        var killedBy: Ending?
        var peak = 0
        while true {
            // Read before the status: a child that is still running has its memory to read.
            if let kib = highWaterKiB(pid) { peak = max(peak, kib) }
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR {
                return .failure(.internalError("lost the child process \(pid): \(String(cString: strerror(errno)))"))
            }
            if killedBy == nil {
                if cancelled() {
                    killedBy = .cancelled
                    kill(pid, SIGKILL)
                } else if Date().timeIntervalSince(started) > deadline {
                    killedBy = .killedAtDeadline
                    kill(pid, SIGKILL)
                }
            }
            usleep(20_000)
        }
        let seconds = Date().timeIntervalSince(started)
        let signal = status & 0x7f
        let ending = killedBy ?? (signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal))
        return .success(Finished(ending: ending, peakKiB: peak, seconds: seconds))
    }

    /// `VmHWM` of a process (`self` for this one), KiB; nil once it has exited.
    static func highWaterKiB(_ pid: pid_t? = nil) -> Int? {
        let path = "/proc/\(pid.map(String.init) ?? "self")/status"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }
}
