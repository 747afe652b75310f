import Dispatch
import Foundation
import ReliefCore
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
    public var language = Language.fr
    /// Hidden, for tests: the daemon's notion of now (ISO 8601, read in the case's time zone).
    public var now: String?
    /// Hidden, for tests: kill -9 itself right after this step (`WatchService.crashSteps`).
    public var crashAfter: String?
    /// Hidden, a tuning knob tests turn: seconds between two rescans of the inbox without a notification.
    public var rescanSeconds = 10.0
    /// Hidden, a tuning knob tests turn (`--settle-ms`): how long a hand edit of case.json must stay still.
    public var settleQuiet = 0.3
    public var settleMax = 2.0
    /// Hidden, for tests: the program run as `PROGRAM plan ...` instead of this relief.
    public var solver: String?

    /// The options of `relief watch`. The hidden ones are test hooks, never in its usage: `--now`
    /// (the daemon's clock), `--crash-after` (SIGKILL itself after a step, for the recovery tests),
    /// `--solver` (a stand-in for the child planner), `--rescan` and `--settle-ms` (shorter waits).
    public static let spec = ArgumentSpec(
        valued: [
            "--case", "--freeze", "--solve-time-limit", "--lang", "--now", "--crash-after", "--rescan", "--settle-ms",
            "--solver",
        ], hidden: ["--now", "--crash-after", "--solver", "--rescan", "--settle-ms"])

    public init(folder: String) { self.folder = folder }

    public init(arguments: [String]) throws(UsageError) {
        let a = try ArgumentParser.parse(arguments, Self.spec)
        folder = try a.positionals(["DIR"])[0]
        seedCase = a.values["--case"]
        if let f = try a.count("--freeze", in: 0...10080) { freezeMinutes = f }
        if let t = try a.seconds("--solve-time-limit") { solveTimeLimit = t }
        if let l = a.values["--lang"] {
            guard let lang = Language(rawValue: l) else { throw UsageError("--lang takes fr or en, not \(quoted(l))") }
            language = lang
        }
        now = a.values["--now"]
        if let c = a.values["--crash-after"] {
            guard WatchService.crashSteps.contains(c) else {
                throw UsageError("--crash-after takes one of \(WatchService.crashSteps.joined(separator: ", "))")
            }
            crashAfter = c
        }
        solver = a.values["--solver"]
        if let r = try a.seconds("--rescan") { rescanSeconds = r }
        if let s = try a.count("--settle-ms", in: 0...60000) {
            settleQuiet = Double(s) / 1000
            settleMax = max(settleMax, settleQuiet)
        }
    }
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
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    private let heartbeat = Atomic<Int64>(0)
    private var journal: WatchJournal!
    private var current: (theCase: Case, schedule: Schedule)!
    private var now: Instant?
    private var rollForwardPending = false
    private var failures = 0
    /// work/ names of a batch the planner failed on: applied one at a time, in arrival
    /// order, until each is settled (the one that causes the failure is refused).
    private var isolating = Set<String>()
    private var signalSources: [any DispatchSourceSignal] = []
    private var inotify: Inotify?
    /// The inbox being watched (device and inode): a folder made anew is watched anew.
    private var inboxIdentity: FileIdentity?
    /// The inbox's mode and group at start (producers may have been given `g+wx`): a new inbox gets them.
    private var inboxAccess: (mode: mode_t, group: gid_t)?

    /// The largest event file read (the reader's own limit).
    static var maxEventBytes: Int { EventReader.maxBytes }
    /// At most this many files claimed per re-plan (the rest wait for the next one).
    static let maxBatch = 2000

    init(_ request: WatchRequest, log: @escaping @Sendable (String) -> Void) {
        self.request = request
        folder = WatchFolder(root: request.folder)
        self.log = log
        let exe = SolveRunner.ownExecutable()
        runner = SolveRunner(
            executable: request.solver ?? exe, timeLimit: request.solveTimeLimit,
            leastChange: SolveRunner.planSupportsLeastChange(exe))
    }

    /// Runs in the foreground until SIGTERM or SIGINT (exit 0). Another instance on
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
        installSignals()
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
        if stopped.load(ordering: .relaxed) { return finish() }
        let inotify = try Inotify(folder: folder.inbox) { [self] overflow in
            if overflow { log("inotify queue overflow: rescanning the inbox") }
            wake.signal()
        }
        self.inotify = inotify
        inboxIdentity = FileIdentity(path: folder.inbox)
        var ist = stat()
        if lstat(folder.inbox, &ist) == 0 { inboxAccess = (ist.st_mode & 0o7777, ist.st_gid) }
        defer { inotify.stop() }
        log(
            "watching \(folder.root)/inbox (freeze \(request.freezeMinutes) min, solve limit \(request.solveTimeLimit) s"
                + (runner.leastChange ? ", least change" : "") + ")")
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

    private func finish() -> Int32 {
        notify.send("STOPPING=1")
        log("stopped; events not yet applied stay in work/ or inbox/ for the next start")
        return 0
    }

    private func loop() {
        while !stopped.load(ordering: .relaxed) {
            beat()
            switch round() {
            case .more:
                continue
            case .retry:
                failures += 1
                let delay = min(60.0, pow(2.0, Double(min(failures - 1, 6))))
                log("retrying in \(Int(delay)) s (attempt \(failures + 1))")
                let deadline = Date().addingTimeInterval(delay)
                while !stopped.load(ordering: .relaxed) && Date() < deadline {
                    _ = wake.wait(timeout: .now() + min(1, deadline.timeIntervalSinceNow))
                    beat()
                }
            case .idle:
                failures = 0
                if wake.wait(timeout: .now() + request.rescanSeconds) == .success { settle() }
            }
        }
    }

    /// Files arriving together are applied together: wait for a quiet `settleQuiet`, at most `settleMax`.
    private func settle() {
        let start = Date()
        while !stopped.load(ordering: .relaxed) && Date().timeIntervalSince(start) < request.settleMax {
            if wake.wait(timeout: .now() + request.settleQuiet) == .timedOut { break }
        }
    }

    private func installSignals() {
        let q = DispatchQueue(label: "relief.watch.signals")
        // SIGHUP (the terminal closed) stops cleanly too, unless it was ignored at start (nohup).
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            let previous = signal(sig, SIG_IGN)
            if sig == SIGHUP && StopSignals.isIgnore(previous) { continue }
            let s = DispatchSource.makeSignalSource(signal: sig, queue: q)
            s.setEventHandler { [self] in
                if !stopped.exchange(true, ordering: .relaxed) {
                    log("\(StopSignals.name(sig)): stopping (no new claims; a running solve is abandoned)")
                }
                runner.abandon()
                wake.signal()
            }
            s.resume()
            signalSources.append(s)
        }
    }

    private func beat() { heartbeat.store(Int64(Date().timeIntervalSince1970), ordering: .relaxed) }

    /// WATCHDOG=1 every WATCHDOG_USEC/2 while the main loop is alive (its waits are bounded:
    /// the rescan, a solve's limit and grace, the backoff).
    private func startWatchdog() -> (any DispatchSourceTimer)? {
        guard notify.enabled, let wd = SystemdNotify.watchdogSeconds() else { return nil }
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "relief.watchdog"))
        let stale = Int64(request.rescanSeconds + request.solveTimeLimit * 1.5 + 90)
        t.schedule(deadline: .now(), repeating: wd / 2)
        t.setEventHandler { [self] in
            if Int64(Date().timeIntervalSince1970) - heartbeat.load(ordering: .relaxed) < stale {
                notify.send("WATCHDOG=1")
            }
        }
        t.resume()
        return t
    }

    /// kill -9 of itself after `step`, for the crash tests (`--crash-after`).
    private func crashPoint(_ step: String) {
        guard request.crashAfter == step else { return }
        log("--crash-after \(step): killing myself")
        kill(getpid(), SIGKILL)
    }

    // MARK: - State

    private func nowInstant() -> Instant { now ?? Instant(seconds: Int64(Date().timeIntervalSince1970)) }

    private func parseNow(_ c: Case) throws(ServiceError) {
        guard let n = request.now else { return }
        guard case .success(let t) = c.clock.parse(n) else {
            throw .usage("--now \(n) is not an ISO 8601 time (2026-11-24T18:00)")
        }
        now = t
    }

    private func loadCurrent() throws(ServiceError) {
        let (c, _) = try CaseLoader.load(.file(folder.casePath))
        guard let data = WatchFolder.readOwn(folder.schedulePath), let json = try? JSONParser.parse(data),
            let s = ScheduleReader.read(json)
        else {
            throw .badData(
                CaseInputError(
                    file: folder.schedulePath,
                    diagnostics: [
                        Diagnostic(
                            .error, "$", "missing or not a \(Schedule.format) document",
                            fix: "restore it from a backup, or start over in a new folder with --case")
                    ]))
        }
        try parseNow(c)
        current = (c, s)
        currentIsCommitted = WatchFolder.readOwn(folder.casePath).map(SHA256.hex) == journal.last?.caseSHA
    }

    /// First start: plan the seed case (`--case`, or a `case.json` put there by hand).
    private func seed() throws(ServiceError) {
        let source = request.seedCase ?? folder.casePath
        guard request.seedCase != nil || WatchFolder.exists(folder.casePath) else {
            throw .noInput("\(folder.root): no case.json yet; give the first week with --case CASE.json")
        }
        let (c, _) = try CaseLoader.load(.file(source))
        try parseNow(c)
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

    // MARK: - Recovery

    /// Rolls the last committed re-plan forward (its staged files whose hashes the
    /// journal names), then clears staging/ and temporary files left by a crash.
    private func recover() throws(ServiceError) {
        if let pid = SolveRunner.endOrphan(pidFile: folder.staging + "/solve.pid") {
            log("ended solve child \(pid), left running by a daemon that was killed")
        }
        if let r = journal.last {
            try rollForward(r)
            // Its files are settled as the journal says (each only if its bytes are the record's).
            _ = finalize(r)
        }
        for name in WatchFolder.entries(folder.staging) {
            let n = String(decoding: name, as: UTF8.self)
            unlink(folder.staging + "/" + n)
        }
        for dir in [folder.root, folder.rejected, folder.notices, folder.archive] {
            for name in WatchFolder.entries(dir) {
                let n = String(decoding: name, as: UTF8.self)
                if n.hasPrefix(".relief-") && n.hasSuffix(".tmp") { unlink(dir + "/" + n) }
            }
        }
        if let r = journal.last {
            if let d = WatchFolder.readOwn(folder.casePath), SHA256.hex(d) != r.caseSHA {
                log("case.json differs from journal seq \(r.seq) (edited by hand?): it is re-planned before any event")
            }
        }
    }

    /// Temporary files a killed solve child left in staging/ (its writes are atomic:
    /// only a `.relief-*.tmp` can be left, never a half-written target).
    private func clearChildTemporaries() {
        for name in WatchFolder.entries(folder.staging) {
            let n = String(decoding: name, as: UTF8.self)
            if n.hasPrefix(".relief-") && n.hasSuffix(".tmp") { unlink(folder.staging + "/" + n) }
        }
    }

    private func staged(_ seq: Int, _ what: String) -> String { "\(folder.staging)/\(seq).\(what)" }
    private func noticePath(_ seq: Int, _ ext: String) -> String {
        "\(folder.notices)/\(String(format: "%06d", seq)).\(ext)"
    }

    /// Renames the staged files of record `r` over the current ones (idempotent).
    private func rollForward(_ r: WatchJournal.Record) throws(ServiceError) {
        func move(_ from: String, _ to: String, sha: String?) throws(ServiceError) {
            guard WatchFolder.exists(from) else { return }
            if let sha {
                guard let d = WatchFolder.readOwn(from), SHA256.hex(d) == sha else {
                    log("staged \((from as NSString).lastPathComponent) does not match journal seq \(r.seq): discarded")
                    unlink(from)
                    return
                }
            }
            guard Glibc.rename(from, to) == 0 else {
                throw .cannotWrite(path: to, reason: String(cString: strerror(errno)))
            }
        }
        try move(staged(r.seq, "case.json"), folder.casePath, sha: r.caseSHA)
        crashPoint("case")
        try move(staged(r.seq, "schedule.json"), folder.schedulePath, sha: r.scheduleSHA)
        crashPoint("schedule")
        try move(staged(r.seq, "notice.json"), noticePath(r.seq, "json"), sha: nil)
        try move(staged(r.seq, "notice.txt"), noticePath(r.seq, "txt"), sha: nil)
        WatchFolder.fsyncDir(folder.root)
        WatchFolder.fsyncDir(folder.notices)
        WatchFolder.fsyncDir(folder.staging)
        crashPoint("notice")
        rollForwardPending = false
    }

    // MARK: - One round

    enum RoundResult { case idle, more, retry }

    struct Claimed {
        var name: String
        var event: Event
        var sha: String
    }

    /// Claims what the inbox holds, settles what work/ holds: rejects, duplicates, and
    /// one re-plan for the rest.
    func round() -> RoundResult {
        if rollForwardPending, let r = journal.last {
            do { try rollForward(r) } catch {
                log("cannot finish commit \(r.seq): \(error); events stay pending")
                return .retry
            }
            if !finalize(r) { return .retry }
        }
        if stopped.load(ordering: .relaxed) { return .idle }
        if !ensureFolders() { return .retry }
        if let r = handEdit() { return r }
        if !claim() { return .retry }
        var names = WatchFolder.arrivalOrder(WatchFolder.entries(folder.work).map { String(decoding: $0, as: UTF8.self) })
        if names.count > Self.maxBatch { names = Array(names.prefix(Self.maxBatch)) }
        guard !names.isEmpty else { return .idle }
        let c = current.theCase
        var batch: [Claimed] = []
        var ids = Set<String>()
        var deferred = false
        for name in names {
            if stopped.load(ordering: .relaxed) { return .idle }
            let path = folder.work + "/" + name
            let data: Data
            switch WatchFolder.readClaimed(path, limit: Self.maxEventBytes) {
            case .refused(let why, let fix):
                if !reject(name, id: nil, errors: [Self.errorJSON(location: "file", message: why, fix: fix)]) {
                    return .retry
                }
                continue
            case .bytes(let d): data = d
            }
            let event: Event
            do { event = try EventReader.read(data: data, file: WatchFolder.producerName(name), clock: c.clock) } catch {
                if !reject(name, id: nil, errors: error.diagnostics.map(Self.errorJSON)) { return .retry }
                continue
            }
            // Ids become file names and log words only once they are known to be plain.
            guard CaseValidator.isValidID(event.id) else {
                let e = Self.errorJSON(
                    location: "id", message: "is not an id (1-64 of A-Z a-z 0-9 . _ -, not . or ..)",
                    fix: "give the event a plain id")
                if !reject(name, id: nil, errors: [e]) { return .retry }
                continue
            }
            let sha = SHA256.hex(data)
            switch journal.verdict(id: event.id, sha256: sha) {
            case .new: break
            case .duplicate:
                log("event \(event.id): already applied, archived as a duplicate")
                if !archive(name) { return .retry }
                continue
            case .refusedBefore(let error):
                if !reject(name, id: event.id, errors: Self.errors(of: error)) { return .retry }
                continue
            case .conflict:
                let e = Self.errorJSON(
                    location: "event \(event.id)",
                    message: "conflict: an event with this id and other content was already applied",
                    fix: "give a new event a new id")
                if !reject(name, id: event.id, errors: [e]) { return .retry }
                continue
            }
            // One file per id per re-plan: a second one waits and is then judged against the journal.
            guard ids.insert(event.id).inserted else {
                deferred = true
                continue
            }
            batch.append(Claimed(name: name, event: event, sha: sha))
        }
        if !isolating.isEmpty {
            isolating.formIntersection(batch.map(\.name))
            if let first = batch.first(where: { isolating.contains($0.name) }) {
                if batch.count > 1 { deferred = true }
                batch = [first]
            }
        }
        guard !batch.isEmpty else { return deferred ? .more : .idle }
        if stopped.load(ordering: .relaxed) { return .idle }
        log(
            "applying \(batch.count) event\(batch.count == 1 ? "" : "s"): \(batch.prefix(20).map(\.event.id).joined(separator: " "))\(batch.count > 20 ? " …" : "")"
        )
        let base = current!
        let applyStart = Date()
        var (applied, refused) = EventApplier.apply(batch.map(\.event), to: base.theCase)
        var refusals = refused.mapValues { $0.diagnostics.map(Self.errorJSON) }
        if Self.hasErrors(solveCase(applied, published: base.schedule, freeze: false)) {
            // An event the applier let through leaves a case the planner would refuse:
            // apply one at a time and refuse exactly the ones that break it.
            var c = base.theCase
            refusals = [:]
            for b in batch {
                let (next, r) = EventApplier.apply([b.event], to: c)
                if let e = r[b.event.id] {
                    refusals[b.event.id] = e.diagnostics.map(Self.errorJSON)
                    continue
                }
                let errs = CaseValidator.check(solveCase(next, published: base.schedule, freeze: false)).filter {
                    $0.severity == .error
                }
                if !errs.isEmpty {
                    refusals[b.event.id] = errs.map {
                        Self.errorJSON(
                            location: "event \(b.event.id) (case \($0.location))", message: $0.message, fix: $0.fix)
                    }
                    continue
                }
                c = next
            }
            applied = c
        }
        refused = [:]
        log("checked and applied in \(String(format: "%.2f", Date().timeIntervalSince(applyStart))) s")
        switch replan(base: base.theCase, previous: base.schedule, applied: applied, batch: batch, refused: refusals) {
        case .committed: return deferred ? .more : .idle
        case .stopped: return .idle
        case .failed: return .retry
        case .failedOnCase(let why):
            let tried = batch.filter { refusals[$0.event.id] == nil }
            if tried.count > 1 {
                isolating = Set(tried.map(\.name))
                log("the planner failed on a batch of \(tried.count) events: applying them one at a time to find the cause")
                return .more
            }
            // One event: it is the cause if the committed week plans without it now.
            let detail = lastLogLine("solve")
            if !tried.isEmpty && !committedWeekPlans() { return .retry }
            let seq = (journal.last?.seq ?? 0) + 1
            let entries = batch.map { b -> WatchJournal.Entry in
                let errs =
                    refusals[b.event.id] ?? [
                        Self.errorJSON(
                            location: "event \(b.event.id)",
                            message: "relief cannot plan the week with this event: \(why) (\(detail))",
                            fix:
                                "check what the event asks (its times, its size); the week is planned without it, and the same id with corrected content is taken"
                        )
                    ]
                return WatchJournal.Entry(
                    id: b.event.id, sha256: b.sha, file: b.name, outcome: .rejected, error: Self.report(errs))
            }
            if let b = tried.first { log("event \(b.event.id): refused, the planner fails on the week with it") }
            switch commitRefusals(seq, entries) {
            case .committed: return .more
            default: return .retry
            }
        }
    }

    /// Subfolders removed while running (`rm -rf DIR/inbox`) are made again, and a new
    /// inbox is watched again, so that producers' files are seen at once, not only at
    /// the next start. False when one cannot be made (logged; retried).
    private func ensureFolders() -> Bool {
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

    /// The last case.json looked at: (inode, size, change time) and its SHA-256.
    private var caseSeen: (key: [Int64], sha: String)?
    /// A case.json this daemon found unplannable and could not replace by the committed one.
    private var unplannable: String?
    /// Whether `current` is the case of the journal's last record (not a hand edit read at start).
    private var currentIsCommitted = true
    /// Why the daemon stopped on its own (exit code and message), if it did.
    private var fatal: ServiceError?

    /// The SHA-256 of case.json as it is on disk (hashed again only when its inode, size or
    /// times change), and whether it was modified in the last second (being written).
    private func caseOnDisk() -> (sha: String, settling: Bool)? {
        var st = stat()
        guard lstat(folder.casePath, &st) == 0 else { return nil }
        let key = [
            Int64(st.st_ino), Int64(st.st_size), Int64(st.st_ctim.tv_sec), Int64(st.st_ctim.tv_nsec),
            Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec),
        ]
        let settling = Date().timeIntervalSince1970 - (Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9) < 1
        if let seen = caseSeen, seen.key == key { return (seen.sha, settling) }
        guard let d = WatchFolder.readOwn(folder.casePath, limit: InputData.maxBytes) else { return nil }
        caseSeen = (key, SHA256.hex(d))
        return (caseSeen!.sha, settling)
    }

    /// Copies case.json as it is to `case.json.edited-N` (a hand edit relief will not
    /// apply): its name, or nil when it cannot be written (logged).
    private func setAsideCase() -> String? {
        var n = 1
        while WatchFolder.exists("\(folder.root)/case.json.edited-\(n)") { n += 1 }
        let aside = "case.json.edited-\(n)"
        guard let edit = WatchFolder.readOwn(folder.casePath, limit: InputData.maxBytes) else { return nil }
        do { try AtomicFile.write(edit, to: folder.root + "/" + aside) } catch {
            log("cannot keep the hand edit of case.json as \(aside) (\(error))")
            return nil
        }
        return aside
    }

    /// case.json changed by hand since the last commit (and not in the last second: it may
    /// still be being written). A valid case is adopted and re-planned at once (a commit
    /// with no events), so that schedule.json, the page and the agendas follow it and
    /// `relief verify` passes on the folder. One the daemon cannot plan is set aside as
    /// `case.json.edited-N` (nothing a user wrote is lost) and the committed case put back;
    /// when the edit was made while the daemon was stopped there is no committed case in
    /// memory to put back, and the daemon stops with 65 instead. Nil when case.json is the
    /// committed one.
    private func handEdit() -> RoundResult? {
        guard !rollForwardPending, let r = journal.last, let disk = caseOnDisk(), disk.sha != r.caseSHA,
            disk.sha != unplannable, !disk.settling || !currentIsCommitted
        else { return nil }
        log("case.json was changed by hand since commit \(r.seq): re-planning from it")
        var why: String
        do {
            let (edited, _) = try CaseLoader.load(.file(folder.casePath))
            let base = current!
            if !Self.hasErrors(solveCase(edited, published: base.schedule, freeze: false)) {
                switch replan(
                    base: base.theCase, previous: base.schedule, applied: edited, batch: [], refused: [:],
                    handEdit: disk.sha)
                {
                case .committed: return .more
                case .stopped: return .idle
                case .failed: return .retry
                case .failedOnCase(let w): why = w
                }
            } else {
                why = "its assignments break hard rules"
            }
        } catch {
            why = "it does not read as a valid case (\(error.exitCode))"
        }
        guard currentIsCommitted else {
            fatal = .badData(
                CaseInputError(
                    file: folder.casePath,
                    diagnostics: [
                        Diagnostic(
                            .error, "$",
                            "changed by hand while relief watch was stopped, and it cannot be planned (\(why))",
                            fix:
                                "correct it (relief validate and relief plan say what is wrong) or restore it from a backup, then start relief watch again; nothing else was changed"
                        )
                    ]))
            stopped.store(true, ordering: .relaxed)
            return .idle
        }
        // Not plannable: keep the edit beside, put the committed case back.
        guard let aside = setAsideCase() else { return .retry }
        do { try AtomicFile.write(CaseWriter.json(current.theCase).serialized(), to: folder.casePath) } catch {
            log("case.json was changed by hand and cannot be planned, nor put back (\(error)); retrying")
            return .retry
        }
        if let now = caseOnDisk(), now.sha != r.caseSHA { unplannable = now.sha }
        log(
            "case.json was changed by hand and cannot be planned (\(why)): kept as \(aside) (relief validate lists"
                + " its errors), the committed case is back")
        return .more
    }

    /// inbox/NAME -> work/NAME for every finished file. False when a rename fails (disk).
    private func claim() -> Bool {
        var count = 0
        // Oldest first: the producer's rename into inbox/ sets the file's change time.
        let ready = WatchFolder.entries(folder.inbox).filter(WatchFolder.isReady).map {
            (raw: $0, arrival: WatchFolder.changeTime($0, in: folder.inbox))
        }.filter { $0.arrival != nil }.sorted {
            $0.arrival! != $1.arrival! ? $0.arrival! < $1.arrival! : $0.raw.lexicographicallyPrecedes($1.raw)
        }
        for (raw, arrival) in ready {
            if stopped.load(ordering: .relaxed) || count >= Self.maxBatch { break }
            // A name that is not UTF-8 or too long to carry `.error.json` is claimed under a plain one.
            var name = String(validating: raw, as: UTF8.self) ?? ""
            if name.isEmpty || raw.count > 200 || name.contains("/") {
                var st = stat()
                let p = Array(folder.inbox.utf8) + [0x2F] + raw + [0]
                _ = p.withUnsafeBufferPointer {
                    lstat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st)
                }
                name = "unnamed-\(st.st_ino)"
            }
            name = WatchFolder.workName(name, arrival: arrival!)
            if WatchFolder.exists(folder.work + "/" + name) { continue }
            if let why = WatchFolder.rename(raw, in: folder.inbox, to: Array(name.utf8), in: folder.work) {
                if errno == ENOENT { continue }
                log("cannot claim a file from inbox/ (\(why)); it stays there")
                return false
            }
            count += 1
        }
        if count > 0 {
            WatchFolder.fsyncDir(folder.work)
            WatchFolder.fsyncDir(folder.inbox)
            log("claimed \(count) file\(count == 1 ? "" : "s")")
            crashPoint("claim")
        }
        return true
    }

    // MARK: - Re-plan and commit

    enum ReplanResult {
        case committed, stopped
        /// Worth trying again later (a disk, a signal from outside, a time limit).
        case failed(String)
        /// The case planned is the cause: the same case fails the same way (the planner
        /// refused or crashed on it, its schedule breaks a rule, it is too large).
        case failedOnCase(String)

        /// The same outcomes for a step that yields a value.
        enum Of<T> {
            case solved(T)
            case stopped
            case failed(String)
            case failedOnCase(String)
        }
    }

    /// The case handed to the solve: the published schedule written back as `assigned`
    /// (soft: least change), and visits starting before now + freeze (or started) locked
    /// to the published sitters who can still take them.
    func solveCase(_ applied: Case, published: Schedule?, freeze: Bool = true) -> Case {
        guard let published else { return applied }
        var byVisit: [String: [String]] = [:]
        for a in published.assignments { byVisit[a.visit, default: []].append(a.sitter) }
        var byShift: [String: [String]] = [:]
        for a in published.onCall { byShift[a.shift, default: []].append(a.sitter) }
        let sitters = Dictionary(applied.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let limit = nowInstant().adding(minutes: request.freezeMinutes)
        var c = applied
        for i in c.visits.indices where !c.visits[i].locked {
            let v = c.visits[i]
            let pub = (byVisit[v.id] ?? []).filter { sitters[$0] != nil }
            c.visits[i].assigned = pub
            if freeze && v.span.start < limit {
                let keep = pub.filter { sitters[$0]!.isAvailable(v.span) }.prefix(v.sitters)
                c.visits[i].assigned = Array(keep)
                c.visits[i].locked = !keep.isEmpty
            }
        }
        for i in c.onCallShifts.indices {
            c.onCallShifts[i].assigned = (byShift[c.onCallShifts[i].id] ?? []).filter { sitters[$0] != nil }
        }
        return c
    }

    /// A freeze lock that could not be kept: the visit, and the rule it broke (ids only).
    struct DroppedFreeze: Equatable {
        var visit: String
        var rule: String
    }

    /// The case handed to the solve with every freeze lock that still holds. A freeze
    /// lock that breaks a hard rule of the case (its sitter fell ill, a trainee whose
    /// mentor is gone would be alone) is dropped on its own, never the others: first
    /// the locks of the visits the validator's errors name, then, for an error that
    /// names no visit (a day's minutes), by halving the remaining locks in start order,
    /// so that visits that started earliest keep theirs.
    func frozenCase(_ applied: Case, published: Schedule?) -> (Case, [DroppedFreeze]) {
        let all = solveCase(applied, published: published)
        func errors(_ c: Case) -> [Diagnostic] { CaseValidator.check(c).filter { $0.severity == .error } }
        let allErrors = errors(all)
        guard !allErrors.isEmpty else { return (all, []) }
        let free = solveCase(applied, published: published, freeze: false)
        // Not the freeze's doing: the solve refuses it either way (checked before this is called).
        guard errors(free).isEmpty else { return (free, []) }
        let frozen = all.visits.indices.filter { all.visits[$0].locked && !free.visits[$0].locked }
        var dropped: [Int: String] = [:]
        // The visits the errors name: `$.visits[I]...`.
        for d in allErrors {
            guard case .json(let path) = d.location, path.hasPrefix("$.visits["),
                let close = path.firstIndex(of: "]"),
                let i = Int(path[path.index(path.startIndex, offsetBy: 9)..<close]),
                all.visits.indices.contains(i), all.visits[i].locked, !free.visits[i].locked, dropped[i] == nil
            else { continue }
            dropped[i] = d.message
        }
        var current = free
        func adding(_ idx: ArraySlice<Int>) -> Case {
            var c = current
            for i in idx {
                c.visits[i].assigned = all.visits[i].assigned
                c.visits[i].locked = true
            }
            return c
        }
        func place(_ idx: ArraySlice<Int>) {
            guard !idx.isEmpty else { return }
            let trial = adding(idx)
            let errs = errors(trial)
            if errs.isEmpty {
                current = trial
            } else if idx.count == 1 {
                dropped[idx.first!] = errs[0].message
            } else {
                let mid = idx.startIndex + idx.count / 2
                place(idx[..<mid])
                place(idx[mid...])
            }
        }
        let rest = frozen.filter { dropped[$0] == nil }.sorted {
            (all.visits[$0].span.start, $0) < (all.visits[$1].span.start, $1)
        }
        place(rest[...])
        return (current, dropped.keys.sorted().map { DroppedFreeze(visit: all.visits[$0].id, rule: dropped[$0]!) })
    }

    static func hasErrors(_ c: Case) -> Bool { CaseValidator.check(c).contains { $0.severity == .error } }

    /// Solves `applied` in a child, verifies, stages, commits through the journal, rolls
    /// forward and settles the batch's files.
    private func replan(
        base: Case, previous: Schedule?, applied: Case, batch: [Claimed], refused: [String: [JSONValue]],
        handEdit: String? = nil
    ) -> ReplanResult {
        let seq = (journal.last?.seq ?? 0) + 1
        let appliedIDs = batch.map(\.event.id).filter { refused[$0] == nil }
        var entries = batch.map { b -> WatchJournal.Entry in
            if let errs = refused[b.event.id] {
                return WatchJournal.Entry(
                    id: b.event.id, sha256: b.sha, file: b.name, outcome: .rejected, error: Self.report(errs))
            }
            return WatchJournal.Entry(id: b.event.id, sha256: b.sha, file: b.name, outcome: .applied, error: nil)
        }
        // Nothing applied: no solve, a record that settles the refused files.
        if !batch.isEmpty && appliedIDs.isEmpty && previous != nil { return commitRefusals(seq, entries) }
        let (solveCase, dropped) = frozenCase(applied, published: previous)
        for d in dropped.prefix(20) {
            log("commit \(seq): visit \(d.visit): freeze lock dropped, it breaks a rule: \(d.rule)")
        }
        if dropped.count > 20 { log("commit \(seq): \(dropped.count - 20) more freeze locks dropped") }
        let t0 = Date()
        let solved: SolveResult
        switch solve(solveCase, label: "commit \(seq)", name: "solve") {
        case .solved(let r): solved = r
        case .stopped:
            log("commit \(seq): solve abandoned; \(batch.count) event(s) stay pending")
            return .stopped
        case .failed(let why):
            log("commit \(seq): \(why); previous schedule kept, \(batch.count) event(s) stay pending")
            return .failed(why)
        case .failedOnCase(let why):
            log("commit \(seq): \(why); previous schedule kept, \(batch.count) event(s) stay pending")
            return .failedOnCase(why)
        }
        let (out, data, schedule) = (solved.path, solved.data, solved.schedule)
        // The case as stored: the events applied, `assigned` = what is published now.
        var stored = applied
        var byVisit: [String: [String]] = [:]
        for a in schedule.assignments { byVisit[a.visit, default: []].append(a.sitter) }
        var byShift: [String: [String]] = [:]
        for a in schedule.onCall { byShift[a.shift, default: []].append(a.sitter) }
        for i in stored.visits.indices where !stored.visits[i].locked {
            stored.visits[i].assigned = byVisit[stored.visits[i].id] ?? []
        }
        for i in stored.onCallShifts.indices {
            stored.onCallShifts[i].assigned = byShift[stored.onCallShifts[i].id] ?? []
        }
        let caseData = Data(CaseWriter.json(stored).serialized().utf8)
        let changes = ScheduleDiff.changes(
            old: previous, oldCase: previous == nil ? nil : base, new: schedule, newCase: stored)
        // The notices branch's relief.notice/1 document, with the commit's seq and events added.
        var notice = changes.json(oldCase: previous == nil ? nil : base, newCase: stored)
        if case .object(var m) = notice {
            let at = min(1, m.count)
            m.insert(
                contentsOf: [("seq", .number(Double(seq))), ("events", .array(appliedIDs.map { .string($0) }))], at: at)
            notice = .object(m)
        }
        let text = changes.text(oldCase: previous == nil ? nil : base, newCase: stored, lang: request.language)
        do {
            try AtomicFile.write(caseData, to: staged(seq, "case.json"))
            guard Glibc.rename(out, staged(seq, "schedule.json")) == 0 else {
                throw ServiceError.cannotWrite(
                    path: staged(seq, "schedule.json"), reason: String(cString: strerror(errno)))
            }
            try AtomicFile.write(notice.serialized(), to: staged(seq, "notice.json"))
            try AtomicFile.write(text, to: staged(seq, "notice.txt"))
            WatchFolder.fsyncDir(folder.staging)
        } catch {
            unlink(out)
            log("commit \(seq): cannot stage the new state (\(error)); previous schedule kept, events stay pending")
            return .failed("staging")
        }
        crashPoint("staged")
        // case.json changed by hand during the solve: kept beside, since the commit replaces it.
        if currentIsCommitted, let r = journal.last, let disk = caseOnDisk(), disk.sha != r.caseSHA,
            disk.sha != handEdit, let aside = setAsideCase()
        {
            log("commit \(seq): case.json was changed by hand during the solve: kept as \(aside), not applied")
        }
        let record = WatchJournal.Record(
            seq: seq, caseSHA: SHA256.hex(caseData), scheduleSHA: SHA256.hex(data), events: entries)
        do { try journal.append(record) } catch {
            log("commit \(seq): cannot write the journal (\(error)); previous schedule kept, events stay pending")
            return .failed("journal")
        }
        crashPoint("journal")
        current = (stored, schedule)
        currentIsCommitted = true
        rollForwardPending = true
        do { try rollForward(record) } catch {
            log("commit \(seq): committed, but cannot put the new files in place yet (\(error)); retrying")
            return .failed("roll forward")
        }
        let moved = changes.changedSitters.count
        log(
            "commit \(seq): \(appliedIDs.count) applied, \(refused.count) refused, schedule \(schedule.status.rawValue)"
                + " (\(schedule.levels)), \(moved) sitter(s) changed, solve \(String(format: "%.2f", Date().timeIntervalSince(t0))) s"
        )
        entries = record.events
        refreshViews(seq)
        return finalize(record) ? .committed : .failed("finalize")
    }

    struct SolveResult {
        var path: String
        var data: Data
        var schedule: Schedule
    }

    /// One solve of `solveCase` in a child (`staging/NAME-case.json`, its stderr in
    /// `staging/NAME.log`): its schedule, verified against the case, or why not. The
    /// reasons carry exit codes and signals only (they go to the log); the child's own
    /// last words stay in its log file (`lastLogLine`).
    private func solve(_ solveCase: Case, label: String, name: String) -> ReplanResult.Of<SolveResult> {
        let casePath = "\(folder.staging)/\(name)-case.json"
        let out = "\(folder.staging)/\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json"
        let caseText = CaseWriter.json(solveCase).serialized()
        guard caseText.utf8.count <= InputData.maxBytes else {
            let mib = (caseText.utf8.count + (1 << 20) - 1) >> 20
            return .failedOnCase("the case would be \(mib) MiB, over the \(InputData.maxBytes >> 20) MiB a case may have")
        }
        do { try AtomicFile.write(caseText, to: casePath) } catch { return .failed("cannot stage the case (\(error))") }
        let t0 = Date()
        let outcome = runner.solve(casePath: casePath, outputPath: out, logPath: "\(folder.staging)/\(name).log") {
            [self] pid in
            log("\(label): solving (child \(pid), limit \(request.solveTimeLimit) s)")
            crashPoint("solve-started")
        }
        // A child killed (shutdown, time limit, crash) may leave its atomic writer's temporary file.
        if outcome != .solved { clearChildTemporaries() }
        let took = "after \(String(format: "%.1f", Date().timeIntervalSince(t0))) s"
        switch outcome {
        case .solved: break
        case .abandoned:
            unlink(out)
            return .stopped
        // The planner refused the case (64, 65) or failed inside (70), or crashed on it (an abort,
        // a fault): the same case does it again. Other signals are someone else's (SIGKILL from an
        // operator or the OOM killer, SIGTERM from systemd to the whole unit, SIGINT from a terminal).
        case .failed(let code) where [64, 65, 70].contains(code) && !stopped.load(ordering: .relaxed):
            unlink(out)
            return .failedOnCase("the planner refused the case (exit \(code)) \(took)")
        case .crashed(let sig)
        where [SIGSEGV, SIGABRT, SIGILL, SIGBUS, SIGFPE, SIGTRAP].contains(sig) && !stopped.load(ordering: .relaxed):
            unlink(out)
            return .failedOnCase("the planner crashed on the case (signal \(sig)) \(took)")
        default:
            unlink(out)
            return .failed("solve \(outcome) \(took)")
        }
        guard let data = WatchFolder.readOwn(out), let json = try? JSONParser.parse(data),
            let schedule = ScheduleReader.read(json)
        else {
            unlink(out)
            return .failedOnCase("the planner wrote no readable schedule")
        }
        let violations = ScheduleVerifier(solveCase).violations(of: schedule)
        guard violations.isEmpty else {
            unlink(out)
            return .failedOnCase("the planner's schedule breaks \(violations.count) hard rule(s)")
        }
        return .solved(SolveResult(path: out, data: data, schedule: schedule))
    }

    /// Whether the committed week, without the events of this round, still plans now (its
    /// freeze locks move with the clock): asked before an event is blamed for a failure.
    private func committedWeekPlans() -> Bool {
        let base = current!
        let (c, _) = frozenCase(base.theCase, published: base.schedule)
        switch solve(c, label: "check", name: "check") {
        case .solved(let r):
            unlink(r.path)
            return true
        case .failed(let why), .failedOnCase(let why):
            log("check: the committed week does not plan now either (\(why)): no event is blamed; events stay pending")
            return false
        case .stopped:
            return false
        }
    }

    /// A record that changes neither case nor schedule and settles `entries`, all refused.
    private func commitRefusals(_ seq: Int, _ entries: [WatchJournal.Entry]) -> ReplanResult {
        // The committed state's hashes, not the files' (a hand edit may be on disk by now).
        let record = WatchJournal.Record(
            seq: seq, caseSHA: journal.last?.caseSHA ?? WatchFolder.readOwn(folder.casePath).map(SHA256.hex) ?? "",
            scheduleSHA: journal.last?.scheduleSHA ?? WatchFolder.readOwn(folder.schedulePath).map(SHA256.hex) ?? "",
            events: entries)
        do { try journal.append(record) } catch {
            log("cannot write the journal (\(error)); events stay pending")
            return .failed("journal")
        }
        log("commit \(seq): \(entries.count) refused, nothing to re-plan")
        return finalize(record) ? .committed : .failed("finalize")
    }

    /// The solve child's last line on stderr (its error), cut and made plain. It stays
    /// in the folder's private files (a rejection report), never in the log.
    private func lastLogLine(_ name: String) -> String {
        guard let d = WatchFolder.readOwn("\(folder.staging)/\(name).log", limit: 1 << 20) else { return "no output" }
        let last = String(decoding: d, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "no output"
        return TerminalText.safe(String(last.prefix(300)))
    }

    /// What people look at, refreshed after each commit from the committed state:
    /// `DIR/week.html` (the week on one page) and `DIR/agendas/` (one calendar per
    /// sitter; SEQUENCE and cancellations follow re-plans). Best effort: the state
    /// is committed already, a failure here is logged and the next commit retries.
    private func refreshViews(_ seq: Int) {
        let caseFile = CaseInput.file(folder.root + "/case.json")
        let scheduleFile = CaseInput.file(folder.root + "/schedule.json")
        do {
            _ = try ReportService.report(
                .init(
                    schedule: scheduleFile, theCase: caseFile, output: folder.root + "/week.html",
                    language: request.language))
            _ = try AgendaService.write(
                AgendaRequest(
                    schedule: scheduleFile, caseInput: caseFile, directory: folder.root + "/agendas",
                    language: request.language))
        } catch {
            log("commit \(seq): week.html or agendas not refreshed (\(error.exitCode)); the schedule is committed")
        }
    }

    /// Moves the files of a committed record out of work/: archive or rejected. Idempotent.
    private func finalize(_ r: WatchJournal.Record) -> Bool {
        var first = true
        for e in r.events where WatchFolder.exists(folder.work + "/" + e.file) {
            // The file must still be that event (a new file of the same name is judged on its own).
            guard let d = WatchFolder.readOwn(folder.work + "/" + e.file, limit: Self.maxEventBytes),
                SHA256.hex(d) == e.sha256
            else { continue }
            let ok: Bool
            switch e.outcome {
            case .applied, .duplicate: ok = archive(e.file)
            case .rejected: ok = reject(e.file, id: e.id, errors: Self.errors(of: e.error))
            }
            if !ok { return false }
            if first {
                first = false
                crashPoint("archive")
            }
        }
        return true
    }

    private func archive(_ name: String) -> Bool {
        let target = WatchFolder.freeName(WatchFolder.producerName(name), in: folder.archive)
        if let why = WatchFolder.rename(Array(name.utf8), in: folder.work, to: Array(target.utf8), in: folder.archive) {
            log("cannot archive a file (\(why)); it stays in work/")
            return false
        }
        WatchFolder.fsyncDir(folder.archive)
        WatchFolder.fsyncDir(folder.work)
        return true
    }

    /// `rejected/NAME.error.json` (atomic), then work/NAME -> rejected/NAME.
    private func reject(_ name: String, id: String?, errors: [JSONValue]) -> Bool {
        let target = WatchFolder.freeName(WatchFolder.producerName(name), in: folder.rejected)
        var m: [(String, JSONValue)] = [
            ("format", .string("relief.event-error/1")), ("file", .string(WatchFolder.producerName(name))),
        ]
        if let id { m.append(("id", .string(id))) }
        m.append(("errors", .array(errors)))
        do {
            try AtomicFile.write(JSONValue.object(m).serialized(), to: "\(folder.rejected)/\(target).error.json")
        } catch {
            log("cannot write a rejection report (\(error)); the file stays in work/")
            return false
        }
        if let why = WatchFolder.rename(Array(name.utf8), in: folder.work, to: Array(target.utf8), in: folder.rejected)
        {
            log("cannot move a rejected file (\(why)); it stays in work/")
            return false
        }
        WatchFolder.fsyncDir(folder.rejected)
        WatchFolder.fsyncDir(folder.work)
        log(
            id.map { "event \($0): rejected (\(errors.count) error(s))" }
                ?? "a file that is not a valid event: rejected")
        return true
    }

    // MARK: - Reports

    static func errorJSON(location: String, message: String, fix: String) -> JSONValue {
        .object([("location", .string(location)), ("message", .string(message)), ("fix", .string(fix))])
    }

    static func errorJSON(_ d: Diagnostic) -> JSONValue {
        .object([
            ("severity", .string(d.severity.rawValue)), ("location", .string(d.location.description)),
            ("message", .string(d.message)), ("fix", .string(d.fix)),
        ])
    }

    static func report(_ errors: [JSONValue]) -> JSONValue { .array(errors) }

    static func errors(of report: JSONValue?) -> [JSONValue] {
        if case .array(let a)? = report { return a }
        return [errorJSON(location: "event", message: "refused earlier", fix: "")]
    }

}
