import Foundation
import LinearProgramming
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// The pricer's rest resource (a stretch of the weekly rest lies behind a label):
/// on the seeded random tiny weeks that draw a weekly rest, its exact best week is
/// the best subset of the sitter's items that `WeekRules` accepts, and every week
/// it returns, even with few labels an item, keeps the rest.
@Suite("Weekly rest: pricing")
struct WeeklyRestPricingTests {
    @Test("seeded: the labels' best week equals the best week the rule kernel accepts; cut labels still rest")
    func labelsMatchTheKernel() throws {
        var r = ExhaustiveTests.Random(state: 1920)
        var restBound = 0
        var priced = 0
        for seed in 0..<600 {
            guard let c = try? ExhaustiveTests.randomCase(seed: seed, locks: true).read(),
                c.rules.weeklyRestMinutes != nil
            else { continue }
            let ix = PlanningIndex(c)
            let pricer = WeekPricer(ix)
            for s in c.sitters.indices where pricer.items[s].count >= 2 && pricer.items[s].count <= 10 {
                let its = pricer.items[s]
                let values = its.map { _ in Double(r.next(40) - 8) / 4 }
                let exact = pricer.price(sitter: s, value: values, keep: 1, cap: 100_000)
                #expect(exact.exact)
                var best: Double? = nil
                var bestCutByRest = false
                for mask in 0..<(1 << its.count) {
                    let chosen = its.indices.filter { mask & (1 << $0) != 0 }
                    if its.indices.contains(where: { its[$0].required && !chosen.contains($0) }) { continue }
                    let v = chosen.reduce(0.0) { $0 + values[$1] }
                    let refused = ix.rules.assemble(sitter: s, chosen.map { its[$0].item }).refused
                    if refused.isEmpty {
                        best = max(best ?? -.infinity, v)
                    } else if v > (best ?? -.infinity),
                        refused.allSatisfy({ $0.1.allSatisfy { if case .rest = $0 { true } else { false } } })
                    {
                        bestCutByRest = true
                    }
                }
                priced += 1
                if let best, let got = exact.paths.first?.value {
                    #expect(abs(max(0, got) - max(0, best)) < 1e-9, "seed \(seed), sitter \(s): \(got) vs \(best)")
                }
                if bestCutByRest { restBound += 1 }
                for cap in [1, 2] {
                    for p in pricer.price(sitter: s, value: values, keep: 3, cap: cap).paths {
                        let items = p.visits.map(WeekRules.Item.visit) + p.shifts.map(WeekRules.Item.shift)
                        #expect(ix.rules.assemble(sitter: s, items).refused.isEmpty, "seed \(seed), cap \(cap)")
                    }
                }
            }
        }
        #expect(priced >= 170, "\(priced) sitters priced")
        #expect(restBound >= 15, "\(restBound) weeks where only the weekly rest stood in the way")
    }
}

/// A window that frees a sitter's items frees their weekly rest blocks too: held at
/// the point's block, the rest would keep the freed items where they were.
@Suite("Weekly rest: windows")
struct WeeklyRestWindowTests {
    @Test("from V4 alone (resting Tue 00:00-Wed 00:00), freeing V1 and V4 moves the rest and takes both")
    func windowMovesTheRest() throws {
        var b = WeeklyRestTests.twoDays(rest: 1440)
        b.sitters = [b.sitters[0]]
        for i in b.visits.indices { b.visits[i].volunteers = nil }
        let c = try b.read()
        let ix = PlanningIndex(c)
        var cm = CompactModel(ix)
        let level = PlanningLevel.slots(.normal)
        cm.setObjective(level)
        let start = cm.point(assignments: [.init(0, 3)], onCall: [])
        let r = try #require(cm.rest[0])
        #expect(start[r.columns[0]] == 1, "V4 alone leaves the first block, Tue 00:00 - Wed 00:00, free")
        let search = WindowSearch(cm: cm, solver: GLPKSolver(), work: WorkLimits())
        let freed = [cm.x[.init(0, 0)]!, cm.x[.init(0, 3)]!]
        let (columns, _) = search.neighbourhood(freeing: freed, at: start)
        #expect(Set(r.columns).isSubset(of: Set(columns)))
        let better = try #require(
            search.optimise(freeing: freed, level: level, at: start, above: 1, nodes: 100, control: SolveControl()))
        // V1 and V4: Tue 10:00 - Wed 20:00 free, the block from Tue 20:00.
        #expect(cm.value(of: level, at: better) == 2)
        #expect(better[cm.x[.init(0, 0)]!] == 1 && better[cm.x[.init(0, 3)]!] == 1)
    }
}
