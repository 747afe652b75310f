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

    /// Columns of each item (visit pairs, then shift pairs), items in time order.
    private func windows() -> [[Int]] {
        let ix = cm.index
        let c = ix.theCase
        var byItem: [(start: Instant, key: Int, columns: [Int])] = []
        var visitColumns = [[Int]](repeating: [], count: c.visits.count)
        var shiftColumns = [[Int]](repeating: [], count: c.onCallShifts.count)
        for (p, col) in cm.x { visitColumns[p.item].append(col) }
        for (p, col) in cm.y { shiftColumns[p.item].append(col) }
        for v in c.visits.indices where !visitColumns[v].isEmpty {
            byItem.append((c.visits[v].span.start, v, visitColumns[v].sorted()))
        }
        for o in c.onCallShifts.indices where !shiftColumns[o].isEmpty {
            byItem.append((c.onCallShifts[o].span.start, c.visits.count + o, shiftColumns[o].sorted()))
        }
        byItem.sort { ($0.start, $0.key) < ($1.start, $1.key) }
        // A window: consecutive items up to `windowColumns` pairs (at least two items);
        // the next one starts half-way through its items.
        var out: [[Int]] = []
        var from = 0
        while from < byItem.count {
            var to = from
            var pairs = 0
            while to < byItem.count && (to - from < 2 || pairs + byItem[to].columns.count <= work.windowColumns) {
                pairs += byItem[to].columns.count
                to += 1
            }
            out.append(byItem[from..<to].flatMap(\.columns))
            if to == byItem.count { break }
            from += max(1, (to - from) / 2)
        }
        // Then groups of sitters, by home territory: every pair of each, whatever the day,
        // so that neighbours may trade visits across the week.
        var sitterColumns = [[Int]](repeating: [], count: c.sitters.count)
        for (p, col) in cm.x { sitterColumns[p.sitter].append(col) }
        for (p, col) in cm.y { sitterColumns[p.sitter].append(col) }
        let sitters = c.sitters.indices.filter { !sitterColumns[$0].isEmpty }
            .sorted { (ix.homeTerritory[$0], $0) < (ix.homeTerritory[$1], $1) }
        from = 0
        while from < sitters.count && sitters.count > 1 {
            var to = from
            var pairs = 0
            while to < sitters.count && (to - from < 2 || pairs + sitterColumns[sitters[to]].count <= work.windowColumns) {
                pairs += sitterColumns[sitters[to]].count
                to += 1
            }
            out.append(sitters[from..<to].flatMap { sitterColumns[$0] }.sorted())
            if to == sitters.count { break }
            from += max(1, (to - from) / 2)
        }
        return out
    }

    /// How many windows a pass visits (time windows, then sitter groups).
    var windowCount: Int { windows().count }

    /// Raises `level` (the model's objective must be that level) from `start`,
    /// a feasible point of `cm.model`, up to `bound`. Returns the best point.
    func improve(
        level: PlanningLevel, start: [Double], bound: Int, control: SolveControl, log: (String) -> Void
    ) -> [Double] {
        let model = cm.model
        let rowsOf = model.rowsByColumn()
        var point = start
        var value = cm.value(of: level, at: point)
        let first = value
        let wins = windows()
        var mips = 0
        var improved = true
        var passes = 0
        while improved && value < bound && mips < work.windowMIPs && !control.shouldStop {
            improved = false
            passes += 1
            for w in wins {
                if value >= bound || mips >= work.windowMIPs || control.shouldStop { break }
                mips += 1
                // The continuous columns tied to the freed pairs go free with them.
                var free = Set(w)
                for j in w {
                    for r in rowsOf[j] {
                        for e in model.rows[r].entries where !model.columns[e.column].isInteger { free.insert(e.column) }
                    }
                }
                let columns = free.sorted()
                let sub = model.restricted(to: columns, at: point, rowsOf: rowsOf)
                var mo = MIPOptions()
                mo.nodeLimit = work.windowNodes
                mo.iterationLimit = work.simplexIterations
                mo.control = control
                mo.incumbent = columns.map { point[$0] }
                mo.integralObjective = true
                guard let r = try? solver.solve(sub, options: mo), r.status == .optimal || r.status == .feasible,
                    r.values.count == columns.count
                else { continue }
                var candidate = point
                for (i, j) in columns.enumerated() { candidate[j] = model.columns[j].isInteger ? r.values[i].rounded() : r.values[i] }
                // Rebuilt from its assignments, so that slacks are exact, then checked against the whole model.
                let sol = CompactSolution(cm, candidate)
                let exact = cm.point(assignments: sol.assignments, onCall: sol.onCall)
                let v = cm.value(of: level, at: exact)
                if v > value && model.maxViolation(exact) < 1e-6 {
                    point = exact
                    value = v
                    improved = true
                }
            }
        }
        log("windows: \(first) -> \(value) (\(wins.count) windows, \(mips) MIPs, \(passes) passes)")
        return point
    }
}
