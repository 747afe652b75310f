import Foundation
import LinearProgramming
import ReliefCore

/// One run of `Planner.plan`: the lexicographic search over the levels, then
/// level 5. Its stored properties are what every step shares (the compact
/// model, the current point, what each level found); its methods are the steps,
/// in the order `run` calls them. One instance, one case, used once.
///
/// Each level (`searchLevel`) starts from the point the levels above left, then,
/// while the level is below its bound and the work limits allow:
///
/// - on a large model, ruin and recreate from a point without the assignments
///   that count for no level yet, and the windows if the column root may be long;
/// - 0. on a small model, GLPK's presolved branch-and-cut (`presolvedBranchAndCut`);
/// - 1. the column bound and the column master's schedules (`columnBoundAndColumns`);
/// - the exchanges, the windows (small model), 2. GLPK's branch-and-cut from the
///   point (`branchAndCut`), the exchanges again;
///
/// then the greedy fill, and the level's value is held as a row (`finishLevel`).
final class LevelSearch {
    // The run: what every level reads.
    let solver: any MIPSolver
    let options: PlanOptions
    let work: WorkLimits
    let levels: [PlanningLevel]
    let started: Date
    let control: SolveControl
    let say: @Sendable (String) -> Void
    let index: PlanningIndex
    let stats: ModelStats
    /// With `PlanOptions.keepModel`: the compact model before any level was held.
    let unheld: CompactModel?
    let greedy: GreedyFill
    let exchanges: ExchangeSearch
    let columnBound: ColumnBound?
    /// More sitter-item pairs than `windowsFirstPairs` (holding a level adds rows only).
    let large: Bool
    /// L and XL: the windows before the column root, which may take all the time there.
    let windowsBeforeRoot: Bool

    // What the run has found so far.
    /// The compact model: its objective the level being searched, the levels above held as rows.
    var cm: CompactModel
    /// The best point so far; it keeps every row of `cm`.
    var point: [Double] = []
    var proven: [Bool]
    var found: [Int]
    var bounds: [Int]
    var stageSeconds: [Double] = []
    var stoppedBy: StopReason?
    var qualityScore: Double?
    var qualityBound: Double?

    // The level being searched (set by `startLevel`).
    var k = 0
    var level: PlanningLevel
    var value = 0
    /// Every position that someone could fill at first: a bound that always holds.
    var bound = 0
    /// Why this level's search stopped short of its bound.
    var stop: StopReason?
    /// The levels above, at the values found: what this level's searches must keep.
    var held: [(level: PlanningLevel, value: Int)] = []
    /// Built on first use in a level: a small model proven by the column search never needs it.
    var windowSearch: WindowSearch?
    /// GLPK's presolved branch-and-cut ran on this level (small models).
    var presolvedRan = false

    var name: String { level.name }

    init(_ checked: CheckedCase, solver: any MIPSolver, options: PlanOptions) throws {
        started = Date()
        self.solver = solver
        self.options = options
        work = options.work
        levels = options.levels
        let progress = options.progress
        say = { progress?($0) }
        control = SolveControl(deadline: started.addingTimeInterval(options.timeLimit), token: options.cancellation)
        // The index below relies on the validator's checks: `Planner.plan` saw to them.
        index = PlanningIndex(checked.theCase)
        cm = CompactModel(index)
        unheld = options.keepModel ? cm : nil
        stats = ModelStats(
            rows: cm.model.rows.count, columns: cm.model.columns.count, nonZeros: cm.model.nonZeros,
            binaries: cm.model.columns.filter(\.isInteger).count)
        greedy = GreedyFill(index)
        exchanges = ExchangeSearch(index)
        proven = [Bool](repeating: false, count: levels.count)
        found = [Int](repeating: 0, count: levels.count)
        bounds = [Int](repeating: 0, count: levels.count)
        columnBound = options.useColumnBound ? ColumnBound(index, work: work) : nil
        large = cm.x.count + cm.y.count > work.windowsFirstPairs
        windowsBeforeRoot = large && cm.x.count + cm.y.count > work.windowsBeforeRootPairs
        level = levels.first ?? PlanningLevel.contract[0]
    }

    func elapsed() -> Double { Date().timeIntervalSince(started) }

