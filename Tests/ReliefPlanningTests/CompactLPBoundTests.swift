import Foundation
import LinearProgramming
import ReliefCore
import ReliefSamples
import Testing

@testable import ReliefPlanning

/// The compact model's LP as a level's bound, for a column root that has not converged at
/// its pause (`LevelSearch.compactLPBound`), and the cold start it is solved from.
@Suite("The compact LP bound")
struct CompactLPBoundTests {
    /// max 3x + 2y, 720x + 360y <= 1440 (minutes beside counts, as the model has), x + y <= 3.
    static func lp() -> any LinearProgram {
        let p = GLPKSolver().program(name: "cold", direction: .maximize)
        let minutes = p.addRow(name: "minutes", lower: -.infinity, upper: 1440)
        let count = p.addRow(name: "count", lower: -.infinity, upper: 3)
        p.addColumn(name: "x", objective: 3, lower: 0, upper: 10, entries: [(minutes, 720), (count, 1)])
        p.addColumn(name: "y", objective: 2, lower: 0, upper: 10, entries: [(minutes, 360), (count, 1)])
        return p
    }

    @Test("scaled, from the advanced basis: the same optimum, primal values and duals, unscaled")
    func coldStartKeepsTheSolution() {
        let plain = Self.lp()
        let cold = Self.lp()
        cold.prepareColdStart()
        for p in [plain, cold] {
            #expect(p.simplex() == .optimal)
            #expect(abs(p.lpObjective - 7) < 1e-9)
            #expect(abs(p.columnPrimal(0) - 1) < 1e-9 && abs(p.columnPrimal(1) - 2) < 1e-9)
            #expect(abs(p.rowDual(0) - 1.0 / 360) < 1e-9 && abs(p.rowDual(1) - 1) < 1e-9)
        }
    }

    @Test("the normal slots' LP bound: at least the proven optimum, below the trivial bound")
    func boundBetweenOptimumAndTrivial() throws {
        var o = CaseGenerator.Options()
        (o.sitters, o.visits, o.seed) = (30, 200, 5)
        let checked = try #require(CaseValidator.checked(CaseGenerator.generate(o)).0)
        var options = PlanOptions()
        options.timeLimit = 600
        let whole = try LevelSearch(checked, solver: GLPKSolver(), options: options)
        try whole.startingPoint()
        for k in 0..<4 { try whole.searchLevel(k) }
        #expect(whole.proven == [true, true, true, true])
        let search = try LevelSearch(checked, solver: GLPKSolver(), options: options)
        try search.startingPoint()
        for k in 0..<3 { try search.searchLevel(k) }
        #expect(Array(search.found[0..<3]) == Array(whole.found[0..<3]))
        search.startLevel(3)
        let trivial = search.bound
        search.compactLPBound()
        #expect(search.bound >= whole.found[3])
        #expect(search.bound < trivial)
    }
}
