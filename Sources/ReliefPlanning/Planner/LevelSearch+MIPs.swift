import Foundation
import LinearProgramming
import ReliefCore

/// The searches of a level that solve a MIP or an LP: the LP support's neighbourhood,
/// GLPK's presolved branch-and-cut, the column bound and GLPK's branch-and-cut.
extension LevelSearch {
    /// A relaxation-induced neighbourhood: every pair the column master's LP
    /// uses and every pair of `start` free at once, every other pair held at
    /// 0; GLPK on that model. The LP's support is a small part of a large
    /// model and holds most of what a good schedule needs.
    func supportSearch(from start: [Double], support: ColumnBound.Support, to target: Int) -> [Double] {
        guard !control.shouldStop, cm.value(of: level, at: start) < target else { return start }
        let windowSearch = theWindowSearch()
        var free = Set<Int>()
        for p in support.visits { if let j = cm.x[p] { free.insert(j) } }
        for p in support.shifts { if let j = cm.y[p] { free.insert(j) } }
        for j in cm.x.values where start[j] > 0.5 { free.insert(j) }
        for j in cm.y.values where start[j] > 0.5 { free.insert(j) }
        // A larger neighbourhood is a MIP GLPK rarely improves within its nodes
        // (thousands of pairs), and the column search needs the time.
        guard free.count <= 2 * work.windowColumns else {
            if options.verbose { say("  \(name): LP support: \(free.count) pairs, too many for one MIP") }
            return start
        }
        let freed = free.sorted()
        let before = cm.value(of: level, at: start)
        let t0 = elapsed()
        let better = windowSearch.optimise(
            freeing: freed, level: level, at: start, above: before,
            // A converged root's LP is close to a schedule: worth more nodes; after a
            // root cut short, the last seconds serve the windows and the dive better.
            nodes: support.converged ? work.supportNodesConverged : work.supportNodes,
            control: control)
        if options.verbose {
            say(
                "  \(name): LP support: \(free.count) pairs free, \(before) -> \(better.map { cm.value(of: level, at: $0) } ?? before) in \(String(format: "%.2f", elapsed() - t0)) s"
            )
        }
        // Then RINS inside it: the pairs where the neighbourhood's own LP and the
        // schedule agree held, GLPK on the rest.
        var result = better ?? start
        let reached = cm.value(of: level, at: result)
        if reached < target && !control.shouldStop {
            let t1 = elapsed()
            let r = windowSearch.rins(
                freeing: freed, level: level, at: result, above: reached,
                nodes: work.supportNodesConverged, control: control)
            if let p = r.point { result = p }
            if options.verbose {
                say(
                    "  \(name): RINS in the LP support: \(r.freed) pairs free, \(reached) -> \(cm.value(of: level, at: result)) in \(String(format: "%.2f", elapsed() - t1)) s"
                )
            }
        }
        return result
    }

    /// GLPK's branch-and-cut on the whole compact model with its presolver (so
    /// without our point: the presolved model has other columns) and every cut
    /// family, within `boundCutNodes`. Its point (checked against every row) and
    /// whether GLPK proved it optimal.
    func presolvedBranchAndCut() -> (point: [Double], proven: Bool)? {
        guard !control.shouldStop else { return nil }
        var mo = MIPOptions()
        mo.nodeLimit = work.boundCutNodes
        mo.iterationBudget = work.boundCutIterations
        mo.iterationLimit = work.simplexIterations
        mo.control = control
        mo.integralObjective = true
        guard let r = try? solver.solve(cm.model, options: mo),
            r.status == .optimal || r.status == .feasible, r.values.count == point.count
        else { return nil }
        let sol = CompactSolution(cm, r.values)
        let candidate = cm.point(assignments: sol.assignments, onCall: sol.onCall)
        guard cm.model.maxViolation(candidate) < Tolerance.feasibility else { return nil }
        if options.verbose || r.status == .optimal {
            say(
                "  \(name): GLPK's presolved branch-and-cut: \(cm.value(of: level, at: candidate))\(r.status == .optimal ? " (proven)" : "") in \(r.nodes) nodes, \(String(format: "%.2f", r.seconds)) s"
            )
        }
        return (candidate, r.status == .optimal)
    }

