import Foundation
import LinearProgramming
import ReliefCore

/// The bound that proves a level optimal where GLPK's branch-and-cut bound
/// stays loose: the LP relaxation of a per-sitter column formulation (one
/// column per feasible week of one sitter), solved by column generation with
/// GLPK's simplex for the master and a resource-constrained longest path per
/// sitter for pricing (day and week minutes, shift limit, travel, locks).
/// Its restricted master, solved as a MIP, also yields schedules.
public struct ColumnBound: Sendable {
    public let index: PlanningIndex
    /// Items of each sitter in time order: visits (>= 0) and shifts (encoded as -1 - shift).
    let items: [[Item]]
    /// True when checking each item against the previous one (and the last visit)
    /// is enough for every pairwise rule; otherwise pricing is a relaxation (the
    /// bound stays valid) and every column is checked in full before use.
    let chainExact: Bool

    struct Item: Sendable {
        let isVisit: Bool
        let id: Int
        let start: Instant
        let end: Instant
        let day: Int
        let minutes: Int
        let required: Bool
    }

    /// Time a dive may take, and the restricted-master MIP after it.
    public var diveSeconds: Double = 5
    public var restrictedMIPSeconds: Double = 2

    public init(_ ix: PlanningIndex) {
        index = ix
        let c = ix.theCase
        var all: [[Item]] = []
        for si in c.sitters.indices {
            var list: [Item] = ix.sitterVisits[si].map { v in
                Item(
                    isVisit: true, id: v, start: c.visits[v].span.start, end: c.visits[v].span.end, day: ix.visitDay[v],
                    minutes: ix.visitMinutes[v], required: ix.locked.contains(.init(si, v)))
            }
            list += ix.sitterShifts[si].map { o in
                Item(
                    isVisit: false, id: o, start: c.onCallShifts[o].span.start, end: c.onCallShifts[o].span.end, day: 0,
                    minutes: ix.shiftMinutes[o], required: false)
            }
            list.sort { a, b in
                if a.start != b.start { return a.start < b.start }
                if a.isVisit != b.isVisit { return a.isVisit }
                return a.isVisit
                    ? c.visits[a.id].id < c.visits[b.id].id : c.onCallShifts[a.id].id < c.onCallShifts[b.id].id
            }
            all.append(list)
        }
        items = all
        // Triangle check: t(A,C) <= t(A,B) + shortest visit in B + t(B,C) for all territories.
        let n = ix.territoryIDs.count
        var minDur = [Int](repeating: Int.max, count: n)
        for (v, vis) in c.visits.enumerated() {
            minDur[ix.visitTerritory[v]] = min(minDur[ix.visitTerritory[v]], vis.minutes)
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

    public struct Outcome: Sendable {
        /// Proven upper bound of the level (given the levels above fixed).
        public var bound: Int
        /// Best integer value found from the columns (or the seed's).
        public var value: Int
        /// A compact-model point achieving `value`, when better than the seed.
        public var point: [Double]?
        public var columns: Int
        public var rounds: Int
    }

    /// A column: one sitter's set of items.
    struct Column {
        let sitter: Int
        let visits: [Int]
        let shifts: [Int]
        let feasible: Bool
    }

    /// Value of an item at level k (0 on-call minutes, 1-3 slots of a priority).
    func levelValue(_ k: Int, isVisit: Bool, id: Int) -> Double {
        if k == 0 { return isVisit ? 0 : Double(index.shiftMinutes[id]) }
        guard isVisit else { return 0 }
        let p: Priority = [.urgent, .high, .normal][k - 1]
        return index.theCase.visits[id].priority == p ? 1 : 0
    }

    /// Column generation for level k with levels `0..<k` held at `fixed`.
    /// `seed` is a feasible point of `cm` (which already holds those level rows).
    public func upperBound(
        level k: Int, fixed: [Int], seed: [Double], cm: CompactModel, deadline: Date, search: Bool = true
    ) -> Outcome? {
        let c = index.theCase
        let lp = GLPKProblem(name: "relief-columns", direction: .maximize)
        // Rows.
        var visitRow = [Int](repeating: -1, count: c.visits.count)
        for (v, vis) in c.visits.enumerated() where !index.visitEligible[v].isEmpty {
            visitRow[v] = lp.addRow(name: "cover_visit[\(vis.id)]", lower: -.infinity, upper: Double(vis.sitters))
        }
        var shiftRow = [Int](repeating: -1, count: c.onCallShifts.count)
        for (o, sh) in c.onCallShifts.enumerated() where !index.shiftEligible[o].isEmpty {
            shiftRow[o] = lp.addRow(name: "staff_shift[\(sh.id)]", lower: -.infinity, upper: Double(sh.staff))
        }
        var convexRow: [Int] = []
        for si in c.sitters.indices {
            let hasLock = items[si].contains(where: \.required)
            convexRow.append(lp.addRow(name: "sitter[\(c.sitters[si].id)]", lower: hasLock ? 1 : -.infinity, upper: 1))
        }
        // trainee rows: (trainee, visit) -> row
        var traineeRow: [PlanningIndex.Pair: Int] = [:]
        var traineesOnVisit: [Int: [Int]] = [:]
        for v in c.visits.indices {
            let el = index.visitEligible[v]
            let mentors = el.filter { !index.isTrainee($0) }
            for t in el where index.isTrainee(t) {
                traineeRow[.init(t, v)] = lp.addRow(name: "trainee[\(t),\(v)]", lower: -.infinity, upper: 0)
                traineesOnVisit[v, default: []].append(t)
                _ = mentors
            }
        }
        var levelRow: [Int] = []
        for j in 0..<k { levelRow.append(lp.addRow(name: "level[\(j)]", lower: Double(fixed[j]), upper: .infinity)) }

        var columns: [Column] = []
        var seen = Set<[Int]>()
        var columnKeys: [[Int]] = []
        func key(_ s: Int, _ vs: [Int], _ os: [Int]) -> [Int] { [s, -1] + vs + [-2] + os }
        @discardableResult
        func add(_ s: Int, visits vs: [Int], shifts os: [Int]) -> Bool {
            let kk = key(s, vs, os)
            guard seen.insert(kk).inserted else { return false }
            columnKeys.append(kk)
            var entries: [(row: Int, value: Double)] = [(convexRow[s], 1)]
            var obj = 0.0
            var lv = [Double](repeating: 0, count: k)
            for v in vs {
                entries.append((visitRow[v], 1))
                obj += levelValue(k, isVisit: true, id: v)
                for j in 0..<k { lv[j] += levelValue(j, isVisit: true, id: v) }
                if index.isTrainee(s) {
                    entries.append((traineeRow[.init(s, v)]!, 1))
                } else {
                    for t in traineesOnVisit[v] ?? [] { entries.append((traineeRow[.init(t, v)]!, -1)) }
                }
            }
            for o in os {
                entries.append((shiftRow[o], 1))
                obj += levelValue(k, isVisit: false, id: o)
                for j in 0..<k { lv[j] += levelValue(j, isVisit: false, id: o) }
            }
            for j in 0..<k where lv[j] != 0 { entries.append((levelRow[j], lv[j])) }
            lp.addColumn(name: "w\(columns.count)", objective: obj, lower: 0, upper: .infinity, entries: entries)
            columns.append(Column(sitter: s, visits: vs, shifts: os, feasible: chainExact || isFeasible(visits: vs)))
            return true
        }
        // Seed: every sitter's week in the seed point (feasible for all rows).
        let seedSol = CompactSolution(cm, seed)
        var seedVisits = [[Int]](repeating: [], count: c.sitters.count)
        var seedShifts = [[Int]](repeating: [], count: c.sitters.count)
        for p in seedSol.assignments { seedVisits[p.sitter].append(p.item) }
        for p in seedSol.onCall { seedShifts[p.sitter].append(p.item) }
        for s in c.sitters.indices
        where !seedVisits[s].isEmpty || !seedShifts[s].isEmpty || items[s].contains(where: \.required) {
            add(s, visits: seedVisits[s].sorted(), shifts: seedShifts[s].sorted())
        }
        let seedValue = Int(cm.model.objective(at: seed).rounded())

        var rounds = 0
        var bestBound = Double.infinity
        var lpTime = 0.0
        var priceTime = 0.0
        defer {
            if ProcessInfo.processInfo.environment["RELIEF_DEBUG"] != nil {
                FileHandle.standardError.write(
                    Data(
                        "column generation level \(k + 1): lp \(lpTime) s, pricing \(priceTime) s, \(rounds) rounds, \(columns.count) columns\n"
                            .utf8))
            }
        }

        /// Column generation until no column prices out. At the root (`proving`)
        /// it also tightens `bestBound`; in a dive, sitters in `skip` hold a fixed
        /// column and are not priced. Returns the LP value, nil if infeasible.
        func generate(skip: Set<Int>, proving: Bool, stopAt: Double) -> Double? {
            var first = !proving
            // Cheap pricing (few labels per item) until it finds nothing, then exact
            // pricing, whose rounds alone may tighten the bound.
            var cap = ColumnBound.heuristicLabels
            // Past this point a proving run prices exactly every few rounds, so that a
            // slow convergence still leaves a bound behind.
            // The proof may take 60 % of the level's time; the rest is for finding schedules.
            let stop = proving ? Date().addingTimeInterval(deadline.timeIntervalSinceNow * 0.6) : deadline
            let softDeadline = Date().addingTimeInterval(stop.timeIntervalSinceNow * 0.5)
            var roundsSinceExact = 0
            while true {
                rounds += 1
                roundsSinceExact += 1
                if proving && Date() > softDeadline && roundsSinceExact >= 5 { cap = ColumnBound.maxLabelsPerNode }
                let t0 = Date()
                let lpStatus = lp.simplex(timeLimit: max(1, deadline.timeIntervalSinceNow), dual: first)
                first = false
                lpTime += Date().timeIntervalSince(t0)
                guard lpStatus == .optimal else { return nil }
                let t1 = Date()
                defer { priceTime += Date().timeIntervalSince(t1) }
                let lpValue = lp.lpObjective
                // Item values under the duals.
                let visitDual = visitRow.map { $0 >= 0 ? lp.rowDual($0) : 0 }
                let shiftDual = shiftRow.map { $0 >= 0 ? lp.rowDual($0) : 0 }
                let levelDual = levelRow.map { lp.rowDual($0) }
                var traineeDual: [PlanningIndex.Pair: Double] = [:]
                for (p, r) in traineeRow { traineeDual[p] = lp.rowDual(r) }
                var totalPositive = 0.0
                var added = 0
                var exact = true
                var cutShort = false
                for s in c.sitters.indices where !skip.contains(s) {
                    // Out of time in the middle of a round: what was priced is kept,
                    // but the round bounds nothing.
                    if Date() >= stop {
                        cutShort = true
                        break
                    }
                    let its = items[s]
                    var value = [Double](repeating: 0, count: its.count)
                    for (i, it) in its.enumerated() {
                        var val = levelValue(k, isVisit: it.isVisit, id: it.id)
                        for j in 0..<k { val -= levelDual[j] * levelValue(j, isVisit: it.isVisit, id: it.id) }
                        if it.isVisit {
                            val -= visitDual[it.id]
                            if index.isTrainee(s) {
                                val -= traineeDual[.init(s, it.id)] ?? 0
                            } else {
                                for t in traineesOnVisit[it.id] ?? [] { val += traineeDual[.init(t, it.id)] ?? 0 }
                            }
                        } else {
                            val -= shiftDual[it.id]
                        }
                        value[i] = val
                    }
                    let conv = lp.rowDual(convexRow[s])
                    let (paths, pricedExactly) = price(
                        sitter: s, value: value, keep: ColumnBound.keepPerSitter, cap: cap)
                    // When the labels were cut, a relaxation (no resources, no required
                    // items) still bounds the sitter's best week, so the round still bounds.
                    let best = pricedExactly ? (paths.first?.value ?? 0) : relaxedBest(sitter: s, value: value)
                    // Every positive reduced cost counts toward the bound, however small.
                    let rc = best - conv
                    if rc > 0 { totalPositive += rc }
                    for p in paths where p.value - conv > 1e-6 {
                        if add(s, visits: p.visits, shifts: p.shifts) { added += 1 }
                    }
                }
                let exactRound = cap == ColumnBound.maxLabelsPerNode
                if exactRound { roundsSinceExact = 0 }
                // Bound-valid: every sitter was priced exactly or bounded by the relaxation.
                exact = exactRound && !cutShort
                if cutShort { return lpValue }
                if exactRound && ProcessInfo.processInfo.environment["RELIEF_DEBUG"] != nil {
                    FileHandle.standardError.write(
                        Data(
                            "  exact pricing round: exact \(exact), lp \(lpValue), positive \(totalPositive), added \(added)\n"
                                .utf8))
                }
                if added == 0 && !exactRound {
                    // A dive is a heuristic: cheap pricing is enough there.
                    guard proving else { return lpValue }
                    cap = ColumnBound.maxLabelsPerNode
                    continue
                }
                if exactRound && added > 0 { cap = ColumnBound.heuristicLabels }
                // Keep the master small: drop columns that price far out of the LP. Only
                // while proving (the dive refers to columns by position).
                if proving && columns.count > 4 * (visitRow.count + c.sitters.count) && rounds % 10 == 0 {
                    var drop: [Int] = []
                    for j in columns.indices
                    where !lp.isBasic(j) && lp.columnDual(j) < -0.5 && lp.columnPrimal(j) < 1e-9 {
                        drop.append(j)
                    }
                    if !drop.isEmpty {
                        lp.deleteColumns(drop)
                        let gone = Set(drop)
                        for j in drop { seen.remove(columnKeys[j]) }
                        columns = columns.indices.filter { !gone.contains($0) }.map { columns[$0] }
                        columnKeys = columnKeys.indices.filter { !gone.contains($0) }.map { columnKeys[$0] }
                    }
                }
                if proving {
                    // With exact pricing, LP + the sum of positive reduced costs bounds the level.
                    if exact { bestBound = min(bestBound, lpValue + totalPositive) }
                    if added == 0 && exact { bestBound = min(bestBound, lpValue) }
                    if floor(bestBound + 1e-6) <= stopAt { return lpValue }
                } else if floor(lpValue + totalPositive + 1e-6) < stopAt {
                    return lpValue  // this dive cannot reach the target any more
                }
                if added == 0 || Date() >= stop { return lpValue }
            }
        }

        _ = generate(skip: [], proving: true, stopAt: Double(seedValue))
        let bound = bestBound.isFinite ? Int((bestBound + 1e-6).rounded(.down)) : Int.max

        var bestPoint: [Double]?
        var bestValue = seedValue
        func consider(_ chosen: [Int]) {
            var asg = Set<PlanningIndex.Pair>()
            var oc = Set<PlanningIndex.Pair>()
            for j in chosen {
                let col = columns[j]
                for v in col.visits { asg.insert(.init(col.sitter, v)) }
                for o in col.shifts { oc.insert(.init(col.sitter, o)) }
            }
            let pt = cm.point(assignments: asg, onCall: oc)
            let val = Int(cm.model.objective(at: pt).rounded())
            if val > bestValue, cm.model.maxViolation(pt) < 1e-6 {
                bestValue = val
                bestPoint = pt
            }
        }

        // LP-guided rounding: keep the seed's assignments of the levels above, drop
        // its level-k ones, and hand out level-k positions in the order of the LP's
        // sitter-visit values; then the greedy fill and the exchanges.
        if k > 0 && bound != Int.max && bestValue < bound {
            let p: Priority = [.urgent, .high, .normal][k - 1]
            var weight: [PlanningIndex.Pair: Double] = [:]
            for (j, col) in columns.enumerated() {
                let x = lp.columnPrimal(j)
                guard x > 1e-6 else { continue }
                for v in col.visits where c.visits[v].priority == p { weight[.init(col.sitter, v), default: 0] += x }
            }
            let kept = seedSol.assignments.filter { c.visits[$0.item].priority != p || index.locked.contains($0) }
            let weeks = SitterWeeks(index, kept, seedSol.onCall)
            var asg = kept
            for (pair, _) in weight.sorted(by: {
                ($0.value, -$0.key.sitter, -$0.key.item) > ($1.value, -$1.key.sitter, -$1.key.item)
            }) {
                let v = pair.item
                let s = pair.sitter
                guard weeks.onVisit[v].count < c.visits[v].sitters, !weeks.onVisit[v].contains(s) else { continue }
                if index.isTrainee(s) && !weeks.onVisit[v].contains(where: { !index.isTrainee($0) }) { continue }
                guard weeks.fits(s, .init(isVisit: true, id: v)) else { continue }
                weeks.add(s, .init(isVisit: true, id: v))
                asg.insert(pair)
            }
            let filled = GreedyFill(index).fill(assignments: asg, onCall: seedSol.onCall)
            let better = ExchangeSearch(index).improve(
                assignments: filled.assignments, onCall: filled.onCall, level: k,
                deadline: Date().addingTimeInterval(max(0.1, min(2, deadline.timeIntervalSinceNow * 0.2))))
            let pt = cm.point(assignments: better.assignments, onCall: better.onCall)
            let val = Int(cm.model.objective(at: pt).rounded())
            if val > bestValue, cm.model.maxViolation(pt) < 1e-6 {
                bestValue = val
                bestPoint = pt
            }
        }

        // Dive: fix the most used column to 1, re-generate, repeat; backtrack a
        // little when the LP can no longer reach the bound. A heuristic: the
        // proof is the root bound, the dive only looks for a schedule meeting it.
        if search && bound > seedValue && bound != Int.max {
            // At least `diveSeconds`, more on large cases: half of what the level has left.
            let diveDeadline = min(
                deadline, Date().addingTimeInterval(max(diveSeconds, deadline.timeIntervalSinceNow * 0.5)))
            struct Level {
                var column: Int
                var forbidden: [Int] = []
            }
            var stack: [Level] = []
            var fixedSitters = Set<Int>()
            var backtracks = 0
            var forbiddenAtRoot: [Int] = []
            // The first dive runs to an integral schedule whatever its value (pruning
            // early makes it backtrack before it ever finishes); after that, any
            // schedule better than the best so far is worth reaching.
            var target = Double(seedValue + 1)
            while Date() < diveDeadline && bestValue < bound {
                let lpValue = generate(skip: fixedSitters, proving: false, stopAt: target)
                var ok = lpValue.map { floor($0 + 1e-6) >= target } ?? false
                var next: Int?
                if ok {
                    var integral = true
                    var candidate: (Int, Double)?
                    var chosen: [Int] = []
                    for j in columns.indices {
                        let x = lp.columnPrimal(j)
                        if x > 1e-6 && !columns[j].feasible { ok = false }
                        if x > 1 - 1e-6 {
                            chosen.append(j)
                        } else if x > 1e-6 {
                            integral = false
                            if !fixedSitters.contains(columns[j].sitter) && (candidate == nil || x > candidate!.1) {
                                candidate = (j, x)
                            }
                        }
                    }
                    if ok && integral {
                        consider(chosen)
                        if bestValue >= bound { break }
                        target = Double(bestValue + 1)
                        ok = false
                    } else if ok {
                        next = candidate?.0
                        if next == nil { ok = false }
                    }
                }
                if ok, let j = next {
                    lp.setColumnBounds(j, lower: 1, upper: 1)
                    stack.append(Level(column: j))
                    fixedSitters.insert(columns[j].sitter)
                    // Columns at (nearly) 1 go along: fewer re-generations per dive.
                    for i in columns.indices
                    where i != j && !fixedSitters.contains(columns[i].sitter) && lp.columnPrimal(i) > 0.9 {
                        lp.setColumnBounds(i, lower: 1, upper: 1)
                        stack.append(Level(column: i))
                        fixedSitters.insert(columns[i].sitter)
                    }
                    continue
                }
                // Backtrack: undo the last fixing and forbid that column in its parent.
                backtracks += 1
                guard let last = stack.popLast(), backtracks <= 30 else { break }
                for f in last.forbidden { lp.setColumnBounds(f, lower: 0, upper: .infinity) }
                fixedSitters.remove(columns[last.column].sitter)
                lp.setColumnBounds(last.column, lower: 0, upper: 0)
                if stack.isEmpty {
                    forbiddenAtRoot.append(last.column)
                } else {
                    stack[stack.count - 1].forbidden.append(last.column)
                }
            }
            // Leave the master as it was for the restricted MIP below.
            for l in stack { lp.setColumnBounds(l.column, lower: 0, upper: .infinity) }
            for l in stack { for f in l.forbidden { lp.setColumnBounds(f, lower: 0, upper: .infinity) } }
            for f in forbiddenAtRoot { lp.setColumnBounds(f, lower: 0, upper: .infinity) }
        }

        // The restricted master over all generated columns as a MIP (short at the
        // root, where it mostly hands GLPK a good starting point).
        if bestValue < bound && bound != Int.max && Date() < deadline {
            // An integral LP point needs no search.
            var chosen: [Int] = []
            var integral = true
            for j in columns.indices {
                let x = lp.columnPrimal(j)
                if x > 1 - 1e-6 { chosen.append(j) } else if x > 1e-6 { integral = false }
                if x > 1e-6 && !columns[j].feasible { integral = false }
            }
            if integral { consider(chosen) }
        }
        if bestValue < bound && bound != Int.max && Date() < deadline {
            for j in columns.indices {
                lp.setInteger(j, true)
                if !columns[j].feasible { lp.setColumnBounds(j, lower: 0, upper: 0) }
            }
            var mo = MIPOptions(
                timeLimit: max(0.2, min(search ? restrictedMIPSeconds : 1, deadline.timeIntervalSinceNow)))
            mo.integralObjective = true
            mo.knownBound = Double(bound)
            let r = lp.intopt(options: mo)
            if r.status == .optimal || r.status == .feasible {
                consider(columns.indices.filter { r.values[$0] > 0.5 })
            }
        }
        return Outcome(
            bound: max(bound, bestValue), value: bestValue, point: bestPoint, columns: columns.count, rounds: rounds)
    }

    /// Full travel check of one sitter's week, used when pricing is a relaxation:
    /// every pair of visits. Overlaps with shifts are already exact, since pricing
    /// checks them between consecutive items.
    func isFeasible(visits vs: [Int]) -> Bool {
        for i in vs.indices {
            for j in vs.indices where j > i { if index.visitsConflict(vs[i], vs[j]) { return false } }
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
        var pred: Int  // label id of predecessor, -1 for source
        var node: Int
    }

    /// Best weeks of sitter `s` under item values: a longest path over the
    /// sitter's items in time order with day/week minutes and the shift limit as
    /// resources, Pareto labels per item; required items (locks) on every path.
    static let maxLabelsPerNode = 1000

    /// Labels per item in cheap pricing rounds, and columns a sitter may add per round.
    static let heuristicLabels = 6
    static let keepPerSitter = 3

    /// An upper bound on the sitter's best week: the longest path over items with
    /// positive value that do not overlap (and keep travel with the item before),
    /// ignoring day/week minutes, the shift limit and required items. Never below 0.
    func relaxedBest(sitter s: Int, value: [Double]) -> Double {
        let its = items[s]
        var best = [Double](repeating: 0, count: its.count)
        var overall = 0.0
        for b in its.indices where value[b] > 1e-9 {
            var v = value[b]
            for a in 0..<b where best[a] > 0 {
                let x = its[a]
                let y = its[b]
                let ok = x.isVisit && y.isVisit ? !index.visitsConflict(x.id, y.id) : x.end <= y.start
                if ok { v = max(v, best[a] + value[b]) }
            }
            best[b] = v
            overall = max(overall, v)
        }
        return overall
    }

    func price(sitter s: Int, value: [Double], keep: Int, cap: Int = ColumnBound.maxLabelsPerNode) -> (
        paths: [Path], exact: Bool
    ) {
        var truncated = false
        let its = items[s]
        let n = its.count
        let c = index.theCase
        let maxDay = index.maxDay(s)
        let maxWeek = index.maxWeek(s)
        let maxShifts = index.maxShifts(s) ?? Int.max
        let weekBinds = its.filter(\.isVisit).reduce(0) { $0 + $1.minutes } > maxWeek
        let shiftsBind = its.filter { !$0.isVisit }.count > maxShifts
        // Which nodes take part: positive value or required.
        let active = (0..<n).filter { value[$0] > 1e-9 || its[$0].required }
        let requiredPositions = active.filter { its[$0].required }
        var labels: [Label] = []
        var atNode = [[Int]](repeating: [], count: n)
        // Next required (by position in `active`) after each active index.
        func compatible(_ a: Int, _ b: Int, lastVisit: Int) -> Bool {
            let x = its[a]
            let y = its[b]
            if x.isVisit && y.isVisit {
                if index.visitsConflict(x.id, y.id) { return false }
            } else if x.end > y.start {
                return false
            }
            if y.isVisit && !x.isVisit && lastVisit >= 0 {
                if index.visitsConflict(its[lastVisit].id, y.id) { return false }
            }
            return true
        }
        _ = c
        for (pos, b) in active.enumerated() {
            let y = its[b]
            var candidates: [Label] = []
            // From the source: no required item may come before b.
            if requiredPositions.first.map({ $0 >= b }) ?? true {
                var l = Label(value: value[b], week: 0, dayMinutes: 0, shifts: 0, lastVisit: -1, pred: -1, node: b)
                if y.isVisit {
                    l.week = y.minutes
                    l.dayMinutes = y.minutes
                    l.lastVisit = b
                } else {
                    l.shifts = 1
                }
                if l.dayMinutes <= maxDay && l.week <= maxWeek && l.shifts <= maxShifts { candidates.append(l) }
            }
            // From earlier active nodes, skipping no required item.
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
                    if y.isVisit {
                        l.week += y.minutes
                        if la.lastVisit >= 0 && its[la.lastVisit].day == y.day {
                            l.dayMinutes += y.minutes
                        } else {
                            l.dayMinutes = y.minutes
                        }
                        l.lastVisit = b
                        if l.dayMinutes > maxDay || l.week > maxWeek { continue }
                    } else {
                        l.shifts += 1
                        if l.shifts > maxShifts { continue }
                    }
                    candidates.append(l)
                }
                if its[a].required { break }  // cannot jump over a required item
                qpos -= 1
            }
            // Pareto filter.
            candidates.sort { $0.value > $1.value }
            var kept: [Label] = []
            for l in candidates {
                let dominated = kept.contains { o in
                    o.value >= l.value - 1e-12 && (!weekBinds || o.week <= l.week) && o.dayMinutes <= l.dayMinutes
                        && (!shiftsBind || o.shifts <= l.shifts) && o.lastVisit == l.lastVisit
                }
                if !dominated { kept.append(l) }
                if kept.count >= cap {
                    truncated = true
                    break
                }
            }
            for l in kept {
                atNode[b].append(labels.count)
                labels.append(l)
            }
        }
        // Ends: after the last required item.
        let lastRequired = requiredPositions.last ?? -1
        var ends: [(Double, Int)] = []
        for (lid, l) in labels.enumerated() where l.node >= lastRequired { ends.append((l.value, lid)) }
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
        return (out, !truncated)
    }
}
