import ReliefCore

extension WeekPricer {
    /// One exact pricing of a sitter (`price`): a longest path over the items with
    /// positive value or required, in time order, with Pareto labels per item (value,
    /// week and day minutes, shifts, the last visit); at most `cap` labels an item.
    struct LabelSetting {
        let its: [Entry]
        let rules: WeekRules
        let value: [Double]
        let cap: Int
        let maxDay: Int
        let maxWeek: Int
        let maxShifts: Int
        /// Which resources can bind (a resource that cannot plays no part in dominance).
        let weekBinds: Bool
        let dayBinds: Bool
        let shiftsBind: Bool
        /// The longest run of touching shifts (`Int.max`: none), and whether a run can pass it.
        let maxRun: Int
        let runBinds: Bool
        /// The weekly rest where it binds (nil: it plays no part), and the horizon that bounds it.
        let rest: Int?
        let horizon: TimeSpan
        /// The items that take part: positive value or required; the required ones among them.
        let active: [Int]
        let requiredPositions: [Int]
        var labels: [Label] = []
        /// The labels of each item.
        var atNode: [[Int]]
        /// An item had more than `cap` labels.
        var truncated = false

        init(
            _ pricer: WeekPricer, sitter s: Int, value: [Double], cap: Int, shiftsBind: Bool, runBinds: Bool,
            rest: Int?, forced: Int? = nil
        ) {
            // A forced item is priced as a required one (`ColumnBound.pairsRuledOut`).
            var its = pricer.items[s]
            if let f = forced {
                let e = its[f]
                its[f] = Entry(
                    item: e.item, start: e.start, end: e.end, day: e.day, minutes: e.minutes, required: true)
            }
            self.its = its
            rules = pricer.index.rules
            self.value = value
            self.cap = cap
            let lim = rules.limits[s]
            maxDay = lim.day
            maxWeek = lim.week
            maxShifts = lim.shifts ?? Int.max
            weekBinds = pricer.weekBinds[s]
            dayBinds = pricer.dayBinds[s]
            self.shiftsBind = shiftsBind
            maxRun = lim.run ?? Int.max
            self.runBinds = runBinds
            self.rest = rest
            horizon = rules.horizon
            active = (0..<its.count).filter { value[$0] > Tolerance.positive || its[$0].required }
            requiredPositions = active.filter { its[$0].required }
            atNode = [[Int]](repeating: [], count: its.count)
        }

        /// The week rules between consecutive items, and between a visit and the last visit before it.
        func compatible(_ a: Int, _ b: Int, lastVisit: Int) -> Bool {
            if rules.conflict(its[a].item, its[b].item) { return false }
            if its[b].isVisit && !its[a].isVisit && lastVisit >= 0 {
                if rules.conflict(its[lastVisit].item, its[b].item) { return false }
            }
            return true
        }

        /// True when the stretch from `a` to `b`, clipped to the horizon, holds the weekly rest.
        func rests(from a: Instant, to b: Instant) -> Bool {
            guard let rest else { return true }
            return max(a, horizon.start).minutes(to: min(b, horizon.end)) >= rest
        }

        /// The labels of every active item, in time order.
        mutating func run() {
            for (pos, b) in active.enumerated() {
                var candidates: [Label] = []
                if let l = fromSource(b) { candidates.append(l) }
                extend(to: b, at: pos, into: &candidates)
                keepUndominated(candidates, at: b)
            }
        }

        /// The path that starts at `b` (no required item may come before it), if it keeps the limits.
        func fromSource(_ b: Int) -> Label? {
            guard requiredPositions.first.map({ $0 >= b }) ?? true else { return nil }
            let y = its[b]
            var l = Label(value: value[b], week: 0, dayMinutes: 0, shifts: 0, lastVisit: -1, pred: -1, node: b)
            l.rested = rests(from: horizon.start, to: y.start)
            if y.isVisit {
                l.week = y.minutes
                l.dayMinutes = y.minutes
                l.lastVisit = b
            } else {
                l.shifts = 1
                l.run = 1
            }
            return l.dayMinutes <= maxDay && l.week <= maxWeek && l.shifts <= maxShifts ? l : nil
        }

