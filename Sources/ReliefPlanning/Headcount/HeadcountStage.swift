import Foundation
import LinearProgramming
import ReliefCore

/// One headcount stage (`HeadcountPlanner.stage`): the headcount model with the
/// levels held, the best point so far and the lower bound on the sitters. Its
/// methods are the steps, in the order `stage` calls them: emptying sitters, the
/// column bound and its schedules, GLPK's branch-and-cut, the result.
struct HeadcountStage {
    /// A schedule to start from instead of the base's (assignments, on-call); without a base, the only one.
    typealias Start = (assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>)
    let c: Case
    let index: PlanningIndex
    let levels: [PlanningLevel]
    let found: [Int]
    let bounds: [Int]
    let levelsProven: Bool
    /// Levels above what the base schedule reached: only a schedule of the column search will do.
    let mustReachFromColumns: Bool
    let started: Date
    let options: HeadcountOptions
    let solver: any MIPSolver
    let say: @Sendable (String) -> Void
    let control: SolveControl
    /// The compact model with the levels held, and the headcount model over it (`Headcount.model`).
    let cm: CompactModel
    var model: LinearModel
    /// The `used[s]` column of each sitter with an eligible item.
    let used: [Int: Int]
    /// The base schedule.
    let assignments: Set<PlanningIndex.Pair>
    let onCall: Set<PlanningIndex.Pair>
    let overlap: Int
    /// The sitters the base schedule uses (set by `init`).
    private(set) var baseCount = 0

    /// The best point so far, whether it reaches the held levels, and the bound on its count.
    var best: [Double] = []
    var reached: Bool
    var lowerBound: Int
    var stoppedBy: StopReason?

    init(
        _ c: Case, index: PlanningIndex, base: PlanResult?, levels: [PlanningLevel], found: [Int], bounds: [Int],
        levelsProven: Bool, mustReachFromColumns: Bool, start: Start? = nil, started: Date, deadline: Date,
        options: HeadcountOptions, solver: any MIPSolver
    ) throws {
        self.c = c
        self.index = index
        self.levels = levels
        self.found = found
        self.bounds = bounds
        self.levelsProven = levelsProven
        self.mustReachFromColumns = mustReachFromColumns
        self.started = started
        self.options = options
        self.solver = solver
        say = options.progress ?? { _ in }
        var cm = base?.unheldModel ?? CompactModel(index, levels: levels)
        for (l, v) in zip(levels, found) { cm.hold(l, atLeast: v) }
        self.cm = cm

        let from: Start = start ?? base.map { Self.pairs($0.schedule, index) } ?? ([], [])
        assignments = from.assignments
        onCall = from.onCall

        overlap = Headcount.overlapBound(index, levels: found)
        let (model, used) = Headcount.model(cm)
        self.model = model
        self.used = used
        reached = !mustReachFromColumns
        lowerBound = overlap
        // At every level's bound the base's stop no longer matters: the levels are proven.
        // So it does at a start filling every position (every level at its trivial bound).
        stoppedBy = mustReachFromColumns || start != nil ? nil : base?.stoppedBy
        control = SolveControl(deadline: deadline, token: options.cancellation)
        best = point(assignments, onCall)
        guard mustReachFromColumns || model.maxViolation(best) < Tolerance.feasibility else {
            throw PlanError.invalidCase([
                Diagnostic(
                    .error, "$", "internal: the base schedule breaks its own model (\(model.worstViolation(best).0))",
                    fix: "report this case")
            ])
        }
        baseCount = count(best)
        say(
            "headcount: base uses \(baseCount) sitters; overlap bound \(overlap) (\(String(format: "%.1f", elapsed())) s)"
        )
    }

    /// A schedule's assignments and on-call shifts as index pairs.
    static func pairs(_ schedule: Schedule, _ index: PlanningIndex) -> Start {
        var assignments = Set<PlanningIndex.Pair>()
        for a in schedule.assignments {
            assignments.insert(.init(index.sitterIndex[a.sitter]!, index.visitIndex[a.visit]!))
        }
        var onCall = Set<PlanningIndex.Pair>()
        for a in schedule.onCall { onCall.insert(.init(index.sitterIndex[a.sitter]!, index.shiftIndex[a.shift]!)) }
        return (assignments, onCall)
    }

    func elapsed() -> Double { Date().timeIntervalSince(started) }

