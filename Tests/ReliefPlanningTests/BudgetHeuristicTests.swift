import Foundation
import LinearProgramming
import ReliefCore
import ReliefSamples
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// Every search that builds a schedule keeps the budgets as it goes (`SitterWeeks`
/// counts each row's served minutes), rather than making points that the level
/// search then throws away: the greedy fill, the exchanges, ruin and recreate and
/// the whole large-model path.
@Suite("Budgets in the heuristics")
struct BudgetHeuristicTests {
    /// A generated week with every third family in program tdah: its budget `1 / part` of
    /// what tdah's visits ask beyond the locks, 480 min a family.
    static func generated(
        seed: UInt64, sitters: Int = 30, visits: Int = 200, scarce: Bool = false, part: Int = 3
    ) throws -> Case {
        var o = CaseGenerator.Options()
        (o.sitters, o.visits, o.seed, o.scarce) = (sitters, visits, seed, scarce)
        var c = CaseGenerator.generate(o)
        var tdah = Set<String>()
        for i in c.families.indices where i % 3 == 0 {
            c.families[i].programs = ["tdah"]
            tdah.insert(c.families[i].id)
        }
        let billed = c.visits.filter { tdah.contains($0.family) }
        let locked = billed.filter(\.locked).reduce(0) { $0 + $1.minutes * $1.assigned.count }
        let asked = billed.reduce(0) { $0 + $1.minutes * $1.sitters }
        c.programs = [
            Program(id: "tdah", name: "TDAH", budgetMinutes: locked + asked / part, familyMinutesPerWeek: 480),
            Program(id: "general", name: "Général"),
        ]
        c.rules.fairShare = .off
        let errors = CaseValidator.check(c).filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(errors)")
        return c
    }

    static func tdahMinutes(_ c: Case, _ asg: Set<PlanningIndex.Pair>) -> Int {
        let ix = PlanningIndex(c)
        return ProgramBudgets(ix).used(asg, minutes: ix.visitMinutes).first ?? 0
    }

    @Test("the greedy fill stops at the budget where it would go over without it")
    func greedy() throws {
        let c = try Self.generated(seed: 3)
        let ix = PlanningIndex(c)
        let budget = try #require(c.programs[0].budgetMinutes)
        let fill = GreedyFill(ix).fill(assignments: ix.locked, onCall: [])
        let cm = CompactModel(ix)
        #expect(cm.model.maxViolation(cm.point(assignments: fill.assignments, onCall: fill.onCall)) < 1e-6)
        #expect(Self.tdahMinutes(c, fill.assignments) <= budget)
        var free = c
        free.programs = []
        let unbounded = GreedyFill(PlanningIndex(free)).fill(assignments: ix.locked, onCall: [])
        #expect(
            Self.tdahMinutes(c, unbounded.assignments) > budget, "the budget must bind for this test to say anything")
    }

    @Test("ruin and recreate raises a level and keeps every budget row", arguments: [UInt64(4), 5])
    func ruinAndRecreate(_ seed: UInt64) throws {
        let c = try Self.generated(seed: seed, scarce: seed == 5)
        let ix = PlanningIndex(c)
        let cm = CompactModel(ix)
        try #require(cm.model.rows.contains { $0.name == "budget[tdah]" })
        let fill = GreedyFill(ix).fill(assignments: ix.locked, onCall: [])
        let levels = PlanningLevel.contract
        let start = cm.point(assignments: fill.assignments, onCall: fill.onCall)
        let before = levels.map { cm.value(of: $0, at: start) }
        let held = zip(levels[0..<3], before[0..<3]).map { (level: $0.0, value: $0.1) }
        let out = RuinRecreate(ix, steps: 20_000, stall: 5_000).improve(
            assignments: fill.assignments, onCall: fill.onCall, level: levels[3], held: held, bound: Int.max,
            control: SolveControl())
        let point = cm.point(assignments: out.assignments, onCall: out.onCall)
        #expect(cm.model.maxViolation(point) < 1e-6, "\(cm.model.worstViolation(point))")
        #expect(cm.value(of: levels[3], at: point) > before[3])
        #expect(Self.tdahMinutes(c, out.assignments) <= c.programs[0].budgetMinutes!)
    }

    @Test("an exchange never moves a blocker back into a budget the new visit needs")
    func exchangeSharesTheBudget() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A", competencies: ["autism"]), SitterSpec(id: "B")]
        // V2 needs autism, which only A has; V1 overlaps it and B may take V1. Both are billed
        // to p, whose 120 min hold one of them: moving V1 to B and giving V2 to A would serve 240.
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-24T11:00", end: "2026-11-24T13:00", competencies: ["autism"]),
        ]
        let c = try BudgetTests.budgeted(b, budget: 120)
        let ix = PlanningIndex(c)
        let start: Set<PlanningIndex.Pair> = [.init(ix.sitterIndex["A"]!, ix.visitIndex["V1"]!)]
        let out = ExchangeSearch(ix).improve(assignments: start, onCall: [], level: .slots(.normal))
        #expect(out.assignments == start)
        // Without the budget the same exchange fills both.
        let free = try b.read()
        let both = ExchangeSearch(PlanningIndex(free)).improve(assignments: start, onCall: [], level: .slots(.normal))
        #expect(both.assignments.count == 2)
    }

    @Test("the large-model path (windows, ruin and recreate, the column search) keeps the budget")
    func largePath() throws {
        let c = try Self.generated(seed: 5, scarce: true, part: 8)
        var o = PlanOptions()
        o.timeLimit = 3600
        o.verbose = true
        o.work.windowsFirstPairs = 0
        o.work.windowsBeforeRootPairs = 0
        o.work.pauseRootRounds = 2
        o.work.ruinSteps = 5000
        o.work.ruinStall = 1000
        o.work.windowMIPs = 20
        o.work.branchAndCutNodes = 300
        let lines = LargeModelPathTests.Lines()
        o.progress = { lines.add($0) }
        let s = try Planner().plan(c, options: o).schedule
        #expect(ScheduleVerifier(c).violations(of: s) == [])
        #expect(lines.all.contains { $0.contains("ruin and recreate") })
        #expect(lines.all.contains { $0.contains("windows") })
        // No search made a point that a budget row then threw away.
        #expect(!lines.all.contains { $0.contains("breaks budget") || $0.contains("breaks family_budget") })
        let used = ServiceShare(c).use(assignments: s.assignments).total["tdah"] ?? 0
        #expect(used <= c.programs[0].budgetMinutes!)
        #expect(used > c.programs[0].budgetMinutes! - 600, "the budget binds: \(used)")
    }
}
