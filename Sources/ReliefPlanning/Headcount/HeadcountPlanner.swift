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
    /// Sitters tried by the ejection searches (`Headcount.fullCover`, `Headcount.fewerSitters`), each.
    public var ejectionSteps = 4_000_000
    /// Above this many eligible (sitter, visit) pairs, a schedule filling every position
    /// skips the headcount stage (its model takes longer to build than the time given).
    public var stagePairs = 100_000
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

    /// The fewest sitters of a case built in memory: checked first, once, as `Planner.plan` checks one;
    /// refused with its errors (`PlanError.invalidCase`).
    public func minimise(_ c: Case, options: HeadcountOptions = HeadcountOptions()) throws -> HeadcountResult {
        let (checked, diagnostics) = CaseValidator.checked(c)
        guard let checked else { throw PlanError.invalidCase(diagnostics.filter { $0.severity == .error }) }
        return try minimise(checked, options: options)
    }

    /// The fewest sitters of a case already checked (read by `CaseReader`): not checked again.
    public func minimise(_ checked: CheckedCase, options: HeadcountOptions = HeadcountOptions()) throws
        -> HeadcountResult
    {
        let c = checked.theCase
        let started = Date()
        func elapsed() -> Double { Date().timeIntervalSince(started) }
        let index = PlanningIndex(c)
        // Every position filled from nothing, within a quarter of the search's work: the
        // levels are then at their trivial bounds, proven, and the base plan has nothing to add.
        if let r = try fullCover(
            c, index: index, base: nil, steps: options.ejectionSteps / 4, started: started, options: options)
        {
            return r
        }
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
        let base = try Planner(solver: solver).plan(checked, options: po)
        let levels = PlanningLevel.contract
        let found = levels.map { l in base.levels.first { $0.key == l.key }!.value }
        let bounds = levels.map { l in base.levels.first { $0.key == l.key }!.bound }
        let levelsProven = base.proven.allSatisfy { $0 }
        // Levels not proven: every position filled is every level at its trivial bound, proven.
        if !levelsProven,
            let r = try fullCover(
                c, index: index, base: base, steps: options.ejectionSteps, started: started, options: options)
        {
            return r
        }
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
        _ c: Case, index: PlanningIndex, base: PlanResult?, levels: [PlanningLevel], found: [Int], bounds: [Int],
        levelsProven: Bool, mustReachFromColumns: Bool, start: HeadcountStage.Start? = nil, started: Date,
        deadline: Date, options: HeadcountOptions
    ) throws -> HeadcountResult? {
        var stage = try HeadcountStage(
            c, index: index, base: base, levels: levels, found: found, bounds: bounds, levelsProven: levelsProven,
            mustReachFromColumns: mustReachFromColumns, start: start, started: started, deadline: deadline,
            options: options, solver: solver)
        // The column bound first: the ejection search then stops at it (the overlap bound of a
        // week short of full is far below; the search would spend half the time under it).
        stage.columns()
        if start == nil { stage.fewerSitters() }
        guard stage.reached else {
            stage.say("headcount: no schedule at every level's bound; back to the levels found")
            return nil
        }
        try stage.minimiseSitters()
        return stage.result()
    }
}
