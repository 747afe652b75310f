import ReliefCore

/// What each sitter holds in a schedule being built, on the one rule kernel
/// (`WeekRules`): whether one more visit or shift still keeps every rule of a
/// sitter's week. Shared by the greedy fill, the LP-guided rounding and the
/// exchange search; eligibility is the caller's. A budget (`ProgramBudgets`) is
/// shared by every sitter: its served minutes are kept here as items come and go.
struct SitterWeeks {
    typealias Item = WeekRules.Item

    let ix: PlanningIndex
    private(set) var weeks: [WeekRules.Week]
    private(set) var onVisit: [Set<Int>]
    private(set) var onShift: [Set<Int>]
    let budgets: ProgramBudgets
    /// Served minutes per budget row.
    private(set) var used: [Int]

    init(_ ix: PlanningIndex, _ asg: Set<PlanningIndex.Pair>, _ oc: Set<PlanningIndex.Pair>) {
        self.ix = ix
        let c = ix.theCase
        budgets = ProgramBudgets(ix)
        used = [Int](repeating: 0, count: budgets.rows.count)
        weeks = c.sitters.indices.map { WeekRules.Week(sitter: $0) }
        onVisit = Array(repeating: [], count: c.visits.count)
        onShift = Array(repeating: [], count: c.onCallShifts.count)
        for p in asg { add(p.sitter, .visit(p.item)) }
        for p in oc { add(p.sitter, .shift(p.item)) }
    }

    func visits(_ s: Int) -> Set<Int> { weeks[s].visits }
    func shifts(_ s: Int) -> Set<Int> { weeks[s].shifts }
    func weekMinutes(_ s: Int) -> Int { weeks[s].weekMinutes }
    func holders(_ it: Item) -> Set<Int> {
        switch it {
        case .visit(let v): return onVisit[v]
        case .shift(let o): return onShift[o]
        }
    }

    mutating func add(_ s: Int, _ it: Item) {
        weeks[s].add(it, ix.rules)
        switch it {
        case .visit(let v):
            if onVisit[v].insert(s).inserted { for r in budgets.rowsOf[v] { used[r] += ix.visitMinutes[v] } }
        case .shift(let o): onShift[o].insert(s)
        }
    }

    mutating func remove(_ s: Int, _ it: Item) {
        weeks[s].remove(it, ix.rules)
        switch it {
        case .visit(let v):
            if onVisit[v].remove(s) != nil { for r in budgets.rowsOf[v] { used[r] -= ix.visitMinutes[v] } }
        case .shift(let o): onShift[o].remove(s)
        }
    }

    /// The sitter's items that stand in the way of `it` by overlap or travel.
    func conflicts(_ s: Int, _ it: Item) -> [Item] { weeks[s].conflicts(it, ix.rules) }

    /// True when `s` may take `it` now (rules of one sitter and the budgets; eligibility is the caller's).
    func fits(_ s: Int, _ it: Item) -> Bool { withinBudget(it) && weeks[s].fits(it, ix.rules) }

    /// True when one more sitter on `it` keeps every budget row.
    func withinBudget(_ it: Item) -> Bool {
        guard case .visit(let v) = it else { return true }
        return budgets.rowsOf[v].allSatisfy { used[$0] + ix.visitMinutes[v] <= budgets.rows[$0].cap }
    }

    /// The assignments held, as pairs.
    var pairs: (assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) {
        var asg = Set<PlanningIndex.Pair>()
        var oc = Set<PlanningIndex.Pair>()
        for w in weeks {
            for v in w.visits { asg.insert(.init(w.sitter, v)) }
            for o in w.shifts { oc.insert(.init(w.sitter, o)) }
        }
        return (asg, oc)
    }
}
