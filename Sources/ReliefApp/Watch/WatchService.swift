import Dispatch
import Foundation
import ReliefCore
import ReliefRender
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `relief watch DIR [--case CASE.json] ...`, parsed.
public struct WatchRequest: Sendable {
    public var folder: String
    public var seedCase: String?
    /// Visits starting before now + this many minutes (and visits already started) keep their sitters.
    public var freezeMinutes = 120
    public var solveTimeLimit = 30.0
    /// `--replan`: re-plan from the published schedule, around what changed (true, the
    /// default), or the whole week each time (`full`).
    public var incremental = true
    public var language = Language.fr
    /// The daemon's time: the machine's, or (the hidden `--now`, tests) a case's now that stands still.
    public var clock: any WatchClock = SystemClock()
    /// What asks the daemon to stop: SIGTERM, SIGINT and SIGHUP, or a test.
    public var stopSource: any StopSource = ProcessStopSignals()
    /// Hidden, for tests: kill -9 itself right after this step (`WatchService.crashSteps`).
    public var crashAfter: String?
    /// Hidden, a tuning knob tests turn: seconds between two rescans of the inbox without a notification.
    public var rescanSeconds = 10.0
    /// Hidden, a tuning knob tests turn (`--settle-ms`): how long a hand edit of case.json must stay still.
    public var settleQuiet = 0.3
    public var settleMax = 2.0
    /// Hidden, for tests: the program run as `PROGRAM plan ...` instead of this relief.
    public var solver: String?
    /// `--output-group`: the group given read access to the outputs (`shareOutputs`); nil keeps them 0600.
    public var outputGroup: gid_t?

    public init(folder: String) { self.folder = folder }
}

/// The daemon behind `relief watch`: events dropped into `DIR/inbox/` are claimed,
/// checked, applied to the case, re-planned in a child process, and committed through
/// a journal so that a kill at any moment loses nothing and applies nothing twice
/// (README, "The daemon: relief watch").
public final class WatchService: @unchecked Sendable {
    public static let crashSteps = [
        "claim", "solve-started", "staged", "journal", "case", "schedule", "notice", "archive",
    ]

    let request: WatchRequest
    let folder: WatchFolder
    let log: @Sendable (String) -> Void
    let runner: SolveRunner
    let notify = SystemdNotify()
    let wake = DispatchSemaphore(value: 0)
    let stopped = Atomic<Bool>(false)
    let heartbeat = Atomic<Int64>(0)
    let clock: any WatchClock
    var journal: WatchJournal!
    var current: (theCase: Case, schedule: Schedule)!
    var rollForwardPending = false
    var failures = 0
    /// work/ names of a batch the planner failed on: applied one at a time, in arrival
    /// order, until each is settled (the one that causes the failure is refused).
    var isolating = Set<String>()
    var inotify: Inotify?
    /// The inbox being watched (device and inode): a folder made anew is watched anew.
    var inboxIdentity: FileIdentity?
    /// The inbox's mode and group as last seen (producers may have been given `g+wx`): a new inbox gets them.
    var inboxAccess: (mode: mode_t, group: gid_t)?

    /// The last case.json looked at: (inode, size, change time) and its SHA-256.
    var caseSeen: (key: [Int64], sha: String)?
    /// A case.json this daemon found unplannable and could not replace by the committed one.
    var unplannable: String?
    /// Whether `current` is the case of the journal's last record (not a hand edit read at start).
    var currentIsCommitted = true
    /// Why the daemon stopped on its own (exit code and message), if it did.
    var fatal: ServiceError?

    /// The largest event file read (the reader's own limit).
    static var maxEventBytes: Int { EventReader.maxBytes }
    /// At most this many files claimed per re-plan (the rest wait for the next one).
    static let maxBatch = 2000

    init(_ request: WatchRequest, log: @escaping @Sendable (String) -> Void) {
        self.request = request
        folder = WatchFolder(root: request.folder)
        self.log = log
        clock = request.clock
        runner = SolveRunner(
            executable: request.solver ?? SelfInvocation.own(), timeLimit: request.solveTimeLimit,
            leastChange: true)
    }

    /// Runs in the foreground until SIGTERM, SIGINT or SIGHUP (exit 0). Another instance on
    /// the folder: `.tryAgain` (75) before anything is touched.
    public static func run(_ request: WatchRequest, log: @escaping @Sendable (String) -> Void) throws(ServiceError)
        -> Int32
    {
        umask(0o077)
        guard let lockFDs = try WatchFolder.lock(request.folder) else {
            throw .tryAgain(
                "\(request.folder): another relief watch is running on this folder (it holds a lock on it); nothing was touched"
            )
        }
        defer { for fd in lockFDs { close(fd) } }
        let w = WatchService(request, log: log)
        return try w.main()
    }

    // MARK: - Life cycle

