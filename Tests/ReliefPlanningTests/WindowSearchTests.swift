import Foundation
import LinearProgramming
import ReliefApp
import ReliefCore
import ReliefSamples
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// Fix-and-optimise by window, and the restricted models it solves.
@Suite struct WindowSearchTests {
    /// max x0 + x1 + x2 with x0 + x1 <= 1, x1 + x2 <= 1, x0 + x2 <= 1 (+ a row on x2 alone).
    static func triangle() -> LinearModel {
        var m = LinearModel(name: "t", direction: .maximize)
        for i in 0..<3 { m.addColumn("x\(i)", objective: 1) }
        m.addRow("a", [(0, 1), (1, 1)], upper: 1)
        m.addRow("b", [(1, 1), (2, 1)], upper: 1)
        m.addRow("c", [(0, 1), (2, 1)], upper: 1)
        m.addRow("d", [(2, 1)], upper: 1)
        return m
    }

    @Test func restrictionMovesHeldColumnsIntoBounds() throws {
        let m = Self.triangle()
        let point = [0.0, 0, 1]  // x2 held at 1
        for rowsOf in [nil, m.rowsByColumn()] {
            let sub = m.restricted(to: [0, 1], at: point, rowsOf: rowsOf)
            #expect(sub.columns.map(\.name) == ["x0", "x1"])
            // Row d touches no free column: dropped. b and c now say x1 <= 0 and x0 <= 0.
            #expect(sub.rows.map(\.name) == ["a", "b", "c"])
            #expect(sub.rows[1].upper == 0 && sub.rows[2].upper == 0)
            #expect(sub.objectiveConstant == 1)
            let r = try GLPKSolver().solve(sub, options: MIPOptions())
            #expect(r.status == .optimal)
            // Nothing else fits beside x2: the whole model's objective stays 1.
            #expect(abs(r.objective - 1) < 1e-9)
        }
    }

    /// From an empty schedule, the windows alone cover every task of planted
    /// SMPTSP instances; every point they return keeps every row of the model,
    /// and the same input gives the same schedule.
    @Test(arguments: [UInt64(31), 32, 33])
    func windowsFillFromNothing(_ seed: UInt64) throws {
        let (p, _) = HeadcountColumnTests.planted(workers: 5, extra: 3, seed: seed)
        let c = SMPTSPReader.makeCase(p, name: "windows \(seed)")
        let ix = PlanningIndex(c)
        var cm = CompactModel(ix)
        cm.setObjective(.slots(.normal))
        let start = cm.point(assignments: [], onCall: [])
        var work = WorkLimits()
        work.windowColumns = 60  // several windows on these small weeks
        let search = WindowSearch(cm: cm, solver: GLPKSolver(), work: work)
        #expect(search.windows.count > 2)
        let out = search.improve(level: .slots(.normal), start: start, bound: p.tasks.count, control: SolveControl()) {
            _ in
        }
        #expect(cm.model.maxViolation(out) < 1e-6)
        #expect(cm.value(of: .slots(.normal), at: out) == p.tasks.count)
        let again = search.improve(level: .slots(.normal), start: start, bound: p.tasks.count, control: SolveControl())
        { _ in }
        #expect(again == out)
    }

    /// A window never lowers the level, and at the bound it does nothing.
    @Test func atTheBoundNothingMoves() throws {
        let (p, _) = HeadcountColumnTests.planted(workers: 3, extra: 2, seed: 41)
        let c = SMPTSPReader.makeCase(p, name: "at bound")
        let ix = PlanningIndex(c)
        var cm = CompactModel(ix)
        cm.setObjective(.slots(.normal))
        let search = WindowSearch(cm: cm, solver: GLPKSolver(), work: WorkLimits())
        let full = search.improve(
            level: .slots(.normal), start: cm.point(assignments: [], onCall: []), bound: p.tasks.count,
            control: SolveControl()
        ) { _ in }
        let value = cm.value(of: .slots(.normal), at: full)
        #expect(value > 0)
        let same = search.improve(level: .slots(.normal), start: full, bound: value, control: SolveControl()) { _ in }
        #expect(same == full)
    }

    /// The windows skip a window whose items all give the level what they can:
    /// every item open at the start is "improvable", and GLPK on a skipped window
    /// never finds a gain (the skip loses nothing).
    @Test(arguments: [7, 8])
    func windowsWithNothingToGainAreSkipped(_ seed: Int) throws {
        var o = CaseGenerator.Options()
        o.sitters = 20
        o.visits = 120
        o.seed = UInt64(seed)
        let c = CaseGenerator.generate(o)
        let ix = PlanningIndex(c)
        var cm = CompactModel(ix)
        let level = PlanningLevel.slots(.high)
        cm.setObjective(level)
        var work = WorkLimits()
        work.windowColumns = 80
        let search = WindowSearch(cm: cm, solver: GLPKSolver(), work: work)
        // A point where most high visits are filled: the windows' own, from nothing.
        let start = search.improve(
            level: level, start: cm.point(assignments: [], onCall: []), bound: Int.max, control: SolveControl()
        ) { _ in }
        try #require(cm.model.maxViolation(start) < 1e-6)
        let value = cm.value(of: level, at: start)
        let assigned = CompactSolution(cm, start).assignments
        let open = try #require(search.improvable(level, at: start))
        // Every high visit with fewer sitters than it needs (and than could take it) is open.
        for (v, visit) in c.visits.enumerated() where visit.priority == .high && !ix.visitEligible[v].isEmpty {
            let held = assigned.filter { $0.item == v }.count
            if held < min(visit.sitters, ix.visitEligible[v].count) { #expect(open.contains(.visit(v))) }
        }
        // No item of another priority, and no on-call shift, counts for this level.
        #expect(
            !open.contains { item in
                if case .visit(let v) = item { return c.visits[v].priority != .high }
                return true
            })
        var skipped = 0
        for w in search.windows where !w.contains(where: { search.itemOfColumn[$0].map(open.contains) ?? false }) {
            skipped += 1
            #expect(
                search.optimise(freeing: w, level: level, at: start, above: value, nodes: 200, control: SolveControl())
                    == nil)
        }
        #expect(skipped > 0)
        // From nothing, every window with a high visit in it is worth a MIP.
        let empty = try #require(search.improvable(level, at: cm.point(assignments: [], onCall: [])))
        #expect(
            empty.count
                == c.visits.indices.filter { c.visits[$0].priority == .high && !ix.visitEligible[$0].isEmpty }.count)
    }
}
