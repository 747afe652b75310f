import LinearProgramming
import ReliefCore

/// Ruin and recreate: a large-neighbourhood local search without a MIP. Each
/// step picks a position the level leaves open, a few sitters who could take
/// it and a stretch of time around it; takes those sitters' visits and on-call
/// shifts in that stretch away (the ruin); then gives the freed items and the
/// open ones of the stretch back, the items of higher levels first, each to a
/// sitter who can still take it (the recreate). A step is kept when no level
/// above drops below the value it holds and the level itself does not drop
/// (equal steps are kept too: they move the schedule along a plateau to where
/// a gain may be); otherwise it is undone. Thousands of steps a second on the
/// one rule kernel (`SitterWeeks`), where a window's MIP takes a tenth of a
/// second; the windows then start higher.
///
/// Locked assignments, visits with a trainee on them and trainees are never
/// moved (a trainee's mentor stays), and trainees are not given new visits
/// (the greedy fill does that after the level). Deterministic: a seeded
/// generator and counted steps (`WorkLimits.ruinSteps`, `ruinStall`); the wall
/// clock only cuts it short. The caller checks the result against the whole model.
struct RuinRecreate {
    typealias Item = WeekRules.Item
    typealias Pair = PlanningIndex.Pair
    let ix: PlanningIndex
    /// Steps in all, and steps in a row without a gain that end the search.
    var steps: Int
    var stall: Int
    var seed: UInt64 = 0x5EED_0F2E_11EF

    init(_ ix: PlanningIndex, steps: Int, stall: Int) {
        self.ix = ix
        self.steps = steps
        self.stall = stall
    }

    struct Outcome {
        var assignments: Set<Pair>
        var onCall: Set<Pair>
        var steps = 0
        var kept = 0
        var gains = 0
    }

