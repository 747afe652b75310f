import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// The pricer's run resource (the touching shifts ending at a label's item): on
/// seeded random weeks with touching shifts and run limits, its exact best week
/// is the best subset of the sitter's items that `WeekRules` accepts.
@Suite("Consecutive on-call shifts: pricing")
struct OnCallRunPricingTests {
    @Test("seeded: the labels' best week equals the best week the rule kernel accepts")
    func labelsMatchTheKernel() throws {
        var r = ExhaustiveTests.Random(state: 77)
        var runBound = 0
        for seed in 0..<150 {
            let c = try OnCallRunTests.randomRunCase(seed: seed)
            let ix = PlanningIndex(c)
            let pricer = WeekPricer(ix)
            for s in c.sitters.indices where ix.sitterShifts[s].count >= 2 {
                let its = pricer.items[s]
                let values = its.map { _ in Double(r.next(40) - 10) / 4 }
                let priced = pricer.price(sitter: s, value: values, keep: 1, cap: 100_000)
                #expect(priced.exact)
                var best = 0.0
                var bestCutByRun = false
                for mask in 0..<(1 << its.count) {
                    let chosen = its.indices.filter { mask & (1 << $0) != 0 }
                    let v = chosen.reduce(0.0) { $0 + values[$1] }
                    let refused = ix.rules.assemble(sitter: s, chosen.map { its[$0].item }).refused
                    if refused.isEmpty {
                        best = max(best, v)
                    } else if v > best,
                        refused.allSatisfy({ $0.1.allSatisfy { if case .runLimit = $0 { true } else { false } } })
                    {
                        bestCutByRun = true
                    }
                }
                let got = max(0, priced.paths.first?.value ?? 0)
                #expect(abs(got - best) < 1e-9, "seed \(seed), sitter \(s): priced \(got), kernel's best \(best)")
                if bestCutByRun { runBound += 1 }
            }
        }
        #expect(runBound >= 20, "\(runBound) weeks where only the run limit stood in the way")
    }
}
