import Foundation
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// Levels are data: the planner optimises `PlanOptions.levels` in order, and a
/// new level is one entry of that list.
@Suite("Planning levels as data")
struct PlanningLevelTests {
    /// Filled positions of family F2's visits, whatever their priority.
    static let familyF2 = PlanningLevel(key: "family_f2", name: "F2 slots") { ix, _, it in
        if case .visit(let v) = it, ix.theCase.visits[v].family == "F2" { return 1 }
        return 0
    }

    /// One sitter; F1's urgent visit and F2's normal visit overlap: only one can be done.
    static var oneOfTwo: CaseBuilder {
        var b = CaseBuilder()
        b.territories = ["north", "south"]
        b.travel = [("north", "south", 15)]
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2", territory: "south")]
        b.sitters = [SitterSpec(id: "S1", territories: ["north", "south"])]
        b.visits = [
            VisitSpec(id: "V1", family: "F1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", priority: "urgent"),
            VisitSpec(id: "V2", family: "F2", start: "2026-11-24T11:00", end: "2026-11-24T13:00", priority: "normal"),
        ]
        return b
    }

    @Test("the contract's levels give the urgent visit (control for the next test)")
    func contractPrefersUrgent() throws {
        let s = try solve(Self.oneOfTwo)
        #expect(s.sitters(on: "V1") == ["S1"])
        #expect(s.sitters(on: "V2") == [])
        #expect(s.levels == levels(urgent: 1))
    }

    @Test("a level placed first that counts only F2's visits makes the planner take F2's normal visit, proven")
    func customLevelFirst() throws {
        let c = try Self.oneOfTwo.read()
        var o = PlanOptions()
        o.levels = [Self.familyF2] + PlanningLevel.contract
        let r = try Planner().plan(c, options: o)
        let s = r.schedule
        #expect(s.status == .optimal)
        #expect(r.proven == [true, true, true, true, true])
        #expect(r.stoppedBy == nil)
        #expect(ScheduleVerifier(c).violations(of: s) == [])
        #expect(s.sitters(on: "V2") == ["S1"])
        #expect(s.sitters(on: "V1") == [])
        #expect(s.levels == levels(normal: 1))
        #expect(s.unfilledCodes("V1") == ["capacity"])
    }

    @Test("the same level placed last only breaks ties: the urgent visit stays")
    func customLevelLast() throws {
        let c = try Self.oneOfTwo.read()
        var o = PlanOptions()
        o.levels = PlanningLevel.contract + [Self.familyF2]
        let s = try solve(c, options: o)
        #expect(s.sitters(on: "V1") == ["S1"])
        #expect(s.levels == levels(urgent: 1))
    }

    @Test("a tie broken by a level placed last: of two overlapping normal visits, F2's")
    func customLevelBreaksTie() throws {
        var b = Self.oneOfTwo
        b.visits[0].priority = "normal"
        let c = try b.read()
        var o = PlanOptions()
        o.levels = PlanningLevel.contract + [Self.familyF2]
        let s = try solve(c, options: o)
        #expect(s.sitters(on: "V2") == ["S1"])
        // And the opposite level picks F1's.
        let familyF1 = PlanningLevel(key: "family_f1", name: "F1 slots") { ix, _, it in
            if case .visit(let v) = it, ix.theCase.visits[v].family == "F1" { return 1 }
            return 0
        }
        o.levels = PlanningLevel.contract + [familyF1]
        #expect(try solve(c, options: o).sitters(on: "V1") == ["S1"])
    }

    @Test("solver.levelBounds name the contract's levels even when a custom level comes first")
    func boundsWithCustomLevelFirst() throws {
        let c = try Self.oneOfTwo.read()
        var o = PlanOptions()
        o.levels = [Self.familyF2] + PlanningLevel.contract
        let s = try Planner().plan(c, options: o).schedule
        #expect(s.status == .optimal)
        // Every level is proven, so each bound is the level itself.
        #expect(s.solver.bounds == s.levels)
    }

    /// Three sitters (S3 without the autism competency), a shift needing two people with only S1 eligible.
    static var boundCase: CaseBuilder {
        var b = CaseBuilder()
        b.territories = ["north", "south"]
        b.travel = [("north", "south", 15)]
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2", territory: "south")]
        b.sitters = [
            SitterSpec(id: "S1", territories: ["north", "south"], competencies: ["autism"], onCall: OnCallSpec()),
            SitterSpec(id: "S2", territories: ["north", "south"], competencies: ["autism"]),
            SitterSpec(id: "S3"),
        ]
        b.visits = [
            // 3 eligible, needs 2: 2 urgent positions.
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", sitters: 2, priority: "urgent"),
            // Needs 3, autism: S1 and S2 only -> 2 urgent positions.
            VisitSpec(
                id: "V2", family: "F2", start: "2026-11-24T10:00", end: "2026-11-24T12:00", sitters: 3,
                competencies: ["autism"], priority: "urgent"),
            // Nobody has "medical": 0.
            VisitSpec(
                id: "V3", start: "2026-11-25T10:00", end: "2026-11-25T11:00", competencies: ["medical"],
                priority: "urgent"),
            // One high position, F2.
            VisitSpec(id: "V4", family: "F2", start: "2026-11-25T10:00", end: "2026-11-25T11:00", priority: "high"),
        ]
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T00:00", end: "2026-11-24T08:00", staff: 2)]
        return b
    }

