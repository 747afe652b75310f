import Foundation
import LinearProgramming
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// `relief whatif --min-staff` on small planted SMPTSP instances where the column
/// search and GLPK get no room (one dive step, one branch-and-cut node): the fewest
/// workers must come from filling every task and emptying workers (the ejection
/// searches), and be proven by the overlap bound; checked against a brute force.
@Suite struct HeadcountCoverTests {
    /// The fewest workers covering every task, by brute force: the subsets of each size
    /// in turn, each tried by a depth-first search over the tasks in start order (a
    /// worker may take a task when it is qualified and its last task has ended).
    static func bruteForce(_ p: SMPTSPInstance) -> Int {
        let order = p.tasks.indices.sorted { (p.tasks[$0].start, $0) < (p.tasks[$1].start, $1) }
        let can = p.qualifications.map(Set.init)
        func covers(_ subset: [Int]) -> Bool {
            var lastEnd = [Int](repeating: Int.min, count: subset.count)
            var dead = Set<[Int]>()
            func place(_ k: Int) -> Bool {
                if k == order.count { return true }
                let key = [k] + lastEnd
                if dead.contains(key) { return false }
                let t = order[k]
                for (i, w) in subset.enumerated() where can[w].contains(t) && lastEnd[i] <= p.tasks[t].start {
                    let saved = lastEnd[i]
                    lastEnd[i] = p.tasks[t].end
                    if place(k + 1) { return true }
                    lastEnd[i] = saved
                }
                dead.insert(key)
                return false
            }
            return place(0)
        }
        func subsets(_ n: Int, _ k: Int, from: Int = 0) -> [[Int]] {
            if k == 0 { return [[]] }
            guard from < n else { return [] }
            return subsets(n, k - 1, from: from + 1).map { [from] + $0 } + subsets(n, k, from: from + 1)
        }
        let n = p.qualifications.count
        for k in 0...n where subsets(n, k).contains(where: covers) { return k }
        return Int.max
    }

    @Test(arguments: [UInt64(41), 42, 43, 44, 45, 46])
    func fewestWithoutColumnSearch(_ seed: UInt64) throws {
        let (p, _) = HeadcountColumnTests.planted(workers: 4, extra: 4, seed: seed)
        let c = SMPTSPReader.makeCase(p, name: "cover \(seed)")
        var o = HeadcountOptions()
        o.timeLimit = 600
        o.work.diveSteps = 1
        o.work.branchAndCutNodes = 1
        o.ejectionSteps = 200_000
        let r = try HeadcountPlanner().minimise(c, options: o)
        let fewest = Self.bruteForce(p)
        #expect(r.count == fewest, "count \(r.count), bound \(r.lowerBound), base \(r.baseCount)")
        #expect(r.isOptimal)
        #expect(r.schedule.assignments.count == p.tasks.count)
        #expect(Set(r.schedule.assignments.map(\.sitter)) == Set(r.sitters))
        #expect(ScheduleVerifier(c).violations(of: r.schedule).isEmpty)
    }

    /// SMPTSP data_17 (139 tasks, 23 workers qualified for two thirds of them; optimum 20,
    /// the most tasks at one instant): with one dive step and one branch-and-cut node the
    /// column search and GLPK stay at the base's 23 (22 at 30 s of the column search, before
    /// the ejection searches); filling and emptying reach 20 and the overlap bound proves it.
    @Test func data17ReachesItsOptimumWithoutColumnSearch() throws {
        let path = PackageTree.url("Tests/ReliefEndToEndTests/Fixtures/smptsp/data_17_23_139_66.dat").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let p = try SMPTSPReader.parse(text, file: path).get()
        let c = SMPTSPReader.makeCase(p, name: "data_17")
        var o = HeadcountOptions()
        o.timeLimit = 600
        o.work.diveSteps = 1
        o.work.branchAndCutNodes = 1
        let started = Date()
        let r = try HeadcountPlanner().minimise(c, options: o)
        #expect(r.count == 20, "count \(r.count), bound \(r.lowerBound), \(Date().timeIntervalSince(started)) s")
        #expect(r.lowerBound == 20)
        #expect(r.isOptimal)
        #expect(r.schedule.assignments.count == p.tasks.count)
        #expect(ScheduleVerifier(c).violations(of: r.schedule).isEmpty)
    }
}
