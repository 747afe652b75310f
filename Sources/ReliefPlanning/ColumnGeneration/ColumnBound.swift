import Dispatch
import Foundation
import LinearProgramming
import ReliefCore
import Synchronization

/// The bound that proves a level optimal where GLPK's branch-and-cut bound
/// stays loose: the LP relaxation of a per-sitter column formulation (one
/// column per feasible week of one sitter), solved by column generation with
/// GLPK's simplex for the master (`ColumnMaster`) and a resource-constrained
/// longest path per sitter for pricing (`WeekPricer`). The same master then
/// yields schedules: LP-guided rounding, a dive, the restricted master as a
/// MIP (`ColumnBound+Search`).
public struct ColumnBound: Sendable {
    public let index: PlanningIndex
    let pricer: WeekPricer
    public var work: WorkLimits

    public init(_ ix: PlanningIndex, work: WorkLimits = WorkLimits()) {
        index = ix
        pricer = WeekPricer(ix)
        self.work = work
    }

    public struct Outcome: Sendable {
        /// Proven upper bound of the level (given the held levels), `Int.max` when none was reached.
        public var bound: Int
        /// Best value found from the columns (or the seed's).
        public var value: Int
        /// A compact-model point achieving `value`, when better than the seed.
        public var point: [Double]?
        public var columns: Int
        public var rounds: Int
        /// Seconds in the master's simplex and in pricing, all rounds together.
        public var lpSeconds: Double = 0
        public var pricingSeconds: Double = 0
        /// Why the search stopped before meeting the bound (work limit, wall clock, cancellation).
        public var stoppedBy: StopReason?
    }

    /// Column generation for `level` with the `held` levels at their values.
    /// `seed` is a point of `cm` (which holds the same level rows); it gives the
    /// master its first columns, and its value when it is feasible. With `search`, the master is then
    /// searched for a schedule meeting the bound. Nil when the master fails, and when
    /// `level` or a held level is neither a sum over assignments nor a max-min over
    /// groups (`MaxMinLevel`): pricing could not score a week for it.
    public func upperBound(
        level: PlanningLevel, held: [(level: PlanningLevel, value: Int)], seed: [Double], cm: CompactModel,
        search searching: Bool = true, fixing: Bool = false, control: SolveControl = SolveControl(),
        log: ((String) -> Void)? = nil,
        improve: ((_ bound: Int, _ support: Support) -> [Double]?)? = nil,
        pause: (() -> [Double]?)? = nil
    ) -> Outcome? {
        // A max-min level (the fair share) is stated in the master by its groups.
        guard level.isSum || level.maxMin != nil, held.allSatisfy({ $0.level.isSum || $0.level.maxMin != nil })
        else { return nil }
        let master = ColumnMaster(index, level: level, held: held, pricer: pricer)
        // Seed: every sitter's week in the seed point.
        var seedSol = CompactSolution(cm, seed)
        addWeeks(of: seedSol, to: master)
        // A seed that breaks a held row (the headcount at levels the base did not
        // reach) gives columns, not a value: nothing is reached until a schedule is.
        var seedValue =
            cm.model.maxViolation(seed) < Tolerance.feasibility ? cm.value(of: level, at: seed) : Int.min / 4
        var seedPoint: [Double]?
        var run = Generation(bound: self, master: master, control: control)
        // With `pause`, a root that has not converged after `pauseRootRounds` rounds is a
        // long one: the caller's heuristic (the windows) runs first, its schedule becomes
        // the seed (its weeks columns of the master), then the root goes on.
        run.generate(
            skip: [], proving: true, stopAt: Double(seedValue), rounds: pause == nil ? nil : work.pauseRootRounds)
        if run.paused, let pause {
            log?("column generation paused after \(run.rounds) rounds (bound \(run.bestBound))")
            if let p = pause() {
                let v = cm.value(of: level, at: p)
                if v > seedValue && cm.model.maxViolation(p) < Tolerance.feasibility {
                    seedValue = v
                    seedPoint = p
                    seedSol = CompactSolution(cm, p)
                    addWeeks(of: seedSol, to: master)
                }
            }
            run.generate(skip: [], proving: true, stopAt: Double(seedValue))
        }
        log?(
            "column generation: \(run.rounds) rounds, \(master.columns.count) columns, bound \(run.bestBound), lp \(String(format: "%.2f", run.lpSeconds)) s, pricing \(String(format: "%.2f", run.priceSeconds)) s"
        )
        if master.lp.invalid != nil { return nil }
        var bound = Self.integral(run.provenBound)
        let best = Best(value: seedValue, point: seedPoint)
        var stop = run.stop
        // Between the bound and the search: a caller's heuristic (the windows), told the
        // bound; a better point becomes the search's seed and its weeks columns of the master.
        var searchSeed = seedSol
        if searching && bound != Int.max && best.value < bound, let improve,
            let p = improve(bound, support(of: master, converged: run.stop == nil))
        {
            let v = cm.value(of: level, at: p)
            if v > best.value && cm.model.maxViolation(p) < Tolerance.feasibility {
                best.value = v
                best.point = p
                searchSeed = CompactSolution(cm, p)
                addWeeks(of: searchSeed, to: master)
            }
        }
        if searching && bound != Int.max && best.value < bound {
            stop =
                search(
                    level: level, master: master, run: &run, bound: bound, seed: searchSeed, seedValue: best.value,
                    cm: cm,
                    best: best, control: control) ?? stop
        }
        // A gap left: what the master's duals fix, then GLPK for one more (`closeGap`).
        if fixing && bound != Int.max && best.value < bound && best.value > Int.min / 4 {
            closeGap(level: level, held: held, run: &run, bound: &bound, best: best, cm: cm, control: control, log: log)
        }
        return Outcome(
            bound: max(bound, best.value), value: best.value, point: best.point, columns: master.columns.count,
            rounds: run.rounds, lpSeconds: run.lpSeconds, pricingSeconds: run.priceSeconds,
            stoppedBy: best.value >= bound ? nil : stop)
    }

