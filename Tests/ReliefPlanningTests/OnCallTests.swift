import ReliefCore
import ReliefTestSupport
import Testing

/// Hard rule 5 and the on-call eligibility of the contract: `onCall` present and
/// eligible, shift competencies from `competencies` plus `onCall.competencies`,
/// `maxShifts`.
@Suite("On-call: eligibility, competencies, maxShifts")
struct OnCallTests {
    /// Monday: OC1 00:00-08:00 (480), OC2 08:00-20:00 (720), OC3 20:00-Tue 00:00 (240).
    static let monday = [
        ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00"),
        ShiftSpec(id: "OC2", start: "2026-11-23T08:00", end: "2026-11-23T20:00"),
        ShiftSpec(id: "OC3", start: "2026-11-23T20:00", end: "2026-11-24T00:00"),
    ]

    @Test("maxShifts 1: the sitter takes the longest shift only")
    func maxShiftsOne() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", onCall: OnCallSpec(maxShifts: 1))]
        b.shifts = Self.monday
        let s = try solve(b)
        // Without the limit the three touching shifts give 1440; with it, the 720-minute OC2.
        #expect(s.levels == levels(onCall: 720))
        #expect(s.people(on: "OC2") == ["S1"])
        #expect(s.unstaffedCodes("OC1") == ["capacity"])

        b.sitters[0].onCall = OnCallSpec()
        #expect(try solve(b).levels == levels(onCall: 1440))
    }

    @Test("maxShifts 2 and maxShifts 0 side by side")
    func maxShiftsTwoAndZero() throws {
        var b = CaseBuilder()
        b.sitters = [
            SitterSpec(id: "S1", onCall: OnCallSpec(maxShifts: 2)),
            SitterSpec(id: "S2", onCall: OnCallSpec(maxShifts: 0)),
        ]
        b.shifts = Self.monday
        let s = try solve(b)
        // S2 may take none; S1 the two longest: 720 + 480.
        #expect(s.levels == levels(onCall: 1200))
        #expect(s.onCall.allSatisfy { $0.sitter == "S1" })
        #expect(s.missingStaff("OC3") == 1)
    }

    @Test("onCall.competencies count for on-call only")
    func onCallCompetencies() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", onCall: OnCallSpec(competencies: ["crisis-support"]))]
        b.shifts = [
            ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00", competencies: ["crisis-support"])
        ]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", competencies: ["crisis-support"])
        ]
        let s = try solve(b)
        // The on-call competency staffs OC1 (480) but does not qualify S1 for the visit.
        #expect(s.levels == levels(onCall: 480))
        #expect(s.unfilledCodes("V1") == ["no-competency"])

        // Without it, the shift cannot be staffed.
        b.sitters[0].onCall = OnCallSpec()
        let t = try solve(b)
        #expect(t.levels == levels())
        #expect(t.unstaffedCodes("OC1") == ["no-competency"])
    }

    @Test("the sitter's own competencies count for on-call too")
    func ownCompetenciesCount() throws {
        var b = CaseBuilder()
        b.sitters = [
            SitterSpec(id: "S1", competencies: ["crisis-support"], onCall: OnCallSpec(competencies: ["other"]))
        ]
        b.shifts = [
            ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00", competencies: ["crisis-support"])
        ]
        #expect(try solve(b).levels == levels(onCall: 480))
    }

    @Test("no onCall, or onCall.eligible false: never on call")
    func notEligible() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1"), SitterSpec(id: "S2", onCall: OnCallSpec(eligible: false))]
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00")]
        let s = try solve(b)
        #expect(s.levels == levels())
        #expect(s.unstaffedCodes("OC1") == ["not-on-call"])
    }

    @Test("an on-call person is available for the whole shift")
    func availableWholeShift() throws {
        var b = CaseBuilder()
        b.sitters = [
            SitterSpec(id: "S1", availability: [("2026-11-23T00:00", "2026-11-23T07:59")], onCall: OnCallSpec())
        ]
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00")]
        let s = try solve(b)
        #expect(s.levels == levels())
        #expect(s.unstaffedCodes("OC1") == ["not-available"])
        b.sitters[0].availability = [("2026-11-23T00:00", "2026-11-23T08:00")]
        #expect(try solve(b).levels == levels(onCall: 480))
    }
}
