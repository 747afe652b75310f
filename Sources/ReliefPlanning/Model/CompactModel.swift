import LinearProgramming
import ReliefCore

/// The compact integer program of the contract: one binary per eligible
/// (sitter, visit) and (sitter, shift) pair, the rows of every rule
/// (`CompactModel.rules`, one row builder per constraint family), level 5's
/// deviation rows, then the rows of any level that brings its own
/// (`LevelRows`). Row and column names match `Models/relief.mod`.
public struct CompactModel: Sendable {
    public let index: PlanningIndex
    /// The budget rows of `weeks.md` (none without programs).
    public let budgets: ProgramBudgets
    public internal(set) var model: LinearModel
    /// Column of x[s,v] / y[s,o].
    public private(set) var x: [PlanningIndex.Pair: Int] = [:]
    public private(set) var y: [PlanningIndex.Pair: Int] = [:]
    /// Slack (unfilled positions) column per visit and shift.
    public private(set) var unfilled: [Int] = []
    public private(set) var unstaffed: [Int] = []
    /// Deviation from target minutes, per sitter with a target.
    public private(set) var deviation: [Int: Int] = [:]
    /// Each sitter's conflict cliques and the travel pairs outside them (`conflictCliques`).
    public internal(set) var conflicts: [ConflictCliques] = []
    /// The weekly rest of each sitter whose rest can bind (`restBlocks`), by sitter index.
    public internal(set) var rest: [Int: RestRows] = [:]
    /// Index of the level rows added by `hold`.
    public internal(set) var levelRows: [Int] = []
    /// The terms of each level with its own rows (`LevelRows`), by key, in the order added.
    public internal(set) var levelTerms: [(key: String, terms: LevelTerms)] = []

    /// The model of `index`; each of `levels` with its own rows (`LevelRows`) adds
    /// them after the rules' rows (the contract's levels add none).
    public init(_ index: PlanningIndex, levels: [PlanningLevel] = []) {
        self.index = index
        budgets = ProgramBudgets(index)
        model = LinearModel(name: "relief", direction: .maximize)
        addVariables()
        for rule in Self.rules { rule.addRows(&self) }
        fairShare()
        addLevelRows(levels)
    }

    var c: Case { index.theCase }

    static func name(_ s: String) -> String { s }

    mutating func addVariables() {
        for (vi, v) in c.visits.enumerated() {
            for si in index.visitEligible[vi] {
                let locked = index.locked.contains(.init(si, vi))
                x[.init(si, vi)] = model.addColumn("x[\(c.sitters[si].id),\(v.id)]", lower: locked ? 1 : 0, upper: 1)
            }
        }
        for (oi, o) in c.onCallShifts.enumerated() {
            for si in index.shiftEligible[oi] {
                y[.init(si, oi)] = model.addColumn("y[\(c.sitters[si].id),\(o.id)]")
            }
        }
        unfilled = c.visits.map {
            model.addColumn("unfilled[\($0.id)]", lower: 0, upper: Double($0.sitters), integer: false)
        }
        unstaffed = c.onCallShifts.map {
            model.addColumn("unstaffed[\($0.id)]", lower: 0, upper: Double($0.staff), integer: false)
        }
    }

    public struct Item: Hashable, Sendable {
        public let isVisit: Bool
        public let index: Int
    }

    /// fair_share[s] (level 5's rows, after every rule's): deviation of the sitter's visit minutes from target (both sides).
    mutating func fairShare() {
        for (si, s) in c.sitters.enumerated() {
            guard let target = s.targetMinutesPerWeek, !index.sitterVisits[si].isEmpty else { continue }
            let d = model.addColumn("deviation[\(s.id)]", lower: 0, upper: .infinity, integer: false)
            deviation[si] = d
            let minutes = index.sitterVisits[si].map {
                (column: x[.init(si, $0)]!, value: Double(index.visitMinutes[$0]))
            }
            // d >= minutes - target  and  d >= target - minutes
            model.addRow("fair_share_over[\(s.id)]", minutes + [(d, -1)], upper: Double(target))
            model.addRow(
                "fair_share_under[\(s.id)]", minutes.map { ($0.column, -$0.value) } + [(d, -1)], upper: -Double(target))
        }
    }

    public mutating func setQualityObjective(_ q: QualityWeights) {
        model.clearObjective()
        for (pair, col) in x {
            model.setObjective(col, q.assignmentScore(index, sitter: pair.sitter, visit: pair.item))
        }
        for (_, d) in deviation { model.setObjective(d, -q.perMinuteOffTarget) }
    }

    /// A 0/1 point of this model from assignments, with slacks filled in.
    public func point(assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) -> [Double] {
        var v = Array(repeating: 0.0, count: model.columns.count)
        var perVisit = Array(repeating: 0, count: c.visits.count)
        var perShift = Array(repeating: 0, count: c.onCallShifts.count)
        var minutes: [Int: Int] = [:]
        var held: [Int: Set<WeekRules.Item>] = [:]
        for p in assignments {
            guard let col = x[p] else { continue }
            v[col] = 1
            if !rest.isEmpty { held[p.sitter, default: []].insert(.visit(p.item)) }
            perVisit[p.item] += 1
            minutes[p.sitter, default: 0] += index.visitMinutes[p.item]
        }
        for p in onCall {
            guard let col = y[p] else { continue }
            v[col] = 1
            perShift[p.item] += 1
            if !rest.isEmpty { held[p.sitter, default: []].insert(.shift(p.item)) }
        }
        for (i, col) in unfilled.enumerated() { v[col] = Double(max(0, c.visits[i].sitters - perVisit[i])) }
        for (i, col) in unstaffed.enumerated() { v[col] = Double(max(0, c.onCallShifts[i].staff - perShift[i])) }
        for (si, col) in deviation {
            v[col] = Double(abs((minutes[si] ?? 0) - (c.sitters[si].targetMinutesPerWeek ?? 0)))
        }
        fillRest(&v, held: held)
        for (_, terms) in levelTerms { terms.fill(self, &v) }
        return v
    }
}

/// Level 5 (quality) weights: the project's choice, documented in the README.
public struct QualityWeights: Sendable, Equatable {
    /// Per assignment kept from `assigned` (published).
    public var keepPublished: Double = 10
    /// Per assignment to one of the family's `previousSitters` (continuity of care).
    public var continuity: Double = 4
    /// Per assignment to one of the family's `preferredSitters`.
    public var preferred: Double = 3
    /// Per minute of travel from the sitter's home territory to the visit.
    public var perTravelMinute: Double = 0.1
    /// Per minute of visit time away from `targetMinutesPerWeek` (either side).
    public var perMinuteOffTarget: Double = 1.0 / 60

    public init() {}

    public func assignmentScore(_ ix: PlanningIndex, sitter s: Int, visit v: Int) -> Double {
        let c = ix.theCase
        let sid = c.sitters[s].id
        let visit = c.visits[v]
        let fam = c.families[ix.visitFamily[v]]
        var score = 0.0
        if visit.assigned.contains(sid) { score += keepPublished }
        if fam.previousSitters.contains(sid) { score += continuity }
        if fam.preferredSitters.contains(sid) { score += preferred }
        score -= perTravelMinute * Double(ix.travel[ix.homeTerritory[s]][ix.visitTerritory[v]])
        return score
    }
}
