import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon on a server: the shipped unit's exposure, the output group, and the daemon
/// under its own account fed by a producer in another one through `relief event`.
@Suite("relief watch on a server", .serialized)
struct WatchServerTests {
    static let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `systemd-analyze security --offline=true` rates the shipped unit 2.5 or lower.
    @Test(.enabled(if: analyze != nil, "systemd-analyze is not installed"))
    func theShippedUnitIsRatedSafe() throws {
        let unit = PackageTree.url("systemd/relief-watch.service").path
        let s = try ScratchDirectory()
        let r = try Self.launch(Self.analyze!, ["security", "--offline=true", "--no-pager", unit], in: s).wait(
            timeout: 60)
        let text = r.stdout + r.stderr
        let line = try #require(text.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(text)")
        let score = line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
        #expect(try #require(score, "\(line)") <= 2.5, "\(line)")
    }

    /// docs/daemon.md quotes the shipped unit as it is.
    @Test func theDocumentationQuotesTheShippedUnit() throws {
        let unit = try String(contentsOf: PackageTree.url("systemd/relief-watch.service"), encoding: .utf8)
        let doc = try String(contentsOf: PackageTree.url("docs/daemon.md"), encoding: .utf8)
        #expect(doc.contains("```ini\n" + unit + "```\n"))
    }

    /// `--output-group`: what the coordinator reads is the group's (0640 in 0750 folders, the
    /// state folder 0711); the daemon's own files stay 0600 in 0700 folders.
    @Test func outputsAreGivenToTheOutputGroup() throws {
        guard getuid() == 0 else { return }  // giving a file to any group needs root or membership
        let f = try WatchTests.Folder()
        let p = try f.start(["--output-group", "100"])
        try f.drop("c1.json", #"{"format":"relief.event/1","id":"evt-c1","type":"visit.cancel","visit":"V1"}"#)
        #expect(p.wait(until: { f.names("notices").count == 4 }, timeout: 30), "\(p.stderrSoFar)")
        #expect(p.wait(until: { groupOf(f.path("notices/000002.txt")) == 100 }, timeout: 10), "\(p.stderrSoFar)")
        try f.stop(p)
        for file in ["case.json", "schedule.json", "week.html", "notices/000002.txt", "notices/000001.json"] {
            #expect(fileMode(f.path(file)) == 0o640 && groupOf(f.path(file)) == 100, "\(file)")
        }
        let ics = try #require(f.names("agendas").first { $0.hasSuffix(".ics") })
        #expect(fileMode(f.path("agendas/" + ics)) == 0o640)
        #expect(fileMode(f.path("notices")) == 0o750 && fileMode(f.path("agendas")) == 0o750)
        #expect(fileMode(f.dir) == 0o711)
        #expect(fileMode(f.path("journal.jsonl")) == 0o600 && fileMode(f.path("archive")) == 0o700)
        #expect(fileMode(f.path("archive/c1.json")) == 0o600)
    }

    /// The daemon in its own account (uid 64001, a member of the producers' group 64002 and
    /// the coordinators' 64003); a producer (64010) writes a sick call with `relief event`
    /// into the inbox (2730, group 64002); a coordinator (64020) reads the notice; the
    /// producer cannot read the schedule.
    @Test(.enabled(if: getuid() == 0 && setpriv != nil, "needs root and setpriv to run as other accounts"))
    func theDaemonInItsAccountAppliesAProducersEvent() throws {
        let s = try ScratchDirectory()
        #expect(chmod(s.url.path, 0o755) == 0)
        let casePath = try s.write("week.json", try PackageTree.smallCase())
        #expect(chmod(casePath, 0o644) == 0)
        let dir = s.path("state")
        for (path, group, mode) in [(dir, 64001, 0o711), (dir + "/inbox", 64002, 0o2730)] {
            #expect(mkdir(path, 0o700) == 0 && chown(path, 64001, gid_t(group)) == 0 && chmod(path, mode_t(mode)) == 0)
        }
        // Installed where the accounts can reach it, as docs/daemon.md installs it: the build folder
        // may sit under one only root can traverse (a clone in `mktemp -d`, 0700), and the daemon
        // runs its solves as itself through /proc/self/exe.
        let exe = s.path("relief")
        try FileManager.default.copyItem(atPath: try #require(Relief.executable).path, toPath: exe)
        #expect(chmod(exe, 0o755) == 0)
        func asUser(_ uid: Int, groups: String, _ args: [String]) throws -> RunningRelief {
            try Self.launch(Self.setpriv!, ["--reuid=\(uid)", "--regid=\(uid)", "--groups=\(groups)"] + args, in: s)
        }
        let daemon = try asUser(
            64001, groups: "64002,64003",
            [
                exe, "watch", dir, "--case", casePath, "--now", "2026-11-20T00:00", "--rescan", "1", "--output-group",
                "64003",
            ])
        #expect(
            daemon.wait(until: { daemon.stderrSoFar.contains("watch: watching") }, timeout: 60), "\(daemon.stderrSoFar)"
        )
        let producer = try asUser(
            64010, groups: "64002",
            [
                exe, "event", "absence", "S4", "--from", "2026-11-24T08:00", "--to", "2026-11-24T20:00", "--inbox",
                dir + "/inbox",
            ]
        ).wait(timeout: 30)
        #expect(producer.status == 0, "\(producer)")
        #expect(
            daemon.wait(until: { FileManager.default.fileExists(atPath: dir + "/notices/000002.txt") }, timeout: 30),
            "\(daemon.stderrSoFar)")
        #expect(daemon.wait(until: { groupOf(dir + "/notices/000002.txt") == 64003 }, timeout: 10))
        let coordinator = try asUser(64020, groups: "64003", ["/bin/cat", dir + "/notices/000002.txt"]).wait(
            timeout: 10)
        #expect(coordinator.status == 0, "\(coordinator)")
        #expect(coordinator.stdout.hasPrefix("Ligne de garde, OC-2026-11-24 "), "\(coordinator)")
        let nosy = try asUser(64010, groups: "64002", ["/bin/cat", dir + "/schedule.json"]).wait(timeout: 10)
        #expect(nosy.status != 0, "\(nosy)")
        kill(daemon.process.processIdentifier, SIGTERM)
        let end = try daemon.wait(timeout: 30)
        #expect(end.status == 0, "\(end)")
        #expect(!end.stderr.contains("not given to group"), "\(end)")
    }
}

/// The group owning a file.
func groupOf(_ path: String) -> gid_t? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return st.st_gid
}

extension WatchServerTests {
    /// Starts a program (not relief itself: setpriv, systemd-analyze) in the scratch folder, its output to files.
    static func launch(_ executable: String, _ args: [String], in s: ScratchDirectory) throws -> RunningRelief {
        let r = RunningRelief(
            args: [executable] + args, stdout: s.url.appendingPathComponent(".stdout-\(UUID().uuidString)"),
            stderr: s.url.appendingPathComponent(".stderr-\(UUID().uuidString)"))
        FileManager.default.createFile(atPath: r.stdout.path, contents: nil)
        FileManager.default.createFile(atPath: r.stderr.path, contents: nil)
        r.process.executableURL = URL(fileURLWithPath: executable)
        r.process.arguments = args
        r.process.currentDirectoryURL = s.url
        r.process.standardOutput = try FileHandle(forWritingTo: r.stdout)
        r.process.standardError = try FileHandle(forWritingTo: r.stderr)
        r.process.standardInput = FileHandle.nullDevice
        try r.process.run()
        return r
    }
}
