import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A single-node Slurm started for one test in a temporary folder: its own munge key and
/// munged, a minimal slurm.conf on free loopback ports, slurmctld and slurmd in the
/// foreground as children. `stop()` ends them by pid and removes the folder.
final class LocalSlurm {
    static let binaries = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo"]
    static var missing: [String] {
        binaries.filter { b in
            !["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin"].contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/\(b)")
            }
        }
    }
    static func path(_ b: String) -> String {
        ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin"].map { "\($0)/\(b)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? b
    }

    let dir: String
    var conf: String { "\(dir)/slurm.conf" }
    /// Spawned with posix_spawn, not Process: Foundation's reaper blocks in wait4 on a
    /// long-running child, and then no other Process of the test ever ends.
    private var daemons: [pid_t] = []

    init() throws {
        var template = Array("\(FileManager.default.temporaryDirectory.path)/relief-slurm-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        try #require(made != nil)
        dir = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Starts munged, slurmctld and slurmd; nil when the node became idle within `timeout`,
    /// else why not (with the daemons' logs).
    func start(timeout: Double = 20) throws -> String? {
        var key = [UInt8](repeating: 0, count: 1024)
        for i in key.indices { key[i] = UInt8.random(in: 0...255) }
        let keyPath = "\(dir)/munge.key"
        try Data(key).write(to: URL(fileURLWithPath: keyPath))
        chmod(keyPath, 0o400)
        for sub in ["state", "spool"] { mkdir("\(dir)/\(sub)", 0o700) }
        // In the foreground, as a child like the others: stopped by its own pid.
        try spawn(
            "munged",
            [
                "--foreground", "--force", "--key-file=\(keyPath)", "--socket=\(dir)/munge.sock",
                "--pid-file=\(dir)/munged.pid", "--log-file=\(dir)/munged.log", "--seed-file=\(dir)/munged.seed",
            ])
        var waited = 0
        while !FileManager.default.fileExists(atPath: "\(dir)/munge.sock") && waited < 50 {
            if !allRunning { return "munged stopped\n" + logs() }
            usleep(100_000)
            waited += 1
        }
        let user = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        let (ctld, slurmd) = (try Self.freePort(), try Self.freePort())
        let text = """
            ClusterName=relieftest
            SlurmctldHost=localhost
            SlurmUser=\(user)
            SlurmdUser=\(user)
            SlurmctldPort=\(ctld)
            SlurmdPort=\(slurmd)
            AuthType=auth/munge
            AuthInfo=socket=\(dir)/munge.sock
            CredType=cred/munge
            StateSaveLocation=\(dir)/state
            SlurmdSpoolDir=\(dir)/spool
            SlurmctldPidFile=\(dir)/slurmctld.pid
            SlurmdPidFile=\(dir)/slurmd.pid
            SlurmctldLogFile=\(dir)/slurmctld.log
            SlurmdLogFile=\(dir)/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            MpiDefault=none
            ReturnToService=2
            JobCompType=jobcomp/none
            AccountingStorageType=accounting_storage/none
            JobAcctGatherType=jobacct_gather/none
            NodeName=localhost CPUs=2 RealMemory=500 State=UNKNOWN
            PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP

            """
        try text.write(toFile: conf, atomically: true, encoding: .utf8)
        setenv("SLURM_CONF", conf, 1)
        for d in ["slurmctld", "slurmd"] { try spawn(d, ["-D", "-f", conf]) }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let out = try? capture(Self.path("sinfo"), ["--noheader", "--format=%t"]),
                out.trimmingCharacters(in: .whitespacesAndNewlines) == "idle"
            {
                return nil
            }
            if !allRunning { break }
            usleep(200_000)
        }
        return "the node was not idle within \(Int(timeout)) s\n" + logs()
    }

    func logs() -> String {
        ["munged.out", "munged.log", "slurmctld.out", "slurmctld.log", "slurmd.out", "slurmd.log"].map { f in
            let t = (try? String(contentsOfFile: "\(dir)/\(f)", encoding: .utf8)) ?? "(none)"
            return "--- \(f)\n" + t.split(separator: "\n").suffix(15).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Whether every daemon is still alive (one that exited is reaped here).
    private var allRunning: Bool {
        daemons.allSatisfy { pid in
            var status: Int32 = 0
            return waitpid(pid, &status, WNOHANG) == 0
        }
    }

    /// Ends slurmd, slurmctld and munged by pid (SIGTERM, then SIGKILL after 3 s) and removes the folder.
    func stop() {
        for pid in daemons.reversed() { kill(pid, SIGTERM) }
        for pid in daemons.reversed() {
            var status: Int32 = 0
            var n = 0
            while waitpid(pid, &status, WNOHANG) == 0 && n < 60 {
                usleep(50_000)
                n += 1
            }
            if n == 60 {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
            }
        }
        unsetenv("SLURM_CONF")
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Starts a daemon in the foreground, its output in `dir/NAME.out`, with no signal blocked.
    private func spawn(_ d: String, _ args: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "\(dir)/\(d).out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let exe = Self.path(d)
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, &attr, argv, environ)
        try #require(rc == 0, "cannot start \(d): \(String(cString: strerror(rc)))")
        daemons.append(pid)
    }

    /// A command's stdout, or "" when it failed or took more than `timeout` seconds (the
    /// Slurm clients retry for a long while when the controller is not up yet).
    private func capture(_ exe: String, _ args: [String], timeout: Double = 3) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = "\(dir)/capture.out"
        let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        p.standardOutput = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            while p.isRunning { usleep(20_000) }
            return ""
        }
        return p.terminationStatus == 0 ? ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "") : ""
    }

    /// A loopback port nobody listens on now (bound to port 0, then released).
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_addr.s_addr = inet_addr("127.0.0.1")
        a.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        try #require(ok, "cannot find a free loopback port")
        return UInt16(bigEndian: a.sin_port)
    }
}

