import LinearProgramming
import ReliefApp
import ReliefCore
import ReliefSamples
import Testing

@testable import ReliefPlanning

/// Ruin and recreate: the local search without a MIP that large models run
/// before their windows.
@Suite struct RuinRecreateTests {
    /// A generated week, its compact model and the greedy fill's schedule, the
    /// levels above `upTo` held at the fill's values.
    static func start(seed: UInt64, sitters: Int = 30, visits: Int = 220, scarce: Bool = false) -> (
        ix: PlanningIndex, cm: CompactModel, assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>
    ) {
        var o = CaseGenerator.Options()
        o.sitters = sitters
        o.visits = visits
        o.seed = seed
        o.scarce = scarce
        let c = CaseGenerator.generate(o)
        let ix = PlanningIndex(c)
        let cm = CompactModel(ix)
        let fill = GreedyFill(ix).fill(assignments: ix.locked, onCall: [])
        return (ix, cm, fill.assignments, fill.onCall)
    }

    /// From the greedy fill, level 4 (normal slots) rises while on-call minutes,
    /// urgent and high slots keep at least their values; the schedule keeps every
    /// row of the compact model; locked assignments stay and so does everyone on a
    /// visit with a trainee; the same input gives the same schedule.
    @Test(arguments: [(UInt64(3), false), (4, false), (5, true), (6, true)])
    func raisesTheLevelAndKeepsTheOthers(_ seed: UInt64, _ scarce: Bool) throws {
        let (ix, cm, asg, oc) = Self.start(seed: seed, scarce: scarce)
        let levels = PlanningLevel.contract
        let startPoint = cm.point(assignments: asg, onCall: oc)
        try #require(cm.model.maxViolation(startPoint) < 1e-6)
        let before = levels.map { cm.value(of: $0, at: startPoint) }
        let held = zip(levels[0..<3], before[0..<3]).map { (level: $0.0, value: $0.1) }
        let search = RuinRecreate(ix, steps: 20_000, stall: 5_000)
        let out = search.improve(
            assignments: asg, onCall: oc, level: levels[3], held: held, bound: Int.max, control: SolveControl())
        let point = cm.point(assignments: out.assignments, onCall: out.onCall)
        #expect(cm.model.maxViolation(point) < 1e-6)
        let after = levels.map { cm.value(of: $0, at: point) }
        for l in 0..<3 { #expect(after[l] >= before[l], "level \(l + 1)") }
        // The greedy fill leaves the level well below what these weeks allow.
        #expect(after[3] > before[3])
        #expect(out.gains > 0)
        // Locks, and every pair on a visit with a trainee, are where they were.
        #expect(ix.locked.isSubset(of: out.assignments))
        for p in asg where ix.isTrainee(p.sitter) {
            #expect(out.assignments.filter { $0.item == p.item } == asg.filter { $0.item == p.item })
        }
        // No trainee got a visit they did not have.
        #expect(out.assignments.filter { ix.isTrainee($0.sitter) }.isSubset(of: asg))
        let again = search.improve(
            assignments: asg, onCall: oc, level: levels[3], held: held, bound: Int.max, control: SolveControl())
        #expect(again.assignments == out.assignments && again.onCall == out.onCall && again.steps == out.steps)
    }

    /// Held levels are a floor, not the value at the start: held above what the
    /// start gives, no step can be kept and the start comes back unchanged.
    @Test func aFloorNoStepReachesKeepsTheStart() throws {
        let (ix, cm, asg, oc) = Self.start(seed: 8)
        let startPoint = cm.point(assignments: asg, onCall: oc)
        let urgent = cm.value(of: .slots(.urgent), at: startPoint)
        let out = RuinRecreate(ix, steps: 2_000, stall: 2_000).improve(
            assignments: asg, onCall: oc, level: .slots(.normal), held: [(.slots(.urgent), urgent + 1_000)],
            bound: Int.max,
            control: SolveControl())
        #expect(out.assignments == asg && out.onCall == oc)
        #expect(out.kept == 0 && out.gains == 0)
    }

    /// At the bound there is nothing to do; with no steps, nothing is done; a level
    /// counted once per sitter (the headcount's), or with its own rows, is left to the other searches.
    @Test func nothingToDo() throws {
        let (ix, cm, asg, oc) = Self.start(seed: 9)
        let value = cm.value(of: .slots(.normal), at: cm.point(assignments: asg, onCall: oc))
        let atBound = RuinRecreate(ix, steps: 1_000, stall: 1_000).improve(
            assignments: asg, onCall: oc, level: .slots(.normal), held: [], bound: value, control: SolveControl())
        #expect(atBound.steps == 0 && atBound.assignments == asg)
        let none = RuinRecreate(ix, steps: 0, stall: 1_000).improve(
            assignments: asg, onCall: oc, level: .slots(.normal), held: [], bound: Int.max, control: SolveControl())
        #expect(none.steps == 0 && none.assignments == asg)
        let perSitter = RuinRecreate(ix, steps: 1_000, stall: 1_000).improve(
            assignments: asg, onCall: oc, level: .fewestSitters, held: [], bound: Int.max, control: SolveControl())
        #expect(perSitter.steps == 0 && perSitter.assignments == asg)
        // A level with its own rows (not a sum over assignments), optimised or held: left to GLPK too.
        let search = RuinRecreate(ix, steps: 1_000, stall: 1_000)
        let normal = search.improve(
            assignments: asg, onCall: oc, level: .slots(.normal), held: [], bound: Int.max, control: SolveControl())
        #expect(normal.steps > 0, "control: the same search steps on the level alone")
        let underOwnRows = search.improve(
            assignments: asg, onCall: oc, level: .slots(.normal), held: [(PlanningLevelTests.leastBusy, 0)],
            bound: Int.max, control: SolveControl())
        #expect(underOwnRows.steps == 0 && underOwnRows.assignments == asg)
        let ownRows = search.improve(
            assignments: asg, onCall: oc, level: PlanningLevelTests.leastBusy, held: [], bound: Int.max,
            control: SolveControl())
        #expect(ownRows.steps == 0 && ownRows.assignments == asg)
    }

    /// A cancelled solve stops the search at once, with the start.
    @Test func cancelledStopsAtOnce() throws {
        let (ix, _, asg, oc) = Self.start(seed: 10)
        let token = CancellationToken()
        token.cancel()
        let out = RuinRecreate(ix, steps: 100_000, stall: 100_000).improve(
            assignments: asg, onCall: oc, level: .slots(.normal), held: [], bound: Int.max,
            control: SolveControl(token: token))
        #expect(out.steps <= 1 && out.assignments == asg)
    }
}
