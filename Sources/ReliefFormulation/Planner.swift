import Foundation
import LinearProgramming
import ReliefCore

/// Options of one solve.
public struct PlanOptions: Sendable {
    /// Wall-clock budget for the whole solve, seconds.
    public var timeLimit: Double = 60
    /// Part of the budget level 5 (quality) may use once levels 1-4 are settled.
    public var qualityTimeLimit: Double = 3
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
    public init() {}
}

/// What a solve found, before it is written as a schedule.
public struct PlanResult: Sendable {
    public var schedule: Schedule
    /// Proven upper bounds of levels 1-4 (each given the levels above at their optimum).
    public var proven: [Bool]
    public var modelStats: ModelStats
    public var stageSeconds: [Double]
}

public struct ModelStats: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var nonZeros: Int
    public var binaries: Int
}

/// Lexicographic planning: one stage per level, each level's optimum kept as a
/// row while the next is optimised, then level 5.
public struct Planner: Sendable {
    public let solver: any MIPSolver
    public init(solver: any MIPSolver = GLPKSolver()) { self.solver = solver }

    static let levelNames = ["on-call minutes", "urgent slots", "high slots", "normal slots"]

    public func plan(_ c: Case, options: PlanOptions = PlanOptions()) throws -> PlanResult {
        let start = Date()
        func elapsed() -> Double { Date().timeIntervalSince(start) }
        let progress = options.progress
        @Sendable func say(_ s: String) { progress?(s) }
        let index = PlanningIndex(c)
        var cm = CompactModel(index)
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
            let r = try solver.solve(feasibility, options: MIPOptions(timeLimit: max(1, options.timeLimit * 0.25)))
            let sol = r.values.count == point.count ? CompactSolution(cm, r.values) : nil
            let candidate = sol.map { cm.point(assignments: $0.assignments, onCall: $0.onCall) }
            guard let candidate, cm.model.maxViolation(candidate) < 1e-6 else {
                if r.status == .infeasible { throw PlanError.lockedInfeasible }
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
        var proven = [Bool](repeating: false, count: 4)
        var found = [Int](repeating: 0, count: 4)
        var bounds = [Int](repeating: 0, count: 4)
        var stageSeconds: [Double] = []
        let columnBound = options.useColumnBound ? ColumnBound(index) : nil
        let reserve = min(options.qualityTimeLimit, options.timeLimit * 0.2)

        for k in 0..<4 {
            let stageStart = elapsed()
            let name = Planner.levelNames[k]
            cm.setObjective(level: k)
            // Each level gets a share of what is left, the last one all of it.
            let left = options.timeLimit - reserve - elapsed()
            let stageDeadline = Date().addingTimeInterval(max(0.05, left * [0.3, 0.35, 0.5, 1.0][k]))
            var value = Int(cm.model.objective(at: point).rounded())
            // Every position that someone could fill: a bound that always holds.
            var bound = Planner.trivialBound(index, level: k)
            func adopt(_ candidate: [Double]) {
                let v = Int(cm.model.objective(at: candidate).rounded())
                if v > value, cm.model.maxViolation(candidate) < 1e-6 {
                    point = candidate
                    value = v
                }
            }
            if let dir = ProcessInfo.processInfo.environment["RELIEF_DUMP_MPS"] {
                // For cross-checks with other solvers: this level's model with the levels above held.
                _ = try? GLPKProblem(model: cm.model).writeMPS("\(dir)/stage\(k + 1).mps")
            }
            // 1. The column bound (root column generation: fast), then a dive in the
            //    column master for a schedule that meets it.
            if let cb = columnBound,
                let b = cb.upperBound(
                    level: k, fixed: Array(found[0..<k]), seed: point, cm: cm, deadline: stageDeadline, search: true)
            {
                bound = min(bound, b.bound)
                if let p = b.point { adopt(p) }
                say(
                    "  \(name): column bound \(b.bound == Int.max ? "not reached" : String(b.bound)), columns give \(value) (\(b.columns) columns, \(b.rounds) rounds)"
                )
            }
            // Exchanges: an open position for a sitter whose one blocking assignment moves.
            func exchange() {
                guard value < bound else { return }
                let sol = CompactSolution(cm, point)
                let better = exchanges.improve(
                    assignments: sol.assignments, onCall: sol.onCall, level: k,
                    deadline: Date().addingTimeInterval(max(0.2, min(2, options.timeLimit - reserve - elapsed()))))
                let before = value
                let candidate = cm.point(assignments: better.assignments, onCall: better.onCall)
                if ProcessInfo.processInfo.environment["RELIEF_DEBUG"] != nil {
                    say(
                        "  \(name): exchange candidate \(cm.model.objective(at: candidate)) violation \(cm.model.worstViolation(candidate))"
                    )
                }
                adopt(candidate)
                if value > before { say("  \(name): exchanges give \(value)") }
            }
            exchange()
            // 2. GLPK's branch-and-cut on the compact model, from the current point,
            //    stopping as soon as it meets the column bound.
            if value < bound {
                var mo = MIPOptions(timeLimit: max(0.05, min(stageDeadline.timeIntervalSinceNow * 0.5, 30)))
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
                        say("  \(name): GLPK's point rejected (\(cm.model.worstViolation(candidate)))")
                    }
                }
                if r.status == .optimal && accepted {
                    bound = min(bound, value)
                } else if accepted && r.bound.isFinite {
                    bound = min(bound, Int((r.bound + 1e-6).rounded(.down)))
                }
                say("  \(name): GLPK \(r.status.rawValue), \(value) found in \(String(format: "%.2f", r.seconds)) s")
            }
            exchange()
            point = filled(point)
            value = Int(cm.model.objective(at: point).rounded())
            found[k] = value
            bounds[k] = max(value, bound)
            proven[k] = value >= bound
            cm.fixLevel(k, atLeast: value)
            stageSeconds.append(elapsed() - stageStart)
            say(
                "level \(k + 1) \(name): \(value)\(proven[k] ? " (proven optimal)" : ", bound \(bound)") in \(String(format: "%.2f", elapsed() - stageStart)) s"
            )
        }