    func main() throws(ServiceError) -> Int32 {
        try folder.create()
        installStop()
        journal = try WatchJournal(path: folder.journalPath, log: log)
        try recover()
        if journal.last == nil {
            try seed()
        } else {
            try loadCurrent()
            if request.seedCase != nil {
                log("resuming from \(folder.root) (journal seq \(journal.last!.seq)); --case ignored")
            }
        }
        shareOutputs()
        if stopped.load(ordering: .relaxed) { return finish() }
        let inotify = try Inotify(folder: folder.inbox) { [self] overflow in
            if overflow { log("inotify queue overflow: rescanning the inbox") }
            wake.signal()
        }
        self.inotify = inotify
        inboxIdentity = FileIdentity(path: folder.inbox)
        defer { inotify.stop() }
        log(
            "watching \(folder.root)/inbox (freeze \(request.freezeMinutes) min, solve limit \(request.solveTimeLimit) s"
                + ", least change)")
        notify.send("READY=1\nSTATUS=watching the inbox")
        beat()  // before the first watchdog tick, which checks it
        let watchdog = startWatchdog()
        defer { watchdog?.cancel() }
        loop()
        if let fatal {
            notify.send("STOPPING=1")
            throw fatal
        }
        return finish()
    }

    func finish() -> Int32 {
        notify.send("STOPPING=1")
        log("stopped; events not yet applied stay in work/ or inbox/ for the next start")
        return 0
    }

    func loop() {
        while !stopped.load(ordering: .relaxed) {
            beat()
            switch round() {
            case .more:
                continue
            case .retry:
                failures += 1
                let delay = min(60.0, pow(2.0, Double(min(failures - 1, 6))))
                log("retrying in \(Int(delay)) s (attempt \(failures + 1))")
                let deadline = clock.uptime() + delay
                while !stopped.load(ordering: .relaxed) && clock.uptime() < deadline {
                    _ = wake.wait(timeout: .now() + min(1, deadline - clock.uptime()))
                    beat()
                }
            case .idle:
                failures = 0
                if wake.wait(timeout: .now() + request.rescanSeconds) == .success { settle() }
            }
        }
    }

    /// Files arriving together are applied together: wait for a quiet `settleQuiet`, at most `settleMax`.
    func settle() {
        let start = clock.uptime()
        while !stopped.load(ordering: .relaxed) && clock.uptime() - start < request.settleMax {
            if wake.wait(timeout: .now() + request.settleQuiet) == .timedOut { break }
        }
    }

    /// A stop request (a signal, or a test's): no new claim, the running solve abandoned.
    func installStop() {
        request.stopSource.install { [self] reason in
            if !stopped.exchange(true, ordering: .relaxed) {
                log("\(reason): stopping (no new claims; a running solve is abandoned)")
            }
            runner.abandon()
            WhatIfRunner.abandonRunning()  // the solves of a visit.suggest being answered
            wake.signal()
        }
    }

    func beat() { heartbeat.store(Int64(clock.uptime()), ordering: .relaxed) }

    /// WATCHDOG=1 every WATCHDOG_USEC/2 while the main loop is alive (its waits are bounded:
    /// the rescan, a solve's limit and grace, the backoff).
    func startWatchdog() -> (any DispatchSourceTimer)? {
        guard notify.enabled, let wd = SystemdNotify.watchdogSeconds() else { return nil }
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "relief.watchdog"))
        let stale = Int64(request.rescanSeconds + request.solveTimeLimit * 1.5 + 90)
        t.schedule(deadline: .now(), repeating: wd / 2)
        t.setEventHandler { [self] in
            if Int64(clock.uptime()) - heartbeat.load(ordering: .relaxed) < stale {
                notify.send("WATCHDOG=1")
            }
        }
        t.resume()
        return t
    }

    /// kill -9 of itself after `step`, for the crash tests (`--crash-after`).
    func crashPoint(_ step: String) {
        guard request.crashAfter == step else { return }
        log("--crash-after \(step): killing myself")
        kill(getpid(), SIGKILL)
    }

    // MARK: - State

    func nowInstant() -> Instant { clock.now() }

    func loadCurrent() throws(ServiceError) {
        let (c, _) = try CaseLoader.load(.file(folder.casePath))
        guard let data = WatchFolder.readOwn(folder.schedulePath), let json = try? JSONParser.parse(data),
            let s = ScheduleReader.read(json)
        else {
            throw .badData(
                InputError(
                    .schedule, file: folder.schedulePath,
                    diagnostics: [
                        Diagnostic(
                            .error, "$", "missing or not a \(Schedule.format) document",
                            fix: "restore it from a backup, or start over in a new folder with --case")
                    ]))
        }
        try clock.read(in: c.clock)
        current = (c, s)
        currentIsCommitted = WatchFolder.readOwn(folder.casePath).map(SHA256.hex) == journal.last?.caseSHA
    }

    /// First start: plan the seed case (`--case`, or a `case.json` put there by hand).
    func seed() throws(ServiceError) {
        let source = request.seedCase ?? folder.casePath
        guard request.seedCase != nil || WatchFolder.exists(folder.casePath) else {
            throw .noInput("\(folder.root): no case.json yet; give the first week with --case CASE.json")
        }
        let (c, _) = try CaseLoader.load(.file(source))
        try clock.read(in: c.clock)
        log("seeding from the case given (\(c.visits.count) visits, \(c.sitters.count) sitters)")
        var previous: Schedule?
        if let d = WatchFolder.readOwn(folder.schedulePath), let j = try? JSONParser.parse(d) {
            previous = ScheduleReader.read(j)
        }
        while true {
            switch replan(base: c, previous: previous, applied: c, batch: [], refused: [:]) {
            case .committed: return
            case .stopped: return
            case .failed(let why), .failedOnCase(let why):
                if stopped.load(ordering: .relaxed) { return }
                throw .tryAgain("\(folder.root): the first plan failed (\(why)); nothing was committed")
            }
        }
    }

}
