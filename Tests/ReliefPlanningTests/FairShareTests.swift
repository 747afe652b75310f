import Foundation
import LinearProgramming
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// The fair-share level of `weeks.md`: the least family's share of what it asked
/// for (this week and its counted ledger weeks), in per mille, placed after or
/// before the normal slots, optimised and proven like the contract's levels.
@Suite("The fair-share level")
struct FairShareTests {
    /// 4-8 sitters with one or two of four competencies, 4-6 visits of three
    /// families each needing one competency (so two or three sitters may take each),
    /// crowded into two afternoons; ledgers of one to three earlier weeks.
    static func randomCase(seed: Int, placement: FairSharePlacement) throws -> Case {
        var r = ExhaustiveTests.Random(state: UInt64(seed) &* 104_729 &+ 7)
        let comps = ["a", "b", "c"]
        var b = CaseBuilder()
        b.name = "fair-\(seed)"
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2"), FamilySpec(id: "F3")]
        for i in 1...(4 + r.next(5)) {
            var s = SitterSpec(id: "S\(i)")
            s.competencies = [comps[r.next(3)]]
            if r.chance(20) { s.competencies!.append(comps[r.next(3)]) }
            if r.chance(30) { s.maxMinutesPerWeek = [120, 180][r.next(2)] }
            b.sitters.append(s)
        }
        for i in 1...(4 + r.next(3)) {
            let day = 24 + (r.chance(20) ? 1 : 0)
            let start = (13 + r.next(3)) * 60
            let end = start + [60, 180][r.next(2)]
            func t(_ m: Int) -> String { String(format: "2026-11-%02dT%02d:%02d", day, m / 60, m % 60) }
            var v = VisitSpec(id: "V\(i)", family: "F\(1 + r.next(3))", start: t(start), end: t(end))
            v.competencies = [comps[r.next(3)]]
            v.sitters = r.chance(15) ? 2 : nil
            v.priority = ["urgent", "high", "normal", "normal", "normal", "normal"][r.next(6)]
            b.visits.append(v)
        }
        var c = try b.read()
        c.rules.fairShare = placement
        for f in c.families.indices {
            for w in 0..<(1 + r.next(3)) {
                let requested = [120, 180, 240, 360][r.next(4)]
                c.families[f].ledger.append(
                    LedgerEntry(
                        weekStart: LocalDate(year: 2026, month: 11, dayOfMonth: 2 + 7 * w)!,
                        requestedMinutes: requested, servedMinutes: requested * r.next(4) / 3))
            }
        }
        return c
    }

    /// The case's levels in the order the placement gives, from its assignments.
    static func ordered(_ c: Case, _ levels: Levels) -> [Int] {
        let v = levels.vector
        switch c.fairSharePlacement {
        case .off: return v
        case .afterNormal: return v + [levels.fairSharePermille!]
        case .beforeNormal: return Array(v.prefix(3)) + [levels.fairSharePermille!, v[3]]
        }
    }

