import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM, SIGINT and SIGHUP while `relief plan` solves: the first stops the solve and the
/// best schedule so far is still written atomically; a second ends relief at once;
/// no temporary file is ever left behind.
@Suite("relief plan under signals", .serialized)
struct SignalTests {
    /// A generated week big enough that the solve is still running when the signal comes.
    static func generatedCase(_ dir: ScratchDirectory) throws -> String {
        let path = dir.path("case.json")
        let g = try Relief.run(
            ["generate", "--sitters", "35", "--visits", "250", "--seed", "48", "-o", path], in: dir.url)
        try #require(g.status == 0, "\(g)")
        return path
    }

    /// The output is absent or a complete schedule that keeps every hard rule; nothing else is left.
    static func checkFolder(_ dir: ScratchDirectory, casePath: String, output: String) throws {
        let leftovers = try dir.contents().filter { $0.hasPrefix(".relief-") || $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        guard let data = FileManager.default.contents(atPath: output) else { return }
        let json = try JSONParser.parse(data)
        let schedule = try #require(ScheduleReader.read(json), "a half-written schedule")
        let (c, _) = try CaseReader.read(file: casePath)
        #expect(ScheduleVerifier(c).violations(of: schedule) == [])
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func firstSignalStillWritesAVerifiedSchedule(_ sig: Int32) throws {
        let dir = try ScratchDirectory()
        let casePath = try Self.generatedCase(dir)
        let output = dir.path("out.json")
        let p = try Relief.start(
            ["plan", casePath, "-o", output, "--time-limit", "30", "--lang", "en"], in: dir.url)
        // Once the model is built, the solve is under way.
        #expect(p.wait(until: { p.stderrSoFar.contains("relief: model:") }, timeout: 60), "\(p.stderrSoFar)")
        kill(p.process.processIdentifier, sig)
        let r = try p.wait(timeout: 90)
        #expect(r.killedBy == nil, "\(r)")
        #expect(r.status == 0, "\(r)")
        let name = [SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"][sig]!
        #expect(r.stderr.contains("\(name): stopping the solve"), "\(r)")
        #expect(r.stdout.contains("schedule written to \(output)"), "\(r)")
        #expect(FileManager.default.fileExists(atPath: output))
        #expect(fileMode(output) == 0o600)
        try Self.checkFolder(dir, casePath: casePath, output: output)
    }

    /// Under nohup SIGHUP was ignored when relief started: it stays ignored, the solve goes on.
    @Test func nohupKeepsSIGHUPIgnored() throws {
        let dir = try ScratchDirectory()
        let casePath = try Self.generatedCase(dir)
        let output = dir.path("out.json")
        let exe = try #require(Relief.executable).path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/nohup")
        p.arguments = [exe, "plan", casePath, "-o", output, "--time-limit", "30"]
        p.currentDirectoryURL = dir.url
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        let log = dir.path("stderr.log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        func stderr() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        let started = Date().addingTimeInterval(60)
        while p.isRunning && !stderr().contains("relief: model:") && Date() < started { usleep(5_000) }
        kill(p.processIdentifier, SIGHUP)
        usleep(300_000)
        #expect(p.isRunning, "SIGHUP ended relief under nohup: \(stderr())")
        #expect(!stderr().contains("SIGHUP"), "\(stderr())")
        // SIGTERM is still watched: the best schedule so far is written.
        kill(p.processIdentifier, SIGTERM)
        let stopped = Date().addingTimeInterval(60)
        while p.isRunning && Date() < stopped { usleep(5_000) }
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 0, "\(stderr())")
        #expect(stderr().contains("SIGTERM: stopping the solve"), "\(stderr())")
        try Self.checkFolder(dir, casePath: casePath, output: output)
    }

    @Test func secondSignalStopsAtOnceAndLeavesNoTemporaryFile() throws {
        let dir = try ScratchDirectory()
        let casePath = try Self.generatedCase(dir)
        let output = dir.path("out.json")
        let p = try Relief.start(
            ["plan", casePath, "-o", output, "--time-limit", "30", "--lang", "en"], in: dir.url)
        #expect(p.wait(until: { p.stderrSoFar.contains("relief: model:") }, timeout: 60), "\(p.stderrSoFar)")
        kill(p.process.processIdentifier, SIGTERM)
        #expect(p.wait(until: { p.stderrSoFar.contains("SIGTERM: stopping") }, timeout: 10), "\(p.stderrSoFar)")
        kill(p.process.processIdentifier, SIGTERM)
        let r = try p.wait(timeout: 30)
        // Ended by the signal itself, or with 128 + 15 when it could not be re-raised.
        #expect(r.killedBy == SIGTERM || r.status == 128 + SIGTERM, "\(r)")
        try Self.checkFolder(dir, casePath: casePath, output: output)
    }

    /// Signals arriving all through a run, the final write included: whatever
    /// moment the second one hits, no temporary file is left and the output is
    /// absent or whole.
    @Test func signalsThroughoutTheRunNeverLeaveHalfFiles() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", try PackageTree.smallCase())
        for round in 0..<8 {
            let output = dir.path("out-\(round).json")
            let p = try Relief.start(["plan", casePath, "-o", output, "-q"], in: dir.url)
            // First signal after a varying delay, then one every millisecond until it ends.
            usleep(useconds_t(round * 15_000))
            var sent = 0
            while p.process.isRunning && sent < 5000 {
                kill(p.process.processIdentifier, SIGTERM)
                sent += 1
                usleep(1_000)
            }
            let r = try p.wait(timeout: 30)
            #expect(r.status == 0 || r.killedBy == SIGTERM || r.status == 128 + SIGTERM, "\(r)")
            try Self.checkFolder(dir, casePath: casePath, output: output)
        }
    }
}