/// `relief whatif --backend slurm` against a real single-node Slurm that the test starts:
/// the same table as the local backend (but seconds), a re-run that submits nothing,
/// and a failing task reported as that scenario's error. Skipped, with the reason, where Slurm
/// is not installed or its node does not come up (then cancelled with the daemons' logs); once
/// the node is idle, every disagreement is a failure. On a 2-core machine, as root: about 10 s.
@Suite(.serialized) struct WhatIfSlurmTests {
    /// Without the `seconds` lines (JSON) or the seconds column (text).
    static func withoutSeconds(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"seconds\"") }
            .map { l in
                l.replacingOccurrences(of: #"\s+\d+\.\d\d$"#, with: "", options: .regularExpression)
            }.joined(separator: "\n")
    }

    @Test(
        .timeLimit(.minutes(4)),  // about 10 s alone; a full parallel run on 2 cores took 60 s
        .enabled(
            if: LocalSlurm.missing.isEmpty,
            "Slurm is not installed (missing \(LocalSlurm.missing.joined(separator: ", "))); bash .ci/setup installs slurm-wlm and munge"
        ))
    func sameTableAsLocalRerunSkipsSolvedAndAFailedTaskIsReported() throws {
        let slurm = try LocalSlurm()
        defer { slurm.stop() }
        if let why = try slurm.start() {
            // A visible skip (swift test reports the test cancelled, with this reason), never a silent pass; once the
            // node is idle, any disagreement below is a failure.
            let reason = "Slurm is installed but could not start a one-node cluster here, so the slurm backend"
            try Test.cancel(Comment(rawValue: reason + " was not tested:\n\(why)"))
        }
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", WhatIfTests.tinyCase)
        let s = try dir.write("case.scenarios.json", WhatIfTests.scenarios)
        let shared = dir.path("slurm")

        let local = try Relief.run(["whatif", c, s, "--format", "json"], in: dir.url, timeout: 30)
        #expect(local.status == 0, "\(local)")
        let first = try Relief.run(
            ["whatif", c, s, "--format", "json", "--backend", "slurm", "--slurm-dir", shared, "--partition", "debug"],
            in: dir.url, timeout: 30)
        #expect(first.status == 0, "\(first)\n\(slurm.logs())")
        #expect(first.stderr.contains("3 of 3 task(s) submitted"), "\(first)")
        #expect(Self.withoutSeconds(first.stdout) == Self.withoutSeconds(local.stdout))
        for i in 0..<3 {
            #expect(FileManager.default.fileExists(atPath: "\(shared)/results/\(i).schedule.json"))
            #expect(FileManager.default.fileExists(atPath: "\(shared)/tasks/\(i).case.json"))
        }

        // The same folder again: nothing submitted, and the text table is the local one.
        let mtime = { (i: Int) in
            try? FileManager.default.attributesOfItem(atPath: "\(shared)/results/\(i).schedule.json")[.modificationDate]
                as? Date
        }
        let before = (0..<3).map(mtime)
        let localText = try Relief.run(["whatif", c, s], in: dir.url, timeout: 30)
        let again = try Relief.run(
            ["whatif", c, s, "--backend", "slurm", "--slurm-dir", shared], in: dir.url, timeout: 30)
        #expect(again.status == 0, "\(again)")
        #expect(again.stderr.contains("nothing submitted"), "\(again)")
        #expect(!again.stderr.contains("submitted in"), "\(again)")
        #expect((0..<3).map(mtime) == before)
        #expect(Self.withoutSeconds(again.stdout) == Self.withoutSeconds(localText.stdout))

        // Task 1 (no-autism, the only case without Ana) lost its result, and its solver now fails:
        // only it is submitted, and its row says why.
        let solver = try dir.write(
            "failing-solver.sh",
            """
            #!/bin/sh
            grep -q Ana "$2" || { echo "relief: boom, no Ana here" >&2; exit 3; }
            exec '\(try #require(Relief.executable).path)' "$@"

            """)
        chmod(solver, 0o700)
        try FileManager.default.removeItem(atPath: "\(shared)/results/1.schedule.json")
        let failed = try Relief.run(
            ["whatif", c, s, "--format", "json", "--backend", "slurm", "--slurm-dir", shared, "--solver", solver],
            in: dir.url, timeout: 30)
        #expect(failed.status == 0, "\(failed)")
        #expect(failed.stderr.contains("1 of 3 task(s) submitted (2 already solved)"), "\(failed)")
        let doc = try JSONParser.parse(failed.stdout)
        guard case .array(let rows)? = doc["scenarios"] else {
            Issue.record("no scenarios in \(failed)")
            return
        }
        let row = rows.first { $0["name"] == .string("no-autism") }
        #expect(row?["status"] == .string("error"), "\(failed)")
        let errors = row.map { "\($0)" } ?? ""
        #expect(errors.contains("boom, no Ana here"), "\(failed)")
        #expect(doc["base"]?["status"] == .string("optimal"))
        #expect(rows.first { $0["name"] == .string("one-more-like-b") }?["status"] == .string("optimal"))
    }
}