        /// The labels of earlier active items extended to `b` (the item at `pos` in
        /// `active`), skipping no required item.
        func extend(to b: Int, at pos: Int, into candidates: inout [Label]) {
            let y = its[b]
            var qpos = pos - 1
            while qpos >= 0 {
                let a = active[qpos]
                for lid in atNode[a] {
                    let la = labels[lid]
                    guard compatible(a, b, lastVisit: la.lastVisit) else { continue }
                    var l = la
                    l.value += value[b]
                    l.pred = lid
                    l.node = b
                    l.rested = la.rested || rests(from: its[a].end, to: y.start)
                    if y.isVisit {
                        l.week += y.minutes
                        if la.lastVisit >= 0 && its[la.lastVisit].day == y.day {
                            l.dayMinutes += y.minutes
                        } else {
                            l.dayMinutes = y.minutes
                        }
                        l.lastVisit = b
                        l.run = 0
                        if l.dayMinutes > maxDay || l.week > maxWeek { continue }
                    } else {
                        l.shifts += 1
                        l.run = !its[a].isVisit && its[a].end == y.start ? la.run + 1 : 1
                        if l.shifts > maxShifts || l.run > maxRun { continue }
                    }
                    candidates.append(l)
                }
                if its[a].required { break }  // cannot jump over a required item
                qpos -= 1
            }
        }

        /// The Pareto filter: `candidates` that no better one dominates become the labels of `b`.
        mutating func keepUndominated(_ candidates: [Label], at b: Int) {
            let candidates = candidates.sorted { $0.value > $1.value }
            var kept: [Label] = []
            // The cap holds for rested and unrested labels apart: the unrested ones are worth
            // more, and a cut that kept only them would end no week where the rest binds.
            var count = [0, 0]
            for l in candidates {
                let cls = l.rested ? 1 : 0
                if count[cls] >= cap { continue }
                let dominated = kept.contains { o in
                    o.value >= l.value - Tolerance.labelValue && (!weekBinds || o.week <= l.week)
                        && (!dayBinds || o.dayMinutes <= l.dayMinutes)
                        && (!shiftsBind || o.shifts <= l.shifts) && (!runBinds || o.run <= l.run)
                        && (o.rested || !l.rested)
                        && o.lastVisit == l.lastVisit
                }
                if !dominated {
                    kept.append(l)
                    count[cls] += 1
                }
                if count[cls] >= cap {
                    truncated = true
                    if rest == nil || count[1 - cls] >= cap { break }
                }
            }
            for l in kept {
                atNode[b].append(labels.count)
                labels.append(l)
            }
        }

        /// The best `keep` distinct weeks, ending after the last required item; the
        /// empty week first when nothing is required and no week is worth more.
        func paths(keep: Int) -> [Path] {
            let lastRequired = requiredPositions.last ?? -1
            var ends: [(Double, Int)] = []
            for (lid, l) in labels.enumerated() where l.node >= lastRequired {
                guard l.rested || rests(from: its[l.node].end, to: horizon.end) else { continue }
                ends.append((l.value, lid))
            }
            ends.sort { $0.0 > $1.0 }
            var out: [Path] = []
            var seenKeys = Set<[Int]>()
            for (v, lid) in ends {
                var vs: [Int] = []
                var os: [Int] = []
                var cur = lid
                while cur >= 0 {
                    let it = its[labels[cur].node]
                    if it.isVisit { vs.append(it.id) } else { os.append(it.id) }
                    cur = labels[cur].pred
                }
                let key = vs.sorted() + [-1] + os.sorted()
                guard seenKeys.insert(key).inserted else { continue }
                out.append(Path(value: v, visits: vs.sorted(), shifts: os.sorted()))
                if out.count >= keep { break }
            }
            if requiredPositions.isEmpty {
                // The empty week is always possible (value 0).
                if out.isEmpty || out[0].value < 0 { out.insert(Path(value: 0, visits: [], shifts: []), at: 0) }
            }
            return out
        }
    }
}
