import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `relief event`: a producer writes one event into the daemon's inbox without
/// hand-writing JSON; the running daemon applies it.
@Suite("relief event", .serialized)
struct EventCommandTests {
    /// The sick call of the only person on call, written by `relief event` and applied by the
    /// daemon; the notice's first line says the on-call line now has nobody.
    @Test func aSickCallWrittenByReliefEventIsAppliedAndTheNoticeLeadsWithTheGap() throws {
        let f = try WatchTests.Folder()
        let p = try f.start()
        let r = try Relief.run(
            [
                "event", "absence", "S4", "--from", "2026-11-24T08:00", "--to", "2026-11-24T20:00", "--inbox",
                f.path("inbox"),
            ],
            in: f.scratch.url, timeout: 30)
        #expect(r.status == 0, "\(r)")
        let written = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = (written as NSString).lastPathComponent
        let id = String(name.dropLast(".json".count))
        #expect(name.hasPrefix("evt-") && name.hasSuffix(".json"), "\(r)")
        #expect(p.wait(until: { f.names("archive") == [name] }, timeout: 30), "\(p.stderrSoFar)")
        #expect(try f.appliedIDs() == [id])
        #expect(try f.currentSchedule().onCall.allSatisfy { $0.shift != "OC-2026-11-24" })
        try f.verify()
        try f.stop(p)
        let notice = try String(contentsOfFile: f.path("notices/000002.txt"), encoding: .utf8)
        #expect(
            notice.hasPrefix(
                "Ligne de garde, OC-2026-11-24 mar. 24 nov. 00 h 00–mer. 25 nov. 00 h 00 : aucune personne de garde"
                    + " (avant : couverte)\n"), "\(notice)")
    }

    /// A request, a change of its time, then its cancel, each a fresh id; the daemon applies all three.
    @Test func aRequestAndItsCancelAreApplied() throws {
        let f = try WatchTests.Folder()
        let p = try f.start()
        let inbox = f.path("inbox")
        /// `relief event KIND V9` at 14:00 + `hour` on the 24th for an hour; the daemon applies it as the `n`th.
        func visitEvent(_ kind: String, hour: Int, n: Int) throws -> Visit? {
            let (from, to) = ("2026-11-24T\(14 + hour):00", "2026-11-24T\(15 + hour):00")
            let r = try Relief.run(
                [
                    "event", kind, "V9", "--family", "F2", "--from", from, "--to", to, "--priority", "high", "--inbox",
                    inbox,
                ],
                in: f.scratch.url, timeout: 30)
            #expect(r.status == 0, "\(r)")
            #expect(p.wait(until: { f.names("archive").count == n }, timeout: 30), "\(p.stderrSoFar)")
            return try f.currentCase().visits.first { $0.id == "V9" }
        }
        let requested = try #require(try visitEvent("request", hour: 0, n: 1))
        let v9 = try #require(try visitEvent("change", hour: 1, n: 2))
        #expect(v9.span.start.seconds == requested.span.start.seconds + 3600 && v9.span.minutes == 60)
        let b = try Relief.run(["event", "cancel", "V9", "--inbox", inbox], in: f.scratch.url, timeout: 30)
        #expect(b.status == 0, "\(b)")
        #expect(p.wait(until: { f.names("archive").count == 3 }, timeout: 30), "\(p.stderrSoFar)")
        #expect(try f.currentCase().visits.allSatisfy { $0.id != "V9" })
        #expect(try f.appliedIDs().count == 3)
        try f.stop(p)
    }

    /// Refused at the producer: a bad time (65, located, nothing left in the inbox), an inbox
    /// that is not there (66), an option of another kind or the state folder for its inbox (64), an
    /// id already waiting (73).
    @Test func badEventsAreRefusedBeforeTheInbox() throws {
        let s = try ScratchDirectory()
        let inbox = s.path("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let bad = try Relief.run(
            ["event", "absence", "S1", "--from", "2026-11-24T25:00", "--to", "2026-11-24T20:00", "--inbox", inbox],
            in: s.url, timeout: 30)
        #expect(bad.status == 65, "\(bad)")
        #expect(bad.stderr.contains("start: \"2026-11-24T25:00\" is not an ISO 8601 time"), "\(bad)")
        let backwards = try Relief.run(
            ["event", "absence", "S1", "--from", "2026-11-24T20:00", "--to", "2026-11-24T08:00", "--inbox", inbox],
            in: s.url, timeout: 30)
        #expect(backwards.status == 65 && backwards.stderr.contains("end is not after start"), "\(backwards)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox) == [])
        let none = try Relief.run(["event", "cancel", "V1", "--inbox", s.path("nowhere")], in: s.url, timeout: 30)
        #expect(none.status == 66, "\(none)")
        let root = try Relief.run(["event", "cancel", "V1", "--inbox", s.url.path], in: s.url, timeout: 30)
        #expect(root.status == 64 && root.stderr.contains("give --inbox \(s.url.path)/inbox"), "\(root)")
        let other = try Relief.run(["event", "cancel", "V1", "--from", "x", "--inbox", inbox], in: s.url, timeout: 30)
        #expect(other.status == 64 && other.stderr.contains("unknown option \"--from\""), "\(other)")
        let first = try Relief.run(["event", "cancel", "V1", "--id", "e1", "--inbox", inbox], in: s.url, timeout: 30)
        #expect(first.status == 0, "\(first)")
        #expect(fileMode(inbox + "/e1.json") == 0o600)
        let again = try Relief.run(["event", "cancel", "V2", "--id", "e1", "--inbox", inbox], in: s.url, timeout: 30)
        #expect(again.status == 73, "\(again)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox) == ["e1.json"])
        let text = try String(contentsOfFile: inbox + "/e1.json", encoding: .utf8)
        #expect(try JSONParser.parse(text)["visit"] == .string("V1"))
        // A group-writable inbox is shared with producers: the file is readable by its group.
        #expect(chmod(inbox, 0o2770) == 0)
        let shared = try Relief.run(["event", "cancel", "V1", "--id", "e2", "--inbox", inbox], in: s.url, timeout: 30)
        #expect(shared.status == 0 && fileMode(inbox + "/e2.json") == 0o640, "\(shared)")
        // Whatever the producer's umask: a hardened 077 must not make the event unreadable to the daemon.
        let exe = try #require(Relief.executable).path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask 077 && exec \"$0\" event cancel V1 --id e3 --inbox \"$1\"", exe, inbox]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(fileMode(inbox + "/e3.json") == 0o640)
    }
}
