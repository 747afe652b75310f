import Foundation
import LinearProgramming
import ReliefCore
import Testing

@testable import ReliefPlanning

/// The ejection searches of the headcount (`Headcount.fullCover`, `Headcount.fewerSitters`)
/// on planted SMPTSP instances, against a brute force over the workers.
@Suite struct HeadcountEjectionTests {
    /// Whether a schedule of pairs covers every visit once, each by an eligible sitter
    /// holding no two overlapping visits.
    static func isCover(_ ix: PlanningIndex, _ asg: Set<PlanningIndex.Pair>) -> Bool {
        let c = ix.theCase
        guard asg.count == c.visits.count, Set(asg.map(\.item)).count == c.visits.count else { return false }
        for q in asg where !ix.visitEligible[q.item].contains(q.sitter) { return false }
        for s in c.sitters.indices {
            let spans = asg.filter { $0.sitter == s }.map { c.visits[$0.item].span }.sorted { $0.start < $1.start }
            for (a, b) in zip(spans, spans.dropFirst()) where a.end > b.start { return false }
        }
        return true
    }

    /// From nothing assigned, the ejection search fills every task; then empties
    /// workers down to the fewest the brute force finds.
    @Test(arguments: [UInt64(31), 32, 33, 34, 35, 36])
    func fillThenFewestAsBruteForce(_ seed: UInt64) throws {
        let (p, planted) = HeadcountColumnTests.planted(workers: 3, extra: 4, seed: seed)
        let c = SMPTSPReader.makeCase(p, name: "ejection \(seed)")
        let ix = PlanningIndex(c)
        let full = try #require(
            Headcount.fullCover(ix, assignments: [], onCall: [], control: SolveControl(), steps: 1_000_000))
        #expect(Self.isCover(ix, full.assignments))
        let fewest = HeadcountCoverTests.bruteForce(p)
        #expect(fewest <= planted)
        let start = Set(full.assignments.map(\.sitter)).count
        let fewer = Headcount.fewerSitters(
            ix, assignments: full.assignments, onCall: [], floor: 0, control: SolveControl(), steps: 1_000_000)
        let asg = fewer?.assignments ?? full.assignments
        #expect(Self.isCover(ix, asg))
        #expect(Set(asg.map(\.sitter)).count == fewest, "start \(start), brute force \(fewest)")
    }
}
