import ReliefCore
import ReliefTestSupport
import Testing

/// The reasons of an unfilled visit or shift name the rule that really stops each
/// candidate, with the sitters' ids and the numbers (issue 19: V25 and V24).
@Suite("Explanations name the real blocker")
struct ExplanationTests {
    static func details(_ s: Schedule, _ id: String) -> [String] {
        (s.unfilled + s.unstaffedShifts).first { $0.id == id }?.reasons.map(\.detail) ?? []
    }

    @Test("day limit: the one sitter who serves the territory with the competency is named, with her limit (V25)")
    func dayLimitNamed() throws {
        var b = CaseBuilder()
        b.territories = ["north", "south"]
        b.travel = [("north", "south", 20)]
        b.sitters = [
            SitterSpec(id: "S1"), SitterSpec(id: "S2"),
            SitterSpec(id: "S3", home: "south", competencies: ["tdah"]),
            SitterSpec(id: "S4", home: "south", competencies: ["tdah"]),
            SitterSpec(id: "S5", competencies: ["tdah"], maxMinutesPerDay: 480),
        ]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T20:00", competencies: ["tdah"])
        ]
        let s = try solve(b)
        #expect(s.missing("V1") == 1)
        // The codes of the first two reasons stay as they were; the blocker comes after them.
        #expect(s.unfilledCodes("V1") == ["no-competency", "no-territory", "over-limit"])
        let d = Self.details(s, "V1")
        #expect(
            d.last
                == "no sitter can take it: S5 passes every other rule but may work at most 480 min a day; it lasts 720 min"
        )
        #expect(d.first == "no sitter can take it: 2 sitters lack tdah (S1, S2)")
    }

    @Test("week limit: a visit longer than the week limit says which limit, and whose")
    func weekLimitNamed() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", maxMinutesPerWeek: 300)]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T14:00")]
        let s = try solve(b)
        #expect(s.unfilledCodes("V1") == ["over-limit"])
        #expect(
            Self.details(s, "V1") == [
                "no sitter can take it: S1 passes every other rule but may work at most 300 min a week; it lasts 360 min"
            ])
    }

    @Test("day limit reached by other visits: worked minutes, the visit's and the cap")
    func dayLimitReached() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", maxMinutesPerDay: 240)]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T10:00"),
            VisitSpec(id: "H1", start: "2026-11-24T12:00", end: "2026-11-24T15:00", priority: "high"),
        ]
        let s = try solve(b)
        #expect(s.unfilledCodes("V1") == ["capacity"])
        #expect(
            Self.details(s, "V1") == [
                "1 sitter serving north could take it; S1 has 180 min of visits that day; "
                    + "120 more would pass the 240-min day limit"
            ])
    }

    @Test("conflict by travel, not overlap: the named higher-ranked visit, and that travel is the clash")
    func travelConflictNamed() throws {
        var b = CaseBuilder()
        b.territories = ["north", "south"]
        b.travel = [("north", "south", 30)]
        b.sitters = [SitterSpec(id: "S1", territories: ["north", "south"])]
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2", territory: "south")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(
                id: "U1", family: "F2", start: "2026-11-24T12:10", end: "2026-11-24T14:00", priority: "urgent"),
        ]
        let s = try solve(b)
        #expect(s.unfilledCodes("V1") == ["capacity"])
        #expect(
            Self.details(s, "V1") == [
                "1 sitter serving north could take it; S1 is on U1 (urgent), too close to travel between them"
            ])
    }

    @Test("shift limit: the sitter and her limit, in the singular")
    func shiftLimitNamed() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", onCall: OnCallSpec(maxShifts: 1))]
        b.shifts = [
            ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00"),
            ShiftSpec(id: "OC2", start: "2026-11-24T00:00", end: "2026-11-24T06:00"),
        ]
        let s = try solve(b)
        #expect(s.unstaffedCodes("OC2") == ["capacity"])
        #expect(Self.details(s, "OC2") == ["1 sitter could be on call; S1 is at the limit of 1 on-call shift"])
    }

    @Test("expired credential: the sitter is named with the date it lapsed (V24)")
    func expiredCredentialNamed() throws {
        var b = CaseBuilder()
        b.requiredCredentials = ["premiers-soins"]
        b.sitters = [SitterSpec(id: "S1", credentials: [("premiers-soins", "2026-11-01")])]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00")]
        let s = try solve(b)
        #expect(s.unfilledCodes("V1") == ["no-credential"])
        #expect(
            Self.details(s, "V1") == [
                "no sitter can take it: 1 sitter lacks a valid premiers-soins credential through 2026-11-24"
                    + " (S1, expired 2026-11-01)"
            ])
    }
}
