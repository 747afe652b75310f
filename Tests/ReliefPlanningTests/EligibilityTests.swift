import ReliefCore
import ReliefTestSupport
import Testing

/// Hard rule 1, the rest of the funnel: competencies, territories, exclusions,
/// availability (inside the union of the intervals).
@Suite("Eligibility: competencies, territories, exclusions, availability")
struct EligibilityTests {
    static let tuesday = ("2026-11-24T10:00", "2026-11-24T12:00")

    @Test("a visit's competencies: every one, held by the sitter")
    func competencies() throws {
        var b = CaseBuilder()
        b.sitters = [
            SitterSpec(id: "S1", competencies: ["autism"]), SitterSpec(id: "S2", competencies: ["autism", "infant"]),
        ]
        b.visits = [
            VisitSpec(id: "V1", start: Self.tuesday.0, end: Self.tuesday.1, competencies: ["autism", "infant"]),
            VisitSpec(id: "V2", start: Self.tuesday.0, end: Self.tuesday.1, competencies: ["autism"]),
        ]
        let s = try solve(b)
        // Only S2 has both: S2 on V1, S1 on V2.
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") == ["S2"])
        #expect(s.sitters(on: "V2") == ["S1"])
    }

    @Test("an excluded sitter is never assigned to the family")
    func exclusion() throws {
        var b = CaseBuilder()
        b.families = [FamilySpec(id: "F1", excludedSitters: ["S1"])]
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [VisitSpec(id: "V1", start: Self.tuesday.0, end: Self.tuesday.1)]
        let s = try solve(b)
        // Without the exclusion S1 would take it.
        #expect(s.levels == levels())
        #expect(s.unfilledCodes("V1") == ["excluded"])
        b.sitters.append(SitterSpec(id: "S2"))
        let t = try solve(b)
        #expect(t.levels == levels(normal: 1))
        #expect(t.sitters(on: "V1") == ["S2"])
    }

    @Test("an exclusion concerns that family only")
    func exclusionPerFamily() throws {
        var b = CaseBuilder()
        b.families = [FamilySpec(id: "F1", excludedSitters: ["S1"]), FamilySpec(id: "F2")]
        b.sitters = [SitterSpec(id: "S1"), SitterSpec(id: "S2")]
        b.visits = [
            VisitSpec(id: "V1", family: "F1", start: Self.tuesday.0, end: Self.tuesday.1),
            VisitSpec(id: "V2", family: "F2", start: Self.tuesday.0, end: Self.tuesday.1),
        ]
        let s = try solve(b)
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") == ["S2"])
        #expect(s.sitters(on: "V2") == ["S1"])
    }

    static func southVisit(servedBy territories: [String]?) -> CaseBuilder {
        var b = CaseBuilder()
        b.territories = ["north", "south"]
        b.travel = [("north", "south", 15)]
        b.families = [FamilySpec(id: "F2", territory: "south")]
        b.sitters = [SitterSpec(id: "S1", territories: territories)]
        b.visits = [VisitSpec(id: "V1", family: "F2", start: Self.tuesday.0, end: Self.tuesday.1)]
        return b
    }

    @Test("territories default to the home territory; a listed territory is served")
    func territories() throws {
        let home = try solve(Self.southVisit(servedBy: nil))
        #expect(home.levels == levels())
        #expect(home.unfilledCodes("V1") == ["no-territory"])
        #expect(try solve(Self.southVisit(servedBy: ["north", "south"])).levels == levels(normal: 1))
    }

    static func available(_ spans: [(String, String)]) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", availability: spans)]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T11:00", end: "2026-11-24T13:00")]
        return b
    }

    @Test("two touching availability intervals cover a visit spanning both")
    func availabilityUnion() throws {
        // 08:00-12:00 and 12:00-16:00 (listed out of order): their union covers 11:00-13:00.
        let s = try solve(
            Self.available([("2026-11-24T12:00", "2026-11-24T16:00"), ("2026-11-24T08:00", "2026-11-24T12:00")]))
        #expect(s.levels == levels(normal: 1))
        // Overlapping intervals merge too.
        let o = try solve(
            Self.available([("2026-11-24T08:00", "2026-11-24T12:30"), ("2026-11-24T12:00", "2026-11-24T16:00")]))
        #expect(o.levels == levels(normal: 1))
    }

    @Test("a one-minute hole in the availability keeps the sitter off the visit")
    func availabilityGap() throws {
        let s = try solve(
            Self.available([("2026-11-24T08:00", "2026-11-24T12:00"), ("2026-11-24T12:01", "2026-11-24T16:00")]))
        #expect(s.levels == levels())
        #expect(s.unfilledCodes("V1") == ["not-available"])
    }

    @Test("availability must cover the visit to its end")
    func availabilityEnd() throws {
        #expect(try solve(Self.available([("2026-11-24T11:00", "2026-11-24T13:00")])).levels == levels(normal: 1))
        #expect(try solve(Self.available([("2026-11-24T11:00", "2026-11-24T12:59")])).levels == levels())
        #expect(try solve(Self.available([])).levels == levels())
    }
}
