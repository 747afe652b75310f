import LinearProgramming
import ReliefCore

extension Headcount {
    /// Every position of the case filled, from a schedule that leaves some open: the
    /// ejection search (`Ejection`) over every sitter, with the open positions as its
    /// pool. Nil when nothing is open, or the work runs out first.
    public static func fullCover(
        _ ix: PlanningIndex, assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>,
        control: SolveControl, steps: Int
    ) -> (assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>)? {
        let c = ix.theCase
        var e = Ejection(weeks: SitterWeeks(ix, assignments, onCall), open: c.sitters.map { _ in true }, budget: steps)
        for v in c.visits.indices {
            let need = min(c.visits[v].sitters, ix.visitEligible[v].count) - e.weeks.holders(.visit(v)).count
            e.pool += Array(repeating: .visit(v), count: max(0, need))
        }
        for o in c.onCallShifts.indices {
            let need = min(c.onCallShifts[o].staff, ix.shiftEligible[o].count) - e.weeks.holders(.shift(o)).count
            e.pool += Array(repeating: .shift(o), count: max(0, need))
        }
        guard !e.pool.isEmpty, e.run(control: control, until: 0) else { return nil }
        return e.weeks.pairs
    }

    /// Fewer sitters, every item kept where it is covered: a working sitter (the one
    /// with the fewest items first) gives up all their items, which the ejection
    /// search places on the sitters still working within `steps / 8` of the work; kept
    /// when it does, undone (and the next sitter tried) when it does not. Stops at
    /// `floor` sitters or when the work runs out; nil when no sitter could go.
    public static func fewerSitters(
        _ ix: PlanningIndex, assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>, floor: Int,
        control: SolveControl, steps: Int
    ) -> (assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>)? {
        let c = ix.theCase
        var e = Ejection(weeks: SitterWeeks(ix, assignments, onCall), open: [], budget: steps)
        e.swaps = true
        var best: SitterWeeks?
        var failed = Set<Int>()
        while e.budget > 0 && !control.shouldStop {
            let working = c.sitters.indices.filter { !e.weeks.items($0).isEmpty }
            guard working.count > floor,
                let s = working.filter({ !failed.contains($0) }).min(by: {
                    (e.weeks.items($0).count, $0) < (e.weeks.items($1).count, $1)
                })
            else { break }
            let mine = e.weeks.items(s)
            guard mine.allSatisfy({ e.weeks.movable(s, $0) }) else {
                failed.insert(s)
                continue
            }
            let saved = e.weeks
            e.open = c.sitters.indices.map { $0 != s && !e.weeks.items($0).isEmpty }
            e.keepOpen = [:]
            for it in mine {
                e.weeks.remove(s, it)
                e.pool.append(it)
            }
            let ok = e.run(control: control, until: max(0, e.budget - steps / 8))
            if ok {
                best = e.weeks
                failed.removeAll()
            } else {
                e.weeks = saved
                e.pool.removeAll()
                failed.insert(s)
            }
        }
        return best?.pairs
    }

    /// A tabu search with ejections (as in graph colouring's partial-solution tabu
    /// search): an open position of the pool, drawn at random, goes to the open
    /// sitter where it pushes out the fewest items (those items join the pool);
    /// an item pushed out of a sitter may not come back to them for a while.
    /// Deterministic: its own random sequence, and `budget` counts the sitters tried.
    struct Ejection {
        typealias Item = WeekRules.Item
        struct Key: Hashable {
            let item: Item
            let sitter: Int
        }
        var weeks: SitterWeeks
        /// The sitters that may take items.
        var open: [Bool]
        /// Positions to fill: an item once for each sitter it still needs.
        var pool: [Item] = []
        var budget: Int
        /// Until which move an item may not go back to a sitter.
        var tabu: [Key: Int] = [:]
        var move = 0
        var random: UInt64 = 0x9E37_79B9_7F4A_7C15
        /// What pushing an item out costs: one more for every move it spends in the pool.
        var weight: [Item: Int] = [:]
        /// Whether a closed sitter may replace an open one when the pool stops shrinking
        /// (`swapSitters`), and the moves since it last reached its fewest positions.
        var swaps = false
        var stall = 0
        var fewest = Int.max
        /// Until which move a sitter brought in may not be closed again.
        var keepOpen: [Int: Int] = [:]
        /// Moves without a smaller pool before a swap: twenty per item of the case (500 at least).
        var stallMoves: Int { max(500, 20 * (weeks.ix.theCase.visits.count + weeks.ix.theCase.onCallShifts.count)) }

