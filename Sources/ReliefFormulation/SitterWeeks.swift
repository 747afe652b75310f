import ReliefCore

/// What each sitter holds in a schedule being built, and whether one more
/// visit or shift still keeps every rule of one sitter's week (overlaps, travel,
/// day and week minutes, the shift limit). Shared by the greedy fill and the
/// exchange search; eligibility is the caller's.
final class SitterWeeks {
    struct Item: Hashable {
        let isVisit: Bool
        let id: Int
    }

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
