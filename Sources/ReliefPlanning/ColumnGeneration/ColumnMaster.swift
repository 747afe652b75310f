import LinearProgramming
import ReliefCore

/// The master problem of the column bound, a `LinearProgram` (GLPK's by default): one row per visit and shift
/// (at most their need), one convexity row per sitter (one week each, exactly
/// one for a sitter with locks), one per (trainee, visit) pair (a trainee only
/// beside a non-trainee), one per budget row (`ProgramBudgets`: each week's
/// minutes billed there) and one per held level; one column per generated week.
/// It knows the level it optimises and the levels it holds: nothing is left to
/// an objective set elsewhere.
final class ColumnMaster {
    /// A column: one sitter's set of items.
    struct Column {
        let sitter: Int
        let visits: [Int]
        let shifts: [Int]
        /// False when pricing was a relaxation and the week breaks a pairwise rule:
        /// usable for the bound, never in a schedule.
        let feasible: Bool
        /// The column of a max-min level's value (z), not a week.
        var isLevel: Bool { sitter == -2 }
    }

    let index: PlanningIndex
    let level: PlanningLevel
    let held: [(level: PlanningLevel, value: Int)]
    let lp: any LinearProgram
    private(set) var columns: [Column] = []
    private var keys: [[Int]] = []
    private var seen = Set<[Int]>()
    private var visitRow: [Int]
    private var shiftRow: [Int]
    private var convexRow: [Int] = []
    private var traineeRow: [PlanningIndex.Pair: Int] = [:]
    private(set) var traineesOnVisit: [Int: [Int]] = [:]
    private var heldRow: [Int] = []
    /// The rows of max-min levels (`MaxMinLevel`), each divided by its group's weight (coefficients
    /// near 1 beside the cover rows' 1s, where `1000 × minutes` ill-conditioned the LP): the level
    /// optimised (`z - Σ a/w <= base/w`) and each one held (`Σ a/w >= value - base/w`), by group.
    private var groupRows: [GroupRows] = []
    struct GroupRows {
        let level: MaxMinLevel
        /// Row of each group.
        let rows: [Int]
        /// +1 for a held level's rows (Σ a >= ...), -1 for the optimised one's.
        let sign: Double
    }
    let budgets: ProgramBudgets
    private var budgetRow: [Int] = []
    /// Weeks added so far (names stay unique after columns are dropped).
    private var added = 0

    init(
        _ ix: PlanningIndex, level: PlanningLevel, held: [(level: PlanningLevel, value: Int)], pricer: WeekPricer,
        backend: any LinearProgramBackend = GLPKSolver()
    ) {
        index = ix
        self.level = level
        self.held = held
        let c = ix.theCase
        lp = backend.program(name: "relief-columns", direction: .maximize)
        visitRow = [Int](repeating: -1, count: c.visits.count)
        for (v, vis) in c.visits.enumerated() where !ix.visitEligible[v].isEmpty {
            visitRow[v] = lp.addRow(name: "cover_visit[\(vis.id)]", lower: -.infinity, upper: Double(vis.sitters))
        }
        shiftRow = [Int](repeating: -1, count: c.onCallShifts.count)
        for (o, sh) in c.onCallShifts.enumerated() where !ix.shiftEligible[o].isEmpty {
            shiftRow[o] = lp.addRow(name: "staff_shift[\(sh.id)]", lower: -.infinity, upper: Double(sh.staff))
        }
        for si in c.sitters.indices {
            let hasLock = pricer.items[si].contains(where: \.required)
            convexRow.append(lp.addRow(name: "sitter[\(c.sitters[si].id)]", lower: hasLock ? 1 : -.infinity, upper: 1))
        }
        for v in c.visits.indices {
            for t in ix.visitEligible[v] where ix.isTrainee(t) {
                traineeRow[.init(t, v)] = lp.addRow(name: "trainee[\(t),\(v)]", lower: -.infinity, upper: 0)
                traineesOnVisit[v, default: []].append(t)
            }
        }
        budgets = ProgramBudgets(ix)
        for r in budgets.rows {
            budgetRow.append(lp.addRow(name: r.name, lower: -.infinity, upper: Double(r.cap)))
        }
        for h in held {
            if let mm = h.level.maxMin {
                // Held: every group at least `value` per mille.
                let rows = mm.groups.enumerated().map { g, group in
                    lp.addRow(
                        name: "\(h.level.rowName)[\(group.id)]",
                        lower: Double(h.value) - Double(group.base) / Double(max(1, group.weight)),
                        upper: .infinity)
                }
                groupRows.append(GroupRows(level: mm, rows: rows, sign: 1))
                heldRow.append(-1)
            } else {
                heldRow.append(lp.addRow(name: h.level.rowName, lower: Double(h.value), upper: .infinity))
            }
        }
        // One elastic column per held row, at a price no unit of this level can pay:
        // once a dive has fixed weeks, the columns at hand may no longer reach a held
        // level, and an infeasible master would stop the generation that could
        // reach it again. Such a column is never part of a schedule (`feasible` false,
        // sitter -1); the LP with it is a relaxation, so the bound stays valid.
        let penalty = -2 * Double(level.trivialBound(ix) + c.sitters.count + 1)
        var heldGroups = groupRows.makeIterator()
        for (j, h) in held.enumerated() {
            // A held max-min level: one unit of its elastic column is one per mille in every group.
            let entries =
                heldRow[j] >= 0
                ? [(heldRow[j], 1.0)]
                : heldGroups.next().map { g in g.rows.map { ($0, 1.0) } } ?? []
            lp.addColumn(
                name: "elastic[\(h.level.key)]", objective: penalty, lower: 0, upper: .infinity, entries: entries)
            columns.append(Column(sitter: -1, visits: [], shifts: [], feasible: false))
            keys.append([-3, j])
        }
        // The level optimised, when it is a max-min: its column z (sitter -2, never a week)
        // and a row per group, `z - Σ a/w <= base/w`.
        if let mm = level.maxMin {
            let rows = mm.groups.map {
                lp.addRow(
                    name: "share[\($0.id)]", lower: -.infinity, upper: Double($0.base) / Double(max(1, $0.weight)))
            }
            groupRows.append(GroupRows(level: mm, rows: rows, sign: -1))
            lp.addColumn(
                name: "share_level", objective: 1, lower: 0, upper: Double(max(0, mm.bound(ix))),
                entries: rows.map { ($0, 1.0) })
            columns.append(Column(sitter: -2, visits: [], shifts: [], feasible: true))
            keys.append([-4])
        }
    }

