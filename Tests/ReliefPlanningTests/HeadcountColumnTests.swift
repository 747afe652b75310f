import Foundation
import LinearProgramming
import ReliefCore
import Testing

@testable import ReliefPlanning

/// The "fewest sitters" column bound and the pricing shortcut it leans on:
/// the interval schedule must price exactly as the labels do, the bound must
/// hold (never above a schedule's count) and be as strong as the per-sitter
/// formulation is, and the headcount must reach planted optima.
@Suite struct HeadcountColumnTests {
    /// A deterministic generator, so that failures reproduce.
    struct Rng {
        var source: SplitMix64
        init(state: UInt64) { source = SplitMix64(seed: state) }
        mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + source.below(r.count) }
    }

    /// An SMPTSP instance with a planted answer: `workers` chains of back-to-back
    /// tasks over the day (one per planted worker), and `extra` workers qualified
    /// for a random part of the tasks only. Every task is also listed for its
    /// planted worker, so the planted workers cover everything.
    static func planted(workers: Int, extra: Int, seed: UInt64) -> (SMPTSPInstance, planted: Int) {
        var rng = Rng(state: seed)
        var tasks: [(start: Int, end: Int)] = []
        var owner: [Int] = []
        for w in 0..<workers {
            var t = rng.int(0...30)
            while t < 1200 {
                let d = rng.int(40...180)
                tasks.append((t, t + d))
                owner.append(w)
                t += d + rng.int(0...20)
            }
        }
        var lists = [[Int]](repeating: [], count: workers + extra)
        for (j, w) in owner.enumerated() {
            lists[w].append(j)
            // Some other planted workers may take it too: many ways to cover.
            for o in 0..<workers where o != w && rng.int(0...2) == 0 { lists[o].append(j) }
            for e in 0..<extra where rng.int(0...1) == 0 { lists[workers + e].append(j) }
        }
        return (SMPTSPInstance(tasks: tasks, qualifications: lists.map { $0.sorted() }), workers)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func intervalPricingEqualsLabels(_ seed: UInt64) throws {
        let (p, _) = Self.planted(workers: 4, extra: 3, seed: seed)
        let c = SMPTSPReader.makeCase(p, name: "pricing \(seed)")
        let ix = PlanningIndex(c)
        let pricer = WeekPricer(ix)
        #expect(ix.rules.maxTravel == 0)
        var rng = Rng(state: seed &* 7919)
        for s in c.sitters.indices {
            // Limits cannot bind in one day: the shortcut applies.
            #expect(!pricer.dayBinds[s] && !pricer.weekBinds[s])
            for _ in 0..<5 {
                let values = pricer.items[s].map { _ in Double(rng.int(-20...100)) / 10 }
                let fast = pricer.intervalPaths(sitter: s, value: values, keep: 3)
                let slow = pricer.price(sitter: s, value: values, keep: 3, cap: 100_000, allowInterval: false)
                #expect(slow.exact)
                let best = max(0, slow.paths.map(\.value).max() ?? 0)
                #expect(
                    abs((fast.first?.value ?? 0) - best) < 1e-9, "sitter \(s): \(fast.first?.value ?? 0) vs \(best)")
                for path in fast {
                    // A real week: no two of its items overlap, and its value is theirs.
                    let spans = path.visits.map { ix.rules.visitSpan[$0] }.sorted { $0.start < $1.start }
                    for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.end <= b.start) }
                    let byVisit = Dictionary(
                        uniqueKeysWithValues: pricer.items[s].enumerated().map { ($1.id, values[$0]) })
                    let sum = path.visits.reduce(0.0) { $0 + byVisit[$1]! }
                    #expect(abs(sum - path.value) < 1e-9)
                    #expect(path.visits.allSatisfy { ix.visitEligible[$0].contains(s) })
                }
            }
        }
    }

    /// Three tasks at three different times, each worker able to do one only:
    /// no two tasks overlap (the overlap bound says 1), yet three sitters are needed.
    @Test func columnBoundSeesWhatOverlapDoesNot() throws {
        let p = SMPTSPInstance(tasks: [(0, 60), (100, 160), (200, 260)], qualifications: [[0], [1], [2], [0]])
        let c = SMPTSPReader.makeCase(p, name: "three apart")
        let ix = PlanningIndex(c)
        #expect(Headcount.overlapBound(ix, levels: [0, 0, 0, 3]) == 1)
        var cm = CompactModel(ix)
        cm.hold(.slots(.normal), atLeast: 3)
        let seed = cm.point(assignments: [.init(0, 0), .init(1, 1), .init(2, 2)], onCall: [])
        #expect(cm.model.maxViolation(seed) < 1e-6)
        let out = try #require(
            ColumnBound(ix).upperBound(
                level: .fewestSitters, held: [(.slots(.normal), 3)], seed: seed, cm: cm))
        #expect(out.bound == -3)
        #expect(out.value == -3)
    }

    /// The column bound never exceeds what a schedule reaches (it is an upper
    /// bound of minus the count), and on planted instances the headcount finds
    /// the planted count and proves it.
    @Test(arguments: [UInt64(11), 12, 13, 14])
    func plantedOptimumFoundAndProven(_ seed: UInt64) throws {
        let (p, planted) = Self.planted(workers: 5, extra: 4, seed: seed)
        let c = SMPTSPReader.makeCase(p, name: "planted \(seed)")
        var o = HeadcountOptions()
        o.timeLimit = 60
        let r = try HeadcountPlanner().minimise(c, options: o)
        #expect(r.lowerBound <= r.count)
        #expect(r.count <= planted)
        #expect(r.count == r.lowerBound, "count \(r.count), bound \(r.lowerBound)")
        #expect(r.isOptimal)
        // Every task covered, by exactly the sitters listed, and the verifier agrees.
        #expect(r.schedule.assignments.count == p.tasks.count)
        #expect(Set(r.schedule.assignments.map(\.sitter)) == Set(r.sitters))
        #expect(ScheduleVerifier(c).violations(of: r.schedule).isEmpty)
    }

    /// The master's elastic columns keep a dive generating: a bound is still
    /// given when the seed reaches less than the held level (the LP with them is
    /// a relaxation, so the bound may only be weaker, never wrong).
    @Test func elasticColumnsNeverInSchedules() throws {
        let (p, planted) = Self.planted(workers: 3, extra: 2, seed: 21)
        let c = SMPTSPReader.makeCase(p, name: "elastic")
        let ix = PlanningIndex(c)
        var cm = CompactModel(ix)
        cm.hold(.slots(.normal), atLeast: p.tasks.count)
        // A seed that covers nothing: the held row is broken by it.
        let seed = cm.point(assignments: [], onCall: [])
        let out = try #require(
            ColumnBound(ix).upperBound(
                level: .fewestSitters, held: [(.slots(.normal), p.tasks.count)], seed: seed, cm: cm))
        // No schedule needs more than the planted workers: the bound on minus the count is at least minus that.
        #expect(out.bound != Int.max && -out.bound <= planted)
        // From nothing, the search still reaches a schedule covering every task.
        let point = try #require(out.point)
        #expect(cm.model.maxViolation(point) < 1e-6)
        #expect(-cm.value(of: .fewestSitters, at: point) >= -out.bound)
    }
}
