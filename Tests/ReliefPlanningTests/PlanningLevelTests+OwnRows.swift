import Foundation
import LinearProgramming
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// A level that is not a sum over assignments, added as one entry with its row builder.
extension PlanningLevelTests {
    /// The visits of the least busy sitter, maximised: one column z and, per sitter,
    /// z <= the sitter's visits. Not a sum over (sitter, visit) pairs.
    static let leastBusy = PlanningLevel(
        key: "least_busy", name: "visits of the least busy sitter",
        rows: LevelRows(bound: { ix in ix.sitterVisits.map(\.count).min() ?? 0 }) { cm, model in
            let c = cm.index.theCase
            let z = model.addColumn("least_busy", lower: 0, upper: Double(c.visits.count), integer: false)
            for s in c.sitters.indices {
                let visits = cm.index.sitterVisits[s].map { (column: cm.x[.init(s, $0)]!, value: -1.0) }
                model.addRow("least_busy[\(c.sitters[s].id)]", [(z, 1)] + visits, upper: 0)
            }
            return LevelTerms(objective: [(z, 1)]) { cm, point in
                point[z] =
                    cm.index.theCase.sitters.indices.map { s in
                        cm.index.sitterVisits[s].reduce(0.0) { $0 + point[cm.x[.init(s, $1)]!] }
                    }.min() ?? 0
            }
        })

    /// The least busy sitter's visits in a schedule.
    static func leastBusy(_ c: Case, _ assignments: [Assignment]) -> Int {
        c.sitters.map { s in assignments.filter { $0.sitter == s.id }.count }.min() ?? 0
    }

