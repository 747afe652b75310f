import LinearProgramming
import ReliefCore

/// One level of the lexicographic objective, as data: its name, the row that
/// holds its optimum while later levels are optimised, and what each
/// assignment is worth to it. The compact model, the column bound, the
/// exchange search, the planner and the summary all read a level from here,
/// so adding a level is one entry (and, for a level that is not a sum over
/// assignments, its row builder: `LevelRows`).
///
/// Levels are maximised and integral. A level's `objective` is either `.sum`:
/// an assignment's value never depends on the other assignments (a sum over
/// (sitter, item) pairs), values are never negative, so adding an assignment
/// never lowers the level; or `.rows`: the level brings its own columns and rows
/// to the compact model (a minimum, a share) and GLPK's searches alone optimise
/// it: ruin and recreate, the exchanges and the column bound, which score a
/// level assignment by assignment, leave it (and any level after it) to them.
/// The one other exception is `perSitter`, a value counted once for each sitter
/// with any item (the headcount stage's -1): never part of the contract's levels.
public struct PlanningLevel: Sendable {
    /// How the level is stated in the compact model.
    public enum Objective: Sendable {
        /// The sum of `value` over the assignments (plus `perSitter` per sitter working).
        case sum
        /// Its own columns and rows (`LevelRows`), added by `CompactModel(index, levels:)`.
        case rows(LevelRows)
    }

    /// Short key (`oncall`, `urgent`, ...): the row is `level_KEY`.
    public let key: String
    /// Words for progress lines and summaries ("urgent slots").
    public let name: String
    /// What one sitter on one item adds to the level.
    public let value: @Sendable (_ index: PlanningIndex, _ sitter: Int, _ item: WeekRules.Item) -> Double
    /// Added once per sitter with at least one item (0 for the contract's levels).
    public let perSitter: Double
    /// A sum over assignments, or the level's own rows.
    public let objective: Objective
    /// For a level that is a minimum over groups of shares (the fair share): its groups,
    /// which the column bound and the searches read (its rows are built from them).
    public let maxMin: MaxMinLevel?

    /// A level that is a sum over (sitter, item) pairs: `value` of each assignment.
    public init(
        key: String, name: String, perSitter: Double = 0,
        value: @escaping @Sendable (_ index: PlanningIndex, _ sitter: Int, _ item: WeekRules.Item) -> Double
    ) {
        self.key = key
        self.name = name
        self.perSitter = perSitter
        self.value = value
        objective = .sum
        maxMin = nil
    }

    /// A level with its own columns and rows (`LevelRows`): no assignment has a value of its own (`value` is 0).
    public init(key: String, name: String, maxMin: MaxMinLevel? = nil, rows: LevelRows) {
        self.key = key
        self.name = name
        perSitter = 0
        value = { _, _, _ in 0 }
        objective = .rows(rows)
        self.maxMin = maxMin
    }

    /// True for a sum over assignments (`perSitter` aside).
    public var isSum: Bool {
        if case .sum = objective { return true }
        return false
    }

    /// True when each assignment alone scores the level (a sum, no `perSitter`): what
    /// ruin and recreate and the windows' skipping need.
    public var isPairSum: Bool { isSum && perSitter == 0 }

    /// Name of the row that holds this level (`level_oncall`, as in `Models/relief.mod`).
    public var rowName: String { "level_\(key)" }

    /// True when giving `item` to some sitter may count toward this level (any item
    /// may, for a level with its own rows).
    public func counts(_ ix: PlanningIndex, _ item: WeekRules.Item) -> Bool {
        guard isSum else { return true }
        let who = item.isVisit ? ix.visitEligible[item.index] : ix.shiftEligible[item.index]
        return who.contains { value(ix, $0, item) > 0 }
    }

