import Foundation
import LinearProgramming
import ReliefCore

/// "How many of our sitters do we really need": the fewest sitters of the roster
/// whose schedule still reaches the base case's levels 1-4
/// (`relief.minstaff/1` in `../shared/contract/scenarios.md`).
///
/// The base is planned first (levels 1-4, proven as the planner proves them), the
/// four levels are held by their rows, and one more stage minimises the sitters
/// used: a binary `used[s]` per sitter, with each of the sitter's clique rows
/// lifted to `sum(clique) <= used[s]` (`headcount_clique[s,t]`) and
/// `x[s,v] <= used[s]` / `y[s,o] <= used[s]` (`headcount[s,i]`) for an item in no
/// clique: as tight as the disaggregated rows, with fewer of them.
public struct HeadcountOptions: Sendable {
    /// Wall-clock cap of the whole run (base plan and headcount stage).
    public var timeLimit: Double = 60
    /// The base plan's work limits, and the headcount stage's branch-and-cut
    /// nodes and simplex iterations (`branchAndCutNodes`, `branchAndCutIterations`).
    public var work = WorkLimits()
    public var cancellation: CancellationToken?
    public var progress: (@Sendable (String) -> Void)?
    public init() {}
}

public struct HeadcountResult: Sendable {
    /// A complete schedule of the base case using exactly `sitters`.
    public var schedule: Schedule
    /// Sitter ids with an assignment or a shift in `schedule`, in case order.
    public var sitters: [String]
    public var count: Int { sitters.count }
    /// No schedule reaching the held levels uses fewer sitters.
    public var lowerBound: Int
    /// The largest number of positions open at one instant that the held levels force filled.
    public var overlapBound: Int
    /// The base's levels 1-4 are its proven optimum.
    public var levelsProven: Bool
    /// Sitters used by the base schedule (before minimising).
    public var baseCount: Int
    public var stoppedBy: StopReason?
    public var seconds: Double
    /// `optimal` in the contract's sense: count == lowerBound and levels proven.
    public var isOptimal: Bool { levelsProven && count == lowerBound }
}

public struct HeadcountPlanner: Sendable {
    public let solver: any MIPSolver
    public init(solver: any MIPSolver = GLPKSolver()) { self.solver = solver }

    public func minimise(_ c: Case, options: HeadcountOptions = HeadcountOptions()) throws -> HeadcountResult {
        let started = Date()
        func elapsed() -> Double { Date().timeIntervalSince(started) }
        var po = PlanOptions()
        // The base plan gets at most 70 % of the time: the headcount stage may
        // still reach the levels the plan leaves short of their bounds.
        po.timeLimit = options.timeLimit * 0.7
        po.work = options.work
        po.cancellation = options.cancellation
        po.progress = options.progress
        // Level 5 (quality) plays no part in the headcount.
        po.work.qualityNodes = 0
        po.qualityTimeLimit = 0
        po.keepModel = true
        let base = try Planner(solver: solver).plan(c, options: po)
        let index = PlanningIndex(c)
        let levels = PlanningLevel.contract
        let found = levels.map { l in base.levels.first { $0.key == l.key }!.value }
        let bounds = levels.map { l in base.levels.first { $0.key == l.key }!.bound }
        let levelsProven = base.proven.allSatisfy { $0 }
        // Levels not proven but bounded: the headcount's own column search may reach
        // every bound at once (a schedule at every level's bound is the lexicographic
        // optimum: each bound was found holding the levels above at most at theirs).
        // Half of the time left goes to that; without a schedule there, the levels found.
        if !levelsProven && bounds.allSatisfy({ $0 != Int.max }) && bounds != found
            && !(options.cancellation?.isCancelled ?? false)
        {
            let left = options.timeLimit - elapsed()
            if left > 0.2,
                let r = try stage(
                    c, index: index, base: base, levels: levels, found: bounds, bounds: bounds, levelsProven: true,
                    mustReachFromColumns: true, started: started,
                    deadline: Date().addingTimeInterval(left / 2), options: options)
            {
                return r
            }
        }
        return try stage(
            c, index: index, base: base, levels: levels, found: found, bounds: bounds, levelsProven: levelsProven,
            mustReachFromColumns: false, started: started,
            deadline: started.addingTimeInterval(options.timeLimit), options: options)!
    }

