import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `relief watch` on a case with programs, ledgers, a standing request and a weekly
/// availability (`PackageTree.smallWeeksCase`, budgets that never bind): a request billed to
/// a program, a cancellation and a sick call go through the real daemon, and what it keeps
/// (case.json, the schedule and its families and programs rows) is checked.
@Suite("relief watch across weeks", .serialized)
struct WatchWeeksTests {
    func event(_ id: String, _ type: String, _ fields: String) -> String {
        #"{ "format": "relief.event/1", "id": "\#(id)", "type": "\#(type)", \#(fields) }"#
    }

    /// The fields of `weeks.md` of a case, as text (to compare two cases).
    func weeksFields(_ c: Case) -> [String] {
        [
            "\(c.programs)", "\(c.families.map { ($0.id, $0.programs, $0.ledger) })", "\(c.standing)",
            "\(c.sitters.map { ($0.id, $0.weeklyAvailability) })",
        ]
    }

    @Test func aRequestACancellationAndASickCallKeepProgramsAndLedgers() throws {
        let f = try WatchTests.Folder(theCase: try PackageTree.smallWeeksCase())
        let seeded = try CaseReader.read(file: f.casePath).0
        let p = try f.start()
        let first = try f.currentSchedule()
        // The sitter published on V2 (F2, high) falls ill on the Monday morning.
        let sick = try #require(first.assignments.first { $0.visit == "V2" }?.sitter, "\(first.assignments)")
        // The request written by relief event, billed to tdah.
        let r = try Relief.run(
            [
                "event", "request", "V9", "--family", "F1", "--from", "2026-11-24T14:00", "--to", "2026-11-24T15:00",
                "--priority", "high", "--program", "tdah", "--inbox", f.path("inbox"), "--id", "evt-1",
            ],
            in: f.scratch.url, timeout: 30)
        #expect(r.status == 0, "\(r)")
        #expect(p.wait(until: { f.names("archive") == ["evt-1.json"] }, timeout: 60), "\(p.stderrSoFar)")
        try f.drop("e2.json", event("evt-2", "visit.cancel", #""visit": "V3""#))
        try f.drop(
            "e3.json",
            event(
                "evt-3", "sitter.absence",
                #""sitter": "\#(sick)", "start": "2026-11-23T06:00", "end": "2026-11-23T13:00""#))
        #expect(p.wait(until: { f.settledCount == 3 }, timeout: 60), "\(p.stderrSoFar)")
        #expect(f.names("rejected").isEmpty, "\(p.stderrSoFar)")
        #expect(try f.appliedIDs().sorted() == ["evt-1", "evt-2", "evt-3"])
        try f.stop(p)

        // case.json: the events applied, every field of weeks.md kept, V9 billed to tdah.
        let c = try f.currentCase()
        #expect(weeksFields(c) == weeksFields(seeded))
        #expect(c.visits.map(\.id) == ["V1", "V2", "V4", "V9"])
        #expect(c.visits.map(\.program) == ["tdah", nil, "tdah", "tdah"])
        // The case the last re-plan handed to its solve child kept them too.
        let solved = try CaseReader.read(file: f.path("staging/solve-case.json")).0
        #expect(weeksFields(solved) == weeksFields(seeded))
        #expect(solved.visits.map(\.program) == c.visits.map(\.program))
        let text = try String(contentsOfFile: f.path("case.json"), encoding: .utf8)
        for key in ["\"programs\"", "\"ledger\"", "\"standing\"", "\"weeklyAvailability\"", "\"budgetMinutes\""] {
            #expect(text.contains(key), "case.json lost \(key)")
        }
        // The schedule keeps every hard rule (budgets, the rows: relief verify) and its rows are these.
        try f.verify()
        let s = try f.currentSchedule()
        #expect(!s.assignments.contains { $0.visit == "V2" && $0.sitter == sick })
        #expect(s.assignments.contains { $0.visit == "V9" })
        let minutes = Dictionary(uniqueKeysWithValues: c.visits.map { ($0.id, $0.minutes) })
        var served: [String: Int] = [:]
        for a in s.assignments { served[c.visits.first { $0.id == a.visit }!.family, default: 0] += minutes[a.visit]! }
        // F3's only visit was cancelled: it asks for nothing, so it has no row.
        #expect(s.families.map(\.family) == ["F1", "F2"])
        let f1 = try #require(s.families.first { $0.family == "F1" })
        #expect(f1.pastRequestedMinutes == 900 && f1.pastServedMinutes == 540)
        #expect(f1.servedMinutes == served["F1"] ?? 0)
        let f2 = try #require(s.families.first { $0.family == "F2" })
        #expect(f2.pastRequestedMinutes == 300 && f2.pastServedMinutes == 0)
        #expect(f2.servedMinutes == served["F2"] ?? 0 && f2.requestedMinutes == 360)
        #expect(s.levels.fairSharePermille == s.families.map(\.permille).min())
        // Programs: tdah pays for V1, V4 and V9; general for V2 (F2's only program).
        var billed: [String: Int] = [:]
        for a in s.assignments where a.visit != "V2" { billed["tdah", default: 0] += minutes[a.visit]! }
        for a in s.assignments where a.visit == "V2" { billed["general", default: 0] += minutes[a.visit]! }
        #expect(
            s.programs
                == [
                    ProgramUse(program: "tdah", servedMinutes: billed["tdah"] ?? 0, budgetMinutes: 100_000),
                    ProgramUse(program: "general", servedMinutes: billed["general"] ?? 0, budgetMinutes: nil),
                ])

        // A restart without --case reads the same case back and re-plans nothing.
        let again = try f.start(seed: false)
        try f.stop(again)
        #expect(weeksFields(try f.currentCase()) == weeksFields(seeded))
    }
}
