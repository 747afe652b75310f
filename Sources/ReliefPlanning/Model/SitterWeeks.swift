import ReliefCore

/// What each sitter holds in a schedule being built, on the one rule kernel
/// (`WeekRules`): whether one more visit or shift still keeps every rule of a
/// sitter's week. Shared by the greedy fill, the LP-guided rounding and the
/// exchange search; eligibility is the caller's.
struct SitterWeeks {
    typealias Item = WeekRules.Item

    let ix: PlanningIndex
    private(set) var weeks: [WeekRules.Week]
    private(set) var onVisit: [Set<Int>]
    private(set) var onShift: [Set<Int>]

    init(_ ix: PlanningIndex, _ asg: Set<PlanningIndex.Pair>, _ oc: Set<PlanningIndex.Pair>) {
        self.ix = ix
        let c = ix.theCase
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
        case .visit(let v): onVisit[v].insert(s)
        case .shift(let o): onShift[o].insert(s)
        }
    }

    mutating func remove(_ s: Int, _ it: Item) {
        weeks[s].remove(it, ix.rules)
        switch it {
        case .visit(let v): onVisit[v].remove(s)
        case .shift(let o): onShift[o].remove(s)
        }
    }

    /// The sitter's items that stand in the way of `it` by overlap or travel.
    func conflicts(_ s: Int, _ it: Item) -> [Item] { weeks[s].conflicts(it, ix.rules) }

    /// True when `s` may take `it` now (rules of one sitter; eligibility is the caller's).
    func fits(_ s: Int, _ it: Item) -> Bool { weeks[s].fits(it, ix.rules) }

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
