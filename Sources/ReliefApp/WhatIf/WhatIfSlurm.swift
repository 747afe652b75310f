import Foundation
import ReliefCore
import ReliefRender
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where `relief whatif` solves its cases: child processes here (the default) or one
/// Slurm job array.
public enum WhatIfBackend: Sendable, Equatable {
    case local
    case slurm(WhatIfSlurm.Options)
}

/// The Slurm backend of `relief whatif`. Every case (the base first, then each valid
/// variant) becomes a task file `DIR/tasks/INDEX.case.json`; the tasks without a result
/// are submitted as ONE job array whose task INDEX runs `relief whatif --task DIR/INDEX`.
/// That task solves its case exactly as the local backend does (a child `relief plan`)
/// and writes `DIR/results/INDEX.schedule.json` atomically and durably, then
/// `DIR/results/INDEX.case-sha256` (the SHA-256 of the task file it solved), or
/// `DIR/results/INDEX.error` when the solve failed. A re-run with the same DIR submits
/// only the tasks whose result is missing or was solved from another case.
public struct WhatIfSlurm: Sendable {
    public struct Options: Sendable, Equatable {
        /// The shared folder; nil: a new one beside `output`, or under $TMPDIR.
        public var dir: String?
        public var partition: String?
        /// The output file, so that a new folder goes beside it.
        public var output: String?
        public init(dir: String? = nil, partition: String? = nil, output: String? = nil) {
            self.dir = dir
            self.partition = partition
            self.output = output
        }
    }

    var options: Options
    var executable: String
    /// The relief that each task runs (this one); `executable` is what it runs for `plan`.
    var relief: String
    var timeLimit: Double
    var progress: @Sendable (String) -> Void

    /// The job array being waited on, so that a signal can cancel it.
    private static let submitted = Mutex<String?>(nil)

    /// Cancels the job array being waited on, if any (SIGTERM, SIGINT).
    static func stopAll() {
        guard let id = submitted.withLock({ $0 }) else { return }
        _ = try? Self.command("scancel", [id])
    }

    static func taskPath(_ dir: String, _ i: Int) -> String { "\(dir)/tasks/\(i).case.json" }
    static func resultPath(_ dir: String, _ i: Int) -> String { "\(dir)/results/\(i).schedule.json" }
    static func hashPath(_ dir: String, _ i: Int) -> String { "\(dir)/results/\(i).case-sha256" }
    static func errorPath(_ dir: String, _ i: Int) -> String { "\(dir)/results/\(i).error" }
    static func outPath(_ dir: String, _ i: Int) -> String { "\(dir)/logs/\(i).out" }

