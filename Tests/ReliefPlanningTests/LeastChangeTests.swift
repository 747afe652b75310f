import Foundation
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// "Published assignments kept" right after level 4: re-planning keeps what
/// sitters and families were told unless keeping it costs coverage.
@Suite("Least change: published assignments kept")
struct LeastChangeTests {
    static var leastChange: PlanOptions {
        var o = PlanOptions()
        o.leastChange = true
        return o
    }

    /// Two sitters who could each take either of two visits at different times;
    /// level 5 alone prefers neither strongly enough to matter here.
    static func twoByTwo(published: [(String, String)]) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", maxMinutesPerWeek: 120), SitterSpec(id: "B", maxMinutesPerWeek: 120)]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-25T10:00", end: "2026-11-25T12:00"),
        ]
        for (v, s) in published {
            let i = b.visits.firstIndex { $0.id == v }!
            b.visits[i].assigned = (b.visits[i].assigned ?? []) + [s]
        }
        return b
    }

    @Test("both ways fill both visits; the published way is the one kept, and proven")
    func keepsThePublishedWay() throws {
        for published in [[("V1", "B"), ("V2", "A")], [("V1", "A"), ("V2", "B")]] {
            let c = try Self.twoByTwo(published: published).read()
            let r = try Planner().plan(c, options: Self.leastChange)
            #expect(r.schedule.status == .optimal)
            #expect(ScheduleVerifier(c).violations(of: r.schedule).isEmpty)
            for (v, s) in published { #expect(r.schedule.sitters(on: v) == [s], "\(published)") }
            let kept = r.levels.first { $0.key == "kept" }
            #expect(kept?.value == 2 && kept?.bound == 2)
        }
    }

    @Test("keeping a published assignment never costs an urgent position")
    func coverageFirst() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", competencies: ["autism"]), SitterSpec(id: "B")]
        b.visits = [
            // A was told V1; V2 (urgent, overlapping) needs autism, which only A has.
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", assigned: ["A"]),
            VisitSpec(
                id: "V2", start: "2026-11-24T11:00", end: "2026-11-24T13:00", competencies: ["autism"],
                priority: "urgent"),
        ]
        let c = try b.read()
        let r = try Planner().plan(c, options: Self.leastChange)
        #expect(r.schedule.status == .optimal)
        #expect(r.schedule.sitters(on: "V2") == ["A"])
        #expect(r.schedule.sitters(on: "V1") == ["B"])
        #expect(r.schedule.levels == levels(urgent: 1, normal: 1))
        #expect(r.levels.first { $0.key == "kept" }?.value == 0)
        #expect(ScheduleVerifier(c).violations(of: r.schedule).isEmpty)
    }

    @Test("without --least-change there is no such level; with it, the contract's levels come first")
    func levelOrder() throws {
        var o = PlanOptions()
        #expect(!o.leastChange)
        o.leastChange = true
        #expect(o.levels.map(\.key) == ["oncall", "urgent", "high", "normal", "kept"])
        o.leastChange = true
        #expect(o.levels.count == 5, "set twice, added once")
        o.leastChange = false
        #expect(o.levels.map(\.key) == ["oncall", "urgent", "high", "normal"])
    }

    @Test("a published on-call shift is kept too (onCallShifts[].assigned)")
    func keepsOnCall() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", onCall: OnCallSpec()), SitterSpec(id: "B", onCall: OnCallSpec())]
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T00:00", end: "2026-11-24T08:00")]
        var c = try b.read()
        for who in ["A", "B"] {
            c.onCallShifts[0].assigned = [who]
            let r = try Planner().plan(c, options: Self.leastChange)
            #expect(r.schedule.people(on: "OC1") == [who])
            #expect(r.schedule.status == .optimal)
        }
    }
}