    /// The whole solve: a starting point, each level, level 5, the result.
    func run() throws -> PlanResult {
        say("model: \(stats.rows) rows, \(stats.columns) columns, \(stats.nonZeros) non-zeros")
        try startingPoint()
        for k in levels.indices { try searchLevel(k) }
        try searchQuality()
        return result()
    }

    // MARK: The starting point

    /// A starting point that keeps every hard rule: the locked assignments alone,
    /// else any schedule that keeps every rule; then the greedy fill.
    func startingPoint() throws {
        point = cm.point(assignments: index.locked, onCall: [])
        if cm.model.maxViolation(point) >= Tolerance.feasibility {
            // Locks alone break a rule (a locked trainee still needs an experienced
            // sitter beside them): any schedule that keeps every rule will do.
            var feasibility = cm.model
            feasibility.clearObjective()
            var mo = MIPOptions()
            mo.nodeLimit = work.startNodes
            mo.iterationLimit = work.simplexIterations
            mo.control = control
            let r = try solver.solve(feasibility, options: mo)
            let sol = r.values.count == point.count ? CompactSolution(cm, r.values) : nil
            let candidate = sol.map { cm.point(assignments: $0.assignments, onCall: $0.onCall) }
            guard let candidate, cm.model.maxViolation(candidate) < Tolerance.feasibility else {
                if r.status == .infeasible { throw PlanError.lockedInfeasible }
                if r.stoppedBy == .cancelled { throw PlanError.cancelled }
                throw PlanError.noStartingPoint
            }
            point = candidate
        }
        point = filled(point)
    }

    /// Fills what a point leaves open; keeps the point if the fill breaks a rule (it should not).
    func filled(_ p: [Double]) -> [Double] {
        let sol = CompactSolution(cm, p)
        let more = greedy.fill(assignments: sol.assignments, onCall: sol.onCall)
        let q = cm.point(assignments: more.assignments, onCall: more.onCall)
        return cm.model.maxViolation(q) < Tolerance.feasibility ? q : p
    }

    // MARK: One level

    /// Level `k`: its searches, then the fill; its value is then held as a row.
    func searchLevel(_ k: Int) throws {
        let stageStart = elapsed()
        startLevel(k)
        let dumpSeconds = try dumpMPS(since: stageStart)
        if control.shouldStop {
            stop = control.stopReason
        } else {
            try searches()
        }
        finishLevel(stageStart: stageStart, dumpSeconds: dumpSeconds)
    }

    /// The level's state: its value at the current point, its trivial bound, the objective.
    func startLevel(_ k: Int) {
        self.k = k
        level = levels[k]
        value = cm.value(of: level, at: point)
        bound = level.trivialBound(index)
        stop = nil
        windowSearch = nil
        presolvedRan = false
        cm.setObjective(level)
        held = Array(zip(levels[0..<k], found[0..<k])).map { (level: $0.0, value: $0.1) }
    }

    /// For cross-checks with other solvers: this level's model with the levels above
    /// held. Writing the model is not the level's work: its seconds (returned) are left
    /// out of the level's.
    func dumpMPS(since stageStart: Double) throws -> Double {
        guard let dir = options.dumpMPSDirectory else { return 0 }
        let path = "\(dir)/stage\(k + 1).mps"
        guard (try? GLPKProblem(model: cm.model).writeMPS(path)) == true else {
            throw PlanError.cannotWrite(path)
        }
        return elapsed() - stageStart
    }

    /// The level's searches, in order (see the type's comment).
    func searches() throws {
        // Fix-and-optimise by window, GLPK on each window's small model. On a large
        // model between the column bound and the column search (which may need all
        // the time there): a better start for it, told the bound; on a small one after
        // the column search, only if it left a gap (it usually proves the level at once).
        if large {
            dropUnneeded()
            ruinAndRecreateHere()
            // Windows also before the column bound: its root may take all the time.
            if windowsBeforeRoot { windowsThenRuin() }
        }
        // 0. On a small model, GLPK first: with every cut family it proves most levels
        //    of the S weeks in tens of nodes, before the column master's first round.
        if !large, let (p, provenByGLPK) = presolvedBranchAndCut() {
            presolvedRan = true
            adopt(p)
            if provenByGLPK && cm.value(of: level, at: p) >= value { bound = min(bound, value) }
        }
        // 1. The column bound, then the column master's schedules.
        columnBoundAndColumns()
        exchange()
        // Windows are sub-models of the whole one GLPK's presolved branch-and-cut
        // already searched: they would find nothing it did not.
        if !large && !presolvedRan { windows() }
        // 2. GLPK's branch-and-cut on the compact model, from the current point,
        //    stopping as soon as it meets the column bound.
        try branchAndCut()
        exchange()
    }

