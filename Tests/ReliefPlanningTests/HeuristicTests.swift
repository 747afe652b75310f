import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// The heuristics that give the exact machinery its starting points: they only
/// ever add positions and never break a rule.
@Suite("Greedy fill and exchanges")
struct HeuristicTests {
    func pairs(_ c: Case, _ list: [(String, String)]) -> Set<PlanningIndex.Pair> {
        let ix = PlanningIndex(c)
        return Set(list.map { PlanningIndex.Pair(ix.sitterIndex[$0.0]!, ix.visitIndex[$0.1]!) })
    }

    func names(_ c: Case, _ set: Set<PlanningIndex.Pair>) -> [String] {
        set.map { "\(c.sitters[$0.sitter].id)-\(c.visits[$0.item].id)" }.sorted()
    }

    func verified(_ c: Case, _ asg: Set<PlanningIndex.Pair>) -> [String] {
        let cm = CompactModel(PlanningIndex(c))
        let point = cm.point(assignments: asg, onCall: [])
        return cm.model.maxViolation(point) < 1e-6 ? [] : ["\(cm.model.worstViolation(point))"]
    }

    @Test("an open visit is taken after its blocker moves to another sitter")
    func moveTheBlocker() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A"), SitterSpec(id: "B", competencies: [])]
        b.families = [FamilySpec(id: "F1")]
        // V2 needs autism, which only A has; V1 overlaps it and B may take V1.
        b.sitters[0].competencies = ["autism"]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-24T11:00", end: "2026-11-24T13:00", competencies: ["autism"]),
        ]
        let c = try b.read()
        let start = pairs(c, [("A", "V1")])
        let out = ExchangeSearch(PlanningIndex(c)).improve(
            assignments: start, onCall: [], level: .slots(.normal))
        #expect(names(c, out.assignments) == ["A-V2", "B-V1"])
        #expect(verified(c, out.assignments).isEmpty)
    }

    @Test("a sitter at the weekly limit trades one long visit for two short ones")
    func oneOutTwoIn() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", maxMinutesPerWeek: 240)]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-25T08:00", end: "2026-11-25T10:00"),
            VisitSpec(id: "V3", start: "2026-11-26T08:00", end: "2026-11-26T10:00"),
        ]
        let c = try b.read()
        let out = ExchangeSearch(PlanningIndex(c)).improve(
            assignments: pairs(c, [("A", "V1")]), onCall: [], level: .slots(.normal))
        #expect(names(c, out.assignments) == ["A-V2", "A-V3"])
        #expect(verified(c, out.assignments).isEmpty)
        // The planner proves the same optimum: two positions, not one.
        #expect(try solve(c).levels == levels(normal: 2))
    }

    @Test("a locked assignment never moves, even when moving it would fill more")
    func locksStay() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", maxMinutesPerWeek: 240)]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T12:00", assigned: ["A"], locked: true),
            VisitSpec(id: "V2", start: "2026-11-25T08:00", end: "2026-11-25T10:00"),
            VisitSpec(id: "V3", start: "2026-11-26T08:00", end: "2026-11-26T10:00"),
        ]
        let c = try b.read()
        let out = ExchangeSearch(PlanningIndex(c)).improve(
            assignments: pairs(c, [("A", "V1")]), onCall: [], level: .slots(.normal))
        #expect(names(c, out.assignments) == ["A-V1"])
    }

    @Test("greedy fill keeps what it is given and prefers short visits when positions count")
    func greedyShortFirst() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", maxMinutesPerWeek: 240)]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-25T08:00", end: "2026-11-25T10:00"),
            VisitSpec(id: "V3", start: "2026-11-26T08:00", end: "2026-11-26T10:00"),
        ]
        let c = try b.read()
        let out = GreedyFill(PlanningIndex(c)).fill(assignments: [], onCall: [])
        #expect(names(c, out.assignments) == ["A-V2", "A-V3"])
        #expect(verified(c, out.assignments).isEmpty)
    }
}

@Suite("Visits longer than a sitter's limits")
struct OverLimitTests {
    @Test("a visit longer than every eligible sitter's daily limit is over-limit, not capacity")
    func overLimit() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", maxMinutesPerDay: 180), SitterSpec(id: "B", maxMinutesPerDay: 240)]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T12:30"),  // 270 min
            VisitSpec(id: "V2", start: "2026-11-24T13:00", end: "2026-11-24T16:00"),  // 180 min
        ]
        let s = try solve(b)
        #expect(s.levels == levels(normal: 1))
        #expect(s.unfilledCodes("V1") == ["over-limit"])
        #expect(s.unfilled.first { $0.id == "V1" }?.reasons.first?.detail.contains("270 min") == true)
    }
}
