import Foundation
import LinearProgramming
import ReliefApp
import ReliefCore
import ReliefSamples
import Testing

@testable import ReliefPlanning

/// The level search's large-model steps (ruin and recreate from a point without the
/// lower levels' assignments, the windows before the column root or in its pause, the
/// column search improving through the LP support and RINS) on a small week, by
/// lowering the thresholds that pick them: a schedule that keeps every rule, the same
/// twice (work limits decide, not the clock).
@Suite struct LargeModelPathTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ s: String) { lock.withLock { lines.append(s) } }
        var all: [String] { lock.withLock { lines } }
    }

    static func plan(windowsBeforeRoot: Bool, scarce: Bool) throws -> (schedule: Schedule, lines: [String]) {
        var g = CaseGenerator.Options()
        g.sitters = 30
        g.visits = 200
        g.seed = 5
        g.scarce = scarce
        let c = CaseGenerator.generate(g)
        var o = PlanOptions()
        o.timeLimit = 3600
        o.verbose = true
        o.work.windowsFirstPairs = 0
        o.work.windowsBeforeRootPairs = windowsBeforeRoot ? 0 : Int.max
        o.work.pauseRootRounds = 2
        o.work.ruinSteps = 5000
        o.work.ruinStall = 1000
        o.work.windowMIPs = 20
        o.work.branchAndCutNodes = 300
        let lines = Lines()
        o.progress = { lines.add($0) }
        let r = try Planner().plan(c, options: o)
        #expect(r.stoppedBy != .timeLimit)
        #expect(ScheduleVerifier(c).violations(of: r.schedule) == [])
        return (r.schedule, lines.all)
    }

    /// FNV-1a of the assignments and on-call assignments, in the schedule's order.
    static func digest(_ s: Schedule) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let text =
            s.assignments.map { "\($0.visit) \($0.sitter)" }.joined(separator: ";") + "|"
            + s.onCall.map { "\($0.shift) \($0.sitter)" }.joined(separator: ";")
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return String(h, radix: 16)
    }

    @Test(arguments: [true, false], [false, true])
    func largeStepsOnASmallWeekGiveTheSameScheduleTwice(windowsBeforeRoot: Bool, scarce: Bool) throws {
        let a = try Self.plan(windowsBeforeRoot: windowsBeforeRoot, scarce: scarce)
        let b = try Self.plan(windowsBeforeRoot: windowsBeforeRoot, scarce: scarce)
        #expect(Self.digest(a.schedule) == Self.digest(b.schedule))
        #expect(a.schedule.levels == b.schedule.levels)
        #expect(a.schedule.solver.qualityScore == b.schedule.solver.qualityScore)
        // The large model's steps ran.
        #expect(a.lines.contains { $0.contains("ruin and recreate") })
        print(
            "large steps (windows before root: \(windowsBeforeRoot), scarce: \(scarce)): levels \(a.schedule.levels),"
                + " quality \(a.schedule.solver.qualityScore ?? .nan), schedule \(Self.digest(a.schedule))")
    }
}
