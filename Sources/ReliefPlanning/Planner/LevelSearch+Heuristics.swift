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

    /// The lift and GLPK around the families at the minimum, again while they raise the level
    /// (at most `liftRounds` times).
    func raiseTheLeast() {
        guard level.maxMin != nil else { return }
        for _ in 0..<work.liftRounds {
            let before = value
            lift()
            liftWindow()
            if value == before || value >= bound || control.shouldStop { break }
        }
    }

    /// GLPK around the families at a max-min level's minimum: their open visits, the
    /// sitters who may take them with what those sitters hold around those hours, then the
    /// other sitters who may take what they hold (two rings, at most `windowColumns` pairs),
    /// everything else held. Where the lift's one move is not enough (the sitter's visit must
    /// go to someone who must give up one of theirs), one MIP finds the chain.
    func liftWindow() {
        guard let mm = level.maxMin, value < bound, !control.shouldStop else { return }
        let sol = CompactSolution(cm, point)
        let n = mm.numerators(sol.assignments)
        let share = mm.groups.indices.map { n[$0] / max(1, mm.groups[$0].weight) }
        var holders = [Int](repeating: 0, count: index.theCase.visits.count)
        for p in sol.assignments { holders[p.item] += 1 }
        let open = index.theCase.visits.indices.filter { v in
            let g = mm.visitGroup[v]
            return g >= 0 && share[g] == value && holders[v] < index.theCase.visits[v].sitters
        }
        guard !open.isEmpty else { return }
        let reach = 3 * 3600 + Int64(index.rules.maxTravel) * 60
        func around(_ v: Int, _ u: Int) -> Bool {
            let (a, b) = (index.rules.visitSpan[v], index.rules.visitSpan[u])
            return b.start.seconds < a.end.seconds + reach && a.start.seconds < b.end.seconds + reach
        }
        var free = Set<Int>()
        var ring2: [Int] = []
        // Ring 1: the whole week of each sitter who may take an open visit (day and week
        // limits reach past the visit's hours); ring 2: around what they hold, whoever may take it.
        for v in open {
            for s in index.visitEligible[v] {
                for u in index.sitterVisits[s] {
                    if let j = cm.x[.init(s, u)] { free.insert(j) }
                    if u != v && sol.assignments.contains(.init(s, u)) && around(v, u) { ring2.append(u) }
                }
            }
        }
        for u in ring2 where free.count < work.windowColumns {
            for s2 in index.visitEligible[u] {
                for w in index.sitterVisits[s2] where w == u || around(u, w) || index.visitDay[w] == index.visitDay[u] {
                    if let j = cm.x[.init(s2, w)] { free.insert(j) }
                }
            }
        }
        let freed = Array(free.sorted().prefix(2 * work.windowColumns))
        let before = value
        if let p = theWindowSearch().optimise(
            freeing: freed, level: level, at: point, above: value, nodes: work.supportNodesConverged, control: control)
        {
            adopt(p)
        }
        if value > before || options.verbose {
            say("  \(name): around the families at the minimum: \(freed.count) pairs, \(before) -> \(value)")
        }
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
