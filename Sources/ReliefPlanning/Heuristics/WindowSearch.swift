import LinearProgramming
import ReliefCore

/// Fix-and-optimise by time window: the items starting in one window of the
/// week are freed (every sitter's pair with them, and the continuous columns
/// that share a row with those pairs), everything else is held at the current
/// schedule, and GLPK optimises the level on that small model
/// (`LinearModel.restricted`). Windows are consecutive runs of items in time
/// order, overlapping by half, so that an item near a window's edge is once in
/// the middle of one. A window's schedule is kept when every row of the whole
/// model holds and the level rises. Passes repeat while one helps.
///
/// Deterministic: windows, their order and each MIP's nodes are counted
/// (`WorkLimits.windowColumns`, `windowMIPs`, `windowNodes`); the wall clock
/// only cuts it short.
struct WindowSearch {
    let cm: CompactModel
    let solver: any MIPSolver
    let work: WorkLimits
    /// The columns of each window: runs of items in time order, then groups of sitters.
    let windows: [[Int]]
    /// Rows of each column of `cm.model`.
    private let rowsOf: [[Int]]
    /// The item of each sitter-item column (nil for the continuous ones).
    let itemOfColumn: [WeekRules.Item?]
    /// The sitter of each sitter-item column (nil for the others).
    let sitterOfColumn: [Int?]

    init(cm: CompactModel, solver: any MIPSolver, work: WorkLimits) {
        self.cm = cm
        self.solver = solver
        self.work = work
        rowsOf = cm.model.rowsByColumn()
        let ix = cm.index
        let c = ix.theCase
        var visitColumns = [[Int]](repeating: [], count: c.visits.count)
        var shiftColumns = [[Int]](repeating: [], count: c.onCallShifts.count)
        var sitterColumns = [[Int]](repeating: [], count: c.sitters.count)
        var itemOf = [WeekRules.Item?](repeating: nil, count: cm.model.columns.count)
        var sitterOf = [Int?](repeating: nil, count: cm.model.columns.count)
        for (p, col) in cm.x {
            visitColumns[p.item].append(col)
            sitterColumns[p.sitter].append(col)
            itemOf[col] = .visit(p.item)
            sitterOf[col] = p.sitter
        }
        for (p, col) in cm.y {
            shiftColumns[p.item].append(col)
            sitterColumns[p.sitter].append(col)
            itemOf[col] = .shift(p.item)
            sitterOf[col] = p.sitter
        }
        itemOfColumn = itemOf
        sitterOfColumn = sitterOf
        // Items in time order, each with its pairs.
        var byItem: [(start: Instant, key: Int, columns: [Int])] = []
        for v in c.visits.indices where !visitColumns[v].isEmpty {
            byItem.append((c.visits[v].span.start, v, visitColumns[v].sorted()))
        }
        for o in c.onCallShifts.indices where !shiftColumns[o].isEmpty {
            byItem.append((c.onCallShifts[o].span.start, c.visits.count + o, shiftColumns[o].sorted()))
        }
        byItem.sort { ($0.start, $0.key) < ($1.start, $1.key) }
        // Then sitters by home territory, every pair of each whatever the day, so that
        // neighbours may trade visits across the week.
        let sitters = c.sitters.indices.filter { !sitterColumns[$0].isEmpty }
            .sorted { (ix.homeTerritory[$0], $0) < (ix.homeTerritory[$1], $1) }
        let limit = work.windowColumns
        windows =
            Self.runs(byItem.map(\.columns.count), limit: limit).map { byItem[$0].flatMap(\.columns) }
            + (sitters.count > 1
                ? Self.runs(sitters.map { sitterColumns[$0].count }, limit: limit).map {
                    sitters[$0].flatMap { sitterColumns[$0] }.sorted()
                } : [])
    }

