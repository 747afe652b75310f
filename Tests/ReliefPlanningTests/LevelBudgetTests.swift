import Foundation
import LinearProgramming
import ReliefCore
import ReliefSamples
import Synchronization
import Testing

@testable import ReliefPlanning

/// Each level's share of the wall clock (`LevelBudget`): on a 400-sitter week level 3
/// used to take the whole minute and leave level 4 0.04 s.
@Suite("Every level gets its share of the time limit")
struct LevelBudgetTests {
    static let contract = PlanningLevel.contract
    static let fairShare = PlanningLevel(key: PlanningLevel.fairShareKey, name: "fair share") { _, _, _ in 0 }

    @Test("levels 1-3 weigh 1, the normal slots 2; the last takes the rest")
    func contractShares() {
        let b = LevelBudget.contract
        let shares: [Double] = Self.contract.indices.map { b.share(of: $0, in: Self.contract) }
        let expected: [Double] = [0.2, 0.25, 1.0 / 3, 1]
        #expect(shares == expected)
        // Without shares every level may take all that is left, as before.
        #expect(Self.contract.indices.allSatisfy { LevelBudget.none.share(of: $0, in: Self.contract) == 1 })
    }

    @Test("a level without a weight: one share before the normal slots, the rest after them")
    func levelsWithoutAWeight() {
        let b = LevelBudget.contract
        let after = Self.contract + [.keptPublished]
        #expect(b.share(of: 3, in: after) == 1)
        #expect(b.share(of: 4, in: after) == 1)
        #expect(b.share(of: 2, in: after) == 1.0 / 3)
        let before = Array(Self.contract[0..<3]) + [Self.fairShare, Self.contract[3]]
        #expect(b.share(of: 3, in: before) == 1.0 / 3)
        #expect(b.share(of: 4, in: before) == 1)
    }

    @Test("a level's deadline is its share of the time left when it starts")
    func deadlineOfEachLevel() throws {
        var o = CaseGenerator.Options()
        (o.sitters, o.visits, o.seed) = (15, 60, 3)
        let c = CaseGenerator.generate(o)
        let checked = try #require(CaseValidator.checked(c).0)
        var options = PlanOptions()
        options.timeLimit = 1000
        let search = try LevelSearch(checked, solver: GLPKSolver(), options: options)
        try search.startingPoint()
        let end = try #require(search.solveControl.deadline)
        let n = search.levels.count
        for k in 0..<n {
            let before = Date()
            search.startLevel(k)
            let after = Date()
            let deadline: Date = try #require(search.control.deadline)
            let share: Double = options.budget.share(of: k, in: search.levels)
            // now + share × (end − now), for a `now` between before and after.
            let low: Date = before.addingTimeInterval(end.timeIntervalSince(before) * share - 1e-3)
            let high: Date = after.addingTimeInterval(end.timeIntervalSince(after) * share + 1e-3)
            #expect(deadline >= low)
            #expect(deadline <= high)
            let spare: Double = end.timeIntervalSince(deadline)
            if k < 3 { #expect(spare > 400, "level \(k + 1) may take all the time") }
        }
    }

    /// GLPK after waiting until its deadline: a level that would use all the time it gets.
    final class GreedySolver: MIPSolver {
        let deadlines = Mutex<[(deadline: Date?, left: Double)]>([])
        var name: String { GLPKSolver().name }
        func solve(_ model: LinearModel, options: MIPOptions) throws(ModelError) -> MIPResult {
            deadlines.withLock { $0.append((options.control.deadline, options.control.secondsLeft)) }
            while !options.control.shouldStop { usleep(5000) }
            return try GLPKSolver().solve(model, options: options)
        }
    }

    @Test("a level that would take every second leaves the next levels their share")
    func greedyLevelLeavesTime() throws {
        var o = CaseGenerator.Options()
        (o.sitters, o.visits, o.seed) = (15, 60, 3)
        let c = CaseGenerator.generate(o)
        var options = PlanOptions()
        options.timeLimit = 8
        let solver = GreedySolver()
        let r = try Planner(solver: solver).plan(c, options: options)
        let calls = solver.deadlines.withLock { $0 }
        // Each of the four levels asks GLPK once (its presolved branch-and-cut) with time
        // left, each with a later deadline; without the shares the first call took the 8 s
        // and no other level had a second.
        let withTime = calls.filter { $0.left > 0 }
        #expect(withTime.count >= 4)
        let ds = withTime.compactMap(\.deadline)
        #expect(ds.count == withTime.count && zip(ds, ds.dropFirst()).allSatisfy { $0 < $1 })
        #expect(r.stoppedBy == .timeLimit)
    }
}
