import Foundation
import ReliefCore

/// A small local search for the positions a level leaves open: give the open
/// position to a sitter after moving the one assignment that blocks them to
/// another sitter (an augmenting path of length two). Every move keeps every
/// assignment already made, so no level drops; locked assignments and visits
/// with trainees on them are never moved.
public struct ExchangeSearch: Sendable {
    public let index: PlanningIndex

    public init(_ index: PlanningIndex) { self.index = index }

    /// Tries to fill open positions of level `k` (0 on-call, 1-3 visit priorities).
    public func improve(
        assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>, level k: Int, deadline: Date
    ) -> (assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) {
        let ix = index
        let c = ix.theCase
        let st = SitterWeeks(ix, assignments, onCall)
        func eligible(_ it: SitterWeeks.Item) -> [Int] {
            it.isVisit ? ix.visitEligible[it.id] : ix.shiftEligible[it.id]
        }
        func isOn(_ s: Int, _ it: SitterWeeks.Item) -> Bool {
            it.isVisit ? st.onVisit[it.id].contains(s) : st.onShift[it.id].contains(s)
        }
        func movable(_ s: Int, _ it: SitterWeeks.Item) -> Bool {
            guard it.isVisit else { return true }
            // Locked assignments stay; visits with trainees keep their mentors.
            if ix.locked.contains(.init(s, it.id)) { return false }
            return !st.onVisit[it.id].contains(where: ix.isTrainee)
        }
        /// May `s` join visit/shift `it` as far as the trainee rule goes?
        func traineeOK(_ s: Int, _ it: SitterWeeks.Item) -> Bool {
            guard it.isVisit, ix.isTrainee(s) else { return true }
            return st.onVisit[it.id].contains { !ix.isTrainee($0) }
        }
        let targets: [SitterWeeks.Item] =
            k == 0
            ? c.onCallShifts.indices.map { SitterWeeks.Item(isVisit: false, id: $0) }
            : c.visits.indices.filter { c.visits[$0].priority == [Priority.urgent, .high, .normal][k - 1] }
                .map { SitterWeeks.Item(isVisit: true, id: $0) }
        func open(_ it: SitterWeeks.Item) -> Bool {
            it.isVisit
                ? st.onVisit[it.id].count < c.visits[it.id].sitters
                : st.onShift[it.id].count < c.onCallShifts[it.id].staff
        }
        var improved = true
        var passes = 0
        while improved && passes < 5 && Date() < deadline {
            improved = false
            passes += 1
            for target in targets where open(target) {
                if Date() >= deadline { break }
                candidates: for s in eligible(target) where !isOn(s, target) && !ix.isTrainee(s) && traineeOK(s, target)
                {
                    if st.fits(s, target) {
                        st.add(s, target)
                        improved = true
                        break candidates
                    }
                    // What to move away: the one conflicting item, or (limits) any one item.
                    let blocking = st.conflicts(s, target)
                    let tries: [SitterWeeks.Item]
                    if blocking.count == 1 {
                        tries = blocking
                    } else if blocking.isEmpty {
                        tries =
                            target.isVisit
                            ? st.visits[s].sorted().map { SitterWeeks.Item(isVisit: true, id: $0) }
                            : st.shifts[s].sorted().map { SitterWeeks.Item(isVisit: false, id: $0) }
                    } else {
                        continue
                    }
                    for w in tries where movable(s, w) {
                        st.remove(s, w)
                        if st.fits(s, target),
                            let other = eligible(w).first(where: { o in
                                o != s && !isOn(o, w) && !ix.isTrainee(o) && st.fits(o, w)
                            })
                        {
                            st.add(other, w)
                            st.add(s, target)
                            improved = true
                            break candidates
                        }
                        st.add(s, w)
                    }
                }
            }
        }
        // One out, two in: a sitter at a limit gives up one visit of this level for
        // two open ones (shorter visits count as many positions as long ones).
        if k > 0 {
            improved = true
            passes = 0
            while improved && passes < 3 && Date() < deadline {
                improved = false
                passes += 1
                let openTargets = targets.filter(open).sorted { ix.visitMinutes[$0.id] < ix.visitMinutes[$1.id] }
                if openTargets.isEmpty { break }
                for s in c.sitters.indices where !ix.isTrainee(s) {
                    if Date() >= deadline { break }
                    let mine = st.visits[s].sorted().map { SitterWeeks.Item(isVisit: true, id: $0) }
                        .filter { c.visits[$0.id].priority == c.visits[targets[0].id].priority && movable(s, $0) }
                    for w in mine {
                        st.remove(s, w)
                        var added: [SitterWeeks.Item] = []
                        for t in openTargets
                        where t != w && open(t) && !isOn(s, t) && ix.visitEligible[t.id].contains(s) {
                            if st.fits(s, t) {
                                st.add(s, t)
                                added.append(t)
                            }
                        }
                        if added.count >= 2 {
                            improved = true
                            break
                        }
                        for t in added { st.remove(s, t) }
                        st.add(s, w)
                    }
                }
            }
        }
        var asg = Set<PlanningIndex.Pair>()
        var oc = Set<PlanningIndex.Pair>()
        for s in c.sitters.indices {
            for v in st.visits[s] { asg.insert(.init(s, v)) }
            for o in st.shifts[s] { oc.insert(.init(s, o)) }
        }
        return (asg, oc)
    }
}
