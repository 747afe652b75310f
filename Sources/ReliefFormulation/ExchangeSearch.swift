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

    struct Item: Hashable {
        let isVisit: Bool
        let id: Int
    }

    final class State {
        let ix: PlanningIndex
        var visits: [Set<Int>]
        var shifts: [Set<Int>]
        var onVisit: [Set<Int>]
        var onShift: [Set<Int>]
        init(_ ix: PlanningIndex, _ asg: Set<PlanningIndex.Pair>, _ oc: Set<PlanningIndex.Pair>) {
            self.ix = ix
            let c = ix.theCase
            visits = Array(repeating: [], count: c.sitters.count)
            shifts = Array(repeating: [], count: c.sitters.count)
            onVisit = Array(repeating: [], count: c.visits.count)
            onShift = Array(repeating: [], count: c.onCallShifts.count)
            for p in asg { add(p.sitter, Item(isVisit: true, id: p.item)) }
            for p in oc { add(p.sitter, Item(isVisit: false, id: p.item)) }
        }
        func add(_ s: Int, _ it: Item) {
            if it.isVisit {
                visits[s].insert(it.id)
                onVisit[it.id].insert(s)
            } else {
                shifts[s].insert(it.id)
                onShift[it.id].insert(s)
            }
        }
        func remove(_ s: Int, _ it: Item) {
            if it.isVisit {
                visits[s].remove(it.id)
                onVisit[it.id].remove(s)
            } else {
                shifts[s].remove(it.id)
                onShift[it.id].remove(s)
            }
        }
        func span(_ it: Item) -> TimeSpan {
            it.isVisit ? ix.theCase.visits[it.id].span : ix.theCase.onCallShifts[it.id].span
        }
        /// The sitter's items that stand in the way of `it` by overlap or travel.
        func conflicts(_ s: Int, _ it: Item) -> [Item] {
            let sp = span(it)
            var out: [Item] = []
            for v in visits[s].sorted() {
                let clash = it.isVisit ? ix.visitsConflict(v, it.id) : ix.theCase.visits[v].span.overlaps(sp)
                if clash { out.append(Item(isVisit: true, id: v)) }
            }
            for o in shifts[s].sorted() where ix.theCase.onCallShifts[o].span.overlaps(sp) {
                out.append(Item(isVisit: false, id: o))
            }
            return out
        }
        /// True when `s` may take `it` now (rules of one sitter; eligibility is the caller's).
        func fits(_ s: Int, _ it: Item) -> Bool {
            if !conflicts(s, it).isEmpty { return false }
            if it.isVisit {
                let m = ix.visitMinutes[it.id]
                let week = visits[s].reduce(0) { $0 + ix.visitMinutes[$1] }
                if week + m > ix.maxWeek(s) { return false }
                let d = ix.visitDay[it.id]
                let day = visits[s].filter { ix.visitDay[$0] == d }.reduce(0) { $0 + ix.visitMinutes[$1] }
                if day + m > ix.maxDay(s) { return false }
            } else if let m = ix.maxShifts(s), shifts[s].count >= m {
                return false
            }
            return true
        }
    }

    /// Tries to fill open positions of level `k` (0 on-call, 1-3 visit priorities).
    public func improve(
        assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>, level k: Int, deadline: Date
    ) -> (assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) {
        let ix = index
        let c = ix.theCase
        let st = State(ix, assignments, onCall)
        func eligible(_ it: Item) -> [Int] { it.isVisit ? ix.visitEligible[it.id] : ix.shiftEligible[it.id] }
        func isOn(_ s: Int, _ it: Item) -> Bool {
            it.isVisit ? st.onVisit[it.id].contains(s) : st.onShift[it.id].contains(s)
        }
        func movable(_ s: Int, _ it: Item) -> Bool {
            guard it.isVisit else { return true }
            // Locked assignments stay; visits with trainees keep their mentors.
            if ix.locked.contains(.init(s, it.id)) { return false }
            return !st.onVisit[it.id].contains(where: ix.isTrainee)
        }
        /// May `s` join visit/shift `it` as far as the trainee rule goes?
        func traineeOK(_ s: Int, _ it: Item) -> Bool {
            guard it.isVisit, ix.isTrainee(s) else { return true }
            return st.onVisit[it.id].contains { !ix.isTrainee($0) }
        }
        let targets: [Item] =
            k == 0
            ? c.onCallShifts.indices.map { Item(isVisit: false, id: $0) }
            : c.visits.indices.filter { c.visits[$0].priority == [Priority.urgent, .high, .normal][k - 1] }
                .map { Item(isVisit: true, id: $0) }
        func open(_ it: Item) -> Bool {
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
                    let tries: [Item]
                    if blocking.count == 1 {
                        tries = blocking
                    } else if blocking.isEmpty {
                        tries =
                            target.isVisit
                            ? st.visits[s].sorted().map { Item(isVisit: true, id: $0) }
                            : st.shifts[s].sorted().map { Item(isVisit: false, id: $0) }
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
                    let mine = st.visits[s].sorted().map { Item(isVisit: true, id: $0) }
                        .filter { c.visits[$0.id].priority == c.visits[targets[0].id].priority && movable(s, $0) }
                    for w in mine {
                        st.remove(s, w)
                        var added: [Item] = []
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
