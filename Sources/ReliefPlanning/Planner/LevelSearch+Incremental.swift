import Foundation
import LinearProgramming
import ReliefCore

/// Incremental re-planning (`PlanOptions.incremental`, the daemon's): the published schedule
/// is the incumbent. It is repaired (what still keeps every rule is kept, the fill adds what
/// it can). On a large week (more pairs than `WorkLimits.windowsFirstPairs`: M and up, where
/// the whole search takes the time limit) each level, in the lexicographic order, is then
/// optimised by GLPK in neighbourhoods around the change (`ChangeFocus.pairs`), everything
/// else held, each ring wider than the one before; a small week gets the whole search from
/// the repaired schedule (under a second on the bundled week, and it proves). Every level starts from the point the levels above left and is
/// held at what it found, so no level ends below the repaired schedule's in that order.
/// Counted work (`WorkLimits.incrementalRings`, `incrementalPairs`, `incrementalNodes`); the
/// wall clock only cuts it short.
extension LevelSearch {
    /// The published schedule repaired, as the starting point, and what the change touched.
    /// When the repaired point breaks a row of the model (it should not), the usual start.
    func repairedStart(_ inc: Incremental) throws {
        let (asg, oc) = repaired(inc.previous)
        let p = cm.point(assignments: asg, onCall: oc)
        guard cm.model.maxViolation(p) < Tolerance.feasibility else {
            say("incremental: the repaired schedule breaks a rule; planning from the locks")
            try startingPoint()
            return
        }
        point = filled(p)
        let f = ChangeFocus(
            index: index, previous: inc.previous, around: inc.around, repaired: CompactSolution(cm, point))
        repairedValues = levels.map { cm.value(of: $0, at: point) }
        rings = (1...max(1, work.incrementalRings)).map {
            f.pairs(ring: $0, cm: cm, at: point, limit: work.incrementalPairs * $0)
        }
        say(
            "incremental: \(asg.count + oc.count) published assignments kept of \(inc.previous.assignments.count + inc.previous.onCall.count); around \(f.items.count) items and \(f.sitters.count) sitters"
        )
    }

    /// The locks, then the published assignments in time order (on-call first) while they
    /// keep every rule of their sitter's week and the item's need; a trainee left without a
    /// supervisor on a visit leaves it too.
    func repaired(_ previous: Schedule) -> (Set<PlanningIndex.Pair>, Set<PlanningIndex.Pair>) {
        let c = index.theCase
        var weeks = SitterWeeks(index, index.locked, [])
        let shifts = previous.onCall.compactMap { a in
            index.sitterIndex[a.sitter].flatMap { s in index.shiftIndex[a.shift].map { (s, WeekRules.Item.shift($0)) } }
        }
        let visits = previous.assignments.compactMap { a in
            index.sitterIndex[a.sitter].flatMap { s in index.visitIndex[a.visit].map { (s, WeekRules.Item.visit($0)) } }
        }
        // On-call first, then in time order.
        func key(_ p: (Int, WeekRules.Item)) -> (Int, Instant, WeekRules.Item, Int) {
            (p.1.isVisit ? 1 : 0, index.rules.span(p.1).start, p.1, p.0)
        }
        for (s, it) in (shifts + visits).sorted(by: { key($0) < key($1) }) where cm.columnIfAny(s, it) != nil {
            let on = weeks.holders(it)
            if on.count < index.need(it) && !on.contains(s) && weeks.fits(s, it) { weeks.add(s, it) }
        }
        for v in c.visits.indices {
            let on = weeks.holders(.visit(v))
            guard !on.contains(where: index.canSupervise) else { continue }
            for s in on where index.isTrainee(s) && !index.locked.contains(.init(s, v)) { weeks.remove(s, .visit(v)) }
        }
        return weeks.pairs
    }

    /// The level's searches in an incremental re-plan: GLPK in each ring around the change
    /// while the level may rise there.
    func aroundTheChange() {
        guard rings.contains(where: { !$0.isEmpty }) else { return }
        let ws = theWindowSearch()
        for (r, pairs) in rings.enumerated() where !pairs.isEmpty {
            let ring = r + 1
            guard value < bound, !control.shouldStop else { return }
            if let open = ws.improvable(level, at: point),
                !pairs.contains(where: { ws.itemOfColumn[$0].map(open.contains) ?? false })
            {
                continue
            }
            let before = value
            let t0 = elapsed()
            if let better = ws.optimise(
                freeing: pairs, level: level, at: point, above: value, nodes: work.incrementalNodes,
                iterations: work.incrementalIterations, control: control)
            {
                adopt(better)
            }
            if value > before || options.verbose {
                say(
                    "  \(name): around the change, ring \(ring): \(pairs.count) pairs, \(before) -> \(value) in \(String(format: "%.2f", elapsed() - t0)) s"
                )
            }
        }
    }

    /// Level 5 in an incremental re-plan: quality in the first ring around the change, the
    /// levels above held.
    func qualityAroundTheChange() {
        guard let pairs = rings.first, !pairs.isEmpty, !control.shouldStop else { return }
        let ws = theWindowSearch()
        let t0 = elapsed()
        let before = cm.model.objective(at: point)
        let model = cm.model
        let better = ws.optimise(
            freeing: pairs, at: point, nodes: work.incrementalNodes, integral: false,
            iterations: work.incrementalIterations, control: control
        ) {
            model.maxViolation($0) < Tolerance.qualityFeasibility
                && model.objective(at: $0) > before + Tolerance.positive
        }
        if let better { point = better }
        if options.verbose {
            say(
                "  quality: around the change, ring 1: \(pairs.count) pairs, \(String(format: "%.2f", before)) -> \(String(format: "%.2f", cm.model.objective(at: point))) in \(String(format: "%.2f", elapsed() - t0)) s"
            )
        }
    }
}
