import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Each case validated once, each schedule verified once, per path (`CheckCount`): the
/// passes of a `relief plan` and of a watch round, told by the processes themselves
/// through `RELIEF_COUNT_CHECKS` (the daemon and its `relief plan` child share the file).
@Suite("validations and verifications counted", .serialized)
struct CheckCountTests {
    /// The passes told to `file`, by process id.
    static func passes(_ file: String) -> [Int32: (validations: Int, verifications: Int)] {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        var out: [Int32: (validations: Int, verifications: Int)] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count == 2, let pid = Int32(words[1]) else { continue }
            var n = out[pid] ?? (0, 0)
            if words[0] == "validation" { n.validations += 1 }
            if words[0] == "verification" { n.verifications += 1 }
            out[pid] = n
        }
        return out
    }

    /// Runs relief once with the arguments made in a scratch folder and returns its
    /// [validations, verifications], after checking it succeeded and was the only process to count.
    static func passesOfOneRun(_ arguments: (ScratchDirectory) throws -> [String]) throws -> [Int]? {
        let scratch = try ScratchDirectory()
        let counts = scratch.path("counts")
        let p = try Relief.start(
            try arguments(scratch), in: scratch.url, environment: ["RELIEF_COUNT_CHECKS": counts])
        let r = try p.wait(timeout: 120)
        #expect(r.status == 0, "\(r)")
        let passes = Self.passes(counts)
        #expect(passes.count == 1, "\(passes)")
        return passes[p.process.processIdentifier].map { [$0.validations, $0.verifications] }
    }

    @Test func aPlanValidatesOnceAndVerifiesOnce() throws {
        let n = try Self.passesOfOneRun { scratch in
            let casePath = try scratch.write("week.json", try PackageTree.smallCase())
            return ["plan", casePath, "-o", scratch.path("week.schedule.json"), "-q"]
        }
        #expect(n == [1, 1])
    }

    /// The case read by `CaseReader` goes to the headcount planner as a `CheckedCase` (not
    /// validated again by the planner); the one schedule it returns is verified once by
    /// `MinStaffService.solve` (the planner's own level counts are not a verification).
    @Test func aMinStaffRunValidatesOnceAndVerifiesOnce() throws {
        let n = try Self.passesOfOneRun { scratch in
            let casePath = try scratch.write("week.json", try PackageTree.smallCase())
            return ["whatif", casePath, "--min-staff", "--format", "json", "-o", scratch.path("minstaff.json")]
        }
        #expect(n == [1, 1])
    }

    /// An SMPTSP instance is validated where it is converted, and the checked case goes to
    /// the headcount planner as it is: one validation and one verification per instance.
    @Test func aBenchSMPTSPInstanceValidatesOnceAndVerifiesOnce() throws {
        let n = try Self.passesOfOneRun { _ in
            ["bench-smptsp", PackageTree.url("Tests/ReliefEndToEndTests/Fixtures/smptsp").path, "--only", "1"]
        }
        #expect(n == [1, 1])
    }

    @Test func aWatchRoundValidatesOnceAndVerifiesOnceInTheDaemonAndInItsChild() throws {
        let f = try WatchTests.Folder()
        let counts = f.scratch.path("counts")
        let p = try Relief.start(
            ["watch", f.dir, "--now", "2026-11-20T00:00", "--rescan", "1", "--case", f.casePath], in: f.scratch.url,
            environment: ["RELIEF_COUNT_CHECKS": counts])
        #expect(p.wait(until: { p.stderrSoFar.contains("watch: watching") }, timeout: 60), "\(p.stderrSoFar)")
        // The seed's passes are not the round's.
        unlink(counts)
        try f.drop("e1.json", WatchTests.request("evt-1", visit: "V9"))
        #expect(p.wait(until: { f.names("archive") == ["e1.json"] }, timeout: 60), "\(p.stderrSoFar)")
        #expect(try f.currentSchedule().assignments.contains { $0.visit == "V9" })
        let passes = Self.passes(counts)
        try f.stop(p)
        let daemon = p.process.processIdentifier
        #expect(passes[daemon].map { [$0.validations, $0.verifications] } == [1, 1], "daemon: \(passes)")
        let children = passes.filter { $0.key != daemon }
        #expect(children.count == 1, "\(passes)")
        #expect(children.values.first.map { [$0.validations, $0.verifications] } == [1, 1], "child: \(passes)")
    }
}
