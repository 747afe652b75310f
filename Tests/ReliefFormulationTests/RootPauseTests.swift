import Foundation
import LinearProgramming
import ReliefCore
@testable import ReliefFormulation
import ReliefService
import Testing

/// The column root's pause: a root that has not converged after
/// `WorkLimits.pauseRootRounds` rounds hands over to the caller's heuristic once,
/// takes its schedule as the seed, and goes on to the same bound.
@Suite struct RootPauseTests {
    struct Week {
        let ix: PlanningIndex
        let cm: CompactModel
        let level = PlanningLevel.slots(.normal)
        /// The locks alone: a seed worth little.
        let seed: [Double]
        /// The greedy fill: a better schedule that keeps every rule.
        let filled: [Double]
    }

    static func week() -> Week {
        var o = CaseGenerator.Options()
        o.sitters = 30
        o.visits = 200
        o.seed = 5
        let c = CaseGenerator.generate(o)
        let ix = PlanningIndex(c)
        var cm = CompactModel(ix)
        let level = PlanningLevel.slots(.normal)
        cm.setObjective(level)
        let seed = cm.point(assignments: ix.locked, onCall: [])
        let f = GreedyFill(ix).fill(assignments: ix.locked, onCall: [])
        let filled = cm.point(assignments: f.assignments, onCall: f.onCall)
        return Week(ix: ix, cm: cm, seed: seed, filled: filled)
    }

    @Test func aLongRootPausesOnceAndTakesTheHeuristicsSchedule() throws {
        let w = Self.week()
        #expect(w.cm.model.maxViolation(w.filled) < 1e-6)
        let filledValue = w.cm.value(of: w.level, at: w.filled)
        #expect(filledValue > w.cm.value(of: w.level, at: w.seed))
        var work = WorkLimits()
        let plain = try #require(
            ColumnBound(w.ix, work: work).upperBound(level: w.level, held: [], seed: w.seed, cm: w.cm, search: false))
        // The root converged (fewer rounds than its limit) in more than two rounds:
        // a pause after two is a pause in a root that would go on.
        #expect(plain.rounds > 2 && plain.rounds < work.boundRounds)
        work.pauseRootRounds = 2
        var calls = 0
        let paused = try #require(
            ColumnBound(w.ix, work: work).upperBound(
                level: w.level, held: [], seed: w.seed, cm: w.cm, search: false,
                pause: {
                    calls += 1
                    return w.filled
                }))
        #expect(calls == 1)
        // The same LP optimum, so the same bound; the heuristic's schedule is the outcome's.
        #expect(paused.bound == plain.bound)
        #expect(paused.value == filledValue)
        let point = try #require(paused.point)
        #expect(w.cm.value(of: w.level, at: point) == filledValue)
        #expect(plain.value < filledValue)
    }

    @Test func aShortRootNeverPauses() throws {
        let w = Self.week()
        var work = WorkLimits()
        work.pauseRootRounds = work.boundRounds + 1
        var calls = 0
        let r = try #require(
            ColumnBound(w.ix, work: work).upperBound(
                level: w.level, held: [], seed: w.seed, cm: w.cm, search: false,
                pause: {
                    calls += 1
                    return w.filled
                }))
        #expect(calls == 0)
        #expect(r.point == nil)
    }

    /// A heuristic that finds nothing (or a point that breaks a rule) changes nothing.
    @Test func nothingOrABrokenPointIsIgnored() throws {
        let w = Self.week()
        var work = WorkLimits()
        let plain = try #require(
            ColumnBound(w.ix, work: work).upperBound(level: w.level, held: [], seed: w.seed, cm: w.cm, search: false))
        work.pauseRootRounds = 2
        let none = try #require(
            ColumnBound(w.ix, work: work).upperBound(
                level: w.level, held: [], seed: w.seed, cm: w.cm, search: false, pause: { nil }))
        #expect(none.bound == plain.bound && none.value == plain.value && none.point == nil)
        // Every pair at 1: many rows broken.
        var broken = w.filled
        for j in w.cm.x.values { broken[j] = 1 }
        #expect(w.cm.model.maxViolation(broken) > 0.5)
        let bad = try #require(
            ColumnBound(w.ix, work: work).upperBound(
                level: w.level, held: [], seed: w.seed, cm: w.cm, search: false, pause: { broken }))
        #expect(bad.bound == plain.bound && bad.value == plain.value && bad.point == nil)
    }
}
