import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGHUP (the terminal or the ssh session closed) while `relief whatif` solves: like
/// SIGTERM, it kills the solves and removes the case copies in $TMPDIR. relief used to
/// die of it at once and leave both behind.
@Suite("relief whatif hung up", .serialized)
struct WhatIfHangupTests {
    /// Processes whose command line mentions `text` (the solves, by their case copies).
    static func processes(mentioning text: String) -> [Int32] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return ids.compactMap { id -> Int32? in
            guard let pid = Int32(id),
                let cmdline = FileManager.default.contents(atPath: "/proc/\(id)/cmdline"),
                String(decoding: cmdline.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(text)
            else { return nil }
            return pid
        }
    }

    static func poll(_ timeout: Double, until condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while !condition() && Date() < end { usleep(10_000) }
        return condition()
    }

    @Test(arguments: [SIGHUP, SIGTERM])
    func aSignalKillsTheSolvesAndRemovesTheCaseCopies(_ sig: Int32) throws {
        let dir = try ScratchDirectory()
        // 120 sitters and 800 visits: each solve takes far longer than the test waits (the
        // 35 x 250 week of SignalTests may be solved before the signal comes).
        let casePath = dir.path("case.json")
        let g = try Relief.run(
            ["generate", "--sitters", "120", "--visits", "800", "--seed", "1", "-o", casePath], in: dir.url)
        try #require(g.status == 0, "\(g)")
        let scenarios = try dir.write(
            "scenarios.json",
            """
            { "format": "relief.scenarios/1", "scenarios": [
              { "name": "fewer", "changes": [ { "op": "remove-sitter", "sitter": "S001" } ] } ] }
            """)
        let tmp = dir.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        let copies = tmp + "/relief-whatif-"
        let p = try Relief.start(
            ["whatif", casePath, scenarios, "--jobs", "2", "--time-limit", "60"], in: dir.url,
            environment: ["TMPDIR": tmp], unblockedSignals: true)
        defer {
            // Should the test fail, leave no solve running.
            for pid in Self.processes(mentioning: copies) { kill(pid, SIGKILL) }
        }
        #expect(
            Self.poll(60) { !Self.processes(mentioning: copies).isEmpty || !p.process.isRunning },
            "no solve started: \(p.stderrSoFar)")
        try #require(p.process.isRunning, "whatif ended before its solves: \(p.stderrSoFar)")
        let status = (try? String(contentsOfFile: "/proc/\(p.process.processIdentifier)/status", encoding: .utf8)) ?? ""
        #expect(status.contains("SigBlk:\t0000000000000000"), "relief starts with signals blocked: \(status)")
        kill(p.process.processIdentifier, sig)
        let r = try p.wait(timeout: 20)
        #expect(r.killedBy == sig || r.status == 128 + sig, "\(r)")
        #expect(r.stderr.contains("stopping the solves; nothing will be written"), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        let left = try FileManager.default.contentsOfDirectory(atPath: tmp)
        #expect(left.isEmpty, "left in TMPDIR: \(left)")
        #expect(Self.poll(10) { Self.processes(mentioning: copies).isEmpty }, "solves still running")
    }
}