    /// Raises `level` from the schedule given, keeping each of `held` at least at
    /// its value, up to `bound` or until the steps run out. Returns the best
    /// schedule met (the one given when no step gained).
    func improve(
        assignments: Set<Pair>, onCall: Set<Pair>, level: PlanningLevel, held: [(level: PlanningLevel, value: Int)],
        bound: Int, preferred: ColumnBound.Support? = nil, control: SolveControl
    ) -> Outcome {
        var out = Outcome(assignments: assignments, onCall: onCall)
        guard level.perSitter == 0, !held.contains(where: { $0.level.perSitter != 0 }), steps > 0 else { return out }
        let c = ix.theCase
        let levels = held.map(\.level) + [level]
        let floor = held.map { Double($0.value) - Tolerance.integrality }
        let k = levels.count - 1
        var st = SitterWeeks(ix, assignments, onCall)
        var rng = SplitMix64(seed: seed)

        // Items by one number: visits 0..<V, then shifts.
        let nv = c.visits.count
        let n = nv + c.onCallShifts.count
        func item(_ i: Int) -> Item { i < nv ? .visit(i) : .shift(i - nv) }
        let span = (0..<n).map { ix.rules.span(item($0)) }
        let need = c.visits.map(\.sitters) + c.onCallShifts.map(\.staff)
        // Who may take each item here: no trainee (see above).
        let takers: [[Int]] = (0..<n).map { i in
            (i < nv ? ix.visitEligible[i] : ix.shiftEligible[i - nv]).filter { !ix.isTrainee($0) }
        }
        let hasTrainee = (0..<n).map { i in i < nv && st.onVisit[i].contains(where: ix.isTrainee) }
        // Each item's rank: the first level it counts for (nil: none; never given back).
        let rank: [Int?] = (0..<n).map { i in
            levels.indices.first { l in takers[i].contains { levels[l].value(ix, $0, item(i)) > 0 } }
        }
        // Each sitter's items, in week order.
        let itemsOf: [[Int]] = c.sitters.indices.map { s in
            (ix.sitterVisits[s] + ix.sitterShifts[s].map { nv + $0 }).sorted { span[$0].start < span[$1].start }
        }
        // Pairs the column master's LP uses (when given): four times as likely in the recreate.
        var liked = Set<Pair>()
        if let preferred {
            for p in preferred.visits { liked.insert(p) }
            for p in preferred.shifts { liked.insert(Pair(p.sitter, nv + p.item)) }
        }
        // Their starts, to find the items of a stretch by bisection.
        let startsOf: [[Int64]] = itemsOf.map { $0.map { span[$0].start.seconds } }
        let longest = span.map { $0.end.seconds - $0.start.seconds }.max() ?? 0
        /// The items of `s` that overlap `stretch`.
        func within(_ s: Int, _ stretch: TimeSpan, _ body: (Int) -> Void) {
            let starts = startsOf[s]
            var lo = 0
            var hi = starts.count
            let from = stretch.start.seconds - longest
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] < from { lo = mid + 1 } else { hi = mid }
            }
            var j = lo
            while j < starts.count && starts[j] < stretch.end.seconds {
                if span[itemsOf[s][j]].overlaps(stretch) { body(itemsOf[s][j]) }
                j += 1
            }
        }
        func holders(_ i: Int) -> Set<Int> { st.holders(item(i)) }
        func open(_ i: Int) -> Bool { holders(i).count < need[i] }
        func movable(_ s: Int, _ i: Int) -> Bool { !hasTrainee[i] && !(i < nv && ix.locked.contains(Pair(s, i))) }

        var total = [Double](repeating: 0, count: levels.count)
        for p in assignments { for l in levels.indices { total[l] += levels[l].value(ix, p.sitter, .visit(p.item)) } }
        for p in onCall { for l in levels.indices { total[l] += levels[l].value(ix, p.sitter, .shift(p.item)) } }
        // Items through which the level may rise.
        let targets = (0..<n).filter { i in !hasTrainee[i] && takers[i].contains { level.value(ix, $0, item(i)) > 0 } }
        guard !targets.isEmpty else { return out }

        /// The changes of the current step, to undo it.
        var log: [(add: Bool, s: Int, i: Int)] = []
        func apply(_ add: Bool, _ s: Int, _ i: Int) {
            if add { st.add(s, item(i)) } else { st.remove(s, item(i)) }
            for l in levels.indices { total[l] += (add ? 1 : -1) * levels[l].value(ix, s, item(i)) }
        }
        func undo() {
            for e in log.reversed() { apply(!e.add, e.s, e.i) }
            log.removeAll(keepingCapacity: true)
        }

        let reach = [60, 120, 240, 480, 1440]
        var since = 0
        var best = total[k]
        var bestPairs: (assignments: Set<Pair>, onCall: Set<Pair>)?
        var openTargets: [Int] = []
        var refresh = false
        var chosen: [Int] = []
        var freed: [Int] = []
        var listed = [Bool](repeating: false, count: n)
        while out.steps < steps && since < stall && total[k] < Double(bound) - Tolerance.integrality {
            if out.steps % 256 == 0 && control.shouldStop { break }
            out.steps += 1
            since += 1
            // The open targets, listed again after a gain and every 64 steps (a target
            // met that is no longer open costs one step).
            if out.steps == 1 || refresh || out.steps % 64 == 0 { openTargets = targets.filter(open) }
            refresh = false
            log.removeAll(keepingCapacity: true)
            guard !openTargets.isEmpty else { break }
            let t = openTargets[rng.below(openTargets.count)]
            guard open(t) else { continue }
            // A few sitters who could take it, and a stretch of time around it.
            chosen = takers[t]
            for j in chosen.indices.dropLast() { chosen.swapAt(j, j + rng.below(chosen.count - j)) }
            chosen = Array(chosen.prefix(2 + rng.below(4)))
            let h = reach[rng.below(reach.count)]
            let stretch = TimeSpan(start: span[t].start.adding(minutes: -h), end: span[t].end.adding(minutes: h))
            let before = total
            // Ruin.
            freed.removeAll(keepingCapacity: true)
            func list(_ i: Int) {
                if !listed[i] && rank[i] != nil {
                    listed[i] = true
                    freed.append(i)
                }
            }
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
                within(s, stretch) { i in if !hasTrainee[i] && open(i) { list(i) } }
            }
            // Recreate: higher levels first, then in a random order; each position to a
            // sitter who fits, drawn at random (the step's sitters twice as likely).
            var order = freed.map { (rank: rank[$0]!, key: rng.next(), i: $0) }
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
            // Keep or undo.
            var keep = total[k] >= before[k] - Tolerance.integrality
            for l in 0..<k where total[l] < floor[l] { keep = false }
            guard keep else {
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
        return out
    }
}