    /// The entries of visit `v` in the max-min levels' group rows.
    private func groupEntries(_ v: Int) -> [(row: Int, value: Double)] {
        groupRows.compactMap { g in
            let group = g.level.visitGroup[v]
            return group >= 0 ? (g.rows[group], g.sign * g.level.scaled(v)) : nil
        }
    }

    var rowCount: Int { lp.rowCount }

    /// Every visit needs one sitter and every shift one person, and no trainee
    /// row: columns above one half in a solution of the master are then disjoint.
    /// No budget row either: two such columns may still not both fit in a budget.
    var singlePositions: Bool {
        let c = index.theCase
        return traineeRow.isEmpty && budgetRow.isEmpty && c.visits.allSatisfy { $0.sitters == 1 }
            && c.onCallShifts.allSatisfy { $0.staff == 1 }
    }

    /// Adds a week as a column unless it is there already; true when added.
    @discardableResult
    func add(_ s: Int, visits vs: [Int], shifts os: [Int], feasible: Bool) -> Bool {
        let key = [s, -1] + vs + [-2] + os
        guard seen.insert(key).inserted else { return false }
        var entries: [(row: Int, value: Double)] = [(convexRow[s], 1)]
        var obj = 0.0
        var heldValue = [Double](repeating: 0, count: held.count)
        let items = vs.map { WeekRules.Item.visit($0) } + os.map { WeekRules.Item.shift($0) }
        if !items.isEmpty { obj += level.perSitter }
        for it in items {
            obj += level.value(index, s, it)
            for (j, h) in held.enumerated() { heldValue[j] += h.level.value(index, s, it) }
        }
        // A week's visits of one family share its group rows: one entry per row.
        var group: [Int: Double] = [:]
        for v in vs {
            if visitRow[v] >= 0 { entries.append((visitRow[v], 1)) }
            for (r, a) in groupEntries(v) { group[r, default: 0] += a }
            if index.isTrainee(s) {
                if let r = traineeRow[.init(s, v)] { entries.append((r, 1)) }
            } else if index.canSupervise(s) {
                for t in traineesOnVisit[v] ?? [] { if let r = traineeRow[.init(t, v)] { entries.append((r, -1)) } }
            }
        }
        for o in os where shiftRow[o] >= 0 { entries.append((shiftRow[o], 1)) }
        for (r, a) in group.sorted(by: { $0.key < $1.key }) { entries.append((r, a)) }
        if !budgetRow.isEmpty {
            var minutes = [Int](repeating: 0, count: budgetRow.count)
            for v in vs { for r in budgets.rowsOf[v] { minutes[r] += index.visitMinutes[v] } }
            for (r, m) in minutes.enumerated() where m > 0 { entries.append((budgetRow[r], Double(m))) }
        }
        for j in held.indices where heldValue[j] != 0 && heldRow[j] >= 0 { entries.append((heldRow[j], heldValue[j])) }
        added += 1
        lp.addColumn(name: "w\(added)", objective: obj, lower: 0, upper: .infinity, entries: entries)
        columns.append(Column(sitter: s, visits: vs, shifts: os, feasible: feasible))
        keys.append(key)
        return true
    }

