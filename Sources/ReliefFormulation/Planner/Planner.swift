import Foundation
import LinearProgramming
import ReliefCore

/// Options of one solve.
public struct PlanOptions: Sendable {
    /// Wall-clock cap for the whole solve, seconds. Within it, the work limits
    /// decide; a solve the cap cuts short says so (`solver.stoppedBy`).
    public var timeLimit: Double = 60
    /// Wall-clock cap of level 5 (quality) alone; by default the time that remains.
    public var qualityTimeLimit: Double = .infinity
    /// Work limits: what makes a solve reproducible.
    public var work = WorkLimits()
    /// The levels, in lexicographic order (the contract's four by default).
    public var levels: [PlanningLevel] = PlanningLevel.contract
    /// Least-change re-planning: the contract's four levels, then "published
    /// assignments kept" (what sitters and families were already told).
    public var leastChange: Bool {
        get { levels.contains { $0.key == PlanningLevel.keptPublished.key } }
        set {
            levels.removeAll { $0.key == PlanningLevel.keptPublished.key }
            if newValue { levels.append(.keptPublished) }
        }
    }
    public var quality = QualityWeights()
    /// Relative gap at which level 5 stops (it is optimised, not proven, by default).
    public var qualityGap: Double = 0.005
    /// Compute the column-generation bound that proves levels GLPK's own bound cannot.
    public var useColumnBound = true
    public var progress: (@Sendable (String) -> Void)?
    /// Raised by another thread (a signal handler, a daemon stopping): the solve
    /// returns the best valid schedule it has, with `solver.stoppedBy` = cancelled.
    public var cancellation: CancellationToken?
    /// Writes each level's compact model (levels above held) as `DIR/stageK.mps`.
    public var dumpMPSDirectory: String?
    /// More progress lines (column-generation timings).
    public var verbose = false
    /// Return the compact model before any level was held (`PlanResult.unheldModel`),
    /// for a later stage on the same case (the headcount's).
    public var keepModel = false
    public init() {}
}

/// What a solve found, before it is written as a schedule.
public struct PlanResult: Sendable {
    public var schedule: Schedule
    /// Per level: proven optimal (given the levels above at their optimum).
    public var proven: [Bool]
    public var modelStats: ModelStats
    public var stageSeconds: [Double]
    /// Why the solve stopped before finishing its work, if it did.
    public var stoppedBy: StopReason?
    /// Each level's key, value and bound, in the order solved.
    public var levels: [(key: String, value: Int, bound: Int)] = []
    /// With `PlanOptions.keepModel`: the compact model before any level was held (a
    /// later stage on the same case, as the headcount's, starts from it instead of
    /// building it again).
    public var unheldModel: CompactModel?
}

public struct ModelStats: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var nonZeros: Int
    public var binaries: Int
    public init(rows: Int, columns: Int, nonZeros: Int, binaries: Int) {
        self.rows = rows
        self.columns = columns
        self.nonZeros = nonZeros
        self.binaries = binaries
    }
}

/// Lexicographic planning: one stage per level, each level's optimum kept as a
/// row while the next is optimised, then level 5. Every search inside counts
/// its work (`WorkLimits`), so the same case gives the same schedule anywhere;
/// the wall-clock cap and the cancellation token only cut it short, and then
/// the best valid schedule found so far is returned, marked `stoppedBy`.
public struct Planner: Sendable {
    public let solver: any MIPSolver
    public init(solver: any MIPSolver = GLPKSolver()) { self.solver = solver }

