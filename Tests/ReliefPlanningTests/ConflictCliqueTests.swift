import Foundation
import LinearProgramming
import ReliefApp
import ReliefCore
import ReliefSamples
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// The compact model's conflict rows (`CompactModel.conflictCliques`): cliques
/// grown from overlap and travel, and the travel pairs left outside them. They
/// must state exactly "one sitter cannot hold both" (no more, or a schedule is
/// lost; no less, or one is allowed that breaks a rule), and they must merge.
@Suite("Conflict cliques of the compact model")
struct ConflictCliqueTests {
    static func generated(seed: UInt64, sitters: Int, visits: Int, scarce: Bool = false) -> Case {
        var o = CaseGenerator.Options()
        o.sitters = sitters
        o.visits = visits
        o.seed = seed
        o.scarce = scarce
        return CaseGenerator.generate(o)
    }

    /// Every sitter's items: visits then shifts, as `CompactModel.Item`.
    static func items(_ ix: PlanningIndex, _ s: Int) -> [CompactModel.Item] {
        ix.sitterVisits[s].map { .init(isVisit: true, index: $0) }
            + ix.sitterShifts[s].map { .init(isVisit: false, index: $0) }
    }

    static func conflict(_ ix: PlanningIndex, _ a: CompactModel.Item, _ b: CompactModel.Item) -> Bool {
        func item(_ i: CompactModel.Item) -> WeekRules.Item { i.isVisit ? .visit(i.index) : .shift(i.index) }
        return ix.rules.conflict(item(a), item(b))
    }

