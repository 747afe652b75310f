import Foundation
import LinearProgramming
import ReliefApp
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// RINS inside a neighbourhood (`WindowSearch.rins`): the neighbourhood's LP decides
/// which of its pairs stay held; GLPK solves the rest.
@Suite struct RINSTests {
    /// The greedy fill is the start: a schedule that keeps every rule, rarely the best.
    static func week(seed: UInt64) -> GeneratedWeek { GeneratedWeek(sitters: 30, visits: 200, seed: seed) }

    @Test func aGainKeepsEveryRowAndFreesFewerPairs() throws {
        var gains = 0
        for seed in UInt64(1)...4 {
            let w = Self.week(seed: seed)
            #expect(w.cm.model.maxViolation(w.filled) < 1e-6)
            let before = w.cm.value(of: w.level, at: w.filled)
            let search = WindowSearch(cm: w.cm, solver: GLPKSolver(), work: WorkLimits())
            let pairs = w.pairs
            let r = search.rins(
                freeing: pairs, level: w.level, at: w.filled, above: before, nodes: 600, control: SolveControl())
            // The LP of the whole week differs from the greedy schedule somewhere, and not everywhere.
            #expect(r.freed > 0 && r.freed < pairs.count)
            if let p = r.point {
                gains += 1
                #expect(w.cm.model.maxViolation(p) < 1e-6)
                #expect(w.cm.value(of: w.level, at: p) > before)
                // The same input gives the same schedule.
                let again = search.rins(
                    freeing: pairs, level: w.level, at: w.filled, above: before, nodes: 600, control: SolveControl())
                #expect(again.point == p && again.freed == r.freed)
            }
        }
        #expect(gains > 0)
    }

    /// At a proven optimum of the level there is nothing to gain: no point.
    @Test func nothingAboveAnOptimum() throws {
        let w = Self.week(seed: 2)
        var mo = MIPOptions()
        mo.integralObjective = true
        let r = try GLPKSolver().solve(w.cm.model, options: mo)
        try #require(r.status == .optimal)
        let sol = CompactSolution(w.cm, r.values)
        let best = w.cm.point(assignments: sol.assignments, onCall: sol.onCall)
        let value = w.cm.value(of: w.level, at: best)
        let search = WindowSearch(cm: w.cm, solver: GLPKSolver(), work: WorkLimits())
        let out = search.rins(
            freeing: w.pairs, level: w.level, at: best, above: value, nodes: 600, control: SolveControl())
        #expect(out.point == nil)
    }

    /// A cancelled solve stops before any MIP: no point.
    @Test func aCancelledSolveFindsNothing() {
        let w = Self.week(seed: 1)
        let token = CancellationToken()
        token.cancel()
        let search = WindowSearch(cm: w.cm, solver: GLPKSolver(), work: WorkLimits())
        let out = search.rins(
            freeing: w.pairs, level: w.level, at: w.filled, above: w.cm.value(of: w.level, at: w.filled), nodes: 600,
            control: SolveControl(token: token))
        #expect(out.point == nil)
    }
}
