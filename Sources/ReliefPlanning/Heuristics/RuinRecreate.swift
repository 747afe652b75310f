import LinearProgramming
import ReliefCore

/// Ruin and recreate: a large-neighbourhood local search without a MIP. Each
/// step picks a position the level leaves open, a few sitters who could take
/// it and a stretch of time around it; takes those sitters' visits and on-call
/// shifts in that stretch away (the ruin); then gives the freed items and the
/// open ones of the stretch back, the items of higher levels first, each to a
/// sitter who can still take it (the recreate). A step is kept when no level
/// above drops below the value it holds and the level itself does not drop
/// (equal steps are kept too: they move the schedule along a plateau to where
/// a gain may be); otherwise it is undone. Thousands of steps a second on the
/// one rule kernel (`SitterWeeks`), where a window's MIP takes a tenth of a
/// second; the windows then start higher.
///
/// Locked assignments, visits with a trainee on them and trainees are never
/// moved (a trainee's mentor stays), and trainees are not given new visits
/// (the greedy fill does that after the level). Deterministic: a seeded
/// generator and counted steps (`WorkLimits.ruinSteps`, `ruinStall`); the wall
/// clock only cuts it short. The caller checks the result against the whole model.
struct RuinRecreate {
    typealias Item = WeekRules.Item
    typealias Pair = PlanningIndex.Pair
    let ix: PlanningIndex
    /// Steps in all, and steps in a row without a gain that end the search.
    var steps: Int
    var stall: Int
    var seed: UInt64 = 0x5EED_0F2E_11EF

    init(_ ix: PlanningIndex, steps: Int, stall: Int) {
        self.ix = ix
        self.steps = steps
        self.stall = stall
    }

    struct Outcome {
        var assignments: Set<Pair>
        var onCall: Set<Pair>
        var steps = 0
        var kept = 0
        var gains = 0
    }

    /// Raises `level` from the schedule given, keeping each of `held` at least at
    /// its value, up to `bound` or until the steps run out. Returns the best
    /// schedule met (the one given when no step gained).
    func improve(
        assignments: Set<Pair>, onCall: Set<Pair>, level: PlanningLevel, held: [(level: PlanningLevel, value: Int)],
        bound: Int, preferred: ColumnBound.Support? = nil, control: SolveControl
    ) -> Outcome {
        var out = Outcome(assignments: assignments, onCall: onCall)
        guard level.isPairSum, held.allSatisfy(\.level.isPairSum), steps > 0 else { return out }
        var search = Search(
            ix, assignments: assignments, onCall: onCall, level: level, held: held, preferred: preferred, seed: seed)
        guard !search.targets.isEmpty else { return out }
        search.run(to: bound, steps: steps, stall: stall, control: control, into: &out)
        return out
    }
}