    /// S1 alone can take the urgent V1; V2, at the same time, needs two sitters, and
    /// S2 is a trainee who may go only beside S1.
    static var traineeOrUrgent: CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", competencies: ["autism"]), SitterSpec(id: "S2", trainee: true)]
        b.visits = [
            VisitSpec(
                id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", competencies: ["autism"],
                priority: "urgent"),
            VisitSpec(id: "V2", start: "2026-11-24T10:00", end: "2026-11-24T12:00", sitters: 2, priority: "normal"),
        ]
        return b
    }

    @Test("a level with its own rows, placed first: both sitters on V2, the urgent visit left, proven")
    func ownRowsLevelFirst() throws {
        let c = try Self.traineeOrUrgent.read()
        // The contract alone: S1 on the urgent visit, the trainee without a visit.
        let contract = try solve(c)
        #expect(contract.sitters(on: "V1") == ["S1"] && contract.sitters(on: "V2") == [])
        #expect(Self.leastBusy(c, contract.assignments) == 0)
        // Every sitter on a visit comes first: only V2 with both gives each one.
        var o = PlanOptions()
        o.levels = [Self.leastBusy] + PlanningLevel.contract
        let r = try Planner().plan(c, options: o)
        #expect(r.schedule.status == .optimal && r.proven == [true, true, true, true, true])
        #expect(ScheduleVerifier(c).violations(of: r.schedule) == [])
        #expect(r.schedule.sitters(on: "V2") == ["S1", "S2"] && r.schedule.sitters(on: "V1") == [])
        #expect(r.levels.map(\.key) == ["least_busy", "oncall", "urgent", "high", "normal"])
        #expect(r.levels.map(\.value) == [1, 0, 0, 0, 2])
        #expect(r.schedule.levels == levels(normal: 2))
    }

    @Test("the model holds a level with its own rows by its terms, and values a point by its assignments")
    func ownRowsInTheModel() throws {
        let ix = PlanningIndex(try Self.traineeOrUrgent.read())
        let plain = CompactModel(ix)
        var cm = CompactModel(ix, levels: [Self.leastBusy] + PlanningLevel.contract)
        // The builder's column and rows come after every rule's, once.
        #expect(cm.model.rows.prefix(plain.model.rows.count).map(\.name) == plain.model.rows.map(\.name))
        #expect(cm.model.rows.dropFirst(plain.model.rows.count).map(\.name) == ["least_busy[S1]", "least_busy[S2]"])
        #expect(cm.model.columns.count == plain.model.columns.count + 1)
        #expect(Self.leastBusy.trivialBound(ix) == 1)
        // Any item may count toward it (none has a value of its own).
        #expect(Self.leastBusy.counts(ix, .visit(0)) && Self.leastBusy.counts(ix, .visit(1)))
        #expect(Self.leastBusy.value(ix, 0, .visit(0)) == 0)
        let both = cm.point(assignments: [.init(0, 1), .init(1, 1)], onCall: [])
        let urgent = cm.point(assignments: [.init(0, 0)], onCall: [])
        #expect(cm.value(of: Self.leastBusy, at: both) == 1 && cm.value(of: Self.leastBusy, at: urgent) == 0)
        // A solver's point whose z is left at 0 is valued by its assignments all the same.
        var raw = both
        raw[plain.model.columns.count] = 0
        #expect(cm.value(of: Self.leastBusy, at: raw) == 1)
        cm.hold(Self.leastBusy, atLeast: 1)
        #expect(cm.model.rows.last?.name == "level_least_busy")
        #expect(cm.model.maxViolation(both) < 1e-6)
        #expect(cm.model.maxViolation(urgent) >= 1e-6, "the held level keeps the trainee's visit")
    }

    @Test("the column bound leaves a level with its own rows, optimised or held, to GLPK")
    func ownRowsLeftToGLPK() throws {
        let ix = PlanningIndex(try Self.traineeOrUrgent.read())
        var cm = CompactModel(ix, levels: [Self.leastBusy] + PlanningLevel.contract)
        cm.setObjective(.slots(.normal))
        let seed = cm.point(assignments: [], onCall: [])
        let bound = ColumnBound(ix)
        // Control: the normal slots alone get their column bound (V2's two positions).
        #expect(bound.upperBound(level: .slots(.normal), held: [], seed: seed, cm: cm)?.bound == 2)
        #expect(bound.upperBound(level: .slots(.normal), held: [(Self.leastBusy, 1)], seed: seed, cm: cm) == nil)
        cm.setObjective(Self.leastBusy)
        #expect(bound.upperBound(level: Self.leastBusy, held: [], seed: seed, cm: cm) == nil)
    }

    /// The options of a solve with the least busy sitter's level first; with `large`, on
    /// the path of a large model (the windows, ruin and recreate, the LP support).
    static func leastBusyFirst(large: Bool) -> PlanOptions {
        var o = PlanOptions()
        o.levels = [Self.leastBusy] + PlanningLevel.contract
        if large {
            o.work.windowsFirstPairs = 0
            o.work.windowsBeforeRootPairs = 0
        }
        return o
    }

    @Test(
        "a level with its own rows, first, on random tiny cases: the exhaustive lexicographic optimum",
        arguments: [false, true])
    func ownRowsLevelExhaustive(large: Bool) throws {
        var checked = 0
        let o = Self.leastBusyFirst(large: large)
        for seed in 0..<80 {
            let b = ExhaustiveTests.randomCase(seed: seed, locks: false)
            let c = try b.read()
            guard
                let want = ExhaustiveTests.exhaustiveBest(
                    c, score: { [Self.leastBusy(c, $0)] + $1.vector })
            else { continue }
            checked += 1
            let r = try Planner().plan(c, options: o)
            #expect(r.levels.map(\.value) == want, "seed \(seed)\n\(b.text)")
            #expect([Self.leastBusy(c, r.schedule.assignments)] + r.schedule.levels.vector == want, "seed \(seed)")
            #expect(ScheduleVerifier(c).violations(of: r.schedule) == [], "seed \(seed)")
            #expect(r.schedule.status == .optimal, "seed \(seed)")
        }
        #expect(checked >= 50)
    }
}
