import LinearProgramming
import ReliefCore

/// Raises a max-min level (the fair share) one group at a time. The level
/// rises only when every group at the minimum rises, so a move is judged by
/// (the level, fewer groups at it): an open position of a group at the
/// minimum goes to an eligible sitter, who gives up what stands in the way
/// (the items that overlap it, then, for the day and week limits, the visits
/// of the groups furthest ahead), the greedy fill hands what was given up to
/// others, and the caller's `accept` (every row of its model, the levels above
/// held) decides. Deterministic: counts its moves, no clock.
struct MaxMinLift {
    let index: PlanningIndex
    let level: MaxMinLevel
    let moves: Int

    typealias Pairs = Set<PlanningIndex.Pair>

    /// (level, minus the groups at it): what a move must raise.
    func score(_ asg: Pairs) -> (Int, Int) {
        let n = level.numerators(asg)
        let shares = level.groups.indices.map { n[$0] / max(1, level.groups[$0].weight) }
        let least = shares.min() ?? 1000
        return (least, -shares.filter { $0 == least }.count)
    }

    func improve(
        assignments: Pairs, onCall: Pairs, control: SolveControl, accept: (Pairs, Pairs) -> Bool
    ) -> (assignments: Pairs, onCall: Pairs, tried: Int) {
        var asg = assignments
        var oc = onCall
        var tried = 0
        var visitsOf = [[Int]](repeating: [], count: level.groups.count)
        for (v, g) in level.visitGroup.enumerated() where g >= 0 { visitsOf[g].append(v) }
        let fill = GreedyFill(index)
        search: while tried < moves && !control.shouldStop {
            let now = score(asg)
            let n = level.numerators(asg)
            let share = level.groups.indices.map { n[$0] / max(1, level.groups[$0].weight) }
            let weeks = SitterWeeks(index, asg, oc)
            for g in level.groups.indices where share[g] == now.0 {
                for v in visitsOf[g] where weeks.holders(.visit(v)).count < index.theCase.visits[v].sitters {
                    for s in index.visitEligible[v] where !weeks.holders(.visit(v)).contains(s) {
                        tried += 1
                        if tried > moves || control.shouldStop { break search }
                        guard var w = freed(weeks, sitter: s, visit: v, numerators: n, floor: now.0) else { continue }
                        w.add(s, .visit(v))
                        let pairs = w.pairs
                        let more = fill.fill(assignments: pairs.assignments, onCall: pairs.onCall)
                        if score(more.assignments) > now && accept(more.assignments, more.onCall) {
                            asg = more.assignments
                            oc = more.onCall
                            continue search
                        }
                    }
                }
            }
            break
        }
        return (asg, oc, tried)
    }

    /// `weeks` with what keeps `s` from `v` given up: the items that overlap it or
    /// leave too little travel time, then visits of groups above `floor` while a limit
    /// is in the way (at most two). Nil when a lock, a trainee left alone or a group
    /// that would fall to `floor` stands in the way.
    func freed(_ weeks: SitterWeeks, sitter s: Int, visit v: Int, numerators: [Int], floor: Int) -> SitterWeeks? {
        let share = level.groups.indices.map { numerators[$0] / max(1, level.groups[$0].weight) }
        if index.isTrainee(s) && !weeks.holders(.visit(v)).contains(where: index.canSupervise) { return nil }
        var w = weeks
        var given: [Int] = []
        for it in w.conflicts(s, .visit(v)) {
            if case .visit(let u) = it {
                if index.locked.contains(.init(s, u)) { return nil }
                given.append(u)
            }
            w.remove(s, it)
        }
        var extra = 0
        while !w.fits(s, .visit(v)) {
            guard extra < 2 else { return nil }
            extra += 1
            let candidates = w.visits(s).filter {
                !index.locked.contains(.init(s, $0)) && level.visitGroup[$0] != level.visitGroup[v]
            }
            guard
                let u = candidates.max(by: { a, b in
                    let (ga, gb) = (level.visitGroup[a], level.visitGroup[b])
                    return (ga >= 0 ? share[ga] : Int.max, -a) < (gb >= 0 ? share[gb] : Int.max, -b)
                })
            else { return nil }
            w.remove(s, .visit(u))
            given.append(u)
        }
        // A group that gives up a visit must stay above the floor, or nothing is gained.
        var n = numerators
        for u in given where level.visitGroup[u] >= 0 { n[level.visitGroup[u]] -= level.visitCoefficient[u] }
        for u in given where level.visitGroup[u] >= 0 {
            let g = level.visitGroup[u]
            if n[g] / max(1, level.groups[g].weight) <= floor { return nil }
        }
        return w
    }
}