    /// Consecutive runs of parts whose sizes add up to at most `limit` (at least two
    /// parts each), every run starting half-way through the one before.
    static func runs(_ sizes: [Int], limit: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var from = 0
        while from < sizes.count {
            var to = from
            var total = 0
            while to < sizes.count && (to - from < 2 || total + sizes[to] <= limit) {
                total += sizes[to]
                to += 1
            }
            out.append(from..<to)
            if to == sizes.count { break }
            from += max(1, (to - from) / 2)
        }
        return out
    }

    /// Raises `level` (the model's objective must be that level) from `start`,
    /// a feasible point of `cm.model`, up to `bound`. Returns the best point.
    func improve(
        level: PlanningLevel, start: [Double], bound: Int, control: SolveControl, log: (String) -> Void
    ) -> [Double] {
        var point = start
        var value = cm.value(of: level, at: point)
        let first = value
        let wins = windows
        var mips = 0
        var skipped = 0
        var improved = true
        var passes = 0
        // MIPs in a row without a gain: past `windowStall`, the windows have done what they can.
        var stalled = 0
        var open = improvable(level, at: point)
        while improved && value < bound && mips < work.windowMIPs && !control.shouldStop {
            improved = false
            passes += 1
            for w in wins {
                if value >= bound || mips >= work.windowMIPs || stalled >= work.windowStall || control.shouldStop {
                    break
                }
                // A window whose items all give the level what they can (full, and with
                // holders worth the most) cannot raise it: no MIP (on large weeks most windows).
                if let open, !w.contains(where: { itemOfColumn[$0].map(open.contains) ?? false }) {
                    skipped += 1
                    continue
                }
                mips += 1
                stalled += 1
                if let better = optimise(
                    freeing: w, level: level, at: point, above: value, nodes: work.windowNodes, control: control)
                {
                    point = better
                    value = cm.value(of: level, at: point)
                    improved = true
                    stalled = 0
                    open = improvable(level, at: point)
                }
            }
        }
        log("windows: \(first) -> \(value) (\(wins.count) windows, \(mips) MIPs, \(skipped) skipped, \(passes) passes)")
        return point
    }

    /// The items through which `level` may still rise at `point`: counted by the
    /// level, and open (fewer holders than the need, or than the eligible sitters),
    /// or held by someone worth less to the level than the best eligible sitter.
    /// Nil (every item) for a level with a once-per-sitter value or its own rows,
    /// which any window may change.
    func improvable(_ level: PlanningLevel, at point: [Double]) -> Set<WeekRules.Item>? {
        guard level.isPairSum else { return nil }
        let ix = cm.index
        let c = ix.theCase
        let sol = CompactSolution(cm, point)
        var holders: [WeekRules.Item: [Int]] = [:]
        for p in sol.assignments { holders[.visit(p.item), default: []].append(p.sitter) }
        for p in sol.onCall { holders[.shift(p.item), default: []].append(p.sitter) }
        var out = Set<WeekRules.Item>()
        func consider(_ item: WeekRules.Item, eligible: [Int], need: Int) {
            var best = 0.0
            for s in eligible { best = max(best, level.value(ix, s, item)) }
            guard best > 0 else { return }
            let h = holders[item] ?? []
            if h.count < min(need, eligible.count) || h.contains(where: { level.value(ix, $0, item) < best }) {
                out.insert(item)
            }
        }
        for v in c.visits.indices { consider(.visit(v), eligible: ix.visitEligible[v], need: c.visits[v].sitters) }
        for o in c.onCallShifts.indices {
            consider(.shift(o), eligible: ix.shiftEligible[o], need: c.onCallShifts[o].staff)
        }
        return out
    }

    /// The model with the integer columns `w` free, with the continuous columns tied to
    /// them (sharing a row), every other column held at `point`; and the free columns, in order.
    func neighbourhood(freeing w: [Int], at point: [Double]) -> (columns: [Int], model: LinearModel) {
        let model = cm.model
        var free = Set(w)
        // A level's own column (a max-min's z) follows the assignments: free in every window.
        for (_, terms) in cm.levelTerms { for t in terms.objective { free.insert(t.column) } }
        // So does the weekly rest of a sitter whose items are free: every block, or the block
        // the point chose would keep the freed items where they were.
        if !cm.rest.isEmpty {
            for j in w { if let s = sitterOfColumn[j], let r = cm.rest[s] { free.formUnion(r.columns) } }
        }
        for j in w {
            for r in rowsOf[j] {
                for e in model.rows[r].entries where !model.columns[e.column].isInteger { free.insert(e.column) }
            }
        }
        let columns = free.sorted()
        return (columns, model.restricted(to: columns, at: point, rowsOf: rowsOf))
    }