    /// The fill, the level's value and bound, and its value held as a row.
    func finishLevel(stageStart: Double, dumpSeconds: Double) {
        point = filled(point)
        value = cm.value(of: level, at: point)
        found[k] = value
        bounds[k] = max(value, bound)
        proven[k] = value >= bound
        if !proven[k] { stoppedBy = stoppedBy ?? control.stopReason ?? stop ?? .workLimit }
        cm.hold(level, atLeast: value)
        stageSeconds.append(elapsed() - stageStart - dumpSeconds)
        say(
            "level \(k + 1) \(name): \(value)\(proven[k] ? " (proven optimal)" : ", bound \(bound)") in \(String(format: "%.2f", stageSeconds[k])) s"
        )
    }

    /// Takes `candidate` if it raises the level and keeps every row.
    func adopt(_ candidate: [Double]) {
        let v = cm.value(of: level, at: candidate)
        if v > value, cm.model.maxViolation(candidate) < Tolerance.feasibility {
            point = candidate
            value = v
        }
    }

    /// On a large model the searches start without the assignments that count
    /// for no level up to this one (the greedy fill's lower-priority visits): they
    /// hold hours and days the searches of this level need (beside them no window
    /// may be able to fill an urgent visit). Locks stay; the fill at
    /// the end of the level gives what is left back.
    func dropUnneeded() {
        let sol = CompactSolution(cm, point)
        let upTo = levels[0...k]
        let index = index
        func counts(_ s: Int, _ it: WeekRules.Item) -> Bool { upTo.contains { $0.value(index, s, it) != 0 } }
        let kept = cm.point(
            assignments: sol.assignments.filter { index.locked.contains($0) || counts($0.sitter, .visit($0.item)) },
            onCall: sol.onCall.filter { counts($0.sitter, .shift($0.item)) })
        if cm.model.maxViolation(kept) < Tolerance.feasibility && cm.value(of: level, at: kept) == value {
            point = kept
        }
    }

    // MARK: Searches without a MIP of the whole model

    /// The window search of this level, built on first use.
    func theWindowSearch() -> WindowSearch {
        if windowSearch == nil { windowSearch = WindowSearch(cm: cm, solver: solver, work: work) }
        return windowSearch!
    }

    /// The windows from `start` up to `target`: the best point they reach.
    func windows(from start: [Double], to target: Int) -> [Double] {
        let (say, name, verbose) = (say, name, options.verbose)
        return theWindowSearch().improve(
            level: level, start: start, bound: target, control: control,
            log: { if verbose { say("  \(name): \($0)") } })
    }

    /// The windows from the current point, adopted.
    func windows() {
        guard value < bound && !control.shouldStop else { return }
        let before = value
        adopt(windows(from: point, to: bound))
        if value > before { say("  \(name): windows give \(value)") }
    }

    /// Ruin and recreate from `start` (the current point by default; no MIP: thousands
    /// of steps a second): a better point, else `start`.
    func ruinAndRecreate(
        from start: [Double]? = nil, to target: Int? = nil, preferring support: ColumnBound.Support? = nil
    ) -> [Double] {
        let start = start ?? point
        let target = target ?? bound
        let before = cm.value(of: level, at: start)
        guard before < target && !control.shouldStop else { return start }
        let sol = CompactSolution(cm, start)
        let t0 = elapsed()
        let r = RuinRecreate(index, steps: work.ruinSteps, stall: work.ruinStall).improve(
            assignments: sol.assignments, onCall: sol.onCall, level: level,
            held: held, bound: target,
            preferred: support, control: control)
        let candidate = cm.point(assignments: r.assignments, onCall: r.onCall)
        // Checked against every row of the whole model, as every search's point.
        let ok = cm.model.maxViolation(candidate) < Tolerance.feasibility
        let after = ok ? cm.value(of: level, at: candidate) : before
        if options.verbose {
            say(
                "  \(name): ruin and recreate\(support == nil ? "" : " (LP support preferred)"): \(before) -> \(after) (\(r.steps) steps, \(r.kept) kept, \(r.gains) gains, \(String(format: "%.2f", elapsed() - t0)) s)\(ok ? "" : "; its point breaks \(cm.model.worstViolation(candidate).0)")"
            )
        }
        return ok && after > before ? candidate : start
    }

