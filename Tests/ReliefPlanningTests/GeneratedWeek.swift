import ReliefApp
import ReliefCore
import ReliefSamples

@testable import ReliefPlanning

/// A generated week with its compact model set to one level, and two points that
/// keep every rule: the locks alone, and the greedy fill from them (rarely the best).
struct GeneratedWeek {
    let ix: PlanningIndex
    let cm: CompactModel
    let level: PlanningLevel
    let locked: [Double]
    let filled: [Double]

    init(sitters: Int, visits: Int, seed: UInt64, level: PlanningLevel = .slots(.normal)) {
        var o = CaseGenerator.Options()
        o.sitters = sitters
        o.visits = visits
        o.seed = seed
        ix = PlanningIndex(CaseGenerator.generate(o))
        var cm = CompactModel(ix)
        cm.setObjective(level)
        self.cm = cm
        self.level = level
        locked = cm.point(assignments: ix.locked, onCall: [])
        let f = GreedyFill(ix).fill(assignments: ix.locked, onCall: [])
        filled = cm.point(assignments: f.assignments, onCall: f.onCall)
    }

    /// Every sitter-item pair's column, in order.
    var pairs: [Int] { (Array(cm.x.values) + Array(cm.y.values)).sorted() }
}