    /// The lexicographic optimum of each placement over every subset of eligible pairs
    /// the verifier accepts (one enumeration for the three); nil when too many pairs.
    static func exhaustive(_ c: Case, maxPairs: Int = 12) -> [FairSharePlacement: [Int]]? {
        let ix = PlanningIndex(c)
        var pairs: [PlanningIndex.Pair] = []
        for (v, el) in ix.visitEligible.enumerated() { for s in el { pairs.append(.init(s, v)) } }
        guard pairs.count <= maxPairs else { return nil }
        var cases: [FairSharePlacement: Case] = [:]
        for p in FairSharePlacement.allCases {
            var k = c
            k.rules.fairShare = p
            cases[p] = k
        }
        let share = ServiceShare(cases[.afterNormal]!)
        let verifier = ScheduleVerifier(cases[.afterNormal]!)
        var best: [FairSharePlacement: [Int]] = [:]
        for mask in 0..<(1 << pairs.count) {
            let chosen = pairs.indices.filter { mask & (1 << $0) != 0 }.map { pairs[$0] }
            let assignments = chosen.map { Assignment(visit: c.visits[$0.item].id, sitter: c.sitters[$0.sitter].id) }
            var perVisit = [Int](repeating: 0, count: c.visits.count)
            for p in chosen { perVisit[p.item] += 1 }
            var levels = Levels()
            for (v, n) in perVisit.enumerated() {
                let filled = min(n, c.visits[v].sitters)
                switch c.visits[v].priority {
                case .urgent: levels.urgentSlots += filled
                case .high: levels.highSlots += filled
                case .normal: levels.normalSlots += filled
                }
            }
            levels.fairSharePermille = ServiceShare.permille(share.rows(assignments: assignments))
            let scores = FairSharePlacement.allCases.map { ($0, ordered(cases[$0]!, levels)) }
            guard scores.contains(where: { p, score in best[p].map { !score.lexicographicallyPrecedes($0) } ?? true })
            else { continue }
            let unfilled = c.visits.indices.compactMap { v -> Unfilled? in
                perVisit[v] < c.visits[v].sitters
                    ? Unfilled(
                        id: c.visits[v].id, missing: c.visits[v].sitters - perVisit[v],
                        reasons: [Reason(code: "capacity", detail: "")])
                    : nil
            }
            var s = Schedule(
                caseName: c.name, status: .optimal, levels: levels, assignments: assignments, onCall: [],
                unfilled: unfilled, unstaffedShifts: [], solver: SolverReport(seconds: 0, gap: 0))
            s = s.withService(cases[.afterNormal]!)
            guard verifier.violations(of: s).isEmpty else { continue }
            for (p, score) in scores where best[p].map({ $0.lexicographicallyPrecedes(score) }) ?? true {
                best[p] = score
            }
        }
        return best
    }

    @Test("on 200 random weeks of 4-8 sitters, the fair-share level is the exhaustive lexicographic optimum")
    func exhaustive() throws {
        var checked = 0
        var between = 0
        for seed in 0..<200 {
            let base = try Self.randomCase(seed: seed, placement: .off)
            guard let want = Self.exhaustive(base) else { continue }
            checked += 1
            for placement in FairSharePlacement.allCases {
                var c = base
                c.rules.fairShare = placement
                let r = try Planner().plan(c)
                #expect(r.levels.map(\.value) == want[placement], "seed \(seed) \(placement)")
                #expect(Self.ordered(c, r.schedule.levels) == want[placement], "seed \(seed) \(placement)")
                #expect(r.schedule.status == .optimal, "seed \(seed) \(placement)")
                #expect(ScheduleVerifier(c).violations(of: r.schedule) == [], "seed \(seed) \(placement)")
                if placement == .off {
                    #expect(r.schedule.levels.fairSharePermille == nil && r.schedule.families.isEmpty)
                } else {
                    #expect(r.levels.map(\.key).contains(PlanningLevel.fairShareKey))
                }
            }
            // Cases where the two placements differ: fairness bought with a normal position.
            if want[.afterNormal]!.last! < want[.beforeNormal]![3] { between += 1 }
        }
        #expect(checked >= 120, "only \(checked) cases small enough to enumerate")
        print("fair share: \(checked) cases enumerated, \(between) where before-normal raises the share")
        #expect(between >= 1, "before-normal should beat after-normal's share in some cases (\(between))")
    }

    /// One sitter; the family behind (P, nothing served of 600 minutes) asks 13:00-16:00, the
    /// family ahead (R, all 600 served) asks 13:00-14:00 and 15:00-16:00, all normal.
    static func behindOrAhead(_ placement: FairSharePlacement) throws -> Case {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1")]
        b.families = [FamilySpec(id: "P"), FamilySpec(id: "R")]
        b.visits = [
            VisitSpec(id: "VP", family: "P", start: "2026-11-24T13:00", end: "2026-11-24T16:00"),
            VisitSpec(id: "VR1", family: "R", start: "2026-11-24T13:00", end: "2026-11-24T14:00"),
            VisitSpec(id: "VR2", family: "R", start: "2026-11-24T15:00", end: "2026-11-24T16:00"),
        ]
        var c = try b.read()
        c.rules.fairShare = placement
        let week = LocalDate(year: 2026, month: 11, dayOfMonth: 16)!
        c.families[0].ledger = [LedgerEntry(weekStart: week, requestedMinutes: 600, servedMinutes: 0)]
        c.families[1].ledger = [LedgerEntry(weekStart: week, requestedMinutes: 600, servedMinutes: 600)]
        return c
    }

