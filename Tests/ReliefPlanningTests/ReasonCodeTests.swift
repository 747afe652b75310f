import ReliefCore
import ReliefTestSupport
import Testing

/// Every unfilled visit and unstaffed shift carries reasons; each case here is
/// made to produce one code of the contract.
@Suite("Reason codes of unfilled visits and unstaffed shifts")
struct ReasonCodeTests {
    /// One sitter S1 (north), one visit V1 on Tuesday 10:00-12:00 for F1 (north).
    static func base() -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00")]
        return b
    }

    static func codes(_ b: CaseBuilder, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String]? {
        let s = try solve(b, sourceLocation: sourceLocation)
        #expect(s.levels == levels(), sourceLocation: sourceLocation)
        #expect(s.missing("V1") == 1, sourceLocation: sourceLocation)
        return s.unfilledCodes("V1")
    }

    @Test("no-competency")
    func noCompetency() throws {
        var b = Self.base()
        b.visits[0].competencies = ["autism"]
        #expect(try Self.codes(b) == ["no-competency"])
    }

    @Test("no-credential")
    func noCredential() throws {
        var b = Self.base()
        b.visits[0].credentials = ["gtube"]
        #expect(try Self.codes(b) == ["no-credential"])
    }

    @Test("no-territory")
    func noTerritory() throws {
        var b = Self.base()
        b.territories = ["north", "south"]
        b.travel = [("north", "south", 10)]
        b.families = [FamilySpec(id: "F1", territory: "south")]
        #expect(try Self.codes(b) == ["no-territory"])
    }

    @Test("excluded")
    func excluded() throws {
        var b = Self.base()
        b.families = [FamilySpec(id: "F1", excludedSitters: ["S1"])]
        #expect(try Self.codes(b) == ["excluded"])
    }

    @Test("not-available")
    func notAvailable() throws {
        var b = Self.base()
        b.sitters[0].availability = [("2026-11-23T08:00", "2026-11-23T16:00")]
        #expect(try Self.codes(b) == ["not-available"])
    }

    @Test("trainee-only")
    func traineeOnly() throws {
        var b = Self.base()
        b.sitters[0].trainee = true
        #expect(try Self.codes(b) == ["trainee-only"])
    }

    @Test("capacity: the only eligible sitter is on an urgent visit")
    func capacity() throws {
        var b = Self.base()
        b.visits.append(VisitSpec(id: "U1", start: "2026-11-24T11:00", end: "2026-11-24T13:00", priority: "urgent"))
        let s = try solve(b)
        #expect(s.levels == levels(urgent: 1))
        #expect(s.unfilledCodes("V1") == ["capacity"])
    }

    @Test("capacity: the only eligible sitter reached the day limit")
    func capacityDayLimit() throws {
        var b = Self.base()
        b.sitters[0].maxMinutesPerDay = 120
        b.visits.append(VisitSpec(id: "H1", start: "2026-11-24T14:00", end: "2026-11-24T16:00", priority: "high"))
        let s = try solve(b)
        #expect(s.levels == levels(high: 1))
        #expect(s.unfilledCodes("V1") == ["capacity"])
    }

    @Test("the funnel's first failing rule is the one reported")
    func funnelOrder() throws {
        // S1 lacks the competency and is also excluded: no-competency comes first in the funnel.
        var b = Self.base()
        b.visits[0].competencies = ["autism"]
        b.families = [FamilySpec(id: "F1", excludedSitters: ["S1"])]
        #expect(try Self.codes(b) == ["no-competency"])
    }

    @Test(
        "a 2-sitter visit whose second position no one else may take names the rule, not capacity"
    )
    func halfFilledNamesTheRule() throws {
        // S1 has autism and is on V1; S2 lacks autism. Nothing ranks higher than V1, so `capacity`
        // ("eligible sitters exist but are all used by assignments that rank higher") is not why
        // the second position is empty: no second sitter has the competency.
        var b = Self.base()
        b.sitters = [SitterSpec(id: "S1", competencies: ["autism"]), SitterSpec(id: "S2")]
        b.visits[0].sitters = 2
        b.visits[0].competencies = ["autism"]
        let s = try solve(b)
        #expect(s.levels == levels(normal: 1))
        #expect(s.missing("V1") == 1)
        #expect(s.unfilledCodes("V1")?.contains("no-competency") == true)
    }

    // MARK: - Shifts

    static func shiftBase() -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", onCall: OnCallSpec())]
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00")]
        return b
    }

    static func shiftCodes(_ b: CaseBuilder, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String]? {
        let s = try solve(b, sourceLocation: sourceLocation)
        #expect(s.levels.onCallMinutes == 0, sourceLocation: sourceLocation)
        #expect(s.missingStaff("OC1") == 1, sourceLocation: sourceLocation)
        return s.unstaffedCodes("OC1")
    }

    @Test("shift: not-on-call")
    func shiftNotOnCall() throws {
        var b = Self.shiftBase()
        b.sitters[0].onCall = nil
        #expect(try Self.shiftCodes(b) == ["not-on-call"])
    }

    @Test("shift: no-competency")
    func shiftNoCompetency() throws {
        var b = Self.shiftBase()
        b.shifts[0].competencies = ["crisis-support"]
        #expect(try Self.shiftCodes(b) == ["no-competency"])
    }

    @Test("shift: no-credential")
    func shiftNoCredential() throws {
        var b = Self.shiftBase()
        b.requiredCredentials = ["first-aid"]
        b.sitters[0].credentials = [("first-aid", "2026-11-22")]
        #expect(try Self.shiftCodes(b) == ["no-credential"])
    }

    @Test("shift: not-available")
    func shiftNotAvailable() throws {
        var b = Self.shiftBase()
        b.sitters[0].availability = [("2026-11-23T01:00", "2026-11-23T08:00")]
        #expect(try Self.shiftCodes(b) == ["not-available"])
    }

    @Test("shift: capacity")
    func shiftCapacity() throws {
        var b = Self.shiftBase()
        b.shifts.append(ShiftSpec(id: "OC2", start: "2026-11-23T04:00", end: "2026-11-23T16:00"))
        let s = try solve(b)
        #expect(s.levels == levels(onCall: 720))
        #expect(s.unstaffedCodes("OC1") == ["capacity"])
    }
}
