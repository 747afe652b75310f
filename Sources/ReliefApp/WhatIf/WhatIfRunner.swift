import Foundation
import ReliefCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Solves many cases at once, each in its own child process (`relief plan` on a
/// temporary case file, the binary through /proc/self/exe), at most `jobs` at a time.
/// A solve is a pure function of its case (the planner counts work, not seconds),
/// so the results do not depend on `jobs`; a child that crashes or fails is that
/// case's failure, never the run's. The temporary folder is private (0700) and
/// removed before `solve` returns.
struct WhatIfRunner: Sendable {
    struct Solved: Sendable {
        var schedule: Schedule
        var stoppedBy: String?
    }

    enum Failure: Error, Sendable, Equatable {
        case crashed(signal: Int32)
        case failed(status: Int32, detail: String?)
        case timedOut
        case cannotStart(String)
        case unreadable(String)
        /// A Slurm task that failed or wrote no result (see `WhatIfSlurm`).
        case slurm(String)

        var message: String {
            switch self {
            case .crashed(let s): return "the solve crashed (signal \(s)); the other scenarios are not affected"
            case .failed(let st, let d):
                return "the solve failed (exit \(st))" + (d.map { ": \($0)" } ?? "")
            case .timedOut: return "the solve ran past its time limit and was stopped"
            case .cannotStart(let r): return "the solver could not be started (\(r))"
            case .unreadable(let r): return "the solver's schedule could not be read (\(r))"
            case .slurm(let r): return "the Slurm \(r)"
            }
        }
    }

    var executable: String
    var timeLimit: Double
    var jobs: Int
    /// Each solve keeps what its case's `assigned` published (`plan --least-change`: `relief suggest`).
    var leastChange = false
    /// True once no new solve may start (the daemon stopping during its suggestions).
    var refuse: @Sendable () -> Bool = { false }

    /// The solves running now and the temporary folders in use, so that a signal can
    /// end them (`stopAll`) and leave nothing behind.
    private static let running = Mutex<(runners: [ObjectIdentifier: SolveRunner], dirs: Set<String>, stopped: Bool)>(
        ([:], [], false))

    /// Kills every running solve, refuses new ones and removes the temporary folders.
    static func stopAll() {
        running.withLock { r in
            r.stopped = true
            for runner in r.runners.values { runner.abandon() }
            // A killed solve may still add a file while the folder is being emptied (SIGKILL
            // lands a moment later), and then the folder stays: try again for up to 2 s.
            for d in r.dirs {
                for _ in 0..<100 {
                    try? FileManager.default.removeItem(atPath: d)
                    var st = stat()
                    if lstat(d, &st) != 0 { break }
                    usleep(20_000)
                }
            }
            r.dirs.removeAll()
        }
    }

    /// Kills the solves running now, without refusing later ones (the daemon stopping: its
    /// suggestions' solves end with it; `refuse` keeps their next ones from starting).
    static func abandonRunning() {
        running.withLock { r in for runner in r.runners.values { runner.abandon() } }
    }

    /// After `stopAll` relief is ending (`WhatIfService.stop` ends it once the solves are
    /// killed). The killed solves must not come back as results: the thread that waited
    /// for them would print a table of stopped solves and exit 0 before the signal's
    /// own end. So it waits here for that end instead.
    static func waitForTheEndIfStopped() {
        guard running.withLock({ $0.stopped }) else { return }
        while true { pause() }
    }

    /// Solves `cases` (in that order); `finished(done, total)` is called, one call at
    /// a time, after each solve.
    func solve(_ cases: [Case], finished: @escaping @Sendable (Int, Int) -> Void) throws(ServiceError)
        -> [Result<Solved, Failure>]
    {
        let dir = try Self.privateDirectory()
        Self.running.withLock { _ = $0.dirs.insert(dir) }
        defer {
            Self.running.withLock { _ = $0.dirs.remove(dir) }
            try? FileManager.default.removeItem(atPath: dir)
        }
        var paths: [String] = []
        for (i, c) in cases.enumerated() {
            let p = "\(dir)/\(i).case.json"
            try AtomicFile.write(CaseWriter.json(c).serialized(), to: p)
            paths.append(p)
        }
        let total = cases.count
        let casePaths = paths
        let next = Mutex(0)
        let results = Mutex([Result<Solved, Failure>?](repeating: nil, count: total))
        let done = Mutex(0)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, total)) {
            group.enter()
            let t = Thread {
                while true {
                    let i = next.withLock { n -> Int in
                        defer { n += 1 }
                        return n
                    }
                    guard i < total else { break }
                    let r = solveOne(casePath: casePaths[i], dir: dir, index: i)
                    results.withLock { $0[i] = r }
                    done.withLock { d in
                        d += 1
                        finished(d, total)
                    }
                }
                group.leave()
            }
            t.stackSize = 1 << 20
            t.start()
        }
        group.wait()
        Self.waitForTheEndIfStopped()
        return results.withLock { $0.map { $0 ?? .failure(.cannotStart("not run")) } }
    }

    /// One solve in a child process (also what a Slurm task runs, see `WhatIfSlurm`).
    func solveOne(casePath: String, dir: String, index i: Int) -> Result<Solved, Failure> {
        let out = "\(dir)/\(i).schedule.json"
        let log = "\(dir)/\(i).log"
        let runner = SolveRunner(executable: executable, timeLimit: timeLimit, leastChange: leastChange)
        let key = ObjectIdentifier(runner)
        // Registered before it starts; after a stop, nothing new starts.
        let refused = Self.running.withLock { r -> Bool in
            if !r.stopped { r.runners[key] = runner }
            return r.stopped
        }
        if refused || refuse() {
            Self.running.withLock { _ = $0.runners.removeValue(forKey: key) }
            return .failure(.timedOut)
        }
        let outcome = runner.solve(casePath: casePath, outputPath: out, logPath: log, started: { _ in })
        Self.running.withLock { _ = $0.runners.removeValue(forKey: key) }
        switch outcome {
        case .solved: break
        case .crashed(let s): return .failure(.crashed(signal: s))
        case .failed(let st): return .failure(.failed(status: st, detail: Self.lastLine(of: log)))
        case .timedOut, .abandoned: return .failure(.timedOut)
        case .cannotStart(let r): return .failure(.cannotStart(r))
        }
        return Self.readSchedule(at: out)
    }

    /// A schedule written by a solve, with how its solver stopped.
    static func readSchedule(at out: String) -> Result<Solved, Failure> {
        guard let data = FileManager.default.contents(atPath: out) else {
            return .failure(.unreadable("no schedule written"))
        }
        let json: JSONValue
        do { json = try JSONParser.parse(data) } catch { return .failure(.unreadable("\(error)")) }
        guard let s = ScheduleReader.read(json) else { return .failure(.unreadable("not a \(Schedule.format)")) }
        var stopped: String?
        if case .string(let x)? = json["solver"]?["stoppedBy"] { stopped = x }
        return .success(Solved(schedule: s, stoppedBy: stopped))
    }

    /// The child's last line on stderr (its error), without the `relief: ` prefix.
    static func lastLine(of path: String) -> String? {
        guard let d = FileManager.default.contents(atPath: path) else { return nil }
        let lines = String(decoding: d.suffix(4096), as: UTF8.self).split(separator: "\n")
        guard let l = lines.last(where: { !$0.hasPrefix("  ") }) ?? lines.last else { return nil }
        let t = l.hasPrefix("relief: ") ? l.dropFirst(8) : l[...]
        return String(t.prefix(300))
    }

    /// A fresh folder only its owner can enter (mkdtemp makes it 0700).
    static func privateDirectory(in folder: String? = nil, prefix: String = "relief-whatif") throws(ServiceError)
        -> String
    {
        let base = folder ?? FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw .cannotWrite(
                path: base, reason: "cannot make a temporary folder: \(String(cString: strerror(errno)))")
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
