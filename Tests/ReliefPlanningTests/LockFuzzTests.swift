import Foundation
import ReliefApp
import ReliefCore
import ReliefPlanning
import ReliefSamples
import ReliefTestSupport
import Testing

/// Re-planning a week whose published schedule is partly or wholly frozen: its
/// visits locked to the sitters a first plan gave them, its on-call shifts'
/// `assigned` from the same plan, with and without least change. Nothing may
/// crash (GLPK aborted the process on the all-locked week under least change),
/// every schedule keeps the hard rules and every lock.
@Suite("Fuzz: locks, freezes and least change")
struct LockFuzzTests {
    /// The bundled week (committed: a missing file is a failure, not a skip).
    static let weekPath = PackageTree.url("Data/quebec-city-week.json").path

    static func generated(sitters: Int, visits: Int, seed: UInt64) -> Case {
        var o = CaseGenerator.Options()
        o.sitters = sitters
        o.visits = visits
        o.seed = seed
        return CaseGenerator.generate(o)
    }

    /// `c` with the visits picked by `lock` locked to their sitters in `s`, the
    /// shifts picked by `freeze` assigned as in `s`, read back through `CaseReader`
    /// (so its lock validation sees every case).
    static func frozen(_ c: Case, by s: Schedule, lock: (Int) -> Bool, freeze: (Int) -> Bool) throws -> Case {
        var c = c
        for (i, v) in c.visits.enumerated() where lock(i) {
            c.visits[i].assigned = s.assignments.filter { $0.visit == v.id }.map(\.sitter)
            c.visits[i].locked = true
        }
        for (i, o) in c.onCallShifts.enumerated() where freeze(i) {
            c.onCallShifts[i].assigned = s.onCall.filter { $0.shift == o.id }.map(\.sitter)
        }
        let text = CaseWriter.json(c).serialized()
        return try CaseReader.read(data: Data(text.utf8), file: "frozen.json").0
    }

    static func check(_ c: Case, leastChange: Bool, label: String, baseLevels: Levels? = nil) throws {
        var o = PlanOptions()
        o.leastChange = leastChange
        let r = try Planner().plan(c, options: o)
        #expect(ScheduleVerifier(c).violations(of: r.schedule).isEmpty, "\(label)")
        for v in c.visits where v.locked {
            let on = Set(r.schedule.assignments.filter { $0.visit == v.id }.map(\.sitter))
            #expect(on.isSuperset(of: v.assigned), "\(label): lock on \(v.id) \(v.assigned) not kept: \(on)")
        }
        if let baseLevels {
            // Everything frozen from an optimal plan: that plan is still the best.
            #expect(r.schedule.levels == baseLevels, "\(label)")
            #expect(r.schedule.status == .optimal, "\(label)")
        }
    }

    static func fuzz(_ base: Case, name: String, seed: UInt64) throws {
        let o = PlanOptions()
        let first = try Planner().plan(base, options: o)
        let s = first.schedule
        let all = try frozen(base, by: s, lock: { _ in true }, freeze: { _ in true })
        for leastChange in [false, true] {
            let label = "\(name) all frozen, least change \(leastChange)"
            try check(all, leastChange: leastChange, label: label, baseLevels: s.levels)
        }
        var rng = SplitMix64(seed: seed)
        for round in 0..<4 {
            let share = [0.3, 0.7, 0.95, 1.0][round]
            let lockPicks = base.visits.map { _ in Double(rng.below(1000)) / 1000 < share }
            let freezePicks = base.onCallShifts.map { _ in rng.below(2) == 0 || round == 3 }
            let c = try frozen(base, by: s, lock: { lockPicks[$0] }, freeze: { freezePicks[$0] })
            try check(c, leastChange: round % 2 == 1, label: "\(name) round \(round) share \(share)")
        }
    }

    @Test("generated weeks, partly and wholly frozen")
    func generatedWeeks() throws {
        for (sitters, visits, seed) in [(12, 40, UInt64(3)), (20, 90, 7)] {
            try Self.fuzz(Self.generated(sitters: sitters, visits: visits, seed: seed), name: "gen \(seed)", seed: seed)
        }
    }

    @Test("the bundled week, partly and wholly frozen")
    func bundledWeek() throws {
        let c = try CaseReader.read(file: Self.weekPath).0
        try Self.fuzz(c, name: "bundled", seed: 2026)
    }
}