    /// Ruin and recreate from the current point, adopted.
    func ruinAndRecreateHere() {
        let before = value
        adopt(ruinAndRecreate())
        if value > before && !options.verbose { say("  \(name): ruin and recreate give \(value)") }
    }

    /// The windows, then ruin and recreate, then the windows again if that gained.
    func windowsThenRuin() {
        windows()
        let before = value
        ruinAndRecreateHere()
        if value > before { windows() }
    }

    /// Exchanges: an open position for a sitter whose one blocking assignment moves.
    func exchange() {
        guard value < bound else { return }
        let sol = CompactSolution(cm, point)
        let better = exchanges.improve(
            assignments: sol.assignments, onCall: sol.onCall, level: level, control: control)
        let before = value
        adopt(cm.point(assignments: better.assignments, onCall: better.onCall))
        if value > before { say("  \(name): exchanges give \(value)") }
    }

    // MARK: MIPs

    /// A relaxation-induced neighbourhood: every pair the column master's LP
    /// uses and every pair of `start` free at once, every other pair held at
    /// 0; GLPK on that model. The LP's support is a small part of a large
    /// model and holds most of what a good schedule needs.
    func supportSearch(from start: [Double], support: ColumnBound.Support, to target: Int) -> [Double] {
        guard !control.shouldStop, cm.value(of: level, at: start) < target else { return start }
        let windowSearch = theWindowSearch()
        var free = Set<Int>()
        for p in support.visits { if let j = cm.x[p] { free.insert(j) } }
        for p in support.shifts { if let j = cm.y[p] { free.insert(j) } }
        for j in cm.x.values where start[j] > 0.5 { free.insert(j) }
        for j in cm.y.values where start[j] > 0.5 { free.insert(j) }
        // A larger neighbourhood is a MIP GLPK rarely improves within its nodes
        // (thousands of pairs), and the column search needs the time.
        guard free.count <= 2 * work.windowColumns else {
            if options.verbose { say("  \(name): LP support: \(free.count) pairs, too many for one MIP") }
            return start
        }
        let freed = free.sorted()
        let before = cm.value(of: level, at: start)
        let t0 = elapsed()
        let better = windowSearch.optimise(
            freeing: freed, level: level, at: start, above: before,
            // A converged root's LP is close to a schedule: worth more nodes; after a
            // root cut short, the last seconds serve the windows and the dive better.
            nodes: support.converged ? work.supportNodesConverged : work.supportNodes,
            control: control)
        if options.verbose {
            say(
                "  \(name): LP support: \(free.count) pairs free, \(before) -> \(better.map { cm.value(of: level, at: $0) } ?? before) in \(String(format: "%.2f", elapsed() - t0)) s"
            )
        }
        // Then RINS inside it: the pairs where the neighbourhood's own LP and the
        // schedule agree held, GLPK on the rest.
        var result = better ?? start
        let reached = cm.value(of: level, at: result)
        if reached < target && !control.shouldStop {
            let t1 = elapsed()
            let r = windowSearch.rins(
                freeing: freed, level: level, at: result, above: reached,
                nodes: work.supportNodesConverged, control: control)
            if let p = r.point { result = p }
            if options.verbose {
                say(
                    "  \(name): RINS in the LP support: \(r.freed) pairs free, \(reached) -> \(cm.value(of: level, at: result)) in \(String(format: "%.2f", elapsed() - t1)) s"
                )
            }
        }
        return result
    }

