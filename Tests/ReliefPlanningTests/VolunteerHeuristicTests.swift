import Foundation
import LinearProgramming
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// The heuristics with volunteers: a volunteer never stands in for a trainee's supervisor,
/// and what they return always satisfies the compact model (which holds every hard rule).
@Suite("Heuristics with volunteers")
struct VolunteerHeuristicTests {
    func violation(_ c: Case, _ asg: Set<PlanningIndex.Pair>, _ onCall: Set<PlanningIndex.Pair>) -> Double {
        let cm = CompactModel(PlanningIndex(c))
        return cm.model.maxViolation(cm.point(assignments: asg, onCall: onCall))
    }

    @Test("greedy fill puts a trainee beside an employee, never beside a volunteer only")
    func greedyTraineeNeedsEmployee() throws {
        var b = CaseBuilder()
        b.sitters = [
            VolunteerSupervisionTests.sitter("T1", trainee: true),
            VolunteerSupervisionTests.sitter("B1", volunteer: true),
        ]
        b.visits = [VolunteerSupervisionTests.pairVisit()]
        let c = try b.read()
        let ix = PlanningIndex(c)
        let out = GreedyFill(ix).fill(assignments: [], onCall: [])
        // Without the rule greedy would seat both; B1 alone is what the rules allow.
        #expect(out.assignments == [PlanningIndex.Pair(ix.sitterIndex["B1"]!, 0)])
        #expect(violation(c, out.assignments, out.onCall) < 1e-9)
    }

    @Test("on random tiny weeks with volunteers, greedy fill, exchanges and ruin-and-recreate keep every rule")
    func randomWeeksStayFeasible() throws {
        var checked = 0
        for seed in 0..<120 {
            let b = VolunteerSupervisionTests.randomVolunteerCase(seed: seed, locks: false)
            guard let c = try? b.read() else { continue }
            let ix = PlanningIndex(c)
            var (asg, onCall) = GreedyFill(ix).fill(assignments: [], onCall: [])
            #expect(violation(c, asg, onCall) < 1e-9, "greedy, seed \(seed)")
            for level in PlanningLevel.contract where level.isSum {
                (asg, onCall) = ExchangeSearch(ix).improve(assignments: asg, onCall: onCall, level: level)
                #expect(violation(c, asg, onCall) < 1e-9, "exchange \(level.key), seed \(seed)")
                if level.isPairSum {
                    let out = RuinRecreate(ix, steps: 200, stall: 50).improve(
                        assignments: asg, onCall: onCall, level: level, held: [], bound: Int.max,
                        control: SolveControl())
                    #expect(violation(c, out.assignments, out.onCall) < 1e-9, "ruin \(level.key), seed \(seed)")
                }
            }
            checked += 1
        }
        #expect(checked >= 100)
    }

    @Test("emptying sitters (--min-staff) never hands a trainee's supervisor's visit to a volunteer")
    func emptyingKeepsSupervisors() throws {
        var b = CaseBuilder()
        b.sitters = [
            VolunteerSupervisionTests.sitter("M1"), VolunteerSupervisionTests.sitter("T1", trainee: true),
            VolunteerSupervisionTests.sitter("B1", volunteer: true),
        ]
        var v2 = VisitSpec(id: "V2", start: "2026-11-25T09:00", end: "2026-11-25T12:00")
        v2.volunteers = true
        b.visits = [VolunteerSupervisionTests.pairVisit(), v2]
        let c = try b.read()
        let ix = PlanningIndex(c)
        func pair(_ s: String, _ v: Int) -> PlanningIndex.Pair { PlanningIndex.Pair(ix.sitterIndex[s]!, v) }
        let start: Set = [pair("M1", 0), pair("T1", 0), pair("B1", 1)]
        let out = Headcount.emptySitters(ix, assignments: start, onCall: [], control: SolveControl())
        // M1 (first of the one-item sitters) cannot hand V1 to B1; B1 hands V2 to M1 instead.
        #expect(out.assignments == [pair("M1", 0), pair("T1", 0), pair("M1", 1)])
        #expect(violation(c, out.assignments, out.onCall) < 1e-9)
    }
}
