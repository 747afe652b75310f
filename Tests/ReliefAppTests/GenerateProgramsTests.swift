import Foundation
import ReliefCore
import ReliefRender
import ReliefSamples
import Testing

/// `relief generate --programs`: deterministic, the week itself the plain case's, the mix
/// of weeks.md (a third in tdah, everyone in general, ledgers, standing requests behind the
/// week's visits, usual weeks that give back this week's availability).
@Suite("relief generate --programs")
struct GenerateProgramsTests {
    static func options(seed: UInt64, programs: Bool, scarce: Bool = false) -> CaseGenerator.Options {
        var o = CaseGenerator.Options()
        (o.sitters, o.visits, o.seed, o.programs, o.scarce) = (20, 90, seed, programs, scarce)
        return o
    }

    static func text(_ o: CaseGenerator.Options) -> String { CaseWriter.json(CaseGenerator.generate(o)).serialized() }

    @Test(arguments: [UInt64(1), 7, 48])
    func aSeedGivesTheSameCaseTwice(_ seed: UInt64) {
        let o = Self.options(seed: seed, programs: true, scarce: seed == 7)
        let (a, b) = (Self.text(o), Self.text(o))
        #expect(a == b)
        #expect(a != Self.text(Self.options(seed: seed + 1, programs: true, scarce: seed == 7)))
    }

    @Test(arguments: [UInt64(1), 7])
    func theWeekIsThePlainOnesWithTheFieldsOfWeeksMd(_ seed: UInt64) throws {
        let plain = CaseGenerator.generate(Self.options(seed: seed, programs: false))
        let c = CaseGenerator.generate(Self.options(seed: seed, programs: true))
        #expect(c.name == plain.name + " programs")
        func stripped(_ c: Case) -> Case {
            var c = c
            c.name = plain.name
            c.programs = []
            c.standing = []
            for i in c.families.indices { (c.families[i].programs, c.families[i].ledger) = ([], []) }
            for i in c.visits.indices { c.visits[i].program = nil }
            for i in c.sitters.indices { c.sitters[i].weeklyAvailability = [] }
            return c
        }
        #expect(CaseWriter.json(stripped(c)).serialized() == CaseWriter.json(plain).serialized())
        #expect(c.programs.map(\.id) == ["tdah", "general"])
        #expect(c.families.allSatisfy { $0.programs.contains("general") })
        let adhd = c.families.filter { $0.programs.contains("tdah") }.count
        #expect(adhd == (c.families.count + 1) / 3)
        #expect(c.families.filter { !$0.ledger.isEmpty }.allSatisfy { $0.ledger.count == 4 })
        let shares = Set(c.families.flatMap(\.ledger).map { $0.servedMinutes * 10 / max(1, $0.requestedMinutes) })
        #expect(shares.count >= 4, "served shares vary: \(shares.sorted())")
        #expect(c.standing.count >= c.visits.count * 3 / 4)
        let (checked, diagnostics) = CaseValidator.checked(c)
        #expect(checked != nil, "\(diagnostics.filter { $0.severity == .error })")
    }

    /// The usual week read from this week's availability gives it back on this week's dates.
    @Test func theUsualWeekGivesBackThisWeeksAvailability() throws {
        let c = CaseGenerator.generate(Self.options(seed: 3, programs: true))
        let week = NextWeek.Week(c.clock, c.horizon)
        for s in c.sitters {
            #expect(!s.weeklyAvailability.isEmpty, "\(s.id)")
            #expect(NextWeek.availability(s.weeklyAvailability, in: week) == s.availability, "\(s.id)")
        }
    }

    /// Every weekly request gives this week's visit of the same family at the same local times.
    @Test func standingRequestsGiveThisWeeksVisitsBack() {
        let c = CaseGenerator.generate(Self.options(seed: 5, programs: true))
        let again = NextWeek.visits(c.standing, in: NextWeek.Week(c.clock, c.horizon))
        #expect(again.count == c.standing.count)
        let byID = Dictionary(uniqueKeysWithValues: c.visits.map { ($0.id, $0) })
        for v in again {
            let source = byID[String(v.id.dropFirst(2).dropLast(11))]
            #expect(source?.span == v.span && source?.family == v.family && source?.program == v.program, "\(v.id)")
        }
    }
}

/// `relief simulate`'s table: nearest-rank percentiles, French by default.
@Suite("Simulation table")
struct SimulationTableTests {
    @Test func nearestRank() {
        #expect(SimulationWeek.nearestRank([], 0.5) == nil)
        #expect(SimulationWeek.nearestRank([0.1, 0.2, 0.3, 0.4], 0.5) == 0.2)
        #expect(SimulationWeek.nearestRank([0.1, 0.2, 0.3, 0.4, 0.5], 0.5) == 0.3)
        let eleven = (0...10).map { Double($0) / 10 }
        #expect(SimulationWeek.nearestRank(eleven, 0.1) == 0.1)
        #expect(SimulationWeek.nearestRank([0.7], 0.1) == 0.7)
    }
}
