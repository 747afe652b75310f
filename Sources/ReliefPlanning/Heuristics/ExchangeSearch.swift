import LinearProgramming
import ReliefCore

/// A small local search for the positions a level leaves open: give the open
/// position to a sitter after moving the one assignment that blocks them to
/// another sitter (an augmenting path of length two). Every move keeps every
/// assignment already made, so no level drops; locked assignments and visits
/// with trainees on them are never moved. Its work is counted in passes, so it
/// gives the same answer on any machine; the wall-clock cap only cuts it short.
public struct ExchangeSearch: Sendable {
    public typealias Item = WeekRules.Item
    public let index: PlanningIndex
    /// Passes over the open positions (moves of one blocker), then of "one out, two in".
    public var movePasses = 5
    public var swapPasses = 3

    public init(_ index: PlanningIndex) { self.index = index }

    /// Tries to fill open positions that count toward `level`. A level that is not a
    /// sum over assignments (its own rows) gives no position a worth: the schedule is returned as given.
    public func improve(
        assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>, level: PlanningLevel,
        control: SolveControl = SolveControl()
    ) -> (assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) {
        guard level.isSum else { return (assignments, onCall) }
        var run = Run(index, assignments: assignments, onCall: onCall, level: level)
        run.moves(passes: movePasses, control: control)
        run.oneOutTwoIn(passes: swapPasses, control: control)
        return run.st.pairs
    }

    /// One run of `improve`: the weeks being changed and the level's positions.
    struct Run {
        let ix: PlanningIndex
        let c: Case
        let level: PlanningLevel
        /// The positions that count toward the level: shifts, then visits.
        let targets: [Item]
        var st: SitterWeeks

        init(
            _ ix: PlanningIndex, assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>,
            level: PlanningLevel
        ) {
            self.ix = ix
            self.level = level
            let c = ix.theCase
            self.c = c
            st = SitterWeeks(ix, assignments, onCall)
            targets =
                (c.onCallShifts.indices.map { Item.shift($0) } + c.visits.indices.map { Item.visit($0) })
                .filter { level.counts(ix, $0) }
        }

        func movable(_ s: Int, _ it: Item) -> Bool {
            guard case .visit(let v) = it else { return true }
            // Locked assignments stay; visits with trainees keep their mentors.
            if ix.locked.contains(.init(s, v)) { return false }
            return !st.onVisit[v].contains(where: ix.isTrainee)
        }

        /// May `s` join `it` as far as the trainee rule goes?
        func traineeOK(_ s: Int, _ it: Item) -> Bool {
            guard case .visit(let v) = it, ix.isTrainee(s) else { return true }
            return st.onVisit[v].contains(where: ix.canSupervise)
        }

        func open(_ it: Item) -> Bool {
            switch it {
            case .visit(let v): return st.onVisit[v].count < c.visits[v].sitters
            case .shift(let o): return st.onShift[o].count < c.onCallShifts[o].staff
            }
        }

        /// Passes over the open positions, each filled directly or after moving the one
        /// assignment that blocks a sitter, until a pass fills none.
        mutating func moves(passes limit: Int, control: SolveControl) {
            var improved = true
            var passes = 0
            while improved && passes < limit && !control.shouldStop {
                improved = false
                passes += 1
                for target in targets where open(target) {
                    if control.shouldStop { break }
                    if fill(target) { improved = true }
                }
            }
        }

        /// Gives `target` to the first sitter who can take it, directly or once the
        /// one item in the way (the conflicting one, or any one at a limit) moves to
        /// another sitter. Whether it was given.
        mutating func fill(_ target: Item) -> Bool {
            for s in ix.eligible(target)
            where !st.holders(target).contains(s) && !ix.isTrainee(s) && traineeOK(s, target)
                && level.value(ix, s, target) > 0
            {
                if st.fits(s, target) {
                    st.add(s, target)
                    return true
                }
                // What to move away: the one conflicting item, or (limits) any one item.
                let blocking = st.conflicts(s, target)
                let tries: [Item]
                if blocking.count == 1 {
                    tries = blocking
                } else if blocking.isEmpty {
                    tries =
                        target.isVisit
                        ? st.visits(s).sorted().map { Item.visit($0) }
                        : st.shifts(s).sorted().map { Item.shift($0) }
                } else {
                    continue
                }
                for w in tries where movable(s, w) {
                    st.remove(s, w)
                    if st.fits(s, target),
                        let other = ix.eligible(w).first(where: { o in
                            o != s && !st.holders(w).contains(o) && !ix.isTrainee(o) && st.fits(o, w)
                        })
                    {
                        // w moved back in first: a budget they share must hold both.
                        st.add(other, w)
                        if st.withinBudget(target) {
                            st.add(s, target)
                            return true
                        }
                        st.remove(other, w)
                    }
                    st.add(s, w)
                }
            }
            return false
        }

        /// One out, two in: a sitter at a limit gives up one visit that counts for
        /// two open ones (shorter visits count as many positions as long ones).
        mutating func oneOutTwoIn(passes limit: Int, control: SolveControl) {
            var improved = true
            var passes = 0
            while improved && passes < limit && !control.shouldStop {
                improved = false
                passes += 1
                let openTargets = targets.filter { $0.isVisit && open($0) }
                    .sorted { (ix.visitMinutes[$0.index], $0) < (ix.visitMinutes[$1.index], $1) }
                if openTargets.isEmpty { break }
                for s in c.sitters.indices where !ix.isTrainee(s) {
                    if control.shouldStop { break }
                    let mine = st.visits(s).sorted().map { Item.visit($0) }
                        .filter { level.value(ix, s, $0) > 0 && movable(s, $0) }
                    for w in mine {
                        let lost = level.value(ix, s, w)
                        st.remove(s, w)
                        var added: [Item] = []
                        var gained = 0.0
                        for t in openTargets
                        where t != w && open(t) && !st.holders(t).contains(s) && ix.visitEligible[t.index].contains(s) {
                            if st.fits(s, t) {
                                st.add(s, t)
                                added.append(t)
                                gained += level.value(ix, s, t)
                            }
                        }
                        if gained > lost + Tolerance.positive {
                            improved = true
                            break
                        }
                        for t in added { st.remove(s, t) }
                        st.add(s, w)
                    }
                }
            }
        }
    }
}