    /// Writes the tasks, submits the missing ones as one array, waits, and reads every result.
    func solve(_ cases: [Case], finished: @escaping @Sendable (Int, Int) -> Void) throws(ServiceError)
        -> [Result<WhatIfRunner.Solved, WhatIfRunner.Failure>]
    {
        let dir = try folder()
        for sub in ["tasks", "results", "logs", "work"] { try Self.makeDirectory("\(dir)/\(sub)") }
        var hashes: [String] = []
        var missing: [Int] = []
        for (i, c) in cases.enumerated() {
            let data = Data(CaseWriter.json(c).serialized().utf8)
            let sha = SHA256.hex(data)
            hashes.append(sha)
            let path = Self.taskPath(dir, i)
            if FileManager.default.contents(atPath: path) != data { try AtomicFile.write(data, to: path) }
            if !Self.solved(dir, i, sha: sha) { missing.append(i) }
        }
        let total = cases.count
        if missing.isEmpty {
            progress(
                "whatif: slurm: all \(total) results in \(TerminalText.safe(dir)) are up to date; nothing submitted")
        } else {
            for i in missing {
                for p in [Self.hashPath(dir, i), Self.errorPath(dir, i), Self.outPath(dir, i)] {
                    try? FileManager.default.removeItem(atPath: p)
                }
            }
            let id: String
            do { id = try submit(dir: dir, indices: missing) } catch {
                // Nothing was submitted: a folder made for this run holds only copies of the cases.
                if options.dir == nil { try? FileManager.default.removeItem(atPath: dir) }
                throw error
            }
            let kept = total - missing.count
            progress(
                "whatif: slurm: job \(id), \(missing.count) of \(total) task(s) submitted"
                    + (kept > 0 ? " (\(kept) already solved)" : "") + " in \(TerminalText.safe(dir))")
            Self.submitted.withLock { $0 = id }
            defer { Self.submitted.withLock { $0 = nil } }
            wait(job: id, dir: dir, indices: missing, total: total, finished: finished)
            WhatIfRunner.waitForTheEndIfStopped()  // cancelled by a signal: no table of cancelled tasks
        }
        return (0..<total).map { i -> Result<WhatIfRunner.Solved, WhatIfRunner.Failure> in
            if Self.solved(dir, i, sha: hashes[i]) { return WhatIfRunner.readSchedule(at: Self.resultPath(dir, i)) }
            if let d = FileManager.default.contents(atPath: Self.errorPath(dir, i)) {
                let text = String(decoding: d.prefix(600), as: UTF8.self)
                return .failure(.slurm("task \(i): \(text.trimmingCharacters(in: .whitespacesAndNewlines))"))
            }
            let detail = WhatIfRunner.lastLine(of: Self.outPath(dir, i)).map { ": \($0)" } ?? ""
            return .failure(.slurm("task \(i) wrote no result (see \(Self.outPath(dir, i)))\(detail)"))
        }
    }