        init(weeks: SitterWeeks, open: [Bool], budget: Int) {
            self.weeks = weeks
            self.open = open
            self.budget = budget
        }

        /// A number in `0..<n` (xorshift).
        mutating func draw(_ n: Int) -> Int {
            random ^= random << 13
            random ^= random >> 7
            random ^= random << 17
            return Int(random % UInt64(n))
        }

        /// Fills the pool's positions until it is empty (true) or the budget is down to `floor`.
        mutating func run(control: SolveControl, until floor: Int) -> Bool {
            while !pool.isEmpty {
                guard budget > floor && !control.shouldStop else { return false }
                move += 1
                budget -= 1
                let p = draw(pool.count)
                let it = pool[p]
                guard let (t, out) = bestMove(it) else { continue }
                pool.swapAt(p, pool.count - 1)
                pool.removeLast()
                let tenure = pool.count * 6 / 10 + draw(10) + 1
                for k in out {
                    weeks.remove(t, k)
                    pool.append(k)
                    tabu[Key(item: k, sitter: t)] = move + tenure
                }
                weeks.add(t, it)
                for k in pool { weight[k, default: 1] += 1 }
                if pool.count < fewest {
                    fewest = pool.count
                    stall = 0
                } else {
                    stall += 1
                    // Filling with every sitter open, a pool stuck that long is a cover that does not exist.
                    if !swaps && stall > stallMoves / 10 { return false }
                    if swaps && stall > stallMoves { swapSitters() }
                }
            }
            return true
        }

        /// A closed sitter opens, the one eligible for the most positions of the pool,
        /// and an open one closes, the one with the fewest items (not one just brought
        /// in), its items joining the pool: the open sitters stay as many, but which
        /// they are may change (the sitters first kept may not be able to cover it all).
        mutating func swapSitters() {
            stall = 0
            fewest = Int.max
            var reach = [Int](repeating: 0, count: open.count)
            for it in pool { for t in weeks.ix.eligible(it) where !open[t] && weeks.mayTake(t, it) { reach[t] += 1 } }
            guard let most = reach.max(), most > 0 else { return }
            let ins = reach.indices.filter { reach[$0] == most }
            let inn = ins[draw(ins.count)]
            let closable = open.indices.filter { t in
                open[t] && (keepOpen[t] ?? 0) <= move && weeks.items(t).allSatisfy { weeks.movable(t, $0) }
            }
            guard let least = closable.map({ weeks.items($0).count }).min() else { return }
            let outs = closable.filter { weeks.items($0).count == least }
            let out = outs[draw(outs.count)]
            budget -= pool.count + closable.count
            open[inn] = true
            open[out] = false
            keepOpen[inn] = move + 10 * stallMoves
            for k in weeks.items(out) {
                weeks.remove(out, k)
                pool.append(k)
            }
        }

        /// The open sitter that takes `it` pushing out the fewest items, and those items;
        /// a tabu sitter only where nothing is pushed out. Ties are drawn at random.
        mutating func bestMove(_ it: Item) -> (Int, [Item])? {
            var best: (sitter: Int, out: [Item], cost: Int)?
            var ties = 0
            let holders = weeks.holders(it)
            for t in weeks.ix.eligible(it) where open[t] && !holders.contains(t) && weeks.mayTake(t, it) {
                budget -= 1
                let out = weeks.conflicts(t, it)
                let cost = out.reduce(0) { $0 + weight[$1, default: 1] }
                if let b = best, cost > b.cost { continue }
                if !out.isEmpty && tabu[Key(item: it, sitter: t)] ?? 0 > move { continue }
                guard out.allSatisfy({ weeks.movable(t, $0) }), fits(t, it, without: out) else { continue }
                if let b = best, cost == b.cost {
                    ties += 1
                    if draw(ties) != 0 { continue }
                } else {
                    ties = 1
                }
                best = (t, out, cost)
            }
            return best.map { ($0.sitter, $0.out) }
        }

        /// Whether `t` may take `it` once `out` is gone.
        mutating func fits(_ t: Int, _ it: Item, without out: [Item]) -> Bool {
            for k in out { weeks.remove(t, k) }
            defer { for k in out { weeks.add(t, k) } }
            return weeks.fits(t, it)
        }
    }
}
