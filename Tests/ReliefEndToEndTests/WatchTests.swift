import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `relief watch` end to end: the real binary on a scratch state folder, stopped by
/// signals, killed with -9 at chosen and random moments, fed hostile files.
@Suite("relief watch", .serialized)
struct WatchTests {
    /// A state folder seeded with the small case; `now` before the week so nothing is frozen.
    final class Folder {
        let scratch: ScratchDirectory
        let dir: String
        let casePath: String
        init(theCase: JSONValue? = nil) throws {
            scratch = try ScratchDirectory()
            casePath = try scratch.write("week.json", try theCase ?? PackageTree.smallCase())
            dir = scratch.path("state")
        }
        func path(_ p: String) -> String { dir + "/" + p }
        func names(_ sub: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: path(sub))) ?? []).sorted()
        }

        /// Starts the daemon and waits until it watches (the seed planned).
        func start(
            _ extra: [String] = [], seed: Bool = true, waitReady: Bool = true, now: String = "2026-11-20T00:00",
            rescan: String = "1"
        ) throws -> RunningRelief {
            var args = ["watch", dir, "--now", now, "--rescan", rescan]
            if seed { args += ["--case", casePath] }
            let p = try Relief.start(args + extra, in: scratch.url)
            if waitReady {
                #expect(p.wait(until: { p.stderrSoFar.contains("watch: watching") }, timeout: 60), "\(p.stderrSoFar)")
            }
            return p
        }

        /// Drops an event the way producers do: `.NAME.tmp`, then rename.
        func drop(_ name: String, _ text: String) throws {
            let tmp = path("inbox/.\(name).tmp")
            try Data(text.utf8).write(to: URL(fileURLWithPath: tmp))
            #expect(rename(tmp, path("inbox/\(name)")) == 0)
        }

        var settledCount: Int {
            names("archive").count
                + names("rejected").filter { !$0.hasSuffix(".error.json") && !$0.hasPrefix(".") }.count
        }

        func journal() throws -> [JSONValue] {
            guard let d = FileManager.default.contents(atPath: path("journal.jsonl")) else { return [] }
            return try String(decoding: d, as: UTF8.self).split(separator: "\n").map {
                try JSONParser.parse(String($0))
            }
        }

        /// Event ids applied, over all journal records (each must appear once).
        func appliedIDs() throws -> [String] {
            try journal().flatMap { r -> [String] in
                guard case .array(let es)? = r["events"] else { return [] }
                return es.compactMap { e in
                    guard e["outcome"] == .string("applied"), case .string(let id)? = e["id"] else { return nil }
                    return id
                }
            }
        }

        func currentCase() throws -> Case { try CaseReader.read(file: path("case.json")).0 }
        func currentSchedule() throws -> Schedule {
            try #require(
                ScheduleReader.read(try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: path("schedule.json")))))
            )
        }

        /// case.json and schedule.json whole, and the schedule keeps every hard rule (relief verify).
        func verify() throws {
            let r = try Relief.run(["verify", path("case.json"), path("schedule.json")], in: scratch.url, timeout: 60)
            #expect(r.status == 0, "\(r)")
        }

        func stop(_ p: RunningRelief) throws {
            kill(p.process.processIdentifier, SIGTERM)
            let r = try p.wait(timeout: 30)
            #expect(r.status == 0 && r.killedBy == nil, "\(r)")
        }
    }

    static func request(_ id: String, visit: String, family: String = "F2", day: Int = 24, hour: Int = 14) -> String {
        """
        { "format": "relief.event/1", "id": "\(id)", "type": "visit.request",
          "visit": { "id": "\(visit)", "family": "\(family)", "start": "2026-11-\(day)T\(String(format: "%02d", hour)):00",
                     "end": "2026-11-\(day)T\(String(format: "%02d", hour + 1)):00", "priority": "high" } }
        """
    }

    @Test func anEventIsAppliedAndAHalfWrittenOneIsNot() throws {
        let f = try Folder()
        let p = try f.start()
        #expect(fileMode(f.dir) == 0o700)
        // A writer killed mid-file: the temporary file is never renamed, never read.
        try Data("{ \"format\": \"relief.event/1\", \"id\": \"half\"".utf8).write(
            to: URL(fileURLWithPath: f.path("inbox/.half.json.tmp")))
        try f.drop("e1.json", Self.request("evt-1", visit: "V9"))
        #expect(p.wait(until: { f.names("archive") == ["e1.json"] }, timeout: 30), "\(p.stderrSoFar)")
        let c = try f.currentCase()
        #expect(c.visits.contains { $0.id == "V9" })
        #expect(try f.currentSchedule().assignments.contains { $0.visit == "V9" })
        try f.verify()
        #expect(try f.appliedIDs() == ["evt-1"])
        #expect(f.names("inbox") == [".half.json.tmp"])
        #expect(f.names("notices") == ["000001.json", "000001.txt", "000002.json", "000002.txt"])
        for file in ["case.json", "schedule.json", "journal.jsonl", "notices/000002.json", "archive/e1.json"] {
            #expect(fileMode(f.path(file)) == 0o600, "\(file)")
        }
        // What people look at follows the committed state: the week's page lists V9
        // among the visits, and the sitter now on V9 has it in their calendar.
        let page = (try? String(contentsOfFile: f.path("week.html"), encoding: .utf8)) ?? ""
        #expect(page.contains("V9"), "week.html shows the new visit")
        #expect(fileMode(f.path("week.html")) == 0o600)
        if let onV9 = try f.currentSchedule().assignments.first(where: { $0.visit == "V9" })?.sitter {
            let ics = (try? String(contentsOfFile: f.path("agendas/\(onV9).ics"), encoding: .utf8)) ?? ""
            #expect(ics.contains("V9"), "\(onV9)'s calendar has V9")
            #expect(fileMode(f.path("agendas/\(onV9).ics")) == 0o600)
        }
        // Logs carry ids, never names.
        #expect(!p.stderrSoFar.contains("Bouchard") && !p.stderrSoFar.contains("Marie"), "\(p.stderrSoFar)")
        // The same event again is a harmless duplicate; the same id with other content a conflict.
        try f.drop("e1-again.json", Self.request("evt-1", visit: "V9"))
        try f.drop("e1-other.json", Self.request("evt-1", visit: "V10"))
        #expect(p.wait(until: { f.settledCount == 3 }, timeout: 30), "\(p.stderrSoFar)")
        #expect(f.names("archive") == ["e1-again.json", "e1.json"])
        #expect(f.names("rejected") == ["e1-other.json", "e1-other.json.error.json"])
        #expect(try f.appliedIDs() == ["evt-1"])
        try f.stop(p)
        // A restart resumes without --case and re-plans nothing.
        let again = try f.start(seed: false)
        try f.stop(again)
        #expect(try f.journal().count == 2)
    }

    @Test func aSecondInstanceIsRefusedWith75() throws {
        let f = try Folder()
        let p = try f.start()
        let before = try FileManager.default.subpathsOfDirectory(atPath: f.dir).sorted()
        let second = try Relief.run(
            ["watch", f.dir, "--case", f.casePath], in: f.scratch.url, timeout: 30)
        #expect(second.status == 75, "\(second)")
        #expect(second.stderr.contains("another relief watch"), "\(second)")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: f.dir).sorted() == before)
        try f.stop(p)
    }

    @Test func hostileAndMalformedFilesAreRejectedWithReports() throws {
        let f = try Folder()
        let p = try f.start()
        let caseBefore = try Data(contentsOf: URL(fileURLWithPath: f.path("case.json")))
        // Put into place by rename, so that each is complete when the daemon sees it.
        let stage = f.scratch.path("stage")
        try FileManager.default.createDirectory(atPath: stage, withIntermediateDirectories: true)
        #expect(symlink("/etc/passwd", stage + "/link.json") == 0)
        #expect(mkfifo(stage + "/fifo.json", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: stage + "/dir.json", withIntermediateDirectories: true)
        try Data(repeating: 0x20, count: 2 << 20).write(to: URL(fileURLWithPath: stage + "/big.json"))
        try Data("{ \"format\": \"relief.event/1\", ".utf8).write(to: URL(fileURLWithPath: stage + "/bad.json"))
        try Data(#"{"format":"relief.event/1","id":"..","type":"visit.cancel","visit":"V1"}"#.utf8).write(
            to: URL(fileURLWithPath: stage + "/dots.json"))
        try Data(#"{"format":"relief.event/1","id":"e-x","type":"visit.cancel","visit":"V404"}"#.utf8).write(
            to: URL(fileURLWithPath: stage + "/unknown.json"))
        let all = ["link.json", "fifo.json", "dir.json", "big.json", "bad.json", "dots.json", "unknown.json"]
        for n in all { #expect(rename(stage + "/" + n, f.path("inbox/" + n)) == 0, "\(n)") }
        #expect(p.wait(until: { f.settledCount == all.count }, timeout: 30), "\(p.stderrSoFar)")
        #expect(f.names("archive").isEmpty)
        for n in all {
            let report = try JSONParser.parse(
                Data(contentsOf: URL(fileURLWithPath: f.path("rejected/\(n).error.json"))))
            guard case .array(let errors)? = report["errors"], let first = errors.first else {
                Issue.record("\(n): no errors in its report")
                continue
            }
            #expect(first["message"] != nil && first["location"] != nil, "\(n)")
        }
        // The link itself was moved, never followed; /etc/passwd is untouched and unread.
        var st = stat()
        #expect(lstat(f.path("rejected/link.json"), &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.path("case.json"))) == caseBefore)
        #expect(try f.appliedIDs().isEmpty)
        #expect(p.process.isRunning)
        try f.stop(p)
    }

    @Test func aBurstOf500IsAppliedInFarFewerSolves() throws {
        let f = try Folder()
        let p = try f.start()
        let stage = f.scratch.path("stage")
        try FileManager.default.createDirectory(atPath: stage, withIntermediateDirectories: true)
        for i in 0..<500 {
            // Every tenth names an unknown family: refused by the applier. The others are night
            // visits in territories only day sitters serve, so that the test measures the
            // daemon rather than the solver (a debug build solves 500 fillable visits in ~10 s).
            let family = i % 10 == 9 ? "F404" : ["F1", "F2"][i % 2]
            let text = Self.request(
                String(format: "b-%03d", i), visit: String(format: "B%03d", i), family: family, day: 23 + (i % 2),
                hour: i % 6)
            try Data(text.utf8).write(to: URL(fileURLWithPath: stage + "/" + String(format: "b%03d.json", i)))
        }
        for i in 0..<500 {
            let n = String(format: "b%03d.json", i)
            #expect(rename(stage + "/" + n, f.path("inbox/" + n)) == 0)
        }
        #expect(p.wait(until: { f.settledCount == 500 }, timeout: 120), "\(p.stderrSoFar)")
        #expect(f.names("archive").count == 450)
        #expect(f.names("rejected").count == 100)
        let records = try f.journal()
        #expect(records.count - 1 <= 10, "\(records.count - 1) re-plans for 500 files")
        let applied = try f.appliedIDs()
        #expect(applied.count == 450 && Set(applied).count == 450)
        #expect(try f.currentCase().visits.count == 4 + 450)
        try f.verify()
        try f.stop(p)
    }

    /// kill -9 right after each step of the commit protocol, then a restart: every
    /// event applied exactly once, nothing lost.
    @Test(arguments: ["claim", "solve-started", "staged", "journal", "case", "schedule", "notice", "archive"])
    func killedAfterEachStepThenRestarted(_ step: String) throws {
        let f = try Folder()
        try f.stop(try f.start())
        for i in 0..<3 { try f.drop("e\(i).json", Self.request("evt-\(i)", visit: "V9\(i)", hour: 9 + 2 * i)) }
        let crashing = try f.start(["--crash-after", step], seed: false, waitReady: false)
        let r = try crashing.wait(timeout: 60)
        #expect(r.killedBy == SIGKILL, "\(r)")
        let p = try f.start(seed: false)
        #expect(p.wait(until: { f.settledCount == 3 }, timeout: 30), "\(p.stderrSoFar)")
        try f.stop(p)
        #expect(try f.appliedIDs().sorted() == ["evt-0", "evt-1", "evt-2"])
        let ids = try f.currentCase().visits.map(\.id)
        #expect(ids.filter { $0.hasPrefix("V9") }.sorted() == ["V90", "V91", "V92"])
        #expect(f.names("archive") == ["e0.json", "e1.json", "e2.json"])
        #expect(
            f.names("work").isEmpty && f.names("staging").filter { $0.hasSuffix(".json") && $0.first!.isNumber }.isEmpty
        )
        try f.verify()
    }

    /// kill -9 at random moments while events keep arriving; after the last restart every
    /// event is applied exactly once.
    @Test func killedAtRandomMomentsNothingLostNothingTwice() throws {
        let f = try Folder()
        try f.stop(try f.start())
        var g = SystemRandomNumberGenerator()
        var n = 0
        for round in 0..<4 {
            for _ in 0..<5 {
                try f.drop("r\(n).json", Self.request("evt-r\(n)", visit: "R\(n)", day: 23 + n % 2, hour: 8 + n % 12))
                n += 1
            }
            let p = try f.start(seed: false, waitReady: false)
            usleep(useconds_t(Int.random(in: 50_000...(round == 0 ? 400_000 : 1_500_000), using: &g)))
            kill(p.process.processIdentifier, SIGKILL)
            _ = try p.wait(timeout: 30)
        }
        let p = try f.start(seed: false)
        #expect(p.wait(until: { f.settledCount == n }, timeout: 60), "\(p.stderrSoFar)")
        try f.stop(p)
        let applied = try f.appliedIDs()
        #expect(applied.count == n && Set(applied).count == n, "\(applied)")
        #expect(try f.currentCase().visits.filter { $0.id.hasPrefix("R") }.count == n)
        try f.verify()
    }

    /// A solve that crashes leaves the previous schedule; the event stays pending and the
    /// retry applies it. (`--solver` is a hidden test option: here a script that dies once.)
    @Test func aCrashedSolveIsRetriedAndTheDaemonLivesOn() throws {
        let f = try Folder()
        try f.stop(try f.start())
        let exe = try #require(Relief.executable).path
        let marker = f.scratch.path("crashed-once")
        let script = try f.scratch.write(
            "solver.sh",
            "#!/bin/sh\nif [ ! -e '\(marker)' ]; then touch '\(marker)'; kill -9 $$; fi\nexec '\(exe)' \"$@\"\n")
        chmod(script, 0o700)
        let scheduleBefore = try Data(contentsOf: URL(fileURLWithPath: f.path("schedule.json")))
        try f.drop("e1.json", Self.request("evt-1", visit: "V9"))
        let p = try f.start(["--solver", script], seed: false)
        #expect(p.wait(until: { f.names("archive") == ["e1.json"] }, timeout: 30), "\(p.stderrSoFar)")
        #expect(p.stderrSoFar.contains("crashed"), "\(p.stderrSoFar)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.path("schedule.json"))) != scheduleBefore)
        try f.stop(p)
        #expect(try f.appliedIDs() == ["evt-1"])
    }

    /// SIGTERM as events arrive: exit 0, no temporary file, the state whole, and what was
    /// not applied is still pending (a restart applies it).
    @Test func sigtermStopsCleanly() throws {
        let f = try Folder()
        let p = try f.start()
        for i in 0..<5 { try f.drop("t\(i).json", Self.request("evt-t\(i)", visit: "T\(i)", hour: 8 + i)) }
        usleep(350_000)
        try f.stop(p)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: f.dir).filter {
            $0.hasSuffix(".tmp") || $0.contains(".relief-")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
        try f.verify()
        #expect(f.settledCount + f.names("work").count + f.names("inbox").count == 5)
        let again = try f.start(seed: false)
        #expect(again.wait(until: { f.settledCount == 5 }, timeout: 30), "\(again.stderrSoFar)")
        try f.stop(again)
        #expect(try f.appliedIDs().sorted() == (0..<5).map { "evt-t\($0)" })
    }

    /// The notice names exactly the sitters whose week changed between the two schedules.
    @Test func theNoticeNamesExactlyTheSittersWhoseWeekChanged() throws {
        let f = try Folder()
        let p = try f.start()
        let before = try f.currentSchedule()
        let v1Sitters = before.assignments.filter { $0.visit == "V1" }.map(\.sitter)
        #expect(!v1Sitters.isEmpty)
        try f.drop("c1.json", #"{"format":"relief.event/1","id":"evt-c1","type":"visit.cancel","visit":"V1"}"#)
        #expect(p.wait(until: { f.names("archive") == ["c1.json"] }, timeout: 30), "\(p.stderrSoFar)")
        try f.stop(p)
        let after = try f.currentSchedule()
        func week(_ s: Schedule, _ sitter: String) -> Set<String> {
            Set(
                s.assignments.filter { $0.sitter == sitter }.map(\.visit)
                    + s.onCall.filter { $0.sitter == sitter }.map(\.shift))
        }
        let sitters = try f.currentCase().sitters.map(\.id)
        let changed = sitters.filter { week(before, $0) != week(after, $0) }.sorted()
        #expect(Set(changed).isSuperset(of: v1Sitters))
        let notice = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: f.path("notices/000002.json"))))
        guard case .array(let list)? = notice["sitters"] else {
            Issue.record("no sitters in the notice")
            return
        }
        let named = list.compactMap { s -> String? in
            if case .string(let id)? = s["sitter"] { return id }
            return nil
        }.sorted()
        #expect(named == changed)
        #expect(notice["events"] == .array([.string("evt-c1")]))
        #expect(fileMode(f.path("notices/000002.txt")) == 0o600)
    }

    /// Visits starting within the freeze window keep their published sitters: they are locked in the solve.
    @Test func frozenVisitsAreLockedInTheSolve() throws {
        let f = try Folder()
        try f.stop(try f.start())
        let published = try f.currentSchedule()
        try f.drop("e1.json", Self.request("evt-1", visit: "V9", day: 24, hour: 18))
        // 17:00 on the 23rd: V1 (18:00) is within the 2 h window, V3 and V4 (the 24th) are not.
        let args = ["watch", f.dir, "--now", "2026-11-23T17:00", "--rescan", "1"]
        let q = try Relief.start(args, in: f.scratch.url)
        #expect(q.wait(until: { f.names("archive") == ["e1.json"] }, timeout: 30), "\(q.stderrSoFar)")
        kill(q.process.processIdentifier, SIGTERM)
        _ = try q.wait(timeout: 30)
        let solved = try CaseReader.read(file: f.path("staging/solve-case.json")).0
        let v1 = try #require(solved.visits.first { $0.id == "V1" })
        #expect(v1.locked)
        #expect(v1.assigned.sorted() == published.assignments.filter { $0.visit == "V1" }.map(\.sitter).sorted())
        #expect(solved.visits.first { $0.id == "V3" }?.locked == false)
        #expect(
            try f.currentSchedule().assignments.filter { $0.visit == "V1" }.map(\.sitter).sorted()
                == v1.assigned.sorted())
    }
}

