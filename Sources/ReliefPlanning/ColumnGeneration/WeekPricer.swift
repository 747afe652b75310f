import ReliefCore

/// Pricing of the column bound: the best weeks of one sitter under item values,
/// a longest path over the sitter's items in time order with day and week
/// minutes and the shift limit as resources and Pareto labels per item;
/// required items (locks) on every path. Pairwise rules come from `WeekRules`.
struct WeekPricer: Sendable {
    let index: PlanningIndex
    /// Items of each sitter in time order (visits before shifts at one start, then by id).
    let items: [[Entry]]
    /// True when checking each item against the previous one (and the last visit)
    /// is enough for every pairwise rule; otherwise pricing is a relaxation (the
    /// bound stays valid) and every column is checked in full before use.
    let chainExact: Bool
    /// Per sitter: whether the day limit, and the week limit, can bind at all:
    /// items that do not overlap fit between the first start and the last end,
    /// so a span within the limit means the limit never binds.
    let dayBinds: [Bool]
    let weekBinds: [Bool]
    /// A run of the sitter's touching shifts can pass `maxConsecutiveShifts`.
    let runBinds: [Bool]
    /// The sitter's weekly rest in minutes where it can bind (`WeekRules.restBlocks`), else nil.
    let restBinds: [Int?]

    struct Entry: Sendable {
        let item: WeekRules.Item
        let start: Instant
        let end: Instant
        let day: Int
        let minutes: Int
        let required: Bool
        var isVisit: Bool { item.isVisit }
        var id: Int { item.index }
    }

    /// Labels per item when pricing exactly, and in cheap rounds.
    static let maxLabelsPerNode = 1000
    static let heuristicLabels = 6
    /// Columns a sitter may add per round.
    static let keepPerSitter = 3

    init(_ ix: PlanningIndex) {
        index = ix
        let c = ix.theCase
        let rules = ix.rules
        items = c.sitters.indices.map { si in
            var list: [Entry] = ix.sitterVisits[si].map { v in
                Entry(
                    item: .visit(v), start: rules.visitSpan[v].start, end: rules.visitSpan[v].end,
                    day: rules.visitDay[v], minutes: rules.visitMinutes[v], required: ix.locked.contains(.init(si, v)))
            }
            list += ix.sitterShifts[si].map { o in
                Entry(
                    item: .shift(o), start: rules.shiftSpan[o].start, end: rules.shiftSpan[o].end, day: 0,
                    minutes: rules.shiftMinutes[o], required: false)
            }
            list.sort { a, b in
                if a.start != b.start { return a.start < b.start }
                if a.isVisit != b.isVisit { return a.isVisit }
                return a.isVisit
                    ? c.visits[a.id].id < c.visits[b.id].id : c.onCallShifts[a.id].id < c.onCallShifts[b.id].id
            }
            return list
        }
        var dayBinds: [Bool] = []
        var weekBinds: [Bool] = []
        for (si, list) in items.enumerated() {
            let lim = rules.limits[si]
            let visits = list.filter(\.isVisit)
            var span: [Int: (first: Instant, last: Instant)] = [:]
            for e in visits {
                let old = span[e.day] ?? (e.start, e.end)
                span[e.day] = (min(old.first, e.start), max(old.last, e.end))
            }
            dayBinds.append(span.values.contains { $0.first.minutes(to: $0.last) > lim.day })
            let total = visits.reduce(0) { $0 + $1.minutes }
            let whole =
                visits.isEmpty
                ? 0 : visits.map(\.start).min()!.minutes(to: visits.map(\.end).max()!)
            weekBinds.append(total > lim.week && whole > lim.week)
        }
        self.dayBinds = dayBinds
        self.weekBinds = weekBinds
        runBinds = c.sitters.indices.map { s in
            rules.limits[s].run.map { rules.longestRun(of: ix.sitterShifts[s]) > $0 } ?? false
        }
        restBinds = c.sitters.indices.map { s in
            rules.restBlocks(sitter: s, items: ix.sitterItems(s)) == nil ? nil : rules.limits[s].rest
        }
        // Triangle check: t(A,C) <= t(A,B) + shortest visit in B + t(B,C) for all territories.
        let n = ix.territoryIDs.count
        var minDur = [Int](repeating: Int.max, count: n)
        for v in c.visits.indices {
            minDur[ix.visitTerritory[v]] = min(minDur[ix.visitTerritory[v]], ix.visitMinutes[v])
        }
        var exact = true
        for a in 0..<n where exact {
            for b in 0..<n where minDur[b] != Int.max && exact {
                for cc in 0..<n where ix.travel[a][cc] > ix.travel[a][b] + minDur[b] + ix.travel[b][cc] {
                    exact = false
                    break
                }
            }
        }
        chainExact = exact
    }

