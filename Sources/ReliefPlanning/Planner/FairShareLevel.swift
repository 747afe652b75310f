import LinearProgramming
import ReliefCore

/// A level that is the minimum over groups of a share (`weeks.md`'s fair
/// share: the groups are the families with something requested): for each
/// group g, `floor((base_g + Σ a_i over its assigned items) / weight_g)`, and
/// the level is the least of them. Stated with one integer column `z` and a
/// row per group, `weight_g z - Σ a_i x_i <= base_g`; every assignment adds to
/// at most one group, so the column bound prices it as a visit value and the
/// searches can tell which group an assignment lifts.
public struct MaxMinLevel: Sendable {
    public struct Group: Sendable {
        public var id: String
        /// Past served minutes × 1000 (the share's numerator before this week).
        public var base: Int
        /// Past requested + requested minutes (the share's denominator).
        public var weight: Int
    }
    public let groups: [Group]
    /// Per visit index: its group, or -1 when it lifts none.
    public let visitGroup: [Int]
    /// Per visit index: what one sitter on it adds to its group's numerator (minutes × 1000).
    public let visitCoefficient: [Int]

    /// The fair share of `c`: one group per family with requested minutes.
    public init(fairShareOf c: Case) {
        let share = ServiceShare(c)
        var groups: [Group] = []
        var groupOf: [String: Int] = [:]
        for f in c.families where share.requested[f.id] != nil && groupOf[f.id] == nil {
            let past = c.pastService(f)
            groupOf[f.id] = groups.count
            groups.append(
                Group(id: f.id, base: 1000 * past.served, weight: past.requested + share.requested[f.id]!))
        }
        self.groups = groups
        visitGroup = c.visits.map { groupOf[$0.family] ?? -1 }
        visitCoefficient = c.visits.map { 1000 * $0.minutes }
    }

    /// What one sitter on visit `v` adds to its group's share, in per mille (its coefficient over
    /// its group's weight); 0 for a visit of no group.
    public func scaled(_ v: Int) -> Double {
        let g = visitGroup[v]
        return g >= 0 ? Double(visitCoefficient[v]) / Double(max(1, groups[g].weight)) : 0
    }

    /// Each group's numerator (base + Σ a) at a set of assignments.
    public func numerators(_ assignments: some Sequence<PlanningIndex.Pair>) -> [Int] {
        var n = groups.map(\.base)
        for p in assignments where visitGroup[p.item] >= 0 { n[visitGroup[p.item]] += visitCoefficient[p.item] }
        return n
    }

    /// The level at numerators `n`: the least `floor(n_g / weight_g)`; 1000 without groups.
    public func value(numerators n: [Int]) -> Int {
        groups.indices.map { n[$0] / max(1, groups[$0].weight) }.min() ?? 1000
    }

    public func value(_ assignments: some Sequence<PlanningIndex.Pair>) -> Int {
        value(numerators: numerators(assignments))
    }

    /// Each group with every position it could fill filled: a bound that always holds.
    public func bound(_ ix: PlanningIndex) -> Int {
        var n = groups.map(\.base)
        for (v, g) in visitGroup.enumerated() where g >= 0 {
            n[g] += visitCoefficient[v] * min(ix.theCase.visits[v].sitters, ix.visitEligible[v].count)
        }
        return value(numerators: n)
    }

    /// The compact model's column `share_level` and rows `family_share[f]`.
    func build(_ cm: CompactModel, _ model: inout LinearModel) -> LevelTerms {
        let z = model.addColumn("share_level", lower: 0, upper: Double(max(0, bound(cm.index))), integer: true)
        var entries = [[(column: Int, value: Double)]](repeating: [], count: groups.count)
        for (p, col) in cm.x.sorted(by: { $0.value < $1.value }) where visitGroup[p.item] >= 0 {
            entries[visitGroup[p.item]].append((col, -Double(visitCoefficient[p.item])))
        }
        for (g, group) in groups.enumerated() {
            model.addRow(
                "family_share[\(group.id)]", [(z, Double(group.weight))] + entries[g], upper: Double(group.base))
        }
        let me = self
        return LevelTerms(objective: [(z, 1)]) { cm, point in
            var on: [PlanningIndex.Pair] = []
            for (p, col) in cm.x where point[col] > 0.5 { on.append(p) }
            point[z] = Double(max(0, me.value(on)))
        }
    }
}

extension PlanningLevel {
    /// The fair-share level of `c` (`weeks.md`): the least family's share, in per mille.
    public static func fairShare(_ c: Case) -> PlanningLevel {
        let mm = MaxMinLevel(fairShareOf: c)
        return PlanningLevel(
            key: fairShareKey, name: "fair share (per mille)", maxMin: mm,
            rows: LevelRows(bound: { mm.bound($0) }, build: { mm.build($0, &$1) }))
    }

    public static let fairShareKey = "fairshare"

    /// `levels` with the case's fair-share level placed as `rules.fairShare` says
    /// (after or before the normal slots), or as they are when it is off or
    /// the normal slots are not among them.
    public static func placing(fairShareOf c: Case, in levels: [PlanningLevel]) -> [PlanningLevel] {
        let placement = c.fairSharePlacement
        guard placement != .off, !levels.contains(where: { $0.key == fairShareKey }),
            let normal = levels.firstIndex(where: { $0.key == Priority.normal.rawValue })
        else { return levels }
        var out = levels
        out.insert(.fairShare(c), at: placement == .afterNormal ? normal + 1 : normal)
        return out
    }
}