    /// GLPK's branch-and-cut on the whole compact model with its presolver (so
    /// without our point: the presolved model has other columns) and every cut
    /// family, within `boundCutNodes`. Its point (checked against every row) and
    /// whether GLPK proved it optimal.
    func presolvedBranchAndCut() -> (point: [Double], proven: Bool)? {
        guard !control.shouldStop else { return nil }
        var mo = MIPOptions()
        mo.nodeLimit = work.boundCutNodes
        mo.iterationBudget = work.boundCutIterations
        mo.iterationLimit = work.simplexIterations
        mo.control = control
        mo.integralObjective = true
        guard let r = try? solver.solve(cm.model, options: mo),
            r.status == .optimal || r.status == .feasible, r.values.count == point.count
        else { return nil }
        let sol = CompactSolution(cm, r.values)
        let candidate = cm.point(assignments: sol.assignments, onCall: sol.onCall)
        guard cm.model.maxViolation(candidate) < Tolerance.feasibility else { return nil }
        if options.verbose || r.status == .optimal {
            say(
                "  \(name): GLPK's presolved branch-and-cut: \(cm.value(of: level, at: candidate))\(r.status == .optimal ? " (proven)" : "") in \(r.nodes) nodes, \(String(format: "%.2f", r.seconds)) s"
            )
        }
        return (candidate, r.status == .optimal)
    }

    /// The column bound, then the column master's schedules. On a large model the
    /// column search is told to improve through ruin and recreate, the LP support and
    /// the windows, and (when the windows did not run before the root) to pause for them.
    func columnBoundAndColumns() {
        guard value < bound, let cb = columnBound else { return }
        let (say, name) = (say, name)
        guard
            let b = cb.upperBound(
                level: level, held: held,
                seed: point, cm: cm, control: control, log: options.verbose ? { say("  \(name): \($0)") } : nil,
                // On a small model GLPK's presolved branch-and-cut already ran to its node
                // limit above: the same deterministic search told the bound finds nothing more.
                improve: large
                    ? { target, support in
                        let p = self.ruinAndRecreate(from: self.point, to: target, preferring: support)
                        return self.windows(from: self.supportSearch(from: p, support: support, to: target), to: target)
                    }
                    : nil,
                // A large model that skipped the windows: they run if the root is a long one.
                pause: large && !windowsBeforeRoot
                    ? {
                        let before = self.value
                        self.windowsThenRuin()
                        return self.value > before ? self.point : nil
                    }
                    : nil)
        else { return }
        bound = min(bound, b.bound)
        if let p = b.point { adopt(p) }
        stop = b.stoppedBy
        say(
            "  \(name): column bound \(b.bound == Int.max ? "not reached" : String(b.bound)), columns give \(value) (\(b.columns) columns, \(b.rounds) rounds; lp \(String(format: "%.2f", b.lpSeconds)) s, pricing \(String(format: "%.2f", b.pricingSeconds)) s)"
        )
    }

    /// GLPK's branch-and-cut on the compact model, from the current point, stopping
    /// as soon as it meets the bound. GLPK's word counts only for a point that keeps
    /// every row of our model.
    func branchAndCut() throws {
        guard value < bound && !control.shouldStop else { return }
        let (say, name) = (say, name)
        var mo = MIPOptions()
        mo.nodeLimit = work.branchAndCutNodes
        mo.iterationBudget = work.lastCutIterations
        mo.iterationLimit = work.simplexIterations
        mo.control = control
        mo.incumbent = point
        mo.integralObjective = true
        if bound != Int.max { mo.knownBound = Double(bound) }
        mo.progress = { p in
            say(
                "  \(name): GLPK \(String(format: "%.1f", p.seconds)) s, incumbent \(p.incumbent.map { String(Int($0.rounded())) } ?? "-"), bound \(p.bound.map { String(format: "%.1f", $0) } ?? "-"), gap \(p.gap.map { String(format: "%.1f %%", $0 * 100) } ?? "-")"
            )
        }
        let r = try solver.solve(cm.model, options: mo)
        var accepted = false
        if r.status == .optimal || r.status == .feasible, r.values.count == point.count {
            let sol = CompactSolution(cm, r.values)
            let candidate = cm.point(assignments: sol.assignments, onCall: sol.onCall)
            if cm.model.maxViolation(candidate) < Tolerance.feasibility {
                accepted = true
                adopt(candidate)
            } else {
                say("  \(name): GLPK's point rejected (\(cm.model.worstViolation(candidate).0))")
            }
        }
        if r.status == .optimal && accepted {
            bound = min(bound, value)
        } else if accepted && r.bound.isFinite && abs(r.bound) < 1e15 {
            bound = min(bound, Int((r.bound + Tolerance.integrality).rounded(.down)))
        }
        if r.status != .optimal { stop = r.stoppedBy ?? stop }
        if options.verbose { say("  \(name): GLPK \(r.nodes) nodes, \(r.iterations) simplex iterations") }
        say("  \(name): GLPK \(r.status.rawValue), \(value) found in \(String(format: "%.2f", r.seconds)) s")
    }