    public func plan(_ c: Case, options: PlanOptions = PlanOptions()) throws -> PlanResult {
        let started = Date()
        func elapsed() -> Double { Date().timeIntervalSince(started) }
        let progress = options.progress
        @Sendable func say(_ s: String) { progress?(s) }
        let control = SolveControl(deadline: started.addingTimeInterval(options.timeLimit), token: options.cancellation)
        let work = options.work
        let levels = options.levels
        // A case built in memory (an event, a scenario, a spreadsheet) gets the same
        // checks as a file; the index below relies on them.
        let problems = CaseValidator.check(c).filter { $0.severity == .error }
        guard problems.isEmpty else { throw PlanError.invalidCase(problems) }
        let index = PlanningIndex(c)
        var cm = CompactModel(index)
        let unheld = options.keepModel ? cm : nil
        let stats = ModelStats(
            rows: cm.model.rows.count, columns: cm.model.columns.count, nonZeros: cm.model.nonZeros,
            binaries: cm.model.columns.filter(\.isInteger).count)
        say("model: \(stats.rows) rows, \(stats.columns) columns, \(stats.nonZeros) non-zeros")

        // A starting point that keeps every hard rule: the locked assignments alone.
        var point = cm.point(assignments: index.locked, onCall: [])
        if cm.model.maxViolation(point) >= 1e-6 {
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
            guard let candidate, cm.model.maxViolation(candidate) < 1e-6 else {
                if r.status == .infeasible { throw PlanError.lockedInfeasible }
                if r.stoppedBy == .cancelled { throw PlanError.cancelled }
                throw PlanError.noStartingPoint
            }
            point = candidate
        }
        let greedy = GreedyFill(index)
        let exchanges = ExchangeSearch(index)
        /// Fills what a point leaves open; keeps the point if the fill breaks a rule (it should not).
        func filled(_ p: [Double]) -> [Double] {
            let sol = CompactSolution(cm, p)
            let more = greedy.fill(assignments: sol.assignments, onCall: sol.onCall)
            let q = cm.point(assignments: more.assignments, onCall: more.onCall)
            return cm.model.maxViolation(q) < 1e-6 ? q : p
        }
        point = filled(point)
        var proven = [Bool](repeating: false, count: levels.count)
        var found = [Int](repeating: 0, count: levels.count)
        var bounds = [Int](repeating: 0, count: levels.count)
        var stageSeconds: [Double] = []
        var stoppedBy: StopReason?
        let columnBound = options.useColumnBound ? ColumnBound(index, work: work) : nil
        /// More sitter-item pairs than `windowsFirstPairs` (holding a level adds rows only).
        let large = cm.x.count + cm.y.count > work.windowsFirstPairs

        for (k, level) in levels.enumerated() {
            let stageStart = elapsed()
            let name = level.name
            var value = cm.value(of: level, at: point)
            // Every position that someone could fill: a bound that always holds.
            var bound = level.trivialBound(index)
            /// Why this level's search stopped short of its bound.
            var stop: StopReason?
            func adopt(_ candidate: [Double]) {
                let v = cm.value(of: level, at: candidate)
                if v > value, cm.model.maxViolation(candidate) < 1e-6 {
                    point = candidate
                    value = v
                }
            }
            cm.setObjective(level)
            /// The levels above, at the values found: what this level's searches must keep.
            let held = Array(zip(levels[0..<k], found[0..<k])).map { (level: $0.0, value: $0.1) }
            /// Writing the model is not the level's work: its seconds are left out of the level's.
            var dumpSeconds = 0.0
            if let dir = options.dumpMPSDirectory {
                // For cross-checks with other solvers: this level's model with the levels above held.
                let path = "\(dir)/stage\(k + 1).mps"
                guard (try? GLPKProblem(model: cm.model).writeMPS(path)) == true else {
                    throw PlanError.cannotWrite(path)
                }
                dumpSeconds = elapsed() - stageStart
            }
            if control.shouldStop {
                stop = control.stopReason
            } else {
                // Fix-and-optimise by window, GLPK on each window's small model. On a large
                // model between the column bound and the column search (which may need all
                // the time there): a better start for it, told the bound; on a small one after
                // the column search, only if it left a gap (it usually proves the level at once).
                // Built on first use: a small model proven by the column search never needs it.
                var windowSearch: WindowSearch?
                func windows(from start: [Double], to target: Int) -> [Double] {
                    if windowSearch == nil { windowSearch = WindowSearch(cm: cm, solver: solver, work: work) }
                    return windowSearch!.improve(
                        level: level, start: start, bound: target, control: control,
                        log: { if options.verbose { say("  \(name): \($0)") } })
                }
                func windows() {
                    guard value < bound && !control.shouldStop else { return }
                    let before = value
                    adopt(windows(from: point, to: bound))
                    if value > before { say("  \(name): windows give \(value)") }
                }
                /// Ruin and recreate from the current point (no MIP: thousands of steps a second).
                func ruinAndRecreate(from start: [Double]? = nil, to target: Int? = nil, preferring support: ColumnBound.Support? = nil) -> [Double] {
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
                    let ok = cm.model.maxViolation(candidate) < 1e-6
                    let after = ok ? cm.value(of: level, at: candidate) : before
                    if options.verbose {
                        say("  \(name): ruin and recreate\(support == nil ? "" : " (LP support preferred)"): \(before) -> \(after) (\(r.steps) steps, \(r.kept) kept, \(r.gains) gains, \(String(format: "%.2f", elapsed() - t0)) s)\(ok ? "" : "; its point breaks \(cm.model.worstViolation(candidate).0)")")
                    }
                    return ok && after > before ? candidate : start
                }
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
                /// L and XL: the windows before the column root, which may take all the time there.
                let windowsBeforeRoot = large && cm.x.count + cm.y.count > work.windowsBeforeRootPairs
                // On a large model the searches start without the assignments that count
                // for no level up to this one (the greedy fill's lower-priority visits): they
                // hold hours and days the searches of this level need (XL scarce level 2:
                // no window could fill an urgent visit beside them). Locks stay; the fill at
                // the end of the level gives what is left back.
                if large {
                    let sol = CompactSolution(cm, point)
                    let upTo = levels[0...k]
                    func counts(_ s: Int, _ it: WeekRules.Item) -> Bool { upTo.contains { $0.value(index, s, it) != 0 } }
                    let kept = cm.point(
                        assignments: sol.assignments.filter { index.locked.contains($0) || counts($0.sitter, .visit($0.item)) },
                        onCall: sol.onCall.filter { counts($0.sitter, .shift($0.item)) })
                    if cm.model.maxViolation(kept) < 1e-6 && cm.value(of: level, at: kept) == value { point = kept }
                    ruinAndRecreateHere()
                    // Windows also before the column bound: its root may take all the time.
                    if windowsBeforeRoot { windowsThenRuin() }
                }
                /// A relaxation-induced neighbourhood: every pair the column master's LP
                /// uses and every pair of `start` free at once, every other pair held at
                /// 0; GLPK on that model. The LP's support is a small part of a large
                /// model and holds most of what a good schedule needs.
                func supportSearch(from start: [Double], support: ColumnBound.Support, to target: Int) -> [Double] {
                    guard !control.shouldStop, cm.value(of: level, at: start) < target else { return start }
                    if windowSearch == nil { windowSearch = WindowSearch(cm: cm, solver: solver, work: work) }
                    var free = Set<Int>()
                    for p in support.visits { if let j = cm.x[p] { free.insert(j) } }
                    for p in support.shifts { if let j = cm.y[p] { free.insert(j) } }
                    for j in cm.x.values where start[j] > 0.5 { free.insert(j) }
                    for j in cm.y.values where start[j] > 0.5 { free.insert(j) }
                    // A larger neighbourhood is a MIP GLPK rarely improves within its nodes
                    // (5 600 pairs on XL: 28 s for nothing), and the column search needs the time.
                    guard free.count <= 2 * work.windowColumns else {
                        if options.verbose { say("  \(name): LP support: \(free.count) pairs, too many for one MIP") }
                        return start
                    }
                    let freed = free.sorted()
                    let before = cm.value(of: level, at: start)
                    let t0 = elapsed()
                    let better = windowSearch!.optimise(
                        freeing: freed, level: level, at: start, above: before,
                        // A converged root's LP is close to a schedule: worth more nodes (M level 3
                        // over six weeks 21 s -> 14 s); after a root cut short, the last seconds
                        // serve the windows and the dive better.
                        nodes: support.converged ? work.supportNodesConverged : work.supportNodes,
                        control: control)
                    if options.verbose {
                        say("  \(name): LP support: \(free.count) pairs free, \(before) -> \(better.map { cm.value(of: level, at: $0) } ?? before) in \(String(format: "%.2f", elapsed() - t0)) s")
                    }
                    // Then RINS inside it: the pairs where the neighbourhood's own LP and the
                    // schedule agree held, GLPK on the rest.
                    var result = better ?? start
                    let reached = cm.value(of: level, at: result)
                    if reached < target && !control.shouldStop {
                        let t1 = elapsed()
                        let r = windowSearch!.rins(
                            freeing: freed, level: level, at: result, above: reached,
                            nodes: work.supportNodesConverged, control: control)
                        if let p = r.point { result = p }
                        if options.verbose {
                            say("  \(name): RINS in the LP support: \(r.freed) pairs free, \(reached) -> \(cm.value(of: level, at: result)) in \(String(format: "%.2f", elapsed() - t1)) s")
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
                    guard cm.model.maxViolation(candidate) < 1e-6 else { return nil }
                    if options.verbose || r.status == .optimal {
                        say("  \(name): GLPK's presolved branch-and-cut: \(cm.value(of: level, at: candidate))\(r.status == .optimal ? " (proven)" : "") in \(r.nodes) nodes, \(String(format: "%.2f", r.seconds)) s")
                    }
                    return (candidate, r.status == .optimal)
                }
                // 0. On a small model, GLPK first: with every cut family it proves most levels
                //    of the S weeks in tens of nodes, before the column master's first round.
                var presolvedRan = false
                if !large, let (p, provenByGLPK) = presolvedBranchAndCut() {
                    presolvedRan = true
                    adopt(p)
                    if provenByGLPK && cm.value(of: level, at: p) >= value { bound = min(bound, value) }
                }
                // 1. The column bound, then the column master's schedules.
                if value < bound, let cb = columnBound,
                    let b = cb.upperBound(
                        level: level, held: held,
                        seed: point, cm: cm, control: control, log: options.verbose ? { say("  \(name): \($0)") } : nil,
                        // On a small model GLPK's presolved branch-and-cut already ran to its node
                        // limit above: the same deterministic search told the bound finds nothing more.
                        improve: large
                            ? { target, support in
                                let p = ruinAndRecreate(from: point, to: target, preferring: support)
                                return windows(from: supportSearch(from: p, support: support, to: target), to: target)
                            }
                            : nil,
                        // A large model that skipped the windows: they run if the root is a long one.
                        pause: large && !windowsBeforeRoot
                            ? {
                                let before = value
                                windowsThenRuin()
                                return value > before ? point : nil
                            }
                            : nil)
                {
                    bound = min(bound, b.bound)
                    if let p = b.point { adopt(p) }
                    stop = b.stoppedBy
                    say(
                        "  \(name): column bound \(b.bound == Int.max ? "not reached" : String(b.bound)), columns give \(value) (\(b.columns) columns, \(b.rounds) rounds; lp \(String(format: "%.2f", b.lpSeconds)) s, pricing \(String(format: "%.2f", b.pricingSeconds)) s)"
                    )
                }
                // Exchanges: an open position for a sitter whose one blocking assignment moves.
                func exchange() {
                    guard value < bound else { return }
                    let sol = CompactSolution(cm, point)
                    let better = exchanges.improve(
                        assignments: sol.assignments, onCall: sol.onCall, level: level, control: control)
                    let before = value
                    adopt(cm.point(assignments: better.assignments, onCall: better.onCall))
                    if value > before { say("  \(name): exchanges give \(value)") }
                }
                exchange()
                // Windows are sub-models of the whole one GLPK's presolved branch-and-cut
                // already searched (S scarce seed 2: two windows, 6 s, nothing found).
                if !large && !presolvedRan { windows() }
                // 2. GLPK's branch-and-cut on the compact model, from the current point,
                //    stopping as soon as it meets the column bound.
                if value < bound && !control.shouldStop {
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
                    // GLPK's word counts only for a point that keeps every row of our model.
                    var accepted = false
                    if r.status == .optimal || r.status == .feasible, r.values.count == point.count {
                        let sol = CompactSolution(cm, r.values)
                        let candidate = cm.point(assignments: sol.assignments, onCall: sol.onCall)
                        if cm.model.maxViolation(candidate) < 1e-6 {
                            accepted = true
                            adopt(candidate)
                        } else {
                            say("  \(name): GLPK's point rejected (\(cm.model.worstViolation(candidate).0))")
                        }
                    }
                    if r.status == .optimal && accepted {
                        bound = min(bound, value)
                    } else if accepted && r.bound.isFinite && abs(r.bound) < 1e15 {
                        bound = min(bound, Int((r.bound + 1e-6).rounded(.down)))
                    }
                    if r.status != .optimal { stop = r.stoppedBy ?? stop }
                    if options.verbose { say("  \(name): GLPK \(r.nodes) nodes, \(r.iterations) simplex iterations") }
                    say("  \(name): GLPK \(r.status.rawValue), \(value) found in \(String(format: "%.2f", r.seconds)) s")
                }
                exchange()
            }
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

        // Level 5: quality with the levels above held, in the time that remains.
        var qualityScore: Double?
        var qualityBound: Double?
        do {
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
                    // GLPK ends below it) and no Gomory cuts. On the bench's S weeks and five
                    // more: never a worse score, better on three (S scarce seed 7: -35.1 ->
                    // 35.6), and level 5 in 0.2-2.1 s instead of 0.4-4.3 s.
                    mo.cuts = [.mir, .cover, .clique]
                }
                let r = try solver.solve(cm.model, options: mo)
                if r.status == .optimal || r.status == .feasible, r.values.count == point.count {
                    // Recompute the continuous columns from the rounded binaries so the point is exact.
                    let sol = CompactSolution(cm, r.values)
                    let candidate = cm.point(assignments: sol.assignments, onCall: sol.onCall)
                    if cm.model.maxViolation(candidate) < 1e-5 && cm.model.objective(at: candidate) >= before - 1e-9 {
                        point = candidate
                    }
                }
                if r.bound.isFinite && abs(r.bound) < 1e15 { qualityBound = max(cm.model.objective(at: point), r.bound) }
                // Level 5 stops at its node limit by design; only the wall clock or a cancellation is news.
                if let why = r.stoppedBy, why != .workLimit { stoppedBy = stoppedBy ?? why }
                if options.verbose { say("  quality: \(r.nodes) nodes, \(r.iterations) simplex iterations") }
            }
            qualityScore = cm.model.objective(at: point)
            stageSeconds.append(elapsed() - stageStart)
            say(
                "level \(levels.count + 1) quality: \(String(format: "%.2f", qualityScore!))\(qualityBound.map { String(format: ", bound %.2f", $0) } ?? "")"
            )
        }

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

    /// The contract's four levels picked by key from values of `keys`' levels (nil unless all four are there).
    static func contractLevels(keys: [String], _ values: [Int]) -> Levels? {
        let byKey = Dictionary(zip(keys, values), uniquingKeysWith: { a, _ in a })
        let v = PlanningLevel.contract.compactMap { byKey[$0.key] }
        return v.count == 4 ? Levels(vector: v) : nil
    }

    static func schedule(
        index: PlanningIndex, solution: CompactSolution, proven: Bool, found: [Int], bounds: [Int], seconds: Double,
        backend: String, quality: Double?, qualityBound: Double?, stoppedBy: StopReason? = nil,
        keys: [String] = PlanningLevel.contract.map(\.key)
    ) -> Schedule {
        let c = index.theCase
        var bySitter: [Int: Set<Int>] = [:]
        var onCallBySitter: [Int: Set<Int>] = [:]
        var perVisit = [Int](repeating: 0, count: c.visits.count)
        var perShift = [Int](repeating: 0, count: c.onCallShifts.count)
        for p in solution.assignments {
            bySitter[p.sitter, default: []].insert(p.item)
            perVisit[p.item] += 1
        }
        for p in solution.onCall {
            onCallBySitter[p.sitter, default: []].insert(p.item)
            perShift[p.item] += 1
        }
        let explainer = Explainer(index)
        var unfilled: [Unfilled] = []
        for (vi, v) in c.visits.enumerated() where perVisit[vi] < v.sitters {
            let missing = v.sitters - perVisit[vi]
            unfilled.append(
                Unfilled(
                    id: v.id, missing: missing,
                    reasons: explainer.explainVisit(vi, missing: missing, assignments: bySitter, onCall: onCallBySitter)
                ))
        }
        var unstaffed: [Unfilled] = []
        for (oi, o) in c.onCallShifts.enumerated() where perShift[oi] < o.staff {
            let missing = o.staff - perShift[oi]
            unstaffed.append(
                Unfilled(
                    id: o.id, missing: missing,
                    reasons: explainer.explainShift(oi, missing: missing, assignments: bySitter, onCall: onCallBySitter)
                ))
        }
        let assignments = solution.assignments.sorted { ($0.item, $0.sitter) < ($1.item, $1.sitter) }
            .map { Assignment(visit: c.visits[$0.item].id, sitter: c.sitters[$0.sitter].id) }
        let onCall = solution.onCall.sorted { ($0.item, $0.sitter) < ($1.item, $1.sitter) }
            .map { OnCallAssignment(shift: c.onCallShifts[$0.item].id, sitter: c.sitters[$0.sitter].id) }
        let levels = ScheduleVerifier(c).levels(assignments: assignments, onCall: onCall)
        // Gap over the levels: the first level not proven decides it.
        var gap = 0.0
        for k in found.indices where bounds[k] > found[k] {
            gap = Double(bounds[k] - found[k]) / Double(max(1, bounds[k]))
            break
        }
        return Schedule(
            caseName: c.name, status: proven ? .optimal : .feasible, levels: levels, assignments: assignments,
            onCall: onCall,
            unfilled: unfilled, unstaffedShifts: unstaffed,
            solver: SolverReport(
                seconds: seconds, gap: gap, backend: backend, qualityScore: quality, qualityBound: qualityBound,
                bounds: Planner.contractLevels(keys: keys, bounds),
                stoppedBy: stoppedBy?.rawValue))
    }
}

/// The assignments a point of the compact model holds.
public struct CompactSolution: Sendable {
    public var assignments: Set<PlanningIndex.Pair> = []
    public var onCall: Set<PlanningIndex.Pair> = []
    public init(_ cm: CompactModel, _ point: [Double]) {
        for (p, col) in cm.x where point[col] > 0.5 { assignments.insert(p) }
        for (p, col) in cm.y where point[col] > 0.5 { onCall.insert(p) }
    }
}

public enum PlanError: Error, Sendable, CustomStringConvertible {
    case lockedInfeasible
    case noStartingPoint
    /// Cancelled before any schedule keeping the locks was found.
    case cancelled
    /// A file the options asked for (`--dump-mps`) could not be written.
    case cannotWrite(String)
    /// The case breaks the contract (`CaseValidator`): these are its errors.
    case invalidCase([Diagnostic])
    public var description: String {
        switch self {
        case .invalidCase(let ds):
            return "the case is not valid: " + ds.prefix(3).map { "\($0.path): \($0.message)" }.joined(separator: "; ")
                + (ds.count > 3 ? " and \(ds.count - 3) more" : "")
        case .cancelled:
            return "cancelled before a schedule keeping the locked assignments was found"
        case .cannotWrite(let path):
            return "\(path): cannot write the model file (does the folder exist and is it writable?)"
        case .lockedInfeasible:
            return "the locked assignments cannot all be kept together (they break a hard rule): unlock some visits"
        case .noStartingPoint:
            return
                "no schedule keeping the locked assignments was found within the time limit: raise --time-limit or unlock some visits"
        }
    }
}
