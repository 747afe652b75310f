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
    /// The whole run's wall clock and cancellation.
    let solveControl: SolveControl
    /// The level being searched's: the run's, or sooner when a max-min level follows (`startLevel`).
    var control: SolveControl
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
    /// An incremental re-plan's: each level at the repaired schedule.
    var repairedValues: [Int]?
    /// The rings' pairs, computed once at the repaired schedule: every level searches the same
    /// neighbourhoods, so that the last ("published assignments kept") may undo what a level
    /// above moved for nothing.
    var rings: [[Int]] = []

    var name: String { level.name }

    init(_ checked: CheckedCase, solver: any MIPSolver, options: PlanOptions) throws {
        started = Date()
        self.solver = solver
        self.options = options
        work = options.work
        levels = PlanningLevel.placing(fairShareOf: checked.theCase, in: options.levels)
        let progress = options.progress
        say = { progress?($0) }
        solveControl = SolveControl(
            deadline: started.addingTimeInterval(options.timeLimit), token: options.cancellation)
        control = solveControl
        // The index below relies on the validator's checks: `Planner.plan` saw to them.
        index = PlanningIndex(checked.theCase)
        cm = CompactModel(index, levels: levels)
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
        if let inc = options.incremental { try repairedStart(inc) } else { try startingPoint() }
        for k in levels.indices { try searchLevel(k) }
        control = solveControl
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
        // Its share of the time left (`LevelBudget`), so that the levels after it get theirs
        // (a large week's high slots would take it all); a level that stops at its share
        // says it stopped for time. A max-min level after this one (the fair share after
        // the normal slots) keeps its part too.
        control = solveControl
        let now = Date()
        control.deadline = options.budget.deadline(of: k, in: levels, now: now, end: solveControl.deadline)
        if levels[(k + 1)...].contains(where: { $0.maxMin != nil }), let end = solveControl.deadline {
            let left = max(0, end.timeIntervalSince(now))
            control.deadline = min(control.deadline ?? end, now.addingTimeInterval(left * (1 - options.maxMinReserve)))
        }
    }

    /// For cross-checks with other solvers: this level's model with the levels above
    /// held. Writing the model is not the level's work: its seconds (returned) are left
    /// out of the level's.
    func dumpMPS(since stageStart: Double) throws -> Double {
        guard let dir = options.dumpMPSDirectory else { return 0 }
        let path = "\(dir)/stage\(k + 1).mps"
        guard solver.linearPrograms.writeMPS(cm.model, to: path) else {
            throw PlanError.cannotWrite(path)
        }
        return elapsed() - stageStart
    }

    /// The level's searches, in order (see the type's comment).
    func searches() throws {
        // An incremental re-plan of a large week: around the change only. A small week gets
        // the whole search below, from the repaired schedule (a second or less, and proofs).
        if options.incremental != nil && large {
            aroundTheChange()
            return
        }
        // Fix-and-optimise by window, GLPK on each window's small model. On a large
        // model between the column bound and the column search (which may need all
        // the time there): a better start for it, told the bound; on a small one after
        // the column search, only if it left a gap (it usually proves the level at once).
        if large {
            // On the largest models these take at most their part of the level's time
            // (`LevelBudget.beforeRoot`): the column root gets the rest.
            let levelControl = control
            if windowsBeforeRoot, let end = control.deadline {
                let now = Date()
                control.deadline = now.addingTimeInterval(
                    max(0, end.timeIntervalSince(now)) * options.budget.beforeRoot)
            }
            dropUnneeded()
            ruinAndRecreateHere()
            // Windows also before the column bound: its root may take all the time.
            if windowsBeforeRoot { windowsThenRuin() }
            control = levelControl
        }
        // A max-min level (the fair share): a group at the minimum at a time, first, then
        // GLPK around them.
        raiseTheLeast()
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
        lift()
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
        // Any assignment may count for a level with its own rows.
        func counts(_ s: Int, _ it: WeekRules.Item) -> Bool {
            upTo.contains { !$0.isSum || $0.value(index, s, it) != 0 }
        }
        let kept = cm.point(
            assignments: sol.assignments.filter { index.locked.contains($0) || counts($0.sitter, .visit($0.item)) },
            onCall: sol.onCall.filter { counts($0.sitter, .shift($0.item)) })
        if cm.model.maxViolation(kept) < Tolerance.feasibility && cm.value(of: level, at: kept) == value {
            point = kept
        }
    }
}