    @Test(arguments: [(UInt64(1), false), (2, false), (3, true), (4, true)])
    func cliquesAndPairsStateExactlyTheConflicts(_ seed: UInt64, _ scarce: Bool) throws {
        let c = Self.generated(seed: seed, sitters: 30, visits: 200, scarce: scarce)
        let ix = PlanningIndex(c)
        let cm = CompactModel(ix)
        var grownByTravel = 0
        for s in c.sitters.indices {
            let cc = cm.conflicts[s]
            let mine = Self.items(ix, s)
            // Every clique: members that pairwise conflict, at least two, none twice.
            for (_, members) in cc.cliques {
                #expect(members.count >= 2)
                #expect(Set(members).count == members.count)
                for i in members.indices {
                    for j in members.indices where j > i {
                        #expect(
                            Self.conflict(ix, members[i], members[j]),
                            "sitter \(s): \(members[i]) and \(members[j]) do not conflict")
                    }
                }
                let visits = members.filter(\.isVisit).map(\.index)
                if visits.contains(where: { a in visits.contains { b in a != b && !ix.visitsOverlap(a, b) } }) {
                    grownByTravel += 1
                }
            }
            // Keys unique per sitter; no clique inside another.
            #expect(Set(cc.cliques.map(\.0)).count == cc.cliques.count)
            let sets = cc.cliques.map { Set($0.1) }
            for i in sets.indices {
                for j in sets.indices where j != i {
                    #expect(!sets[i].isSubset(of: sets[j]), "sitter \(s): a clique inside another")
                }
            }
            // Every conflicting pair of the sitter's items is held by a clique or is a travel pair.
            var held = Set<[CompactModel.Item]>()
            func key(_ a: CompactModel.Item, _ b: CompactModel.Item) -> [CompactModel.Item] {
                (a.isVisit ? 0 : 1, a.index) < (b.isVisit ? 0 : 1, b.index) ? [a, b] : [b, a]
            }
            for (_, members) in cc.cliques {
                for i in members.indices {
                    for j in members.indices where j > i { held.insert(key(members[i], members[j])) }
                }
            }
            for (a, b) in cc.pairs {
                let k = key(.init(isVisit: true, index: a), .init(isVisit: true, index: b))
                #expect(!held.contains(k), "sitter \(s): pair \(a), \(b) is also inside a clique")
                #expect(ix.visitsConflict(a, b) && !ix.visitsOverlap(a, b))
                held.insert(k)
            }
            for i in mine.indices {
                for j in mine.indices where j > i && Self.conflict(ix, mine[i], mine[j]) {
                    #expect(
                        held.contains(key(mine[i], mine[j])),
                        "sitter \(s): \(mine[i]) and \(mine[j]) conflict but no row says so")
                }
            }
        }
        // The merging is real on these weeks: travel holds cliques together.
        #expect(grownByTravel > 0)
    }

    /// V1 10:00-11:00 in north, V3 10:30-11:30 and V2 11:05-12:00 in south, 30
    /// minutes apart: V1-V3 and V3-V2 overlap, V1 then V2 is too short a drive.
    /// Pairwise rows let the LP take half of each (1.5); the one clique row
    /// {V1, V2, V3} holds it to 1, the integer optimum.
    @Test func aTravelTriangleIsOneCliqueAndTheLPIsExact() throws {
        var b = CaseBuilder()
        b.territories = ["north", "south"]
        b.travel = [("north", "south", 30)]
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2", territory: "south")]
        b.sitters = [SitterSpec(id: "S1", territories: ["north", "south"])]
        b.visits = [
            VisitSpec(id: "V1", family: "F1", start: "2026-11-24T10:00", end: "2026-11-24T11:00"),
            VisitSpec(id: "V2", family: "F2", start: "2026-11-24T11:05", end: "2026-11-24T12:00"),
            VisitSpec(id: "V3", family: "F2", start: "2026-11-24T10:30", end: "2026-11-24T11:30"),
        ]
        let c = try b.read()
        let ix = PlanningIndex(c)
        var cm = CompactModel(ix)
        let cc = cm.conflicts[0]
        #expect(cc.cliques.count == 1 && cc.pairs.isEmpty, "\(cc.cliques) \(cc.pairs)")
        #expect(Set(cc.cliques.first?.1.map(\.index) ?? []) == [0, 1, 2])
        cm.setObjective(.slots(.normal))
        let lp = try GLPKSolver().program(cm.model)
        guard case .optimal = lp.simplex() else {
            Issue.record("the LP did not solve")
            return
        }
        #expect(abs(lp.lpObjective - 1) < 1e-9, "LP \(lp.lpObjective)")
        #expect(try solve(b).levels == levels(normal: 1))
    }

    /// On a generated week: fewer conflict rows than one per overlap clique
    /// plus one per travel pair, and each level's LP no looser than with them.
    @Test func fewerRowsAndNoLooserRelaxation() throws {
        let c = Self.generated(seed: 5, sitters: 30, visits: 200)
        let ix = PlanningIndex(c)
        var cm = CompactModel(ix)
        var pairwise = LinearModel(name: "pairwise", direction: .maximize)
        for col in cm.model.columns {
            pairwise.addColumn(col.name, lower: col.lower, upper: col.upper, objective: 0, integer: col.isInteger)
        }
        let conflictRow = { (name: String) in name.hasPrefix("no_overlap[") || name.hasPrefix("travel[") }
        for row in cm.model.rows where !conflictRow(row.name) {
            pairwise.addRow(row.name, row.entries, lower: row.lower, upper: row.upper)
        }
        for s in c.sitters.indices {
            for (t, members) in cm.cliques(sitter: s) {
                let e = members.map {
                    (column: $0.isVisit ? cm.x[.init(s, $0.index)]! : cm.y[.init(s, $0.index)]!, value: 1.0)
                }
                pairwise.addRow("o[\(s),\(t)]", e, upper: 1)
            }
            let vs = ix.sitterVisits[s]
            for i in vs.indices {
                for j in vs.indices where j > i && ix.visitsConflict(vs[i], vs[j]) && !ix.visitsOverlap(vs[i], vs[j]) {
                    pairwise.addRow(
                        "t[\(s),\(i),\(j)]", [(cm.x[.init(s, vs[i])]!, 1), (cm.x[.init(s, vs[j])]!, 1)], upper: 1)
                }
            }
        }
        let merged = cm.model.rows.filter { conflictRow($0.name) }.count
        let pairRows = pairwise.rows.count - (cm.model.rows.count - merged)
        #expect(merged < pairRows, "\(merged) rows where pairs need \(pairRows)")
        for level in PlanningLevel.contract {
            cm.setObjective(level)
            var p = pairwise
            for (j, col) in cm.model.columns.enumerated() { p.setObjective(j, col.objective) }
            let a = try GLPKSolver().program(cm.model)
            let b = try GLPKSolver().program(p)
            guard case .optimal = a.simplex(), case .optimal = b.simplex() else {
                Issue.record("an LP did not solve")
                return
            }
            #expect(a.lpObjective <= b.lpObjective + 1e-6, "\(level.name): \(a.lpObjective) > \(b.lpObjective)")
        }
    }
}
