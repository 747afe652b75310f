import Foundation
import LinearProgramming
import ReliefCore

/// Level 5 (quality, the levels above held) and the result of the run.
extension LevelSearch {
    /// Level 5: quality with the levels above held, in the time that remains.
    func searchQuality() throws {
        let stageStart = elapsed()
        cm.setQualityObjective(options.quality)
        let before = cm.model.objective(at: point)
        // Nothing to weigh (every score 0, as on a benchmark without preferences) or no
        // work asked for (the headcount's base plan): every schedule scores the same.
        let flat = !cm.model.columns.contains { $0.objective != 0 }
        if control.shouldStop {
            stoppedBy = stoppedBy ?? control.stopReason
        } else if flat || work.qualityNodes <= 0 || options.qualityTimeLimit <= 0 {
            if flat { qualityBound = before }
        } else if options.incremental != nil && large {
            qualityAroundTheChange()
        } else {
            try solveQuality(above: before)
        }
        qualityScore = cm.model.objective(at: point)
        stageSeconds.append(elapsed() - stageStart)
        say(
            "level \(levels.count + 1) quality: \(String(format: "%.2f", qualityScore!))\(qualityBound.map { String(format: ", bound %.2f", $0) } ?? "")"
        )
    }

    /// GLPK on level 5, within `qualityNodes`; its point if it keeps every row and
    /// scores at least `before`.
    func solveQuality(above before: Double) throws {
        var mo = MIPOptions(timeLimit: options.qualityTimeLimit.isFinite ? options.qualityTimeLimit : 1e7)
        mo.nodeLimit = work.qualityNodes
        mo.iterationBudget = work.qualityIterations
        mo.iterationLimit = work.simplexIterations
        mo.control = control
        mo.relativeGap = options.qualityGap
        if large {
            mo.incumbent = point
        } else {
            // A small model: GLPK's presolver (so without our point, which is kept if
            // GLPK ends below it) and no Gomory cuts: on small weeks never a worse
            // score than without the presolver, often a better one and faster
            // (docs/performance.md).
            mo.cuts = [.mir, .cover, .clique]
        }
        var r = try solver.solve(cm.model, options: mo)
        var adopted = adoptQuality(r, above: before)
        // Budgets bind across sitters: GLPK's presolved search often finds nothing better
        // within its nodes there. Then once more from our point (measured on a week whose
        // budget binds: -98.55 stayed -98.55 without this).
        if !large && !adopted && !cm.budgets.rows.isEmpty && !control.shouldStop {
            var again = mo
            again.incumbent = point
            again.cuts = MIPOptions().cuts
            let r2 = try solver.solve(cm.model, options: again)
            adopted = adoptQuality(r2, above: before)
            if r2.bound.isFinite && (!r.bound.isFinite || r2.bound < r.bound) { r = r2 }
        }
        if r.bound.isFinite && abs(r.bound) < 1e15 { qualityBound = max(cm.model.objective(at: point), r.bound) }
        // Level 5 stops at its node limit by design; only the wall clock or a cancellation is news.
        if let why = r.stoppedBy, why != .workLimit { stoppedBy = stoppedBy ?? why }
        if options.verbose { say("  quality: \(r.nodes) nodes, \(r.iterations) simplex iterations") }
    }

    /// Takes a level-5 solve's point when it keeps every row and scores at least `before`.
    func adoptQuality(_ r: MIPResult, above before: Double) -> Bool {
        guard r.status == .optimal || r.status == .feasible, r.values.count == point.count else { return false }
        // Recompute the continuous columns from the rounded binaries so the point is exact.
        let sol = CompactSolution(cm, r.values)
        let candidate = cm.point(assignments: sol.assignments, onCall: sol.onCall)
        guard
            cm.model.maxViolation(candidate) < Tolerance.qualityFeasibility
                && cm.model.objective(at: candidate) >= before - Tolerance.positive
        else { return false }
        point = candidate
        return true
    }

    /// The schedule of the current point and what each level found.
    func result() -> PlanResult {
        let sol = CompactSolution(cm, point)
        var schedule = Planner.schedule(
            index: index, solution: sol, proven: proven.allSatisfy { $0 }, found: found, bounds: bounds,
            seconds: elapsed(), backend: solver.name, quality: qualityScore, qualityBound: qualityBound,
            stoppedBy: stoppedBy, keys: levels.map(\.key))
        if let r = repairedValues { schedule.solver.repaired = Planner.contractLevels(keys: levels.map(\.key), r) }
        var result = PlanResult(
            schedule: schedule, proven: proven, modelStats: stats, stageSeconds: stageSeconds, stoppedBy: stoppedBy,
            unheldModel: unheld)
        result.levels = levels.indices.map { (levels[$0].key, found[$0], bounds[$0]) }
        return result
    }
}