/// `whatif --backend slurm` where Slurm's commands are there but no controller answers.
@Suite struct WhatIfSlurmUnavailableTests {
    /// Runs the built relief with `environment` added to this process's own; (status, stderr).
    static func run(_ args: [String], in dir: URL, environment: [String: String]) throws -> (Int32, String) {
        let exe = try #require(Relief.executable)
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = dir
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let err = dir.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: err) }
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(30)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning {
            p.terminate()
            Issue.record("relief \(args) ran longer than 30 s")
        }
        p.waitUntilExit()
        return (p.terminationStatus, try String(contentsOf: err, encoding: .utf8))
    }

    /// sbatch as Slurm's prints it with no controller: exit 69 with sbatch's reason, and the
    /// folder of case copies relief made for the run is gone (under TMPDIR, or beside -o).
    @Test func noControllerIsUnavailableAndLeavesNoCaseCopies() throws {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", WhatIfTests.tinyCase)
        let s = try dir.write("case.scenarios.json", WhatIfTests.scenarios)
        let bin = dir.path("bin")
        let tmp = dir.path("tmp")
        let out = dir.path("out")
        for d in [bin, tmp, out] {
            try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: false)
        }
        let said = "sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)"
        for name in ["sbatch", "squeue", "scancel"] {
            let f = try dir.write("bin/\(name)", "#!/bin/sh\necho '\(said)' >&2\nexit 1\n")
            chmod(f, 0o755)
        }
        let env = ["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "TMPDIR": tmp]
        for extra in [[], ["-o", out + "/table.txt"]] {
            let (status, stderr) = try Self.run(
                ["whatif", c, s, "--backend", "slurm"] + extra, in: dir.url, environment: env)
            #expect(status == 69, "\(extra): \(stderr)")
            #expect(stderr.contains("sbatch could not submit the job (exit 1): \(said)"), "\(stderr)")
            #expect(stderr.contains("or run with --backend local"), "\(stderr)")
            #expect(!stderr.contains("internal error"), "\(stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == [], "\(extra)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [], "\(extra)")
        }
        // A folder the coordinator named is theirs: kept, to be used again.
        let (status, _) = try Self.run(
            ["whatif", c, s, "--backend", "slurm", "--slurm-dir", dir.path("shared")], in: dir.url, environment: env)
        #expect(status == 69)
        #expect(FileManager.default.fileExists(atPath: dir.path("shared/tasks/0.case.json")))
    }
}
