import Foundation
import LinearProgramming
import ReliefCore

/// The searches of a level without a MIP of the whole model: the windows (GLPK on
/// small sub-models), ruin and recreate, the exchanges.
extension LevelSearch {
    /// The window search of this level, built on first use.
    func theWindowSearch() -> WindowSearch {
        if windowSearch == nil { windowSearch = WindowSearch(cm: cm, solver: solver, work: work) }
        return windowSearch!
    }

    /// The windows from `start` up to `target`: the best point they reach.
    func windows(from start: [Double], to target: Int) -> [Double] {
        let (say, name, verbose) = (say, name, options.verbose)
        return theWindowSearch().improve(
            level: level, start: start, bound: target, control: control,
            log: { if verbose { say("  \(name): \($0)") } })
    }

    /// The windows from the current point, adopted.
    func windows() {
        guard value < bound && !control.shouldStop else { return }
        let before = value
        adopt(windows(from: point, to: bound))
        if value > before { say("  \(name): windows give \(value)") }
    }

    /// Ruin and recreate from `start` (the current point by default; no MIP: thousands
    /// of steps a second): a better point, else `start`.
    func ruinAndRecreate(
        from start: [Double]? = nil, to target: Int? = nil, preferring support: ColumnBound.Support? = nil
    ) -> [Double] {
        let start = start ?? point
        let target = target ?? bound
        let before = cm.value(of: level, at: start)
        guard before < target && !control.shouldStop else { return start }
        let sol = CompactSolution(cm, start)
        let t0 = elapsed()
        let r = RuinRecreate(index, steps: work.ruinSteps, stall: work.ruinStall).improve(
            assignments: sol.assignments, onCall: sol.onCall, level: level,
            held: held, bound: target,
            preferred: support, control: control)
        let candidate = cm.point(assignments: r.assignments, onCall: r.onCall)
        // Checked against every row of the whole model, as every search's point.
        let ok = cm.model.maxViolation(candidate) < Tolerance.feasibility
        let after = ok ? cm.value(of: level, at: candidate) : before
        if options.verbose {
            say(
                "  \(name): ruin and recreate\(support == nil ? "" : " (LP support preferred)"): \(before) -> \(after) (\(r.steps) steps, \(r.kept) kept, \(r.gains) gains, \(String(format: "%.2f", elapsed() - t0)) s)\(ok ? "" : "; its point breaks \(cm.model.worstViolation(candidate).0)")"
            )
        }
        return ok && after > before ? candidate : start
    }

    /// Ruin and recreate from the current point, adopted.
    func ruinAndRecreateHere() {
        let before = value
        adopt(ruinAndRecreate())
        if value > before && !options.verbose { say("  \(name): ruin and recreate give \(value)") }
    }

    /// The windows, then ruin and recreate, then the windows again if that gained.
    func windowsThenRuin() {
        windows()
        let before = value
        ruinAndRecreateHere()
        if value > before { windows() }
    }

    /// The lift of a max-min level (the fair share): a group at the minimum at a time.
    /// Its point is kept when it keeps every row and the level does not fall: a move
    /// that leaves fewer groups at the minimum is progress the next searches build on.
    func lift() {
        guard let mm = level.maxMin, value < bound, !control.shouldStop else { return }
        let sol = CompactSolution(cm, point)
        let cm = cm
        let r = MaxMinLift(index: index, level: mm, moves: work.liftMoves).improve(
            assignments: sol.assignments, onCall: sol.onCall, control: control
        ) { a, o in cm.model.maxViolation(cm.point(assignments: a, onCall: o)) < Tolerance.feasibility }
        let candidate = cm.point(assignments: r.assignments, onCall: r.onCall)
        let v = cm.value(of: level, at: candidate)
        guard v >= value, cm.model.maxViolation(candidate) < Tolerance.feasibility else { return }
        let before = value
        point = candidate
        value = v
        if value > before || options.verbose { say("  \(name): lift gives \(value) (\(r.tried) moves)") }
    }

    /// Exchanges: an open position for a sitter whose one blocking assignment moves.
    func exchange() {
        guard value < bound else { return }
        let sol = CompactSolution(cm, point)
        let better = exchanges.improve(
            assignments: sol.assignments, onCall: sol.onCall, level: level, control: control)
        let before = value
        adopt(cm.point(assignments: better.assignments, onCall: better.onCall))
        if value > before { say("  \(name): exchanges give \(value)") }
    }
}
