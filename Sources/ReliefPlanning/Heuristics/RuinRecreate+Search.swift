import LinearProgramming
import ReliefCore

extension RuinRecreate {
    /// One run of `improve`: the items of the case by one number (visits 0..<V, then
    /// shifts) with what the steps read of them, and the schedule being changed. Its
    /// methods are the parts of a step: the choice, the ruin, the recreate, the undo.
    struct Search {
        let ix: PlanningIndex
        /// The levels held, then the level raised (at `k`).
        let levels: [PlanningLevel]
        /// What each held level must keep.
        let floor: [Double]
        let k: Int
        /// Visits, and items in all.
        let nv: Int
        let n: Int
        let span: [TimeSpan]
        let need: [Int]
        /// Who may take each item here: no trainee (see `RuinRecreate`).
        let takers: [[Int]]
        let hasTrainee: [Bool]
        /// Each item's rank: the first level it counts for (nil: none; never given back).
        let rank: [Int?]
        /// Each sitter's items, in week order, and their starts (to find the items of a stretch by bisection).
        let itemsOf: [[Int]]
        let startsOf: [[Int64]]
        let longest: Int64
        /// Pairs the column master's LP uses (when given): four times as likely in the recreate.
        let liked: Set<Pair>
        /// Items through which the level may rise.
        let targets: [Int]

        var st: SitterWeeks
        var rng: SplitMix64
        /// Each level's total at the current schedule.
        var total: [Double]
        /// The changes of the current step, to undo it.
        var log: [(add: Bool, s: Int, i: Int)] = []
        /// The step's sitters, and the items it frees (`listed`: among them).
        var chosen: [Int] = []
        var freed: [Int] = []
        var listed: [Bool]

        /// The stretches of time around a target, in minutes either side.
        static let reach = [60, 120, 240, 480, 1440]

        init(
            _ ix: PlanningIndex, assignments: Set<Pair>, onCall: Set<Pair>, level: PlanningLevel,
            held: [(level: PlanningLevel, value: Int)], preferred: ColumnBound.Support?, seed: UInt64
        ) {
            self.ix = ix
            let c = ix.theCase
            let levels = held.map(\.level) + [level]
            self.levels = levels
            floor = held.map { Double($0.value) - Tolerance.integrality }
            k = levels.count - 1
            st = SitterWeeks(ix, assignments, onCall)
            rng = SplitMix64(seed: seed)
            let nv = c.visits.count
            let n = nv + c.onCallShifts.count
            self.nv = nv
            self.n = n
            func item(_ i: Int) -> Item { Self.item(i, visits: nv) }
            let span = (0..<n).map { ix.rules.span(item($0)) }
            self.span = span
            need = c.visits.map(\.sitters) + c.onCallShifts.map(\.staff)
            let takers: [[Int]] = (0..<n).map { i in
                (i < nv ? ix.visitEligible[i] : ix.shiftEligible[i - nv]).filter { !ix.isTrainee($0) }
            }
            self.takers = takers
            let st = st
            let hasTrainee = (0..<n).map { i in i < nv && st.onVisit[i].contains(where: ix.isTrainee) }
            self.hasTrainee = hasTrainee
            rank = (0..<n).map { i in
                levels.indices.first { l in takers[i].contains { levels[l].value(ix, $0, item(i)) > 0 } }
            }
            let itemsOf: [[Int]] = c.sitters.indices.map { s in
                (ix.sitterVisits[s] + ix.sitterShifts[s].map { nv + $0 }).sorted { span[$0].start < span[$1].start }
            }
            self.itemsOf = itemsOf
            var liked = Set<Pair>()
            if let preferred {
                for p in preferred.visits { liked.insert(p) }
                for p in preferred.shifts { liked.insert(Pair(p.sitter, nv + p.item)) }
            }
            self.liked = liked
            startsOf = itemsOf.map { $0.map { span[$0].start.seconds } }
            longest = span.map { $0.end.seconds - $0.start.seconds }.max() ?? 0
            var total = [Double](repeating: 0, count: levels.count)
            for p in assignments {
                for l in levels.indices { total[l] += levels[l].value(ix, p.sitter, .visit(p.item)) }
            }
            for p in onCall { for l in levels.indices { total[l] += levels[l].value(ix, p.sitter, .shift(p.item)) } }
            self.total = total
            targets = (0..<n).filter { i in
                !hasTrainee[i] && takers[i].contains { level.value(ix, $0, item(i)) > 0 }
            }
            listed = [Bool](repeating: false, count: n)
        }

        static func item(_ i: Int, visits nv: Int) -> Item { i < nv ? .visit(i) : .shift(i - nv) }
        func item(_ i: Int) -> Item { Self.item(i, visits: nv) }
        func holders(_ i: Int) -> Set<Int> { st.holders(item(i)) }
        func open(_ i: Int) -> Bool { holders(i).count < need[i] }
        func movable(_ s: Int, _ i: Int) -> Bool { !hasTrainee[i] && !(i < nv && ix.locked.contains(Pair(s, i))) }