    /// The sitter-item pairs of the weeks the master's LP uses (above zero).
    public struct Support: Sendable {
        public var visits: [PlanningIndex.Pair] = []
        public var shifts: [PlanningIndex.Pair] = []
        /// The root converged: the LP is the master's optimum, not where a limit stopped it.
        public var converged = false
    }

    private func support(of master: ColumnMaster, converged: Bool) -> Support {
        var visits = Set<PlanningIndex.Pair>()
        var shifts = Set<PlanningIndex.Pair>()
        for (j, col) in master.columns.enumerated() where col.sitter >= 0 && master.primal(j) > Tolerance.integrality {
            for v in col.visits { visits.insert(.init(col.sitter, v)) }
            for o in col.shifts { shifts.insert(.init(col.sitter, o)) }
        }
        let order = { (a: PlanningIndex.Pair, b: PlanningIndex.Pair) in (a.sitter, a.item) < (b.sitter, b.item) }
        return Support(visits: visits.sorted(by: order), shifts: shifts.sorted(by: order), converged: converged)
    }

    /// Each sitter's week in `sol` as a column of `master` (already there: skipped),
    /// and a week for every sitter with a lock even where `sol` gives them none.
    private func addWeeks(of sol: CompactSolution, to master: ColumnMaster) {
        let c = index.theCase
        var visits = [[Int]](repeating: [], count: c.sitters.count)
        var shifts = [[Int]](repeating: [], count: c.sitters.count)
        for p in sol.assignments { visits[p.sitter].append(p.item) }
        for p in sol.onCall { shifts[p.sitter].append(p.item) }
        for s in c.sitters.indices
        where !visits[s].isEmpty || !shifts[s].isEmpty || pricer.items[s].contains(where: \.required) {
            master.add(s, visits: visits[s].sorted(), shifts: shifts[s].sorted(), feasible: true)
        }
    }

    /// The best schedule found from the master so far.
    final class Best {
        var value: Int
        var point: [Double]?
        init(value: Int, point: [Double]?) {
            self.value = value
            self.point = point
        }
    }