        // Level 5: quality with levels 1-4 held.
        var qualityScore: Double?
        var qualityBound: Double?
        do {
            let stageStart = elapsed()
            cm.setQualityObjective(options.quality)
            let before = cm.model.objective(at: point)
            var mo = MIPOptions(timeLimit: max(0.05, min(reserve, options.timeLimit - elapsed())))
            mo.incumbent = point
            mo.relativeGap = options.qualityGap
            let r = try solver.solve(cm.model, options: mo)
            if r.status == .optimal || r.status == .feasible, r.values.count == point.count {
                let rounded = r.values.enumerated().map {
                    cm.model.columns[$0.offset].isInteger ? $0.element.rounded() : $0.element
                }
                var candidate = rounded
                // Recompute the continuous columns from the rounded binaries so the point is exact.
                candidate = cm.point(
                    assignments: CompactSolution(cm, rounded).assignments, onCall: CompactSolution(cm, rounded).onCall)
                if cm.model.maxViolation(candidate) < 1e-5 && cm.model.objective(at: candidate) >= before - 1e-9 {
                    point = candidate
                }
            }
            qualityScore = cm.model.objective(at: point)
            if r.bound.isFinite { qualityBound = max(qualityScore!, r.bound) }
            stageSeconds.append(elapsed() - stageStart)
            say(
                "level 5 quality: \(String(format: "%.2f", qualityScore!))\(qualityBound.map { String(format: ", bound %.2f", $0) } ?? "")"
            )
        }

        let sol = CompactSolution(cm, point)
        let schedule = Planner.schedule(
            index: index, solution: sol, proven: proven.allSatisfy { $0 }, found: found, bounds: bounds,
            seconds: elapsed(), backend: solver.name, quality: qualityScore, qualityBound: qualityBound)
        return PlanResult(schedule: schedule, proven: proven, modelStats: stats, stageSeconds: stageSeconds)
    }

    /// Positions (or on-call minutes) with at least one eligible person, up to the need.
    static func trivialBound(_ ix: PlanningIndex, level k: Int) -> Int {
        let c = ix.theCase
        if k == 0 {
            return c.onCallShifts.indices.reduce(0) {
                $0 + ix.shiftMinutes[$1] * min(c.onCallShifts[$1].staff, ix.shiftEligible[$1].count)
            }
        }
        let p: Priority = [.urgent, .high, .normal][k - 1]
        return c.visits.indices.filter { c.visits[$0].priority == p }.reduce(0) {
            $0 + min(c.visits[$1].sitters, ix.visitEligible[$1].count)
        }
    }

    static func schedule(
        index: PlanningIndex, solution: CompactSolution, proven: Bool, found: [Int], bounds: [Int], seconds: Double,
        backend: String, quality: Double?, qualityBound: Double?
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
        // Gap over levels 1-4: the first level not proven decides it.
        var gap = 0.0
        for k in 0..<4 where bounds[k] > found[k] {
            gap = Double(bounds[k] - found[k]) / Double(max(1, bounds[k]))
            break
        }
        return Schedule(
            caseName: c.name, status: proven ? .optimal : .feasible, levels: levels, assignments: assignments,
            onCall: onCall,
            unfilled: unfilled, unstaffedShifts: unstaffed,
            solver: SolverReport(
                seconds: seconds, gap: gap, backend: backend, qualityScore: quality, qualityBound: qualityBound,
                bounds: Levels(vector: bounds)))
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
    public var description: String {
        switch self {
        case .lockedInfeasible:
            return "the locked assignments cannot all be kept together (they break a hard rule): unlock some visits"
        case .noStartingPoint:
            return
                "no schedule keeping the locked assignments was found within the time limit: raise --time-limit or unlock some visits"
        }
    }
}