    /// A bound that always holds: every position someone could fill, at the best
    /// value any eligible person gives it.
    /// A level with its own rows gives its own bound (`LevelRows.bound`).
    public func trivialBound(_ ix: PlanningIndex) -> Int {
        if case .rows(let rows) = objective { return rows.bound(ix) }
        let c = ix.theCase
        var total = 0.0
        for v in c.visits.indices {
            let el = ix.visitEligible[v]
            let best = el.map { value(ix, $0, .visit(v)) }.max() ?? 0
            if best > 0 { total += best * Double(min(c.visits[v].sitters, el.count)) }
        }
        for o in c.onCallShifts.indices {
            let el = ix.shiftEligible[o]
            let best = el.map { value(ix, $0, .shift(o)) }.max() ?? 0
            if best > 0 { total += best * Double(min(c.onCallShifts[o].staff, el.count)) }
        }
        return Int((total + Tolerance.integrality).rounded(.down))
    }

    /// Staffed on-call minutes (contract level 1).
    public static let onCallMinutes = PlanningLevel(key: "oncall", name: "on-call minutes") { ix, _, it in
        if case .shift(let o) = it { return Double(ix.shiftMinutes[o]) }
        return 0
    }

    /// Filled positions of visits of one priority (contract levels 2-4).
    public static func slots(_ p: Priority) -> PlanningLevel {
        PlanningLevel(key: p.rawValue, name: "\(p.rawValue) slots") { ix, _, it in
            if case .visit(let v) = it, ix.theCase.visits[v].priority == p { return 1 }
            return 0
        }
    }

    /// Published assignments kept (least-change re-planning): a sitter on a visit
    /// (or an on-call shift) they were already told about, from the case's
    /// `assigned` lists. Maximising it right after level 4 changes as few
    /// published assignments as coverage allows.
    public static let keptPublished = PlanningLevel(key: "kept", name: "published assignments kept") { ix, s, it in
        let c = ix.theCase
        let sid = c.sitters[s].id
        switch it {
        case .visit(let v): return c.visits[v].assigned.contains(sid) ? 1 : 0
        case .shift(let o): return c.onCallShifts[o].assigned.contains(sid) ? 1 : 0
        }
    }

    /// Minus the number of sitters working (the headcount stage of
    /// `relief whatif --min-staff`): maximising it uses the fewest sitters.
    public static let fewestSitters = PlanningLevel(key: "headcount", name: "sitters used", perSitter: -1) { _, _, _ in
        0
    }

    /// The contract's levels 1-4, in order.
    public static let contract: [PlanningLevel] = [
        .onCallMinutes, .slots(.urgent), .slots(.high), .slots(.normal),
    ]
}

/// The row builder of a level that is not a sum over assignments (the fair
/// share's minimum, a least-busy sitter): the columns and rows it adds to the
/// compact model, once, after the rules' rows (`CompactModel(index, levels:)`),
/// and a bound. The level is then optimised, held (row `level_KEY` over its
/// terms) and valued like any other (`CompactModel.setObjective`, `hold`,
/// `value(of:)`). A level must not drop when an assignment is added (the greedy
/// fill only adds), as a sum of non-negative values never does.
public struct LevelRows: Sendable {
    /// Adds the level's columns and rows to `model` (the compact model's, whose
    /// `x` and `y` columns `cm` gives) and returns its terms.
    public let build: @Sendable (_ cm: CompactModel, _ model: inout LinearModel) -> LevelTerms
    /// A bound that always holds (the level's `trivialBound`).
    public let bound: @Sendable (_ index: PlanningIndex) -> Int

    public init(
        bound: @escaping @Sendable (_ index: PlanningIndex) -> Int,
        build: @escaping @Sendable (_ cm: CompactModel, _ model: inout LinearModel) -> LevelTerms
    ) {
        self.bound = bound
        self.build = build
    }
}

/// What a `LevelRows` builder added: the level as a linear expression over the
/// model's columns (the objective, and the left side of `level_KEY`), and how
/// its own columns are set at a schedule.
public struct LevelTerms: Sendable {
    /// The level: the sum of value × column (typically one auxiliary column, 1).
    public var objective: [(column: Int, value: Double)]
    /// Sets the builder's columns at a point whose x, y and slack columns are set
    /// (`CompactModel.point`): the values that keep its rows and give the level its worth.
    public var fill: @Sendable (_ cm: CompactModel, _ point: inout [Double]) -> Void

    public init(
        objective: [(column: Int, value: Double)],
        fill: @escaping @Sendable (_ cm: CompactModel, _ point: inout [Double]) -> Void
    ) {
        self.objective = objective
        self.fill = fill
    }
}
