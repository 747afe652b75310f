import Foundation
import LinearProgramming
import ReliefCore

/// Where the column bound stays above the best schedule: what the root's duals say of
/// every schedule worth the target (the best value plus one). Its value is the LP's,
/// less each row's slack times the row's dual, less each sitter's shortfall from their
/// best reduced cost; so each of these is at most the gap, `LP + Σ best reduced costs -
/// target`. Where the LP equals the target the gap is (nearly) 0: a pair whose best week
/// falls short by more (reduced-cost fixing) is not used, and a visit, shift or held
/// level whose dual is above it is at its limit. GLPK's branch-and-cut on the compact
/// model with those fixings, asked for the target, either finds a schedule worth it or
/// proves there is none: exact either way, since every schedule worth the target keeps
/// them. On S scarce seed 2 the column LP is 78.0 where 77 is the optimum (docs/performance.md).
extension ColumnBound {
    /// The outcome of `proveTarget`: the level's bound (`target - 1` when no schedule
    /// reaches the target, the optimum when GLPK proves one that does) and that schedule.
    struct TargetProof {
        var bound: Int
        var point: [Double]?
    }

    /// Where the search left `bound` above `best`: the master's generation again until
    /// it converges (the dive's columns in it), then `proveTarget` for one more than the
    /// best value. Lowers `bound`, raises `best`.
    func closeGap(
        level: PlanningLevel, held: [(level: PlanningLevel, value: Int)], run: inout Generation, bound: inout Int,
        best: Best, cm: CompactModel, control: SolveControl, log: ((String) -> Void)?
    ) {
        guard level.maxMin == nil else { return }
        // Every column free again, as at the root: the restricted master's MIP held the weeks
        // pricing could not check, and the elastic columns, at 0; the bound counts them.
        for j in run.master.columns.indices { run.master.setBounds(j, lower: 0, upper: .infinity) }
        run.stop = nil
        run.generate(skip: [], proving: true, stopAt: Double(best.value))
        let proven = Self.integral(run.bestBound)
        if proven != Int.max { bound = min(bound, max(best.value, proven)) }
        guard run.stop == nil && best.value < bound,
            let f = proveTarget(
                level: level, held: held, master: run.master, target: best.value + 1, cm: cm, control: control,
                log: log)
        else { return }
        if let p = f.point { (best.value, best.point) = (cm.value(of: level, at: p), p) }
        bound = min(bound, max(f.bound, best.value))
    }

    /// The master's duals' fixings, then GLPK for `target` within `WorkLimits.targetNodes`.
    /// Nil when it proves nothing and finds nothing.
    func proveTarget(
        level: PlanningLevel, held: [(level: PlanningLevel, value: Int)], master: ColumnMaster, target: Int,
        cm: CompactModel, control: SolveControl, log: ((String) -> Void)?
    ) -> TargetProof? {
        // The master's LP again (a search leaves it at its last dive step): any optimum of it will do.
        guard level.maxMin == nil, case .optimal = master.solve(dual: false, work: work, control: control),
            let f = fixings(master: master, held: held, target: target, cm: cm)
        else { return nil }
        // A lock ruled out: no schedule worth the target at all.
        if f.columns.contains(where: { cm.model.columns[$0].lower > 0 }) {
            return TargetProof(bound: target - 1, point: nil)
        }
        var restricted = cm
        restricted.hold(level, atLeast: target)
        var model = restricted.model
        for j in f.columns { model.setBounds(column: j, lower: 0, upper: 0) }
        for r in f.tightRows {
            let row = model.rows[r]
            model.addRow("\(row.name)_tight", row.entries, upper: row.lower)
        }
        var mo = MIPOptions()
        mo.nodeLimit = work.targetNodes
        mo.iterationBudget = work.targetIterations
        mo.iterationLimit = work.simplexIterations
        mo.control = control
        mo.integralObjective = true
        mo.pseudoCostBranching = true
        guard let r = try? GLPKSolver().solve(model, options: mo) else { return nil }
        log?(
            "at \(target): \(f.pairs) of \(cm.x.count + cm.y.count) pairs ruled out, \(f.columns.count - f.pairs) positions and \(f.tightRows.count) levels at their limit; GLPK \(r.status.rawValue) in \(r.nodes) nodes"
        )
        if r.status == .infeasible { return TargetProof(bound: target - 1, point: nil) }
        guard r.status == .optimal || r.status == .feasible, r.values.count == cm.model.columns.count else {
            return nil
        }
        let sol = CompactSolution(cm, r.values)
        let p = cm.point(assignments: sol.assignments, onCall: sol.onCall)
        let v = cm.value(of: level, at: p)
        guard v >= target && cm.model.maxViolation(p) < Tolerance.feasibility else { return nil }
        // Every schedule worth the target is a point of this model: its optimum is the level's.
        return TargetProof(bound: r.status == .optimal ? v : Int.max, point: p)
    }

    /// What every schedule worth `target` keeps, from the master's duals: the compact
    /// columns at 0 (pairs no such schedule uses, unfilled positions of visits and shifts
    /// whose dual is above the gap), the held levels' rows at their value (dual above the
    /// gap), and how many of the columns are pairs. Nil when the LP has no duals to read.
    func fixings(master: ColumnMaster, held: [(level: PlanningLevel, value: Int)], target: Int, cm: CompactModel)
        -> (columns: [Int], tightRows: [Int], pairs: Int)?
    {
        let sitters = index.theCase.sitters.indices
        let duals = master.duals()
        let perSitter = master.level.perSitter
        let values = sitters.map { master.itemValues($0, pricer.items[$0], duals) }
        // Each sitter's best reduced cost, never below 0 (the sitter may not work at all).
        let positive = sitters.map { s -> Double in
            let (paths, exact) = pricer.price(sitter: s, value: values[s], keep: 1)
            let best =
                exact
                ? paths.map { $0.value + ($0.visits.isEmpty && $0.shifts.isEmpty ? 0 : perSitter) }.max() ?? 0
                : max(0, pricer.relaxedBest(sitter: s, value: values[s]) + min(0, perSitter))
            return max(0, best - duals.convex[s])
        }
        let gap = master.value + positive.reduce(0, +) - Double(target) + ColumnBound.fixingMargin
        guard gap.isFinite, gap < 1 else { return nil }
        var columns: [Int] = []
        for s in sitters {
            // A week of s through the item: at most its best value, less the sitter's dual.
            for (b, e) in pricer.items[s].enumerated() {
                let (paths, exact) = pricer.price(sitter: s, value: values[s], keep: 1, forced: b)
                guard exact else { continue }
                let best = (paths.first?.value ?? -.infinity) + perSitter - duals.convex[s]
                guard positive[s] - best > gap else { continue }
                if let j = e.isVisit ? cm.x[.init(s, e.id)] : cm.y[.init(s, e.id)] { columns.append(j) }
            }
        }
        let pairs = columns.count
        for (v, d) in duals.visit.enumerated() where d > gap { columns.append(cm.unfilled[v]) }
        for (o, d) in duals.shift.enumerated() where d > gap { columns.append(cm.unstaffed[o]) }
        // A held level's row (at least its value): its dual is at most 0.
        let tight = held.indices.filter { -duals.held[$0] > gap }.compactMap { j in
            cm.model.rows.firstIndex { $0.name == held[j].level.rowName }
        }
        return (columns, tight, pairs)
    }

    /// How much the gap is widened: well above the simplex's tolerances, so that rounding
    /// never fixes what a schedule worth the target could use.
    static let fixingMargin = 1e-4
}