        /// The items of `s` that overlap `stretch`, in week order.
        func within(_ s: Int, _ stretch: TimeSpan) -> [Int] {
            let starts = startsOf[s]
            var lo = 0
            var hi = starts.count
            let from = stretch.start.seconds - longest
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] < from { lo = mid + 1 } else { hi = mid }
            }
            var out: [Int] = []
            var j = lo
            while j < starts.count && starts[j] < stretch.end.seconds {
                if span[itemsOf[s][j]].overlaps(stretch) { out.append(itemsOf[s][j]) }
                j += 1
            }
            return out
        }

        /// Gives item `i` to `s` (`add`) or takes it away, and counts it in every level's total.
        mutating func apply(_ add: Bool, _ s: Int, _ i: Int) {
            if add { st.add(s, item(i)) } else { st.remove(s, item(i)) }
            for l in levels.indices { total[l] += (add ? 1 : -1) * levels[l].value(ix, s, item(i)) }
        }

        /// Undoes the current step.
        mutating func undo() {
            for e in log.reversed() { apply(!e.add, e.s, e.i) }
            log.removeAll(keepingCapacity: true)
        }

        /// Lists item `i` among the freed ones (once; only an item that counts for a level).
        mutating func list(_ i: Int) {
            if !listed[i] && rank[i] != nil {
                listed[i] = true
                freed.append(i)
            }
        }

        /// The steps, up to `bound` on the level, `steps` in all or `stall` in a row
        /// without a gain; the best schedule met goes to `out`.
        mutating func run(to bound: Int, steps: Int, stall: Int, control: SolveControl, into out: inout Outcome) {
            var since = 0
            var best = total[k]
            var bestPairs: (assignments: Set<Pair>, onCall: Set<Pair>)?
            var openTargets: [Int] = []
            var refresh = false
            while out.steps < steps && since < stall && total[k] < Double(bound) - Tolerance.integrality {
                if out.steps % 256 == 0 && control.shouldStop { break }
                out.steps += 1
                since += 1
                // The open targets, listed again after a gain and every 64 steps (a target
                // met that is no longer open costs one step).
                if out.steps == 1 || refresh || out.steps % 64 == 0 { openTargets = targets.filter { open($0) } }
                refresh = false
                log.removeAll(keepingCapacity: true)
                guard !openTargets.isEmpty else { break }
                let t = openTargets[rng.below(openTargets.count)]
                guard open(t) else { continue }
                guard step(around: t) else {
                    undo()
                    continue
                }
                out.kept += 1
                if total[k] > best + Tolerance.integrality {
                    out.gains += 1
                    since = 0
                    best = total[k]
                    bestPairs = st.pairs
                    refresh = true
                }
            }
            if let bestPairs {
                out.assignments = bestPairs.assignments
                out.onCall = bestPairs.onCall
            }
        }

        /// One step around the open target `t`: a few sitters who could take it and a
        /// stretch of time around it, the ruin, the recreate. Whether it is kept (no
        /// level above below its floor, the level itself not lower).
        mutating func step(around t: Int) -> Bool {
            chosen = takers[t]
            for j in chosen.indices.dropLast() { chosen.swapAt(j, j + rng.below(chosen.count - j)) }
            chosen = Array(chosen.prefix(2 + rng.below(4)))
            let h = Self.reach[rng.below(Self.reach.count)]
            let stretch = TimeSpan(start: span[t].start.adding(minutes: -h), end: span[t].end.adding(minutes: h))
            let before = total
            ruin(around: t, in: stretch)
            recreate()
            var keep = total[k] >= before[k] - Tolerance.integrality
            for l in 0..<k where total[l] < floor[l] { keep = false }
            return keep
        }

        /// The ruin: the chosen sitters' movable visits and shifts in `stretch` taken
        /// away; those, `t` and the open items of the stretch listed as freed.
        mutating func ruin(around t: Int, in stretch: TimeSpan) {
            freed.removeAll(keepingCapacity: true)
            list(t)
            for s in chosen {
                for i in st.visits(s).sorted() where span[i].overlaps(stretch) && movable(s, i) {
                    apply(false, s, i)
                    log.append((false, s, i))
                    list(i)
                }
                for o in st.shifts(s).sorted() where span[nv + o].overlaps(stretch) {
                    apply(false, s, nv + o)
                    log.append((false, s, nv + o))
                    list(nv + o)
                }
            }
            for s in chosen {
                for i in within(s, stretch) where !hasTrainee[i] && open(i) { list(i) }
            }
        }

        /// The recreate: higher levels first, then in a random order; each position to a
        /// sitter who fits, drawn at random (the step's sitters twice as likely).
        mutating func recreate() {
            var order: [(rank: Int, key: UInt64, i: Int)] = []
            order.reserveCapacity(freed.count)
            for i in freed { order.append((rank: rank[i]!, key: rng.next(), i: i)) }
            order.sort { ($0.rank, $0.key) < ($1.rank, $1.key) }
            for e in order {
                let i = e.i
                listed[i] = false
                while open(i) {
                    var pick = -1
                    var seen = 0
                    for s in takers[i] where !holders(i).contains(s) && st.fits(s, item(i)) {
                        let w = (chosen.contains(s) ? 2 : 1) * (liked.contains(Pair(s, i)) ? 4 : 1)
                        seen += w
                        if rng.below(seen) < w { pick = s }
                    }
                    if pick < 0 { break }
                    apply(true, pick, i)
                    log.append((true, pick, i))
                }
            }
        }
    }
}