    /// The column bound, then the column master's schedules. On a large model the
    /// column search is told to improve through ruin and recreate, the LP support and
    /// the windows, and (when the windows did not run before the root) to pause for them.
    func columnBoundAndColumns() {
        guard value < bound, let cb = columnBound else { return }
        let (say, name) = (say, name)
        guard
            let b = cb.upperBound(
                level: level, held: held,
                seed: point, cm: cm, fixing: !large, control: control,
                log: options.verbose ? { say("  \(name): \($0)") } : nil,
                // On a small model GLPK's presolved branch-and-cut already ran to its node
                // limit above: the same deterministic search told the bound finds nothing more.
                improve: large
                    ? { target, support in
                        let p = self.ruinAndRecreate(from: self.point, to: target, preferring: support)
                        return self.windows(from: self.supportSearch(from: p, support: support, to: target), to: target)
                    }
                    : nil,
                // A large model that skipped the windows: they run if the root is a long one.
                pause: large && !windowsBeforeRoot
                    ? {
                        let before = self.value
                        self.windowsThenRuin()
                        self.compactLPBound()
                        return self.value > before ? self.point : nil
                    }
                    : nil)
        else { return }
        // A root cut short gives a relaxed bound, often above the trivial one.
        let tighter = b.bound < bound
        bound = min(bound, b.bound)
        if let p = b.point { adopt(p) }
        stop = b.stoppedBy
        say(
            "  \(name): column bound \(tighter ? String(b.bound) : "not below \(bound)"), columns give \(value) (\(b.columns) columns, \(b.rounds) rounds; lp \(String(format: "%.2f", b.lpSeconds)) s, pricing \(String(format: "%.2f", b.pricingSeconds)) s)"
        )
    }

    /// The compact model's LP relaxation as the level's bound, for a column root that has not
    /// converged after `pauseRootRounds` rounds (it may not within the level's time, and then
    /// leaves only the trivial bound: 526 for 406 normal positions on an M week, where this LP
    /// gives 434 in 3 s). A sum level only, whose value is the model's objective.
    func compactLPBound() {
        guard level.isPairSum, value < bound, !control.shouldStop,
            let lp = try? solver.linearPrograms.program(cm.model)
        else { return }
        let t0 = elapsed()
        lp.prepareColdStart()
        guard case .optimal = lp.simplex(iterationLimit: work.simplexIterations, control: control) else { return }
        let b = ColumnBound.integral(lp.lpObjective)
        guard b < bound else { return }
        bound = max(value, b)
        say("  \(name): the compact model's LP bounds it by \(bound) (\(String(format: "%.2f", elapsed() - t0)) s)")
    }

    /// GLPK's branch-and-cut on the compact model, from the current point, stopping
    /// as soon as it meets the bound. GLPK's word counts only for a point that keeps
    /// every row of our model.
    func branchAndCut() throws {
        guard value < bound && !control.shouldStop else { return }
        let (say, name) = (say, name)
        var mo = MIPOptions()
        mo.nodeLimit = work.branchAndCutNodes
        mo.iterationBudget = work.lastCutIterations
        mo.iterationLimit = work.simplexIterations
        mo.control = control
        mo.incumbent = point
        mo.integralObjective = true
        if bound != Int.max { mo.knownBound = Double(bound) }
        mo.progress = { p in
            say(
                "  \(name): GLPK \(String(format: "%.1f", p.seconds)) s, incumbent \(p.incumbent.map { String(Int($0.rounded())) } ?? "-"), bound \(p.bound.map { String(format: "%.1f", $0) } ?? "-"), gap \(p.gap.map { String(format: "%.1f %%", $0 * 100) } ?? "-")"
            )
        }
        let r = try solver.solve(cm.model, options: mo)
        var accepted = false
        if r.status == .optimal || r.status == .feasible, r.values.count == point.count {
            let sol = CompactSolution(cm, r.values)
            let candidate = cm.point(assignments: sol.assignments, onCall: sol.onCall)
            if cm.model.maxViolation(candidate) < Tolerance.feasibility {
                accepted = true
                adopt(candidate)
            } else {
                say("  \(name): GLPK's point rejected (\(cm.model.worstViolation(candidate).0))")
            }
        }
        if r.status == .optimal && accepted {
            bound = min(bound, value)
        } else if accepted {
            bound = min(bound, ColumnBound.integral(r.bound))
        }
        if r.status != .optimal { stop = r.stoppedBy ?? stop }
        if options.verbose { say("  \(name): GLPK \(r.nodes) nodes, \(r.iterations) simplex iterations") }
        say("  \(name): GLPK \(r.status.rawValue), \(value) found in \(String(format: "%.2f", r.seconds)) s")
    }
}