/// sd_notify: READY=1 once watching, WATCHDOG=1 every WATCHDOG_USEC/2, STOPPING=1 at SIGTERM,
/// to a socket path and to an abstract socket (`@name`).
@Suite("relief watch and systemd", .serialized)
struct WatchSystemdTests {
    /// A bound AF_UNIX datagram socket; `name` starting with "@" is abstract.
    static func listen(_ name: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(fd >= 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(name.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
        let len = socklen_t(
            MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (bytes.first == 0 ? 0 : 1))
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
        }
        try #require(r == 0, "bind: \(String(cString: strerror(errno)))")
        var tv = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func receive(_ fd: Int32, until want: String, timeout: Double) -> [String] {
        var got: [String] = []
        let end = Date().addingTimeInterval(timeout)
        var buf = [UInt8](repeating: 0, count: 4096)
        while Date() < end && !got.contains(where: { $0.contains(want) }) {
            let n = recv(fd, &buf, buf.count, 0)
            if n > 0 { got.append(String(decoding: buf[0..<n], as: UTF8.self)) }
        }
        return got
    }

    @Test(arguments: ["path", "abstract"])
    func readyWatchdogStopping(_ kind: String) throws {
        let f = try WatchTests.Folder()
        let name = kind == "path" ? f.scratch.path("notify.sock") : "@relief-test-\(UUID().uuidString)"
        let fd = try Self.listen(name)
        defer { close(fd) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "NOTIFY_SOCKET=\(name)", "WATCHDOG_USEC=400000", try #require(Relief.executable).path, "watch", f.dir,
            "--case", f.casePath, "--now", "2026-11-20T00:00",
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        let ready = Self.receive(fd, until: "READY=1", timeout: 60)
        #expect(ready.contains { $0.contains("READY=1") }, "\(ready)")
        let pings = Self.receive(fd, until: "WATCHDOG=1", timeout: 5)
        #expect(pings.contains { $0.contains("WATCHDOG=1") }, "\(pings)")
        kill(p.processIdentifier, SIGTERM)
        let stopping = Self.receive(fd, until: "STOPPING=1", timeout: 20)
        #expect(stopping.contains { $0.contains("STOPPING=1") }, "\(stopping)")
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && p.terminationReason == .exit)
    }
}