    /// Column generation on one master: the proving run at the root, and the
    /// re-generations of the dive. Counts its work; checks the wall clock and
    /// cancellation between sitters.
    struct Generation {
        let bound: ColumnBound
        let master: ColumnMaster
        let control: SolveControl
        var rounds = 0
        var bestBound = Double.infinity
        /// The least LP + positive reduced costs of any proving round, exact or not (a sitter
        /// whose labels were cut counts with a relaxation of its best week): a looser bound
        /// than `bestBound`, for a root the wall clock cuts before its first exact round.
        var relaxedBound = Double.infinity
        var lpSeconds = 0.0
        var priceSeconds = 0.0
        /// Why the last generation stopped before converging, if it did.
        var stop: StopReason?
        /// The last generation stopped at its `rounds` (not converged, no limit reached).
        var paused = false

        init(bound: ColumnBound, master: ColumnMaster, control: SolveControl) {
            self.bound = bound
            self.master = master
            self.control = control
        }

        /// Generates columns until none prices out, the work limit is reached or
        /// (proving) the bound meets `stopAt` / (dive) the LP can no longer reach
        /// it. Proving tightens `bestBound`; in a dive, sitters in `skip` hold a
        /// fixed column and are not priced. Returns the LP value, nil if the LP
        /// has no optimum (infeasible after fixings, or stopped).
        @discardableResult
        mutating func generate(skip: Set<Int>, proving: Bool, stopAt: Double, rounds pauseAt: Int? = nil) -> Double? {
            paused = false
            let work = bound.work
            var first = !proving
            // Cheap pricing (few labels per item) until it finds nothing, then exact
            // pricing, whose rounds alone may tighten the bound.
            var cap = WeekPricer.heuristicLabels
            var local = 0
            var sinceExact = 0
            while true {
                rounds += 1
                local += 1
                sinceExact += 1
                // The last round a proof may take is exact, so that it leaves a bound.
                if proving
                    && ((local >= work.exactPricingFrom && sinceExact >= work.exactPricingEvery)
                        || local >= work.boundRounds)
                {
                    cap = WeekPricer.maxLabelsPerNode
                }
                guard let lpValue = solveLP(dual: first) else { return nil }
                first = false
                let t1 = ContinuousClock.now
                defer { priceSeconds += (ContinuousClock.now - t1).seconds }
                let round = price(skip: skip, cap: cap)
                let exactRound = cap == WeekPricer.maxLabelsPerNode
                if exactRound { sinceExact = 0 }
                if round.cutShort { return lpValue }
                if round.added == 0 && !exactRound {
                    // A dive is a heuristic: cheap pricing is enough there.
                    guard proving else { return lpValue }
                    cap = WeekPricer.maxLabelsPerNode
                    continue
                }
                if exactRound && round.added > 0 { cap = WeekPricer.heuristicLabels }
                // Keep the master small (only while proving: the dive refers to columns by position).
                let rows = master.rowCount
                if proving && master.columns.count > 4 * rows && rounds % 10 == 0 { master.dropFarOut() }
                if proving {
                    relaxedBound = min(relaxedBound, lpValue + round.totalPositive)
                    // With exact pricing, LP + the sum of positive reduced costs bounds the level.
                    if exactRound { bestBound = min(bestBound, lpValue + round.totalPositive) }
                    if round.added == 0 && exactRound { bestBound = min(bestBound, lpValue) }
                    if floor(bestBound + Tolerance.integrality) <= stopAt { return lpValue }
                } else if floor(lpValue + round.totalPositive + Tolerance.integrality) < stopAt {
                    return lpValue  // this dive cannot reach the target any more
                }
                if round.added == 0 { return lpValue }
                if let pauseAt, local >= pauseAt {
                    paused = true
                    return lpValue
                }
                if local >= (proving ? work.boundRounds : work.diveRoundsPerStep) {
                    stop = .workLimit
                    return lpValue
                }
            }
        }

        /// What the root proved: its exact rounds' bound; when the wall clock (a level's
        /// share of it) stopped it before any, its rounds' relaxed bound, so that the search
        /// from the master's LP (its rounding first) still runs. A root that ends within its
        /// work limits always ends on an exact round; a cancelled one returns at once.
        var provenBound: Double {
            if bestBound.isFinite { return bestBound }
            return stop == .timeLimit ? relaxedBound : bestBound
        }

