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
    /// The part of the time left that a level keeps for a max-min level after it (the fair
    /// share after the normal slots): the level stops at the rest. None by default: on the M
    /// week 5 % cost the normal slots 8 positions (249, not 257: their search gains most in its
    /// last seconds) and the fair share found no more in its 3 s than the fill gave.
    public var maxMinReserve = 0.0
    /// Each level's share of the time left (`LevelBudget`): the contract's four levels alike.
    public var budget = LevelBudget.contract
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
    /// Incremental re-planning (the daemon's): the schedule published before a change,
    /// repaired, then improved around what changed (`LevelSearch+Incremental`); nil plans
    /// the whole week.
    public var incremental: Incremental?
    /// Return the compact model before any level was held (`PlanResult.unheldModel`),
    /// for a later stage on the same case (the headcount's).
    public var keepModel = false
    public init() {}
}

/// What an incremental re-plan starts from: the schedule published before the change, and
/// the ids (visits, on-call shifts, sitters) the change named, beside what the planner finds
/// changed by comparing that schedule with the case.
public struct Incremental: Sendable {
    public var previous: Schedule
    public var around: [String]
    public init(previous: Schedule, around: [String] = []) {
        self.previous = previous
        self.around = around
    }
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

    /// Plans a case already checked (read by `CaseReader`, or checked where it was built):
    /// the planner relies on it and does not check it again.
    public func plan(_ c: CheckedCase, options: PlanOptions = PlanOptions()) throws -> PlanResult {
        try LevelSearch(c, solver: solver, options: options).run()
    }

    /// Plans a case built in memory (an event, a scenario, a spreadsheet): checked first,
    /// once, as a file is; refused with its errors (`PlanError.invalidCase`).
    public func plan(_ c: Case, options: PlanOptions = PlanOptions()) throws -> PlanResult {
        let (checked, diagnostics) = CaseValidator.checked(c)
        guard let checked else { throw PlanError.invalidCase(diagnostics.filter { $0.severity == .error }) }
        return try plan(checked, options: options)
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
                stoppedBy: stoppedBy?.rawValue)
        ).withService(c)
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