    // MARK: Level 5 and the result

    /// Level 5: quality with the levels above held, in the time that remains.
    func searchQuality() throws {
        let stageStart = elapsed()
        cm.setQualityObjective(options.quality)
        let before = cm.model.objective(at: point)
        // Nothing to weigh (every score 0, as on a benchmark without preferences) or no
        // work asked for (the headcount's base plan): every schedule scores the same.
        let flat = !cm.model.columns.contains { $0.objective != 0 }
        if control.shouldStop {
            stoppedBy = stoppedBy ?? control.stopReason
        } else if flat || work.qualityNodes <= 0 || options.qualityTimeLimit <= 0 {
            if flat { qualityBound = before }
        } else {
            try solveQuality(above: before)
        }
        qualityScore = cm.model.objective(at: point)
        stageSeconds.append(elapsed() - stageStart)
        say(
            "level \(levels.count + 1) quality: \(String(format: "%.2f", qualityScore!))\(qualityBound.map { String(format: ", bound %.2f", $0) } ?? "")"
        )
    }

    /// GLPK on level 5, within `qualityNodes`; its point if it keeps every row and
    /// scores at least `before`.
    func solveQuality(above before: Double) throws {
        var mo = MIPOptions(timeLimit: options.qualityTimeLimit.isFinite ? options.qualityTimeLimit : 1e7)
        mo.nodeLimit = work.qualityNodes
        mo.iterationBudget = work.qualityIterations
        mo.iterationLimit = work.simplexIterations
        mo.control = control
        mo.relativeGap = options.qualityGap
        if large {
            mo.incumbent = point
        } else {
            // A small model: GLPK's presolver (so without our point, which is kept if
            // GLPK ends below it) and no Gomory cuts: on small weeks never a worse
            // score than without the presolver, often a better one and faster
            // (docs/performance.md).
            mo.cuts = [.mir, .cover, .clique]
        }
        let r = try solver.solve(cm.model, options: mo)
        if r.status == .optimal || r.status == .feasible, r.values.count == point.count {
            // Recompute the continuous columns from the rounded binaries so the point is exact.
            let sol = CompactSolution(cm, r.values)
            let candidate = cm.point(assignments: sol.assignments, onCall: sol.onCall)
            if cm.model.maxViolation(candidate) < Tolerance.qualityFeasibility
                && cm.model.objective(at: candidate) >= before - 1e-9
            {
                point = candidate
            }
        }
        if r.bound.isFinite && abs(r.bound) < 1e15 { qualityBound = max(cm.model.objective(at: point), r.bound) }
        // Level 5 stops at its node limit by design; only the wall clock or a cancellation is news.
        if let why = r.stoppedBy, why != .workLimit { stoppedBy = stoppedBy ?? why }
        if options.verbose { say("  quality: \(r.nodes) nodes, \(r.iterations) simplex iterations") }
    }

    /// The schedule of the current point and what each level found.
    func result() -> PlanResult {
        let sol = CompactSolution(cm, point)
        let schedule = Planner.schedule(
            index: index, solution: sol, proven: proven.allSatisfy { $0 }, found: found, bounds: bounds,
            seconds: elapsed(), backend: solver.name, quality: qualityScore, qualityBound: qualityBound,
            stoppedBy: stoppedBy, keys: levels.map(\.key))
        var result = PlanResult(
            schedule: schedule, proven: proven, modelStats: stats, stageSeconds: stageSeconds, stoppedBy: stoppedBy,
            unheldModel: unheld)
        result.levels = levels.indices.map { (levels[$0].key, found[$0], bounds[$0]) }
        return result
    }
}