    /// The headcount model's point of a schedule: its compact point, each sitter's `used` column set.
    func point(_ a: Set<PlanningIndex.Pair>, _ o: Set<PlanningIndex.Pair>) -> [Double] {
        var p = cm.point(assignments: a, onCall: o)
        p += Array(repeating: 0, count: model.columns.count - p.count)
        for q in a { if let u = used[q.sitter] { p[u] = 1 } }
        for q in o { if let u = used[q.sitter] { p[u] = 1 } }
        return p
    }

    /// The sitters a point uses.
    func count(_ p: [Double]) -> Int { used.values.reduce(0) { $0 + (p[$1] > 0.5 ? 1 : 0) } }

    /// The column bound of "fewest sitters" (one column per sitter-week, each
    /// non-empty week costs one sitter), and the schedules its master yields.
    mutating func columns() {
        guard (count(best) > lowerBound || mustReachFromColumns) && !control.shouldStop else { return }
        let bound = ColumnBound(index, work: options.work)
        let seed = Array(best.prefix(cm.model.columns.count))
        let say = say
        guard
            let out = bound.upperBound(
                level: .fewestSitters, held: Array(zip(levels, found)), seed: seed, cm: cm, control: control,
                log: { say("  headcount: \($0)") })
        else { return }
        if out.bound != Int.max { lowerBound = max(lowerBound, -out.bound) }
        if let p = out.point {
            let sol = CompactSolution(cm, p)
            let candidate = point(sol.assignments, sol.onCall)
            if model.maxViolation(candidate) < Tolerance.feasibility && (!reached || count(candidate) < count(best)) {
                best = candidate
                reached = true
            }
        }
        say(
            "headcount: column bound \(lowerBound), columns give \(count(best)) (\(out.columns) columns, \(out.rounds) rounds)"
        )
    }

    /// GLPK's branch-and-cut on the sitters used, from the best point, stopping at the bound.
    mutating func minimiseSitters() throws {
        model.clearObjective()
        model.direction = .minimize
        for (_, u) in used { model.setObjective(u, 1) }
        guard count(best) > lowerBound && !control.shouldStop else { return }
        var mo = MIPOptions()
        mo.nodeLimit = options.work.branchAndCutNodes
        mo.iterationBudget = options.work.branchAndCutIterations
        mo.iterationLimit = options.work.simplexIterations
        mo.control = control
        mo.incumbent = best
        mo.integralObjective = true
        mo.knownBound = Double(lowerBound)
        let say = say
        mo.progress = { p in
            say(
                "  headcount: GLPK \(String(format: "%.1f", p.seconds)) s, incumbent \(p.incumbent.map { String(Int($0.rounded())) } ?? "-"), bound \(p.bound.map { String(format: "%.1f", $0) } ?? "-")"
            )
        }
        let r = try solver.solve(model, options: mo)
        if r.status == .optimal || r.status == .feasible, r.values.count == best.count {
            let sol = CompactSolution(cm, r.values)
            let candidate = point(sol.assignments, sol.onCall)
            if model.maxViolation(candidate) < Tolerance.feasibility && count(candidate) < count(best) {
                best = candidate
            }
        }
        if r.status == .optimal {
            lowerBound = max(lowerBound, Int((r.objective - Tolerance.integrality).rounded(.up)))
        } else if r.bound.isFinite && abs(r.bound) < 1e15 {
            lowerBound = max(lowerBound, Int((r.bound - Tolerance.integrality).rounded(.up)))
        }
        if r.status != .optimal && count(best) > lowerBound {
            stoppedBy = stoppedBy ?? r.stoppedBy ?? control.stopReason ?? .workLimit
        }
        say("headcount: GLPK \(r.status.rawValue), \(count(best)) sitters, bound \(lowerBound), \(r.nodes) nodes")
    }

    /// The schedule of the best point and the sitters it uses.
    mutating func result() -> HeadcountResult {
        lowerBound = min(lowerBound, count(best))
        let sol = CompactSolution(cm, best)
        let schedule = Planner.schedule(
            index: index, solution: sol, proven: levelsProven, found: found, bounds: bounds, seconds: elapsed(),
            backend: solver.name, quality: nil, qualityBound: nil, stoppedBy: stoppedBy)
        let usedIDs = Set(sol.assignments.map(\.sitter) + sol.onCall.map(\.sitter))
        return HeadcountResult(
            schedule: schedule, sitters: c.sitters.indices.filter(usedIDs.contains).map { c.sitters[$0].id },
            lowerBound: lowerBound, overlapBound: overlap, levelsProven: levelsProven, baseCount: baseCount,
            stoppedBy: stoppedBy, seconds: elapsed())
    }
}