    /// Whether task `i` has a readable result solved from the case whose hash is `sha`.
    static func solved(_ dir: String, _ i: Int, sha: String) -> Bool {
        guard let h = FileManager.default.contents(atPath: hashPath(dir, i)),
            String(decoding: h, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == sha
        else { return false }
        if case .success = WhatIfRunner.readSchedule(at: resultPath(dir, i)) { return true }
        return false
    }

    private func folder() throws(ServiceError) -> String {
        if let d = options.dir {
            try Self.makeDirectory(d)
            return d
        }
        let base = options.output.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        let d = try WhatIfRunner.privateDirectory(in: base, prefix: "relief-whatif-slurm")
        return d
    }

    static func makeDirectory(_ path: String) throws(ServiceError) {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// `sbatch --parsable --array=LIST` of a script that runs `relief whatif --task DIR/$SLURM_ARRAY_TASK_ID`.
    private func submit(dir: String, indices: [Int]) throws(ServiceError) -> String {
        let task = SelfInvocation.whatIfTask(relief, task: dir + "/", timeLimit: timeLimit, solver: executable)
        var words = task.shellWords
        // The task word, DIR/, ends with the array task's number, which sh expands.
        words[task.arguments.firstIndex(of: "--task")! + 2] += "\"$SLURM_ARRAY_TASK_ID\""
        let run = words.joined(separator: " ")
        let script = "#!/bin/sh\n# relief whatif: one task per case, see README (What if)\nexec \(run)\n"
        let scriptPath = "\(dir)/task.sh"
        try AtomicFile.write(Data(script.utf8), to: scriptPath, mode: 0o700)
        var args = [
            "--parsable", "--array=" + indices.map(String.init).joined(separator: ","), "--job-name=relief-whatif",
            "--output=\(dir)/logs/%a.out", "--ntasks=1", "--cpus-per-task=1", "--chdir=\(dir)",
            // The planner stops itself at the time limit; the grace covers reading and writing.
            "--time=\(Int(((timeLimit + 15 + timeLimit / 2) / 60).rounded(.up)) + 1)",
        ]
        if let p = options.partition { args.append("--partition=\(p)") }
        args.append(scriptPath)
        let (status, out, err) = try Self.command("sbatch", args)
        let id = out.split(separator: "\n").last.map { String($0.split(separator: ";")[0]) } ?? ""
        guard status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            let said = err.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .unavailable(
                "whatif: slurm: sbatch could not submit the job (exit \(status))"
                    + (said.isEmpty ? "" : ": \(said)") + "; nothing was submitted. Check that Slurm answers here"
                    + " (sinfo; SLURM_CONF names the controller), or run with --backend local")
        }
        return id
    }

    /// Polls `squeue` until the job has left the queue; reports each result as it appears.
    private func wait(
        job id: String, dir: String, indices: [Int], total: Int, finished: @Sendable (Int, Int) -> Void
    ) {
        var reported = Set<Int>()
        let already = total - indices.count
        while true {
            let queued =
                (try? Self.command("squeue", ["--noheader", "--jobs=\(id)", "--format=%i"]))
                .map { $0.status == 0 && !$0.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? false
            for i in indices where !reported.contains(i) {
                let path = FileManager.default.fileExists(atPath: Self.hashPath(dir, i))
                if path || FileManager.default.fileExists(atPath: Self.errorPath(dir, i)) {
                    reported.insert(i)
                    finished(already + reported.count, total)
                }
            }
            if !queued { break }
            usleep(300_000)
        }
    }

    /// Runs a Slurm command found on PATH; stdout and stderr as text.
    static func command(_ name: String, _ args: [String]) throws(ServiceError) -> (
        status: Int32, out: String, err: String
    ) {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let exe = path else {
            throw .unavailable(
                "whatif: slurm: \(name) is not on PATH: the Slurm backend needs the Slurm client commands"
                    + " (install them, or run with --backend local)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw .unavailable("whatif: slurm: \(name) could not be started: \(error)") }
        let e = Mutex(Data())
        let g = DispatchGroup()
        DispatchQueue.global().async(group: g) { e.withLock { $0 = err.fileHandleForReading.readDataToEndOfFile() } }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        g.wait()
        p.waitUntilExit()
        return (
            p.terminationStatus, String(decoding: o, as: UTF8.self), e.withLock { String(decoding: $0, as: UTF8.self) }
        )
    }

    // MARK: - One task

    public struct Task: Sendable, Equatable {
        /// `DIR/INDEX`.
        public var dir: String
        public var index: Int
        public var timeLimit: Double = 60
        public var solver: String?

        public init(dir: String, index: Int) {
            self.dir = dir
            self.index = index
        }
    }

    /// Solves one task's case like the local backend and writes its result durably; exit 0
    /// when solved, 1 when the solve failed (the reason in `DIR/results/INDEX.error`).
    public static func runTask(_ t: Task) throws(ServiceError) -> ExitCode {
        let (dir, i) = (t.dir, t.index)
        guard FileManager.default.fileExists(atPath: taskPath(dir, i)) else {
            throw .noInput("\(taskPath(dir, i)): no such task")
        }
        for p in [hashPath(dir, i), errorPath(dir, i)] { try? FileManager.default.removeItem(atPath: p) }
        guard let data = FileManager.default.contents(atPath: taskPath(dir, i)) else {
            throw .noInput("\(taskPath(dir, i)): cannot read")
        }
        let runner = WhatIfRunner(executable: t.solver ?? SelfInvocation.own(), timeLimit: t.timeLimit, jobs: 1)
        // Solved from a private copy, so that the hash written names what was solved.
        let work = "\(dir)/work"
        try makeDirectory(work)
        let copy = "\(work)/\(i).case.json"
        try AtomicFile.write(data, to: copy)
        switch runner.solveOne(casePath: copy, dir: work, index: i) {
        case .success:
            guard let schedule = FileManager.default.contents(atPath: "\(work)/\(i).schedule.json") else {
                throw .internalError("the schedule vanished from \(work)")
            }
            try AtomicFile.write(schedule, to: resultPath(dir, i))
            try AtomicFile.write(Data((SHA256.hex(data) + "\n").utf8), to: hashPath(dir, i))
            return .ok
        case .failure(let f):
            try AtomicFile.write(Data((f.message + "\n").utf8), to: errorPath(dir, i))
            return .failure
        }
    }
}
