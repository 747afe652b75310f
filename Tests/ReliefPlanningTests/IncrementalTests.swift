import Foundation
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// Incremental re-planning (`PlanOptions.incremental`, the daemon's): the published schedule
/// repaired, then each level optimised around what changed, everything else held.
@Suite("Incremental re-planning")
struct IncrementalTests {
    static func published(_ c: Case, _ pairs: [(String, String)], unfilled: [String] = []) -> Schedule {
        Schedule(
            caseName: c.name, status: .feasible, levels: levels(),
            assignments: pairs.map { Assignment(visit: $0.0, sitter: $0.1) },
            onCall: [], unfilled: unfilled.map { Unfilled(id: $0, missing: 1, reasons: []) }, unstaffedShifts: [],
            solver: SolverReport(seconds: 0, gap: 0))
    }

    /// `aroundOnly`: the searches of a large week (around the change only), whatever the size.
    static func incremental(_ previous: Schedule, around: [String] = [], aroundOnly: Bool = true) -> PlanOptions {
        var o = PlanOptions()
        o.leastChange = true
        o.incremental = Incremental(previous: previous, around: around)
        if aroundOnly { o.work.windowsFirstPairs = 0 }
        return o
    }

    /// A is the only one with autism; the new urgent V2 overlaps V1, published to A, which B
    /// may take. The repaired schedule (A kept on V1, the fill) leaves V2 open: only moving A
    /// and B together fills it, which the search around V2 finds. V9, far from it, stays C's.
    @Test("a new urgent visit: the chain of moves around it, the rest held")
    func newUrgentVisitMovesAPublishedSitter() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", competencies: ["autism"]), SitterSpec(id: "B"), SitterSpec(id: "C")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", assigned: ["A"]),
            VisitSpec(
                id: "V2", start: "2026-11-24T11:00", end: "2026-11-24T13:00", competencies: ["autism"],
                priority: "urgent"),
            VisitSpec(id: "V9", start: "2026-11-27T10:00", end: "2026-11-27T12:00", assigned: ["C"]),
        ]
        let c = try b.read()
        let previous = Self.published(c, [("V1", "A"), ("V9", "C")])
        let r = try Planner().plan(c, options: Self.incremental(previous))
        #expect(ScheduleVerifier(c).violations(of: r.schedule).isEmpty)
        #expect(r.schedule.sitters(on: "V2") == ["A"])
        #expect(r.schedule.sitters(on: "V1") == ["B"])
        #expect(r.schedule.sitters(on: "V9") == ["C"])
        let repaired = try #require(r.schedule.solver.repaired)
        #expect(repaired.urgentSlots == 0 && repaired.normalSlots == 2)
        #expect(r.schedule.levels == levels(urgent: 1, normal: 2))
        #expect(!(r.schedule.levels < repaired))
        // The schedule says where it started from (relief's extension of the contract).
        let json = r.schedule.json()
        #expect(json["solver"]?["repaired"]?["urgentSlots"] == .number(0))
        #expect(ScheduleReader.read(json)?.solver.repaired == repaired)
        // A small week searched whole from the repaired schedule finds it too, and proves it.
        let whole = try Planner().plan(c, options: Self.incremental(previous, aroundOnly: false))
        #expect(whole.schedule.levels == levels(urgent: 1, normal: 2) && whole.schedule.status == .optimal)
        #expect(whole.schedule.solver.repaired == repaired)
    }

    /// A sick call: A can no longer keep V1; the visit goes to B, V3 stays B's (another day),
    /// and nothing published elsewhere moves.
    @Test("an absence: the absent sitter's visit is re-staffed, the rest kept")
    func absenceReStaffsOnlyWhatItTook() throws {
        var b = CaseBuilder()
        b.sitters = [
            SitterSpec(id: "A", availability: [("2026-11-25T00:00", "2026-11-30T00:00")]),
            SitterSpec(id: "B"), SitterSpec(id: "C"),
        ]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V3", start: "2026-11-25T10:00", end: "2026-11-25T12:00", assigned: ["B"]),
            VisitSpec(id: "V4", start: "2026-11-26T10:00", end: "2026-11-26T12:00", assigned: ["A"]),
        ]
        let c = try b.read()
        let previous = Self.published(c, [("V1", "A"), ("V3", "B"), ("V4", "A")])
        let r = try Planner().plan(c, options: Self.incremental(previous, around: ["A"]))
        #expect(ScheduleVerifier(c).violations(of: r.schedule).isEmpty)
        #expect(r.schedule.sitters(on: "V3") == ["B"] && r.schedule.sitters(on: "V4") == ["A"])
        #expect(r.schedule.sitters(on: "V1").count == 1 && r.schedule.sitters(on: "V1") != ["A"])
        #expect(r.schedule.levels == levels(normal: 3))
        #expect(r.levels.first { $0.key == "kept" }?.value == 2)
    }

    /// A cancelled visit is gone from the case but still in the published schedule: its
    /// sitter is free, and the urgent visit the schedule had left open goes to them.
    @Test("a cancellation frees its sitter for what was left open")
    func cancellationFreesItsSitter() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", competencies: ["autism"])]
        b.visits = [
            VisitSpec(
                id: "V2", start: "2026-11-24T11:00", end: "2026-11-24T13:00", competencies: ["autism"],
                priority: "urgent")
        ]
        let c = try b.read()
        let previous = Self.published(c, [("V1", "A")], unfilled: ["V2"])
        let r = try Planner().plan(c, options: Self.incremental(previous, around: ["V1"]))
        #expect(ScheduleVerifier(c).violations(of: r.schedule).isEmpty)
        #expect(r.schedule.sitters(on: "V2") == ["A"])
        #expect(r.schedule.levels == levels(urgent: 1))
    }

    /// A plan that is not incremental says nothing of a repaired schedule.
    @Test("a whole-week plan writes no solver.repaired")
    func wholeWeekHasNoRepaired() throws {
        let c = try LeastChangeTests.twoByTwo(published: [("V1", "A")]).read()
        let r = try Planner().plan(c, options: LeastChangeTests.leastChange)
        #expect(r.schedule.solver.repaired == nil)
        #expect(r.schedule.json()["solver"]?["repaired"] == nil)
    }
}