    /// Duals of the last LP, turned into what each of a sitter's items is worth
    /// in pricing: its value to the level, less what it uses of every row.
    struct Duals {
        var visit: [Double]
        var shift: [Double]
        var held: [Double]
        var trainee: [PlanningIndex.Pair: Double]
        var convex: [Double]
        /// What one sitter on each visit is worth through the max-min levels' group rows.
        var groups: [Double]
        /// Per budget row: the price of one served minute there.
        var budget: [Double] = []
    }

    func duals() -> Duals {
        var trainee: [PlanningIndex.Pair: Double] = [:]
        for (p, r) in traineeRow { trainee[p] = lp.rowDual(r) }
        var groups = [Double](repeating: 0, count: index.theCase.visits.count)
        if !groupRows.isEmpty {
            let duals = groupRows.map { $0.rows.map { lp.rowDual($0) } }
            for v in groups.indices {
                for (k, g) in groupRows.enumerated() where g.level.visitGroup[v] >= 0 {
                    groups[v] -= duals[k][g.level.visitGroup[v]] * g.sign * g.level.scaled(v)
                }
            }
        }
        return Duals(
            visit: visitRow.map { $0 >= 0 ? lp.rowDual($0) : 0 }, shift: shiftRow.map { $0 >= 0 ? lp.rowDual($0) : 0 },
            held: heldRow.map { $0 >= 0 ? lp.rowDual($0) : 0 }, trainee: trainee,
            convex: convexRow.map { lp.rowDual($0) },
            groups: groups, budget: budgetRow.map { lp.rowDual($0) })
    }

    /// Reduced value of each item of sitter `s` (in pricing order) under `d`.
    func itemValues(_ s: Int, _ entries: [WeekPricer.Entry], _ d: Duals) -> [Double] {
        entries.map { e in
            var val = level.value(index, s, e.item)
            for (j, h) in held.enumerated() where d.held[j] != 0 { val -= d.held[j] * h.level.value(index, s, e.item) }
            switch e.item {
            case .visit(let v):
                val -= d.visit[v]
                val += d.groups[v]
                for r in budgets.rowsOf[v] { val -= d.budget[r] * Double(index.visitMinutes[v]) }
                if index.isTrainee(s) {
                    val -= d.trainee[.init(s, v)] ?? 0
                } else if index.canSupervise(s) {
                    for t in traineesOnVisit[v] ?? [] { val += d.trainee[.init(t, v)] ?? 0 }
                }
            case .shift(let o):
                val -= d.shift[o]
            }
            return val
        }
    }

    func solve(dual: Bool, work: WorkLimits, control: SolveControl) -> LPStatus {
        lp.simplex(dual: dual, iterationLimit: work.simplexIterations, control: control)
    }

    var value: Double { lp.lpObjective }
    func primal(_ j: Int) -> Double { lp.columnPrimal(j) }

    /// Keeps the master small: drops nonbasic, unused columns that price far out.
    func dropFarOut() {
        var drop: [Int] = []
        for j in columns.indices
        where columns[j].sitter >= 0 && !lp.isBasic(j) && lp.columnDual(j) < -0.5
            && lp.columnPrimal(j) < Tolerance.positive
        {
            drop.append(j)
        }
        guard !drop.isEmpty else { return }
        lp.deleteColumns(drop)
        let gone = Set(drop)
        for j in drop { seen.remove(keys[j]) }
        columns = columns.indices.filter { !gone.contains($0) }.map { columns[$0] }
        keys = keys.indices.filter { !gone.contains($0) }.map { keys[$0] }
    }

    func setBounds(_ j: Int, lower: Double, upper: Double) { lp.setColumnBounds(j, lower: lower, upper: upper) }

    /// The restricted master over every generated column as a MIP: the columns it
    /// chooses, or nil. Infeasible weeks are left out.
    func restrictedMIP(nodes: Int, knownBound: Int, work: WorkLimits, control: SolveControl) -> (
        chosen: [Int]?, stop: StopReason?
    ) {
        for j in columns.indices {
            lp.setInteger(j, true)
            if !columns[j].feasible { lp.setColumnBounds(j, lower: 0, upper: 0) }
        }
        var mo = MIPOptions()
        mo.nodeLimit = nodes
        mo.iterationLimit = work.simplexIterations
        mo.control = control
        // MIR and cover only: on a master of thousands of week columns Gomory's and
        // clique cuts cost more per node than they gain (measured on SMPTSP:
        // docs/performance.md).
        mo.cuts = [.mir, .cover]
        mo.integralObjective = true
        mo.knownBound = Double(knownBound)
        guard let r = try? lp.intopt(options: mo) else { return (nil, nil) }
        guard r.status == .optimal || r.status == .feasible else { return (nil, r.stoppedBy) }
        return (columns.indices.filter { r.values[$0] > 0.5 }, r.stoppedBy)
    }
}