    @Test("trivialBound: every position someone could fill at its best value, rounded down")
    func trivialBounds() throws {
        let c = try Self.boundCase.read()
        let ix = PlanningIndex(c)
        #expect(ix.visitEligible.map(\.count) == [3, 2, 0, 2])
        #expect(ix.shiftEligible.map(\.count) == [1])
        // 480 minutes x min(staff 2, 1 eligible).
        #expect(PlanningLevel.onCallMinutes.trivialBound(ix) == 480)
        // V1: min(2, 3) + V2: min(3, 2) + V3: 0.
        #expect(PlanningLevel.slots(.urgent).trivialBound(ix) == 4)
        #expect(PlanningLevel.slots(.high).trivialBound(ix) == 1)
        #expect(PlanningLevel.slots(.normal).trivialBound(ix) == 0)
        // Half a point per F2 position: V2's 2 + V4's 1 = 1.5, rounded down.
        let halfF2 = PlanningLevel(key: "half_f2", name: "half F2") { ix, _, it in
            if case .visit(let v) = it, ix.theCase.visits[v].family == "F2" { return 0.5 }
            return 0
        }
        #expect(halfF2.trivialBound(ix) == 1)
        // A value that depends on the sitter: the best eligible one counts.
        let s2Only = PlanningLevel(key: "s2", name: "S2 slots") { ix, s, it in
            it.isVisit && ix.theCase.sitters[s].id == "S2" ? 1 : 0
        }
        // V1, V2, V4 (S2 eligible): 2 + 2 + 1.
        #expect(s2Only.trivialBound(ix) == 5)
        // The planner can only do better than nothing up to that bound.
        let s = try solve(c)
        #expect(s.levels.onCallMinutes <= 480 && s.levels.urgentSlots <= 4 && s.levels.highSlots <= 1)
        #expect(s.levels == levels(onCall: 480, urgent: 3, high: 1))
    }

    @Test("counts: whether an item can count toward a level")
    func counts() throws {
        let c = try Self.boundCase.read()
        let ix = PlanningIndex(c)
        let urgent = PlanningLevel.slots(.urgent)
        #expect(urgent.counts(ix, .visit(0)) && urgent.counts(ix, .visit(1)))
        #expect(!urgent.counts(ix, .visit(2)), "nobody is eligible for V3")
        #expect(!urgent.counts(ix, .visit(3)), "V4 is high")
        #expect(!urgent.counts(ix, .shift(0)))
        #expect(PlanningLevel.onCallMinutes.counts(ix, .shift(0)))
        #expect(!PlanningLevel.onCallMinutes.counts(ix, .visit(0)))
    }

    @Test(
        "the contract's levels: keys oncall, urgent, high, normal; rows level_KEY as the README's families table says")
    func contractKeysAndRows() throws {
        #expect(PlanningLevel.contract.map(\.key) == ["oncall", "urgent", "high", "normal"])
        let rows = PlanningLevel.contract.map(\.rowName)
        #expect(rows == ["level_oncall", "level_urgent", "level_high", "level_normal"])
        #expect(
            PlanningLevel.contract.map(\.name) == ["on-call minutes", "urgent slots", "high slots", "normal slots"])
        // The priority keys are the contract's priority values, as Models/relief.mod compares them.
        let mod = try String(contentsOf: PackageTree.root.appendingPathComponent("Models/relief.mod"), encoding: .utf8)
        for p in ["urgent", "high", "normal"] {
            #expect(Priority(rawValue: p) != nil)
            #expect(mod.contains("priority[v] = '\(p)'"), "Models/relief.mod has no \(p) level term")
        }
        // relief.mod states levels 1-4 as one weighted objective (it solves once), so it has no
        // level_* rows; the table of constraint families in docs/solver.md names them.
        let doc = try String(contentsOf: PackageTree.root.appendingPathComponent("docs/solver.md"), encoding: .utf8)
        let docLevels = doc.split(separator: "\n").first { $0.contains("`level_oncall`") } ?? ""
        for row in rows { #expect(docLevels.contains("`\(row)`"), "docs/solver.md does not name \(row)") }
        // The compact model names the row it adds to hold a level after its key.
        var cm = CompactModel(PlanningIndex(try Self.oneOfTwo.read()))
        for level in PlanningLevel.contract + [Self.familyF2] {
            cm.hold(level, atLeast: 0)
            #expect(cm.model.rows.last?.name == level.rowName)
        }
        #expect(cm.model.rows.suffix(5).map(\.name) == rows + ["level_family_f2"])
    }
}