    /// RINS inside a neighbourhood: the LP of the model with the integer columns `w`
    /// free and every other column held at `point` (a `LinearProgram` of the solver's
    /// backend, GLPK's by default); the columns of `w` where that LP agrees with
    /// `point` stay held, the others go to `optimise`. A
    /// neighbourhood GLPK's tree cannot search within its nodes becomes one of a few
    /// hundred pairs it can (the measurements: docs/performance.md).
    func rins(
        freeing w: [Int], level: PlanningLevel, at point: [Double], above value: Int, nodes: Int, control: SolveControl
    ) -> (point: [Double]?, freed: Int) {
        let (columns, sub) = neighbourhood(freeing: w, at: point)
        guard let lp = try? solver.linearPrograms.program(sub),
            case .optimal = lp.simplex(iterationLimit: work.simplexIterations, control: control)
        else { return (nil, 0) }
        let inW = Set(w)
        var disagree: [Int] = []
        for (i, j) in columns.enumerated()
        where inW.contains(j) && abs(lp.columnPrimal(i) - point[j]) > Tolerance.integrality {
            disagree.append(j)
        }
        // Nothing to free, or everything: no narrower neighbourhood.
        guard !disagree.isEmpty && disagree.count < w.count else { return (nil, disagree.count) }
        return (
            optimise(freeing: disagree, level: level, at: point, above: value, nodes: nodes, control: control),
            disagree.count
        )
    }

    /// One fix-and-optimise step: the integer columns `w` (and the continuous
    /// columns sharing a row with them) free, every other column held at `point`;
    /// GLPK on that model within `nodes` (and `iterations` simplex iterations of all nodes
    /// together, if capped). The better point, checked against the whole model, or nil when
    /// it is not above `value`.
    func optimise(
        freeing w: [Int], level: PlanningLevel, at point: [Double], above value: Int, nodes: Int,
        iterations: Int? = nil, control: SolveControl
    ) -> [Double]? {
        optimise(freeing: w, at: point, nodes: nodes, integral: true, iterations: iterations, control: control) {
            cm.value(of: level, at: $0) > value && cm.model.maxViolation($0) < Tolerance.feasibility
        }
    }

    /// The same step on the model's own objective (`integral`: its values are whole
    /// numbers; `iterations`: simplex iterations of all nodes together, if capped): the point
    /// GLPK found, rebuilt from its assignments (so that slacks are exact), when `accept` takes it.
    func optimise(
        freeing w: [Int], at point: [Double], nodes: Int, integral: Bool, iterations: Int?, control: SolveControl,
        accept: ([Double]) -> Bool
    ) -> [Double]? {
        let model = cm.model
        let (columns, sub) = neighbourhood(freeing: w, at: point)
        var mo = MIPOptions()
        mo.nodeLimit = nodes
        mo.iterationLimit = work.simplexIterations
        mo.control = control
        mo.incumbent = columns.map { point[$0] }
        mo.integralObjective = integral
        mo.iterationBudget = iterations
        guard let r = try? solver.solve(sub, options: mo), r.status == .optimal || r.status == .feasible,
            r.values.count == columns.count
        else { return nil }
        var candidate = point
        for (i, j) in columns.enumerated() {
            candidate[j] = model.columns[j].isInteger ? r.values[i].rounded() : r.values[i]
        }
        let sol = CompactSolution(cm, candidate)
        let exact = cm.point(assignments: sol.assignments, onCall: sol.onCall)
        return accept(exact) ? exact : nil
    }
}
