import Foundation
import LinearProgramming
import ReliefApp
import ReliefCore
import Testing

@testable import ReliefPlanning

/// The column root's pause: a root that has not converged after
/// `WorkLimits.pauseRootRounds` rounds hands over to the caller's heuristic once,
/// takes its schedule as the seed, and goes on to the same bound.
@Suite struct RootPauseTests {
    /// The locks alone are the seed (worth little); the greedy fill is the heuristic's schedule.
    static func week() -> GeneratedWeek { GeneratedWeek(sitters: 30, visits: 200, seed: 5) }

    /// The column root of `w`'s level from the locks, without the search.
    static func root(_ w: GeneratedWeek, _ work: WorkLimits, pause: (() -> [Double]?)? = nil) -> ColumnBound.Outcome? {
        ColumnBound(w.ix, work: work).upperBound(
            level: w.level, held: [], seed: w.locked, cm: w.cm, search: false, pause: pause)
    }

    @Test func aLongRootPausesOnceAndTakesTheHeuristicsSchedule() throws {
        let w = Self.week()
        #expect(w.cm.model.maxViolation(w.filled) < 1e-6)
        let filledValue = w.cm.value(of: w.level, at: w.filled)
        #expect(filledValue > w.cm.value(of: w.level, at: w.locked))
        var work = WorkLimits()
        let plain = try #require(Self.root(w, work))
        // The root converged (fewer rounds than its limit) in more than two rounds:
        // a pause after two is a pause in a root that would go on.
        #expect(plain.rounds > 2 && plain.rounds < work.boundRounds)
        work.pauseRootRounds = 2
        var calls = 0
        let paused = try #require(
            Self.root(w, work) {
                calls += 1
                return w.filled
            })
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
            Self.root(w, work) {
                calls += 1
                return w.filled
            })
        #expect(calls == 0)
        #expect(r.point == nil)
    }

    /// A heuristic that finds nothing (or a point that breaks a rule) changes nothing.
    @Test func nothingOrABrokenPointIsIgnored() throws {
        let w = Self.week()
        var work = WorkLimits()
        let plain = try #require(Self.root(w, work))
        work.pauseRootRounds = 2
        let none = try #require(Self.root(w, work) { nil })
        #expect(none.bound == plain.bound && none.value == plain.value && none.point == nil)
        // Every pair at 1: many rows broken.
        var broken = w.filled
        for j in w.cm.x.values { broken[j] = 1 }
        #expect(w.cm.model.maxViolation(broken) > 0.5)
        let bad = try #require(Self.root(w, work) { broken })
        #expect(bad.bound == plain.bound && bad.value == plain.value && bad.point == nil)
    }
}

/// A root the wall clock stops before its first exact round still gives a bound: its
/// rounds' relaxed one (LP + positive reduced costs), so that the search from the master's
/// LP runs (on a 400-sitter week's normal slots, its rounding is worth 15 slots). A
/// cancelled root gives none: a cancelled solve returns at once.
@Suite struct CutRootTests {
    /// The root of `RootPauseTests.week()`, paused after its first round (a cheap one) until
    /// its deadline, 3 s after the start, has passed, or cancelled there.
    static func cutRoot(cancelling: Bool) throws -> ColumnBound.Outcome {
        let w = RootPauseTests.week()
        var work = WorkLimits()
        work.pauseRootRounds = 1
        let token = CancellationToken()
        let deadline = Date().addingTimeInterval(3)
        return try #require(
            ColumnBound(w.ix, work: work).upperBound(
                level: w.level, held: [], seed: w.locked, cm: w.cm, search: false,
                control: SolveControl(deadline: deadline, token: token),
                pause: {
                    if cancelling { token.cancel() } else { Thread.sleep(until: deadline.addingTimeInterval(0.05)) }
                    return nil
                }))
    }

    @Test func aRootCutBeforeItsExactRoundsGivesItsRelaxedBound() throws {
        let plain = try #require(RootPauseTests.root(RootPauseTests.week(), WorkLimits()))
        let cut = try Self.cutRoot(cancelling: false)
        #expect(cut.stoppedBy == .timeLimit)
        #expect(cut.bound < Int.max)
        // A bound, looser than the converged root's.
        #expect(cut.bound >= plain.bound)
        let cancelled = try Self.cutRoot(cancelling: true)
        #expect(cancelled.stoppedBy == .cancelled)
        #expect(cancelled.bound == Int.max)
    }
}
