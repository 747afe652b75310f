import Foundation
import Testing

@testable import ReliefCore

/// `scale-demand` on the bundled week (250 visits), and the example scenarios file
/// `Data/quebec-city-week.scenarios.json` read and applied to that week.
@Suite("Scenario scale-demand and the example file")
struct ScenarioScaleTests {
    let week: Case

    init() throws { week = try ScenarioFixture.week() }

    func scaled(_ factor: Double, seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation) throws -> Case {
        let s = Scenario(name: "scale", changes: [.scaleDemand(factor: factor, seed: seed)])
        return try ScenarioApplier.apply(s, index: 0, to: week).get()
    }

    @Test func factorAboveOneAddsCopiesOfTheCasesOwnVisits() throws {
        #expect(week.visits.count == 250)
        let c = try scaled(1.2, seed: 7)
        #expect(c.visits.count == 300)
        #expect(Array(c.visits.prefix(250)) == week.visits)
        let added = c.visits.dropFirst(250)
        #expect(added.map(\.id) == (1...50).map { "SCALE-\($0)" })
        // Each copy is one of the week's visits (a one-week horizon: same day and hours), unassigned.
        for v in added {
            #expect(v.assigned.isEmpty && !v.locked)
            let same = week.visits.contains {
                $0.family == v.family && $0.span == v.span && $0.priority == v.priority && $0.sitters == v.sitters
                    && $0.competencies == v.competencies && $0.credentials == v.credentials
            }
            #expect(same, "\(v.id) copies no visit of the week")
        }
        // 50 copies of 250 visits: each source drawn at most once.
        #expect(Set(added.map { "\($0.family) \($0.span.start.seconds)" }).count >= 45)
    }

    @Test func sameSeedSameCaseOtherSeedOtherCase() throws {
        let a = try scaled(1.2, seed: 7)
        let b = try scaled(1.2, seed: 7)
        let other = try scaled(1.2, seed: 8)
        #expect(a.visits == b.visits)
        #expect(a.visits != other.visits)
        let down = try scaled(0.8, seed: 7)
        #expect(down.visits.count == 200)
        #expect(try scaled(0.8, seed: 7).visits == down.visits)
        #expect(try scaled(0.8, seed: 9).visits != down.visits)
        // Removal keeps the order of the visits that stay.
        let kept = Set(down.visits.map(\.id))
        #expect(week.visits.filter { kept.contains($0.id) } == down.visits)
    }

    @Test func copiesMoveToOtherWeeksOfALongerHorizon() throws {
        var two = week
        two.horizon.end = week.horizon.end.adding(minutes: 7 * 1440)
        let s = Scenario(name: "x", changes: [.scaleDemand(factor: 2, seed: 3)])
        let c = try ScenarioApplier.apply(s, index: 0, to: two).get()
        let added = c.visits.dropFirst(250)
        #expect(added.count == 250)
        let moved = added.filter { $0.span.start >= week.horizon.end }
        #expect(!moved.isEmpty && moved.count < 250)
        #expect(added.allSatisfy { two.horizon.contains($0.span) })
    }

    @Test func splitMixIsTheReferenceGenerator() {
        // First outputs of SplitMix64 seeded with 0 (the reference C implementation).
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func theExampleFileReadsAndAppliesToTheBundledWeek() throws {
        let url = ScenarioFixture.dataDirectory.appendingPathComponent("quebec-city-week.scenarios.json")
        let read = try ScenarioReader.read(data: Data(contentsOf: url), file: url.path, clock: week.clock)
        #expect(read.count >= 4)
        for (i, entry) in read.enumerated() {
            let s = try entry.scenario.get()
            switch ScenarioApplier.apply(s, index: i, to: week) {
            case .success(let c):
                #expect(CaseValidator.check(c).allSatisfy { $0.severity != .error }, "\(s.name)")
            case .failure(let e):
                Issue.record("\(e)")
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: try read.map { ($0.name, try $0.scenario.get()) })
        let flu = try ScenarioApplier.apply(try #require(byName["flu-week"]), index: 3, to: week).get()
        #expect(flu.visits.count == 300)
        let two = try ScenarioApplier.apply(try #require(byName["two-autism-limoilou"]), index: 1, to: week).get()
        #expect(two.sitters.suffix(2).map(\.id) == ["NEW-1", "NEW-2"])
        #expect(two.sitters.suffix(2).allSatisfy { $0.competencies.contains("autism") && $0.territories.contains("limoilou") })
    }
}
