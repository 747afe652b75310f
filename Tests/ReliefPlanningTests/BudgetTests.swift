import Foundation
import ReliefApp
import ReliefCore
import ReliefSamples
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// Budgets of `weeks.md` as hard rules: a program's served minutes (minutes per
/// sitter assigned) at most its `budgetMinutes`, one family's at most the
/// program's `familyMinutesPerWeek`, in the model, the column bound, every
/// heuristic and the explanations.
@Suite("Program budgets and family caps")
struct BudgetTests {
    /// `b` read, every family in program `p` (`budget`, `cap` per family), the fair-share level off.
    static func budgeted(_ b: CaseBuilder, budget: Int?, cap: Int? = nil) throws -> Case {
        var c = try b.read()
        c.programs = [Program(id: "p", name: "P", budgetMinutes: budget, familyMinutesPerWeek: cap)]
        for i in c.families.indices { c.families[i].programs = ["p"] }
        c.rules.fairShare = .off
        return c
    }

    /// Four 2-hour visits on four days, three sitters free all week.
    static func fourVisits() -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1"), SitterSpec(id: "S2"), SitterSpec(id: "S3")]
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2")]
        b.visits = (0..<4).map { d in
            VisitSpec(
                id: "V\(d + 1)", family: d < 3 ? "F1" : "F2", start: "2026-11-2\(4 + d)T10:00",
                end: "2026-11-2\(4 + d)T12:00")
        }
        return b
    }

    static func served(_ c: Case, _ s: Schedule) -> [String: Int] {
        ServiceShare(c).use(assignments: s.assignments).total
    }

    @Test("a program's budget binds: filled exactly up to it, never over, proven, with and without the column bound")
    func budgetBinds() throws {
        let c = try Self.budgeted(Self.fourVisits(), budget: 360)
        for useColumns in [true, false] {
            var o = PlanOptions()
            o.useColumnBound = useColumns
            let s = try solve(c, options: o)
            #expect(s.levels == levels(normal: 3))
            #expect(Self.served(c, s)["p"] == 360)
            #expect(s.unfilledCodes(s.unfilled.first?.id ?? "") == ["budget"])
        }
        // Without programs the same week fills all four.
        #expect(try solve(Self.fourVisits()).levels == levels(normal: 4))
    }

    @Test("a family's weekly cap binds per family: F1 two of its three visits, F2 its one")
    func familyCap() throws {
        let c = try Self.budgeted(Self.fourVisits(), budget: nil, cap: 240)
        let s = try solve(c)
        #expect(s.levels == levels(normal: 3))
        #expect(
            ServiceShare(c).use(assignments: s.assignments).perFamily[FamilyProgram(family: "F1", program: "p")] == 240)
        #expect(!s.sitters(on: "V4").isEmpty)
        let f1Unfilled = try #require(s.unfilled.first)
        let reason = try #require(f1Unfilled.reasons.first)
        #expect(reason.code == "budget")
        #expect(reason.detail.contains("family F1's weekly cap of 240 min in program p is used up (240 min served"))
    }

    @Test("locks use the budget first: what is left goes to the highest priority, two sitters count twice")
    func locksAndDoubleStaffing() throws {
        var b = Self.fourVisits()
        b.visits[0].assigned = ["S1"]
        b.visits[0].locked = true
        b.visits[1].priority = "high"
        b.visits[1].sitters = 2
        // 480 = V1 locked (120) + V2 with two sitters (240) + one more visit (120).
        let c = try Self.budgeted(b, budget: 480)
        let s = try solve(c)
        #expect(s.sitters(on: "V1") == ["S1"])
        #expect(s.sitters(on: "V2").count == 2)
        #expect(s.levels == levels(high: 2, normal: 2))
        #expect(Self.served(c, s)["p"] == 480)
    }

    @Test("the explanation names the budget and the family's cap, in English and in French")
    func explained() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1"), SitterSpec(id: "S2")]
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2")]
        // The high V1 takes F1's 120 min; V3's 60 bring p to its 180: V2 fits neither.
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", priority: "high"),
            VisitSpec(id: "V2", start: "2026-11-25T10:00", end: "2026-11-25T12:00"),
            VisitSpec(id: "V3", family: "F2", start: "2026-11-26T10:00", end: "2026-11-26T11:00"),
        ]
        let c = try Self.budgeted(b, budget: 180, cap: 120)
        let s = try solve(c)
        #expect(s.levels == levels(high: 1, normal: 1))
        #expect(s.unfilledCodes("V2") == ["budget"])
        let detail = try #require(s.unfilled.first { $0.id == "V2" }?.reasons.first?.detail)
        #expect(
            detail
                == "2 sitters serving north could take it; S1, S2 are free, but program p's budget of 180 min is used up"
                + " (180 min served); and family F1's weekly cap of 120 min in program p is used up (120 min served)")
        let fr = ReportService.html(c, s, language: .fr)
        #expect(
            fr.contains("S1, S2 sont libres, mais le budget de 180 min du programme p est épuisé (180 min servies)"),
            "\(fr)")
        #expect(fr.contains("et le plafond de 120 min par semaine de la famille F1 dans le programme p est atteint"))
    }

    @Test(
        "the column bound prices the budget rows: its bound and its schedule stay within them",
        arguments: [true, false])
    func columnBound(programBudget: Bool) throws {
        let c = try Self.budgeted(
            Self.fourVisits(), budget: programBudget ? 360 : nil, cap: programBudget ? nil : 240)
        let ix = PlanningIndex(c)
        let cm = CompactModel(ix)
        let out = try #require(
            ColumnBound(ix).upperBound(
                level: .slots(.normal), held: [], seed: cm.point(assignments: [], onCall: []), cm: cm))
        #expect(out.bound == 3)
        #expect(out.value == 3)
        let point = try #require(out.point)
        #expect(cm.model.maxViolation(point) < 1e-6)
    }

    @Test("random tiny weeks with a budget and caps: the planner's optimum is the exhaustive one")
    func exhaustive() throws {
        var checked = 0
        var binding = 0
        for seed in 0..<120 {
            var r = ExhaustiveTests.Random(state: UInt64(seed) &* 31 &+ 5)
            let b = ExhaustiveTests.randomCase(seed: seed, locks: seed % 2 == 1)
            let budget = [60, 120, 180, 240, 360][r.next(5)]
            let cap = r.chance(50) ? [60, 120, 180][r.next(3)] : nil
            // Locks over a budget are input errors: nothing to plan.
            guard let c = try? Self.budgeted(b, budget: budget, cap: cap),
                !CaseValidator.check(c).contains(where: { $0.severity == .error }),
                let want = ExhaustiveTests.exhaustiveOptimum(c)
            else { continue }
            checked += 1
            if let free = ExhaustiveTests.exhaustiveOptimum(try b.read()), free != want { binding += 1 }
            #expect(try solve(c).levels == want, "seed \(seed), budget \(budget), cap \(cap ?? -1)\n\(b.text)")
            #expect(
                try solve(c, options: ExhaustiveTests.withoutColumnBound).levels == want, "seed \(seed), no columns")
        }
        #expect(checked >= 60)
        #expect(binding >= 15, "the budgets bind in \(binding) of \(checked) weeks")
    }
}