    @Test("after-normal never costs a position; before-normal gives one up for the family behind")
    func placements() throws {
        let after = try Planner().plan(try Self.behindOrAhead(.afterNormal))
        #expect(after.schedule.sitters(on: "VR1") == ["S1"] && after.schedule.sitters(on: "VR2") == ["S1"])
        #expect(after.schedule.levels.normalSlots == 2 && after.schedule.levels.fairSharePermille == 0)
        let before = try Planner().plan(try Self.behindOrAhead(.beforeNormal))
        #expect(before.schedule.sitters(on: "VP") == ["S1"])
        // P: 180 of 600 + 180 = 230 per mille; R: 600 of 600 + 120 = 833.
        #expect(before.schedule.levels.normalSlots == 1 && before.schedule.levels.fairSharePermille == 230)
        #expect(before.levels.map(\.key) == ["oncall", "urgent", "high", PlanningLevel.fairShareKey, "normal"])
        #expect(before.schedule.status == .optimal && after.schedule.status == .optimal)
        let off = try Planner().plan(try Self.behindOrAhead(.off))
        #expect(off.schedule.levels.normalSlots == 2 && off.schedule.levels.fairSharePermille == nil)
        #expect(off.schedule.json()["families"] == nil && off.schedule.json()["levels"]?["fairSharePermille"] == nil)
        // The family at the level says why: its visit, and the sitter busy elsewhere.
        let p = after.schedule.families.first { $0.family == "P" }!
        #expect(p.reasons.map(\.visit) == ["VP"] && p.reasons.map(\.reason.code) == ["capacity"])
        #expect(after.schedule.families.first { $0.family == "R" }!.reasons.isEmpty)
    }

    @Test("the column bound states the fair share by its families: optimised, then held for the normal slots")
    func columnBound() throws {
        let c = try Self.behindOrAhead(.beforeNormal)
        let ix = PlanningIndex(c)
        let fair = PlanningLevel.fairShare(c)
        var cm = CompactModel(ix, levels: [fair])
        cm.setObjective(fair)
        let seed = cm.point(assignments: [], onCall: [])
        let bound = ColumnBound(ix)
        // The LP's best: S1 on VP, z <= 1000 * 180 / 780 = 230.7.
        let optimised = try #require(bound.upperBound(level: fair, held: [], seed: seed, cm: cm))
        #expect(optimised.bound == 230 && optimised.value == 230)
        cm.hold(fair, atLeast: 230)
        cm.setObjective(.slots(.normal))
        let start = cm.point(assignments: [.init(0, 0)], onCall: [])
        let held = try #require(bound.upperBound(level: .slots(.normal), held: [(fair, 230)], seed: start, cm: cm))
        #expect(held.bound == 1 && held.value == 1)
        // Without the held share, two normal positions.
        var free = CompactModel(ix, levels: [fair])
        free.setObjective(.slots(.normal))
        #expect(bound.upperBound(level: .slots(.normal), held: [], seed: start, cm: free)?.bound == 2)
    }

    @Test("the lift raises the least family where the greedy fill left it, keeping the levels above")
    func lift() throws {
        let c = try Self.behindOrAhead(.beforeNormal)
        let ix = PlanningIndex(c)
        let fair = PlanningLevel.fairShare(c)
        let cm = CompactModel(ix, levels: [fair])
        // The fill's schedule: S1 on both of R's visits; P at 0.
        let start: Set<PlanningIndex.Pair> = [.init(0, 1), .init(0, 2)]
        #expect(fair.maxMin!.value(start) == 0)
        let r = MaxMinLift(index: ix, level: fair.maxMin!, moves: 100).improve(
            assignments: start, onCall: [], control: SolveControl()
        ) { a, o in cm.model.maxViolation(cm.point(assignments: a, onCall: o)) < 1e-6 }
        #expect(r.assignments == [.init(0, 0)] && fair.maxMin!.value(r.assignments) == 230)
        // With the normal slots held at 2 the same move breaks a row: refused.
        var held = cm
        held.hold(.slots(.normal), atLeast: 2)
        let kept = MaxMinLift(index: ix, level: fair.maxMin!, moves: 100).improve(
            assignments: start, onCall: [], control: SolveControl()
        ) { a, o in held.model.maxViolation(held.point(assignments: a, onCall: o)) < 1e-6 }
        #expect(kept.assignments == start)
    }
}
