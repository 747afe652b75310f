import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one solve in a child process (`relief plan` on staged files, the command line
/// `SelfInvocation.plan`), so that a crash, an abort inside GLPK or a hang
/// costs the daemon nothing: a failed solve is a result, the previous schedule stays.
final class SolveRunner: Sendable {
    enum Outcome: Sendable, Equatable {
        case solved
        /// The child exited with this status (65 bad data, 75 no schedule within the limit...).
        case failed(Int32)
        /// Killed by a signal (a crash, or someone's kill -9).
        case crashed(Int32)
        /// Ran past the time limit and its grace: killed.
        case timedOut
        /// The daemon is stopping: killed.
        case abandoned
        case cannotStart(String)
    }

    let executable: String
    let timeLimit: Double
    let leastChange: Bool
    private let child = Mutex<Int32>(0)
    private let stopping = Atomic<Bool>(false)

    init(executable: String, timeLimit: Double, leastChange: Bool) {
        self.executable = executable
        self.timeLimit = timeLimit
        self.leastChange = leastChange
    }

    /// Solves `casePath` into `outputPath`; the child's stderr goes to `logPath` (it may
    /// name what the case holds: private, like the rest of the folder), stdout nowhere.
    /// `incremental`: re-plan from that published schedule (`relief plan --incremental`).
    func solve(
        casePath: String, outputPath: String, logPath: String,
        incremental: (schedule: String, around: [String])? = nil, started: (Int32) -> Void
    ) -> Outcome {
        if stopping.load(ordering: .relaxed) { return .abandoned }
        let p = SelfInvocation.plan(
            executable, case: casePath, output: outputPath, timeLimit: timeLimit, leastChange: leastChange,
            incremental: incremental
        ).process()
        // The child dies with this daemon (`ParentDeath`).
        var env = ProcessInfo.processInfo.environment
        env[ParentDeath.variable] = String(getpid())
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        let fd = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        p.standardError = fd >= 0 ? FileHandle(fileDescriptor: fd, closeOnDealloc: true) : FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        do {
            try child.withLock { pid throws in
                try p.run()
                pid = p.processIdentifier
            }
        } catch {
            return .cannotStart("\(error)")
        }
        // Its pid and start time, so that a later daemon can end it if this one is killed
        // before it (a solver that is not relief does not die with its parent).
        let pidFile = (logPath as NSString).deletingLastPathComponent + "/solve.pid"
        if let t = Self.startTime(p.processIdentifier) {
            try? AtomicFile.write("\(p.processIdentifier) \(t)\n", to: pidFile)
        }
        defer { unlink(pidFile) }
        started(p.processIdentifier)
        // The planner stops itself at --time-limit; the grace covers reading, level 5 and writing.
        let grace = 15 + timeLimit / 2
        var timedOut = false
        if done.wait(timeout: .now() + timeLimit + grace) == .timedOut {
            timedOut = true
            kill(p.processIdentifier, SIGKILL)
            done.wait()
        }
        child.withLock { $0 = 0 }
        if stopping.load(ordering: .relaxed) { return .abandoned }
        if timedOut { return .timedOut }
        if p.terminationReason == .uncaughtSignal { return .crashed(p.terminationStatus) }
        return p.terminationStatus == 0 ? .solved : .failed(p.terminationStatus)
    }

    /// The fields of /proc/PID/stat after the command name (field 3, the state, first), or nil
    /// when the process is gone. The name is in parentheses and may hold spaces: the fields
    /// are counted after the last ')'.
    static func statFields(_ pid: Int32) -> [Substring]? {
        guard let d = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: d, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// A process's start time (clock ticks after boot, field 22 of /proc/PID/stat): with
    /// the pid it names one process, never a later one that got the same pid.
    static func startTime(_ pid: Int32) -> UInt64? {
        guard let fields = statFields(pid), fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// Ends the solve a killed daemon left running, named by `staging/solve.pid`; the pid, or nil.
    static func endOrphan(pidFile: String) -> Int32? {
        guard let d = WatchFolder.readOwn(pidFile, limit: 100) else { return nil }
        let parts = String(decoding: d, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count == 2, let pid = Int32(parts[0]), pid > 1, let t = UInt64(parts[1]),
            startTime(pid) == t
        else { return nil }
        kill(pid, SIGKILL)
        // Gone (or a zombie) before staging/ is cleared, so that it drops nothing there afterwards.
        for _ in 0..<100 {
            guard let state = statFields(pid)?.first, state != "Z" else { break }
            usleep(10_000)
        }
        return pid
    }

    /// Kills the running solve, if any, and refuses new ones (SIGTERM, SIGINT, SIGHUP).
    func abandon() {
        stopping.store(true, ordering: .relaxed)
        child.withLock { pid in
            if pid > 0 { kill(pid, SIGKILL) }
        }
    }
}