        /// The master's LP (the dual simplex when `dual`, after bound changes): its
        /// value, nil when it has no optimum.
        mutating func solveLP(dual: Bool) -> Double? {
            let t0 = ContinuousClock.now
            let status = master.solve(dual: dual, work: bound.work, control: control)
            lpSeconds += (ContinuousClock.now - t0).seconds
            switch status {
            case .optimal: return master.value
            case .stopped(let why):
                stop = why
                return nil
            default: return nil
            }
        }

        /// One round of pricing at the LP's duals, with at most `cap` labels an item:
        /// the weeks added, the sum of positive reduced costs (with exact pricing, the
        /// LP plus this bounds the level) and whether a stop cut the round short.
        mutating func price(skip: Set<Int>, cap: Int) -> (added: Int, totalPositive: Double, cutShort: Bool) {
            let pricer = bound.pricer
            let duals = master.duals()
            var totalPositive = 0.0
            var added = 0
            // Every sitter is priced apart from the others: on both cores, each sitter's
            // weeks then joining the master in sitter order (the same columns as one
            // core would add). A stop in the middle of a round keeps what was priced
            // before the first sitter left out, and the round bounds nothing.
            let todo = bound.index.theCase.sitters.indices.filter { !skip.contains($0) }
            let values = todo.map { master.itemValues($0, pricer.items[$0], duals) }
            let priced = ColumnBound.priceInParallel(
                todo.count, control: control
            ) { [pricer, cap] i in
                pricer.price(sitter: todo[i], value: values[i], keep: WeekPricer.keepPerSitter, cap: cap)
            }
            for (i, s) in todo.enumerated() {
                guard let (found, exactly) = priced[i] else {
                    stop = control.stopReason ?? .timeLimit
                    return (added, totalPositive, true)
                }
                let conv = duals.convex[s]
                // A level's once-per-sitter value goes to every non-empty week.
                let perSitter = master.level.perSitter
                let paths = found.map { p in
                    var q = p
                    if !(p.visits.isEmpty && p.shifts.isEmpty) { q.value += perSitter }
                    return q
                }.sorted { $0.value > $1.value }
                // When the labels were cut, a relaxation (no resources, no required
                // items) still bounds the sitter's best week, so the round still bounds;
                // a negative per-sitter value only lowers a non-empty week (the empty one is worth 0).
                let best =
                    exactly
                    ? (paths.first?.value ?? 0)
                    : max(0, pricer.relaxedBest(sitter: s, value: values[i]) + min(0, perSitter))
                // Every positive reduced cost counts toward the bound, however small.
                if best - conv > 0 { totalPositive += best - conv }
                for p in paths where p.value - conv > Tolerance.pricing {
                    let ok = pricer.chainExact || pricer.isFeasible(visits: p.visits)
                    if master.add(s, visits: p.visits, shifts: p.shifts, feasible: ok) { added += 1 }
                }
            }
            return (added, totalPositive, false)
        }
    }
}

extension ColumnBound {
    /// Threads that price sitters at once (the machines relief runs on have two cores or more).
    static let pricingThreads = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))

    /// `work(i)` for every i in 0..<n on `pricingThreads` threads, each taking the next
    /// index left; an index not started when `control` says stop stays nil.
    static func priceInParallel<T: Sendable>(
        _ n: Int, control: SolveControl, _ work: @escaping @Sendable (Int) -> T
    ) -> [T?] {
        let results = Mutex([T?](repeating: nil, count: n))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(pricingThreads, max(1, n))) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= n || control.shouldStop { break }
                let r = work(i)
                results.withLock { $0[i] = r }
            }
        }
        return results.withLock { $0 }
    }
}

extension ColumnBound {
    /// A bound of an integral level from an LP or branch-and-cut bound (`Int.max` for none:
    /// infinite, or beyond 1e15, where a solver means "no bound yet").
    static func integral(_ b: Double) -> Int {
        b.isFinite && abs(b) < 1e15 ? Int((b + Tolerance.integrality).rounded(.down)) : Int.max
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
