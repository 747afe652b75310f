import Foundation
import LinearProgramming
import ReliefCore
@testable import ReliefFormulation
import ReliefService
import Testing

/// RINS inside a neighbourhood (`WindowSearch.rins`): the neighbourhood's LP decides
/// which of its pairs stay held; GLPK solves the rest.
@Suite struct RINSTests {
    struct Week {
        let cm: CompactModel
        let level = PlanningLevel.slots(.normal)
        /// The greedy fill: a schedule that keeps every rule, rarely the best.
        let start: [Double]
        /// Every sitter-item pair's column.
        let pairs: [Int]
    }

    static func week(seed: UInt64) -> Week {
        var o = CaseGenerator.Options()
        o.sitters = 30
        o.visits = 200
        o.seed = seed
        let c = CaseGenerator.generate(o)
        let ix = PlanningIndex(c)
        var cm = CompactModel(ix)
        cm.setObjective(.slots(.normal))
        let f = GreedyFill(ix).fill(assignments: ix.locked, onCall: [])
        let start = cm.point(assignments: f.assignments, onCall: f.onCall)
        return Week(cm: cm, start: start, pairs: (Array(cm.x.values) + Array(cm.y.values)).sorted())
    }

    @Test func aGainKeepsEveryRowAndFreesFewerPairs() throws {
        var gains = 0
        for seed in UInt64(1)...4 {
            let w = Self.week(seed: seed)
            #expect(w.cm.model.maxViolation(w.start) < 1e-6)
            let before = w.cm.value(of: w.level, at: w.start)
            let search = WindowSearch(cm: w.cm, solver: GLPKSolver(), work: WorkLimits())
            let r = search.rins(
                freeing: w.pairs, level: w.level, at: w.start, above: before, nodes: 600, control: SolveControl())
            // The LP of the whole week differs from the greedy schedule somewhere, and not everywhere.
            #expect(r.freed > 0 && r.freed < w.pairs.count)
            if let p = r.point {
                gains += 1
                #expect(w.cm.model.maxViolation(p) < 1e-6)
                #expect(w.cm.value(of: w.level, at: p) > before)
                // The same input gives the same schedule.
                let again = search.rins(
                    freeing: w.pairs, level: w.level, at: w.start, above: before, nodes: 600, control: SolveControl())
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
        let out = search.rins(freeing: w.pairs, level: w.level, at: best, above: value, nodes: 600, control: SolveControl())
        #expect(out.point == nil)
    }

    /// A cancelled solve stops before any MIP: no point.
    @Test func aCancelledSolveFindsNothing() {
        let w = Self.week(seed: 1)
        let token = CancellationToken()
        token.cancel()
        let search = WindowSearch(cm: w.cm, solver: GLPKSolver(), work: WorkLimits())
        let out = search.rins(
            freeing: w.pairs, level: w.level, at: w.start, above: w.cm.value(of: w.level, at: w.start), nodes: 600,
            control: SolveControl(token: token))
        #expect(out.point == nil)
    }
}
