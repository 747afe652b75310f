import Foundation
import LinearProgramming
import ReliefCore

/// Schedules from the column master, once the bound is known: LP-guided
/// rounding, a dive (fix the most used column, re-generate, backtrack a
/// little), and the restricted master as a MIP. Heuristics: the proof is the
/// root bound; these only look for a schedule that meets it.
extension ColumnBound {
    /// Returns why the search stopped short of the bound, if it did.
    func search(
        level: PlanningLevel, master: ColumnMaster, run: inout Generation, bound: Int, seed: CompactSolution,
        seedValue: Int, cm: CompactModel, best: Best, control: SolveControl
    ) -> StopReason? {
        func consider(_ asg: Set<PlanningIndex.Pair>, _ oc: Set<PlanningIndex.Pair>) {
            let pt = cm.point(assignments: asg, onCall: oc)
            let val = cm.value(of: level, at: pt)
            if val > best.value, cm.model.maxViolation(pt) < Tolerance.feasibility {
                best.value = val
                best.point = pt
            }
        }
        func consider(columns chosen: [Int]) {
            var asg = Set<PlanningIndex.Pair>()
            var oc = Set<PlanningIndex.Pair>()
            for j in chosen {
                let col = master.columns[j]
                for v in col.visits { asg.insert(.init(col.sitter, v)) }
                for o in col.shifts { oc.insert(.init(col.sitter, o)) }
            }
            consider(asg, oc)
        }
        let (asg, oc) = rounding(level: level, master: master, seed: seed, control: control)
        consider(asg, oc)
        if best.value >= bound { return nil }
        var stop = dive(master: master, run: &run, bound: bound, seedValue: seedValue, best: best, control: control) {
            consider(columns: $0)
        }
        if best.value >= bound { return nil }
        if let why = control.stopReason { return why }
        // The restricted master over all generated columns. An integral LP point needs no search.
        var chosen: [Int] = []
        var integral = true
        for j in master.columns.indices where !master.columns[j].isLevel {
            let x = master.primal(j)
            if x > 1 - Tolerance.integrality { chosen.append(j) } else if x > Tolerance.integrality { integral = false }
            if x > Tolerance.integrality && !master.columns[j].feasible { integral = false }
        }
        if integral { consider(columns: chosen) }
        if best.value < bound {
            let r = master.restrictedMIP(
                nodes: work.restrictedMasterNodes, knownBound: bound, work: work, control: control)
            if let cols = r.chosen { consider(columns: cols) }
            stop = r.stop ?? stop
        }
        return best.value >= bound ? nil : stop
    }

    /// LP-guided rounding: keep the seed's assignments that do not count for the
    /// level (and the locked ones), then hand out the level's visit positions in
    /// the order of the LP's sitter-visit values; then the greedy fill and the
    /// exchanges.
    func rounding(level: PlanningLevel, master: ColumnMaster, seed: CompactSolution, control: SolveControl) -> (
        Set<PlanningIndex.Pair>, Set<PlanningIndex.Pair>
    ) {
        let c = index.theCase
        var weight: [PlanningIndex.Pair: Double] = [:]
        for (j, col) in master.columns.enumerated() {
            let x = master.primal(j)
            guard x > Tolerance.integrality else { continue }
            for v in col.visits where level.value(index, col.sitter, .visit(v)) > 0 {
                weight[.init(col.sitter, v), default: 0] += x
            }
        }
        let kept = seed.assignments.filter {
            level.value(index, $0.sitter, .visit($0.item)) == 0 || index.locked.contains($0)
        }
        var weeks = SitterWeeks(index, kept, seed.onCall)
        for (pair, _) in weight.sorted(by: {
            ($0.value, -$0.key.sitter, -$0.key.item) > ($1.value, -$1.key.sitter, -$1.key.item)
        }) {
            let (v, s) = (pair.item, pair.sitter)
            guard weeks.onVisit[v].count < c.visits[v].sitters, !weeks.onVisit[v].contains(s) else { continue }
            if index.isTrainee(s) && !weeks.onVisit[v].contains(where: index.canSupervise) { continue }
            guard weeks.fits(s, .visit(v)) else { continue }
            weeks.add(s, .visit(v))
        }
        let pairs = weeks.pairs
        let filled = GreedyFill(index).fill(assignments: pairs.assignments, onCall: pairs.onCall)
        return ExchangeSearch(index).improve(
            assignments: filled.assignments, onCall: filled.onCall, level: level, control: control)
    }
}
