import ReliefCore

/// What a change touched, for an incremental re-plan (`PlanOptions.incremental`): found by
/// comparing the schedule published before it with the case after it, plus the ids the
/// change named. Its neighbourhoods (`pairs(ring:)`) are the sitter-item pairs around those
/// items and sitters, each ring wider than the one before.
struct ChangeFocus {
    /// Items the change disturbed: a published holder who can no longer keep them (absent,
    /// no longer eligible, in a rule's way), items new since the schedule or needing more
    /// sitters than it left open, items the change named.
    let items: [WeekRules.Item]
    /// Sitters the change freed (a published visit or shift of theirs is gone) or named.
    let sitters: [Int]

    /// `repaired`: the published schedule as far as it still keeps every rule.
    init(index ix: PlanningIndex, previous: Schedule, around: [String], repaired: CompactSolution) {
        let c = ix.theCase
        var heldNow = [WeekRules.Item: Set<Int>]()
        for p in repaired.assignments { heldNow[.visit(p.item), default: []].insert(p.sitter) }
        for p in repaired.onCall { heldNow[.shift(p.item), default: []].insert(p.sitter) }
        var items = Set<WeekRules.Item>()
        var sitters = Set<Int>()
        // What the schedule said of each item: its holders and how many it left open.
        var before = [WeekRules.Item: (holders: [String], missing: Int)]()
        func item(_ id: String, visit: Bool) -> WeekRules.Item? {
            visit ? ix.visitIndex[id].map { .visit($0) } : ix.shiftIndex[id].map { .shift($0) }
        }
        func published(_ itemID: String, _ sitterID: String, visit: Bool) {
            guard let it = item(itemID, visit: visit) else {
                // The item is gone (cancelled): its sitter is free at those hours.
                if let s = ix.sitterIndex[sitterID] { sitters.insert(s) }
                return
            }
            before[it, default: ([], 0)].holders.append(sitterID)
        }
        for a in previous.assignments { published(a.visit, a.sitter, visit: true) }
        for a in previous.onCall { published(a.shift, a.sitter, visit: false) }
        for u in previous.unfilled {
            if let it = item(u.id, visit: true) { before[it, default: ([], 0)].missing = u.missing }
        }
        for u in previous.unstaffedShifts {
            if let it = item(u.id, visit: false) { before[it, default: ([], 0)].missing = u.missing }
        }
        let all = c.visits.indices.map { WeekRules.Item.visit($0) } + c.onCallShifts.indices.map { .shift($0) }
        for it in all {
            let now = heldNow[it] ?? []
            guard let was = before[it] else {
                items.insert(it)  // new since the schedule
                continue
            }
            let lost = was.holders.contains { id in ix.sitterIndex[id].map { !now.contains($0) } ?? true }
            if lost || ix.need(it) - now.count > was.missing { items.insert(it) }
        }
        for id in around {
            if let it = item(id, visit: true) ?? item(id, visit: false) { items.insert(it) }
            if let s = ix.sitterIndex[id] { sitters.insert(s) }
        }
        self.items = items.sorted()
        self.sitters = sitters.sorted()
    }

    /// The sitter-item columns of `cm` in ring `ring` (1...) around the change, at `point`:
    ///
    /// - every pair of a disturbed item, and of each of its candidates the items within
    ///   `reach` of it (3 h a ring, plus the longest travel; the whole week from ring 3 on,
    ///   when asked for, since day and week limits reach past the item's hours);
    /// - each freed sitter's whole week, and around each item open at `point` that they may
    ///   take, its candidates' items within `reach`;
    /// - from ring 2 on, around what those candidates hold near the disturbed items, whoever
    ///   may take it (the chain of moves a free slot needs).
    ///
    /// At most `limit` pairs, taken in that order (deterministic).
    func pairs(ring: Int, cm: CompactModel, at point: [Double], limit: Int) -> [Int] {
        let ix = cm.index
        let rules = ix.rules
        let reach: Int64 = ring >= 3 ? .max / 4 : Int64(ring * 3 * 3600 + rules.maxTravel * 60)
        func near(_ a: WeekRules.Item, _ b: WeekRules.Item) -> Bool {
            let (x, y) = (rules.span(a), rules.span(b))
            return y.start.seconds < x.end.seconds + reach && x.start.seconds < y.end.seconds + reach
        }
        var free = Set<Int>()
        var order: [Int] = []
        var full: Bool { order.count >= limit }
        func take(_ s: Int, _ it: WeekRules.Item) {
            if !full, let j = cm.columnIfAny(s, it), free.insert(j).inserted { order.append(j) }
        }
        // What the candidates hold near the items, once each: the next ring's items.
        var chain: [WeekRules.Item] = []
        var chained = Set<WeekRules.Item>()
        func around(_ it: WeekRules.Item, collect: Bool) {
            for s in ix.eligible(it) {
                if full { return }
                take(s, it)
                for u in ix.sitterItems(s) where near(it, u) {
                    take(s, u)
                    if collect, u != it, let j = cm.columnIfAny(s, u), point[j] > 0.5, chained.insert(u).inserted {
                        chain.append(u)
                    }
                }
            }
        }
        for it in items { around(it, collect: ring >= 2) }
        for s in sitters where !full {
            for u in ix.sitterItems(s) {
                take(s, u)
                let held = ix.eligible(u).filter { cm.columnIfAny($0, u).map { point[$0] > 0.5 } ?? false }.count
                if held < ix.need(u) { around(u, collect: ring >= 2) }
            }
        }
        for u in chain where !full { around(u, collect: false) }
        return order.sorted()
    }
}