    /// The headcount stage with the levels held at `found`. With `mustReachFromColumns`
    /// (levels above what the base schedule reached), nil unless the column search finds a schedule.
    func stage(
        _ c: Case, index: PlanningIndex, base: PlanResult, levels: [PlanningLevel], found: [Int], bounds: [Int],
        levelsProven: Bool, mustReachFromColumns: Bool, started: Date, deadline: Date, options: HeadcountOptions
    ) throws -> HeadcountResult? {
        func elapsed() -> Double { Date().timeIntervalSince(started) }
        let say = options.progress ?? { _ in }
        var cm = base.unheldModel ?? CompactModel(index)
        for (l, v) in zip(levels, found) { cm.hold(l, atLeast: v) }

        var assignments = Set<PlanningIndex.Pair>()
        for a in base.schedule.assignments {
            assignments.insert(.init(index.sitterIndex[a.sitter]!, index.visitIndex[a.visit]!))
        }
        var onCall = Set<PlanningIndex.Pair>()
        for a in base.schedule.onCall { onCall.insert(.init(index.sitterIndex[a.sitter]!, index.shiftIndex[a.shift]!)) }

        let overlap = Headcount.overlapBound(index, levels: found)
        var (model, used) = Headcount.model(cm)
        func point(_ a: Set<PlanningIndex.Pair>, _ o: Set<PlanningIndex.Pair>) -> [Double] {
            var p = cm.point(assignments: a, onCall: o)
            p += Array(repeating: 0, count: model.columns.count - p.count)
            for q in a { if let u = used[q.sitter] { p[u] = 1 } }
            for q in o { if let u = used[q.sitter] { p[u] = 1 } }
            return p
        }
        var best = point(assignments, onCall)
        guard mustReachFromColumns || model.maxViolation(best) < Tolerance.feasibility else {
            throw PlanError.invalidCase([
                Diagnostic(
                    .error, "$", "internal: the base schedule breaks its own model (\(model.worstViolation(best).0))",
                    fix: "report this case")
            ])
        }
        func count(_ p: [Double]) -> Int { used.values.reduce(0) { $0 + (p[$1] > 0.5 ? 1 : 0) } }
        let baseCount = count(best)
        var lowerBound = overlap
        // At every level's bound the base's stop no longer matters: the levels are proven.
        var stoppedBy = mustReachFromColumns ? nil : base.stoppedBy
        say("headcount: base uses \(baseCount) sitters; overlap bound \(overlap)")

        let control = SolveControl(deadline: deadline, token: options.cancellation)
        if baseCount > lowerBound && !mustReachFromColumns {
            let moved = Headcount.emptySitters(index, assignments: assignments, onCall: onCall, control: control)
            let candidate = point(moved.assignments, moved.onCall)
            if model.maxViolation(candidate) < Tolerance.feasibility && count(candidate) < count(best) {
                best = candidate
            }
            say("headcount: emptying sitters gives \(count(best))")
        }
        var reached = !mustReachFromColumns
        if (count(best) > lowerBound || mustReachFromColumns) && !control.shouldStop {
            // The column bound of "fewest sitters" (one column per sitter-week, each
            // non-empty week costs one sitter), and the schedules its master yields.
            let bound = ColumnBound(index, work: options.work)
            let seed = Array(best.prefix(cm.model.columns.count))
            if let out = bound.upperBound(
                level: .fewestSitters, held: Array(zip(levels, found)), seed: seed, cm: cm, control: control,
                log: { say("  headcount: \($0)") })
            {
                if out.bound != Int.max { lowerBound = max(lowerBound, -out.bound) }
                if let p = out.point {
                    let sol = CompactSolution(cm, p)
                    let candidate = point(sol.assignments, sol.onCall)
                    if model.maxViolation(candidate) < Tolerance.feasibility
                        && (!reached || count(candidate) < count(best))
                    {
                        best = candidate
                        reached = true
                    }
                }
                say(
                    "headcount: column bound \(lowerBound), columns give \(count(best)) (\(out.columns) columns, \(out.rounds) rounds)"
                )
            }
        }
        guard reached else {
            say("headcount: no schedule at every level's bound; back to the levels found")
            return nil
        }
        model.clearObjective()
        model.direction = .minimize
        for (_, u) in used { model.setObjective(u, 1) }
        if count(best) > lowerBound && !control.shouldStop {
            var mo = MIPOptions()
            mo.nodeLimit = options.work.branchAndCutNodes
            mo.iterationBudget = options.work.branchAndCutIterations
            mo.iterationLimit = options.work.simplexIterations
            mo.control = control
            mo.incumbent = best
            mo.integralObjective = true
            mo.knownBound = Double(lowerBound)
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

/// The model pieces of the headcount stage.
public enum Headcount {
    /// The compact model (levels held) plus `used[s]` per sitter with an eligible
    /// item, and the rows tying each x / y to it. Returns the model and the used columns.
    public static func model(_ cm: CompactModel) -> (LinearModel, [Int: Int]) {
        var m = cm.model
        let c = cm.index.theCase
        var used: [Int: Int] = [:]
        for si in c.sitters.indices {
            let visits = cm.index.sitterVisits[si]
            let shifts = cm.index.sitterShifts[si]
            guard !visits.isEmpty || !shifts.isEmpty else { continue }
            let sid = c.sitters[si].id
            let u = m.addColumn("used[\(sid)]")
            used[si] = u
            func column(_ it: CompactModel.Item) -> Int {
                it.isVisit ? cm.x[.init(si, it.index)]! : cm.y[.init(si, it.index)]!
            }
            var covered = Set<CompactModel.Item>()
            for (t, members) in cm.cliques(sitter: si) {
                covered.formUnion(members)
                m.addRow("headcount_clique[\(sid),\(t)]", members.map { (column($0), 1.0) } + [(u, -1)], upper: 0)
            }
            let items =
                visits.map { CompactModel.Item(isVisit: true, index: $0) }
                + shifts.map { CompactModel.Item(isVisit: false, index: $0) }
            for it in items where !covered.contains(it) {
                let id = it.isVisit ? c.visits[it.index].id : c.onCallShifts[it.index].id
                m.addRow("headcount[\(sid),\(id)]", [(column(it), 1), (u, -1)], upper: 0)
            }
        }
        return (m, used)
    }

    /// A lower bound on the sitters needed at the held levels: a level at its
    /// largest possible value (every position of its visits filled, every on-call
    /// minute staffed) forces all those positions filled in any schedule reaching
    /// it, and positions open at one instant need distinct sitters (no sitter
    /// holds two overlapping items). So the most forced positions open at once
    /// is a bound. Levels short of full force nothing and add nothing.
    public static func overlapBound(_ ix: PlanningIndex, levels found: [Int]) -> Int {
        let c = ix.theCase
        let contract = PlanningLevel.contract
        var events: [(Int64, Int)] = []
        for (k, level) in contract.enumerated() {
            var full = 0.0
            var spans: [(TimeSpan, Int)] = []
            for (vi, v) in c.visits.enumerated() {
                let w = level.value(ix, 0, .visit(vi))
                guard w > 0 else { continue }
                full += w * Double(v.sitters)
                spans.append((v.span, v.sitters))
            }
            for (oi, o) in c.onCallShifts.enumerated() {
                let w = level.value(ix, 0, .shift(oi))
                guard w > 0 else { continue }
                full += w * Double(o.staff)
                spans.append((o.span, o.staff))
            }
            guard !spans.isEmpty, Double(found[k]) >= full - Tolerance.integrality else { continue }
            for (s, n) in spans {
                events.append((s.start.seconds, n))
                events.append((s.end.seconds, -n))
            }
        }
        // Half-open spans: at equal times, ends come before starts.
        events.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var open = 0
        var most = 0
        for (_, d) in events {
            open += d
            most = max(most, open)
        }
        return most
    }
}

extension Headcount {
    /// A local search that empties sitters: the sitter with the fewest items hands
    /// each of them to another sitter already working (directly, or by moving the
    /// one item in the way to a third working sitter); kept only when all of them
    /// find a place. Levels do not change (every item stays covered). Locked items
    /// and trainees are left where they are (a trainee needs a mentor beside them).
    /// Deterministic: ties go to the lower index. `steps` bounds the work.
    public static func emptySitters(
        _ ix: PlanningIndex, assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>,
        control: SolveControl, steps: Int = 200_000
    ) -> (assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) {
        typealias Item = WeekRules.Item
        var weeks = SitterWeeks(ix, assignments, onCall)
        let c = ix.theCase
        var budget = steps
        func items(_ s: Int) -> [Item] {
            weeks.visits(s).sorted().map { .visit($0) } + weeks.shifts(s).sorted().map { .shift($0) }
        }
        func eligible(_ it: Item) -> [Int] {
            switch it {
            case .visit(let v): return ix.visitEligible[v]
            case .shift(let o): return ix.shiftEligible[o]
            }
        }
        func movable(_ s: Int, _ it: Item) -> Bool {
            if case .visit(let v) = it, ix.locked.contains(.init(s, v)) { return false }
            return !ix.isTrainee(s)
        }
        var failed = Set<Int>()
        while budget > 0 && !control.shouldStop {
            let working = c.sitters.indices.filter { !items($0).isEmpty }
            guard
                let s = working.filter({ !failed.contains($0) }).min(by: {
                    (items($0).count, $0) < (items($1).count, $1)
                })
            else { break }
            let mine = items(s)
            guard mine.allSatisfy({ movable(s, $0) }) else {
                failed.insert(s)
                continue
            }
            let saved = weeks
            var ok = true
            for it in mine {
                weeks.remove(s, it)
                var placed = false
                let others = eligible(it).filter {
                    $0 != s && !items($0).isEmpty && !ix.isTrainee($0) && !weeks.holders(it).contains($0)
                }
                // Fullest first: keeps the emptier ones for the next round.
                let targets = others.sorted { (items($0).count, $1) > (items($1).count, $0) }
                for t in targets where weeks.fits(t, it) {
                    weeks.add(t, it)
                    placed = true
                    break
                }
                if !placed {
                    outer: for t in targets {
                        budget -= 1
                        let blocking = weeks.conflicts(t, it)
                        guard blocking.count == 1, let b = blocking.first, movable(t, b) else { continue }
                        weeks.remove(t, b)
                        guard weeks.fits(t, it) else {
                            weeks.add(t, b)
                            continue
                        }
                        for u in eligible(b)
                        where u != s && u != t && !items(u).isEmpty && !ix.isTrainee(u)
                            && !weeks.holders(b).contains(u) && weeks.fits(u, b)
                        {
                            weeks.add(u, b)
                            weeks.add(t, it)
                            placed = true
                            break outer
                        }
                        weeks.add(t, b)
                    }
                }
                budget -= targets.count
                if !placed {
                    ok = false
                    break
                }
            }
            if ok {
                failed.removeAll()
            } else {
                weeks = saved
                failed.insert(s)
            }
        }
        return weeks.pairs
    }
}