    /// Full pairwise check of one sitter's visits, for when pricing is a relaxation.
    /// Overlaps with shifts are already exact: pricing checks consecutive items.
    func isFeasible(visits vs: [Int]) -> Bool {
        for i in vs.indices {
            for j in vs.indices where j > i { if index.rules.visitsConflict(vs[i], vs[j]) { return false } }
        }
        return true
    }

    struct Path {
        var value: Double
        var visits: [Int]
        var shifts: [Int]
    }

    struct Label {
        var value: Double
        var week: Int
        var dayMinutes: Int
        var shifts: Int
        var lastVisit: Int  // index into items, -1 if none
        /// Touching on-call shifts ending at this label's item (0 after a visit).
        var run = 0
        /// A stretch of the weekly rest lies before this label's item (or the rest does not bind).
        var rested = false
        var pred: Int  // label id of predecessor, -1 for source
        var node: Int
    }

    /// An upper bound on the sitter's best week: the longest path over items with
    /// positive value that do not conflict with the item before, ignoring day/week
    /// minutes, the shift limit and required items. Never below 0.
    func relaxedBest(sitter s: Int, value: [Double]) -> Double {
        let its = items[s]
        var best = [Double](repeating: 0, count: its.count)
        var overall = 0.0
        for b in its.indices where value[b] > Tolerance.positive {
            var v = value[b]
            for a in 0..<b where best[a] > 0 && !index.rules.conflict(its[a].item, its[b].item) {
                v = max(v, best[a] + value[b])
            }
            best[b] = v
            overall = max(overall, v)
        }
        return overall
    }

    /// The best weeks of sitter `s` (up to `keep`), and whether the labels were
    /// never cut (then the first path is the exact best).
    func price(
        sitter s: Int, value: [Double], keep: Int, cap: Int = WeekPricer.maxLabelsPerNode, allowInterval: Bool = true,
        forced: Int? = nil
    ) -> (
        paths: [Path], exact: Bool
    ) {
        let its = items[s]
        let rules = index.rules
        let maxShifts = rules.limits[s].shifts ?? Int.max
        let shiftsBind = its.filter { !$0.isVisit }.count > maxShifts
        if allowInterval && !weekBinds[s] && !dayBinds[s] && !shiftsBind && !runBinds[s] && restBinds[s] == nil
            && rules.maxTravel == 0
            && !its.contains(where: \.required) && forced == nil
        {
            return (intervalPaths(sitter: s, value: value, keep: keep), true)
        }
        var labels = LabelSetting(
            self, sitter: s, value: value, cap: cap, shiftsBind: shiftsBind, runBinds: runBinds[s],
            rest: restBinds[s], forced: forced)
        labels.run()
        return (labels.paths(keep: keep), !labels.truncated)
    }

    /// Pricing when only overlaps matter (no travel, no limit that can bind, no
    /// required item): a weighted interval schedule, best value ending at each
    /// item in O(n log n), exact. Returns the best weeks ending at the `keep`
    /// best items.
    func intervalPaths(sitter s: Int, value: [Double], keep: Int) -> [Path] {
        let its = items[s]
        let active = its.indices.filter { value[$0] > Tolerance.positive }
        let byEnd = active.sorted { (its[$0].end, $0) < (its[$1].end, $1) }
        var best = [Double](repeating: 0, count: its.count)
        var pred = [Int](repeating: -1, count: its.count)
        var released = 0
        var top = (value: 0.0, item: -1)
        for b in active {
            while released < byEnd.count && its[byEnd[released]].end <= its[b].start {
                let a = byEnd[released]
                if best[a] > top.value { top = (best[a], a) }
                released += 1
            }
            best[b] = value[b] + top.value
            pred[b] = top.item
        }
        let ends = active.sorted { (best[$0], -$0) > (best[$1], -$1) }.prefix(keep)
        var out: [Path] = []
        for e in ends {
            var vs: [Int] = []
            var os: [Int] = []
            var cur = e
            while cur >= 0 {
                if its[cur].isVisit { vs.append(its[cur].id) } else { os.append(its[cur].id) }
                cur = pred[cur]
            }
            out.append(Path(value: best[e], visits: vs.sorted(), shifts: os.sorted()))
        }
        if out.isEmpty { out.append(Path(value: 0, visits: [], shifts: [])) }
        return out
    }
}
